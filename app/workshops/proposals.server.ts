import { z } from "zod";
import { isIsoDate } from "~/http/params";
import { changeProposalStatus, getProposal, type Proposal } from "~/models/proposal.server";
import { getWorkshop } from "~/models/workshop.server";
import type { StaffUser } from "~/models/staff.server";
import { checkStatusChange, PROPOSAL_STATUSES, type ProposalStatus } from "~/workshops/rules";
import { canSeeWorkshop } from "./staff.server";

export const statusSchema = z.object({
  proposalId: z.coerce.number().int().positive(),
  status: z.string(),
  comment: z.string().max(20_000),
});

export const proposalFieldsSchema = z.object({
  title: z.string().trim().min(1, "errProposalTitle").max(200, "errProposalTitle"),
  what: z.string().trim().min(1, "errProposalWhat").max(2000, "errProposalWhat"),
  who: z.string().trim().max(200, "errProposalWho"),
  dueOn: z
    .string()
    .trim()
    .refine((v) => v === "" || isIsoDate(v), "errProposalDue"),
});

export type ProposalFieldErrors = Partial<Record<"title" | "what" | "who" | "dueOn", string>>;

export function parseProposalFields(
  form: URLSearchParams,
):
  | { ok: true; value: { title: string; what: string; who: string; dueOn: string | null } }
  | { ok: false; errors: ProposalFieldErrors } {
  const parsed = proposalFieldsSchema.safeParse({
    title: form.get("title") ?? "",
    what: form.get("what") ?? "",
    who: form.get("who") ?? "",
    dueOn: form.get("dueOn") ?? "",
  });
  if (!parsed.success) {
    const errors: ProposalFieldErrors = {};
    for (const issue of parsed.error.issues) errors[issue.path[0] as keyof ProposalFieldErrors] ??= issue.message;
    return { ok: false, errors };
  }
  return { ok: true, value: { ...parsed.data, dueOn: parsed.data.dueOn === "" ? null : parsed.data.dueOn } };
}

/** The proposal, if this person may see the session it came from. */
export async function visibleProposal(staff: StaffUser, id: number): Promise<Proposal | null> {
  const proposal = await getProposal({ id });
  if (!proposal) return null;
  const workshop = await getWorkshop({ id: proposal.workshopId });
  return workshop && canSeeWorkshop(staff, workshop) ? proposal : null;
}

export type StatusChangeResult = { ok: true } | { ok: false; error: "errStatus" | "errReason" | "errComment" };

/** Checks the rule (a reason for "ej genomförbar"), records who, when and the comment, and audits it. */
export async function applyStatusChange({
  staff,
  proposal,
  status,
  comment,
  ip,
}: {
  staff: StaffUser;
  proposal: Proposal;
  status: string;
  comment: string;
  ip: string;
}): Promise<StatusChangeResult> {
  const trimmed = comment.trim();
  const checked = checkStatusChange(status, trimmed);
  if (!checked.ok)
    return {
      ok: false,
      error:
        checked.problem === "reasonRequired" ? "errReason" : checked.problem === "tooLong" ? "errComment" : "errStatus",
    };
  await changeProposalStatus({
    id: proposal.id,
    status: status as ProposalStatus,
    comment: trimmed,
    changedBy: staff.id,
    by: { actor: staff, ip, from: proposal.status },
  });
  return { ok: true };
}

export { PROPOSAL_STATUSES };
