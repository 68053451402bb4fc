import { z } from "zod";
import { isIsoDate } from "~/http/params";
import { leftOutAsEmpty, parseForm, type FieldErrors } from "~/http/parse-form";
import { badRequest } from "~/http/errors.server";
import type { ChangedBy } from "~/models/audit.server";
import { changeProposalStatus, createProposal, getProposal, type Proposal } from "~/models/proposal.server";
import { listNotes, listThemes } from "~/models/workshop-note.server";
import { getWorkshop } from "~/models/workshop.server";
import type { StaffUser } from "~/models/staff.server";
import { checkStatusChange, PROPOSAL_STATUSES, type ProposalStatus } from "~/workshops/rules";
import { canSeeWorkshop } from "./staff.server";

export const statusSchema = z.object({
  proposalId: z.coerce.number().int().positive(),
  status: z.string(),
  // Optional and clearable: a status change may say nothing more.
  comment: leftOutAsEmpty(z.string().max(20_000)),
});

export const proposalFieldsSchema = z.object({
  title: z.string().trim().min(1, "errProposalTitle").max(200, "errProposalTitle"),
  what: z.string().trim().min(1, "errProposalWhat").max(2000, "errProposalWhat"),
  // Optional and clearable: who and by when may be decided later.
  who: leftOutAsEmpty(z.string().trim().max(200, "errProposalWho")),
  dueOn: leftOutAsEmpty(
    z
      .string()
      .trim()
      .refine((v) => v === "" || isIsoDate(v), "errProposalDue")
      .transform((v) => (v === "" ? null : v)),
  ),
});

/** A new proposal also names what it came from: a theme or a note of the session, or nothing. */
export const newProposalSchema = proposalFieldsSchema.extend({ source: leftOutAsEmpty(z.string()) });

export type ProposalFieldErrors = FieldErrors<z.output<typeof newProposalSchema>>;

/** The status form of a proposal, or null when it was not one (a 400: the page never sends that). */
export function parseStatusForm(form: URLSearchParams) {
  const parsed = parseForm(form, statusSchema);
  return parsed.ok ? parsed.value : null;
}

/** The fields as typed, cut to a size worth sending back into the form after an error. */
export function typedProposalFields(form: URLSearchParams): Record<string, string> {
  return Object.fromEntries(
    ["title", "what", "who", "dueOn", "source"].map((k) => [k, (form.get(k) ?? "").slice(0, 4000)]),
  );
}

/** What a new proposal may come from: the session's themes, and its visible notes outside the critique phase. */
export async function proposalSources(workshopId: number) {
  const [notes, themes] = await Promise.all([
    listNotes({ workshopId, includeHidden: false }),
    listThemes({ workshopId }),
  ]);
  return [
    ...themes.map((th) => ({ value: `theme:${th.id}`, label: `${th.title}`, text: th.title })),
    ...notes
      .filter((n) => n.phase !== "kritik")
      .map((n) => ({
        value: `note:${n.id}`,
        label: n.text.length > 80 ? `${n.text.slice(0, 79)}…` : n.text,
        text: n.text,
      })),
  ];
}

/**
 * A new proposal of a session from its form: field errors to show, or the new id. A source the session does not
 * have is a 400, as only a hand-made request sends one. Created with its audit entry in one transaction.
 */
export async function createSessionProposal({
  workshopId,
  form,
  by,
}: {
  workshopId: number;
  form: URLSearchParams;
  by: ChangedBy;
}): Promise<{ ok: true; id: number } | { ok: false; errors: ProposalFieldErrors }> {
  const parsed = parseForm(form, newProposalSchema);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const { source, ...fields } = parsed.value;
  if (source !== "" && !(await proposalSources(workshopId)).some((o) => o.value === source)) throw badRequest();
  const [kind, rawId] = source.split(":");
  const id = await createProposal({
    workshopId,
    noteId: kind === "note" ? Number(rawId) : null,
    themeId: kind === "theme" ? Number(rawId) : null,
    ...fields,
    createdBy: by.actor.id,
    by,
  });
  return { ok: true, id };
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
