import { z } from "zod";
import { requireStaff } from "~/auth/guards.server";
import { rolesFor } from "~/auth/capabilities";
import { notFound } from "~/http.server";
import { getWorkshop, listWorkshops, type Workshop } from "~/models/workshop.server";
import type { StaffUser } from "~/models/staff.server";

export function requireWorkshopStaff(request: Request): Promise<StaffUser> {
  return requireStaff(request, { roles: rolesFor("workshops") });
}

/** A session belongs to a programme; staff see those of their programmes and those without one. */
export function canSeeWorkshop(staff: StaffUser, workshop: Pick<Workshop, "programId">): boolean {
  return workshop.programId === null || staff.programIds.includes(workshop.programId);
}

export function parseId(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
  return id;
}

/** Every staff workshop loader and action starts here: the guard, then the session, or 404. */
export async function requireStaffWorkshop(request: Request, rawId: string | undefined): Promise<{ staff: StaffUser; workshop: Workshop }> {
  const staff = await requireWorkshopStaff(request);
  const workshop = await getWorkshop({ id: parseId(rawId) });
  if (!workshop || !canSeeWorkshop(staff, workshop)) throw notFound();
  return { staff, workshop };
}

export async function visibleWorkshops(staff: StaffUser): Promise<Workshop[]> {
  return (await listWorkshops()).filter((w) => canSeeWorkshop(staff, w));
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!isoDate.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
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
): { ok: true; value: { title: string; heldOn: string; place: string; programId: number | null; followsIds: number[] } } | { ok: false; errors: WorkshopFormErrors } {
  const parsed = workshopFormSchema.safeParse({
    title: form.get("title") ?? "",
    heldOn: form.get("heldOn") ?? "",
    place: form.get("place") ?? "",
    programId: form.get("programId") ?? "",
    followsIds: form.getAll("followsIds"),
  });
  const errors: WorkshopFormErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path[0] as keyof WorkshopFormErrors] ??= issue.message;
    return { ok: false, errors };
  }
  const v = parsed.data;
  const programId = v.programId === "" ? null : Number(v.programId);
  if (programId !== null && !programIds.includes(programId)) errors.programId = "errProgram";
  const followsIds = v.followsIds.map(Number);
  if (followsIds.some((id) => !workshopIds.includes(id))) errors.followsIds = "errFollows";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { title: v.title, heldOn: v.heldOn, place: v.place, programId, followsIds } };
}
