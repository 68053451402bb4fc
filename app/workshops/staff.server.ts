import { z } from "zod";
import { requireStaff } from "~/auth/guards.server";
import { rolesFor } from "~/auth/capabilities";
import { inScope, recordScope } from "~/auth/scope";
import { isIsoDate, parseId } from "~/http/params";
import { notFound } from "~/http/errors.server";
import { parseForm } from "~/http/parse-form";
import { getWorkshop, listWorkshops, listWorkshopsByIds, type Workshop } from "~/models/workshop.server";
import type { StaffUser } from "~/models/staff.server";

export function requireWorkshopStaff(request: Request): Promise<StaffUser> {
  return requireStaff(request, { roles: rolesFor("workshops") });
}

/** A session belongs to a programme; admins see all, others those of their programmes and those without one. */
export function canSeeWorkshop(
  staff: Pick<StaffUser, "role" | "programIds">,
  workshop: Pick<Workshop, "programId">,
): boolean {
  return inScope(recordScope(staff, "shared"), workshop.programId);
}

/** Every staff workshop loader and action starts here: the guard, then the session, or 404. */
export async function requireStaffWorkshop(
  request: Request,
  rawId: string | undefined,
): Promise<{ staff: StaffUser; workshop: Workshop }> {
  const staff = await requireWorkshopStaff(request);
  const workshop = await getWorkshop({ id: parseId(rawId) });
  if (!workshop || !canSeeWorkshop(staff, workshop)) throw notFound();
  return { staff, workshop };
}

export async function visibleWorkshops(staff: StaffUser): Promise<Workshop[]> {
  return listWorkshops({ scope: recordScope(staff, "shared") });
}

/** The workshops among `ids` this staff member may see (the sessions one follows up). */
export async function visibleWorkshopsByIds(staff: StaffUser, ids: number[]): Promise<Workshop[]> {
  return listWorkshopsByIds({ ids, scope: recordScope(staff, "shared") });
}

export const workshopFormSchema = z.object({
  title: z.string().trim().min(1, "errTitle").max(200, "errTitle"),
  heldOn: z.string().trim().refine(isIsoDate, "errDate"),
  place: z.string().trim().max(200, "errPlace"),
  programId: z.string().trim(),
  followsIds: z.array(z.string()),
});

export type WorkshopFormErrors = Partial<Record<"title" | "heldOn" | "place" | "programId" | "followsIds", string>>;

/** Reads the session form; programme and follow-ups must be ones this person may pick. */
export function parseWorkshopForm(
  form: URLSearchParams,
  { programIds, workshopIds }: { programIds: number[]; workshopIds: number[] },
):
  | {
      ok: true;
      value: { title: string; heldOn: string; place: string; programId: number | null; followsIds: number[] };
    }
  | { ok: false; errors: WorkshopFormErrors } {
  const parsed = parseForm(form, workshopFormSchema);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const errors: WorkshopFormErrors = {};
  const v = parsed.value;
  const programId = v.programId === "" ? null : Number(v.programId);
  if (programId !== null && !programIds.includes(programId)) errors.programId = "errProgram";
  const followsIds = v.followsIds.map(Number);
  if (followsIds.some((id) => !workshopIds.includes(id))) errors.followsIds = "errFollows";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { title: v.title, heldOn: v.heldOn, place: v.place, programId, followsIds } };
}
