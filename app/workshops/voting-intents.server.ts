import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { badRequest, notFound, refuseLeftOutFields } from "~/http/errors.server";
import { parseForm } from "~/http/parse-form";
import { format } from "~/i18n/define";
import { workshopStaff } from "~/i18n/strings/workshops";
import type { ChangedBy } from "~/models/audit.server";
import type { Workshop } from "~/models/workshop.server";
import { createPaperParticipant, getParticipant, listPaperParticipants } from "~/models/workshop-participant.server";
import {
  castVote,
  closeVoting,
  getOpenVoting,
  openVoting,
  votingBelongs,
  withdrawVote,
  type VoteResult,
} from "~/models/workshop-vote.server";
import { MAX_DOTS, VOTING_TARGETS } from "./rules";

/**
 * What the facilitator does on a session's voting page (`/staff/workshops/:id/voting`): one function per intent.
 * Every change is written with its audit entry in one transaction (the model functions take `by`).
 */
const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open"), target: z.enum(VOTING_TARGETS), dots: z.string() }),
  z.object({ intent: z.literal("close"), votingId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("add-paper") }),
  z.object({
    intent: z.enum(["vote", "unvote"]),
    participantId: z.coerce.number().int().positive(),
    itemType: z.enum(["theme", "note"]),
    itemId: z.coerce.number().int().positive(),
  }),
]);

/** What the page shows after an intent: a message key of `workshopStaff`, and whose ballot it was about. */
export type VotingResult = { intent: string; ok: boolean; message: string; paperId?: number };

type Input = z.infer<typeof schema>;
type Of<I extends Input["intent"]> = Extract<Input, { intent: I }>;
interface Context {
  workshop: Workshop;
  staffId: number;
  by: ChangedBy;
}

const done = (intent: string, message: string, paperId?: number): VotingResult => ({
  intent,
  ok: true,
  message,
  paperId,
});
const refused = (intent: string, message: string, status: number, paperId?: number) =>
  data<VotingResult>({ intent, ok: false, message, paperId }, { status });

export async function votingIntent(form: URLSearchParams, ctx: Context) {
  const parsed = parseForm(form, schema);
  refuseLeftOutFields(parsed);
  if (!parsed.ok) throw badRequest();
  const input = parsed.value;
  if (ctx.workshop.phase === "avslutad" && input.intent !== "close") return refused(input.intent, "errEnded", 409);
  switch (input.intent) {
    case "open":
      return open(ctx, input);
    case "close":
      return close(ctx, input);
    case "add-paper":
      return addPaper(ctx);
    case "vote":
    case "unvote":
      return placeForPaper(ctx, input);
  }
}

async function open({ workshop, staffId, by }: Context, input: Of<"open">) {
  const dots = Number(input.dots);
  if (!Number.isInteger(dots) || dots < 1 || dots > MAX_DOTS) return refused(input.intent, "errDots", 422);
  await openVoting({ workshopId: workshop.id, target: input.target, dots, openedBy: staffId, by });
  return done(input.intent, "votingOpened");
}

async function close({ workshop, by }: Context, input: Of<"close">) {
  if (!(await closeVoting({ id: input.votingId, workshopId: workshop.id, by }))) {
    // Another session's voting is none of this page's business; a double click on one already closed is harmless.
    if (!(await votingBelongs({ id: input.votingId, workshopId: workshop.id }))) throw notFound();
  }
  return done(input.intent, "votingClosed");
}

/** A participant without a phone gets a ballot the facilitator fills in for them. */
async function addPaper({ workshop }: Context) {
  const n = (await listPaperParticipants({ workshopId: workshop.id })).length + 1;
  const p = await createPaperParticipant({
    workshopId: workshop.id,
    nickname: format(workshopStaff.sv.paperName, { n }),
  });
  return redirect(`/staff/workshops/${workshop.id}/voting?for=${p.id}`);
}

async function placeForPaper({ workshop, staffId, by }: Context, input: Of<"vote" | "unvote">) {
  const participant = await getParticipant({ id: input.participantId });
  if (!participant || participant.workshopId !== workshop.id || participant.kind !== "paper") throw notFound();
  const open = await getOpenVoting({ workshopId: workshop.id });
  if (!open) return refused(input.intent, "errVoteClosed", 409, participant.id);
  const vote = { votingId: open.id, participantId: participant.id, itemType: input.itemType, itemId: input.itemId };
  const votedBy = { ...by, workshopId: workshop.id };
  const result =
    input.intent === "vote"
      ? await castVote({ ...vote, castBy: staffId, by: votedBy })
      : await withdrawVote({ ...vote, by: votedBy });
  if (!result.ok) return refused(input.intent, problemMessage(result), 409, participant.id);
  return done(input.intent, "saved", participant.id);
}

function problemMessage(result: Extract<VoteResult, { ok: false }>): string {
  switch (result.problem) {
    case "noDotsLeft":
      return "errNoDotsLeft";
    case "closed":
      return "errVoteClosed";
    default:
      return "errUnknownItem";
  }
}
