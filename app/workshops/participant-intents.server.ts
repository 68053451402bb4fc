import { z } from "zod";
import { ensureDeviceParticipant, setNickname } from "~/models/workshop-participant.server";
import { addParticipantNote } from "~/models/workshop-note.server";
import { castVote, getOpenVoting, withdrawVote } from "~/models/workshop-vote.server";
import type { Workshop } from "~/models/workshop.server";
import { checkNoteText, NICKNAME_MAX_LENGTH } from "./rules";
import { isNoteLimitProblem } from "./note-limits";
import type { ParticipantResult } from "./participant-result";

/**
 * What a participant's phone sends on `/w/CODE`: one function per intent, each returning the result the page
 * shows and its HTTP status. The route reads the form and the device token, then calls `participantIntent`.
 */
const noteSchema = z.object({ intent: z.literal("note"), phase: z.string().max(20), text: z.string() });
const nicknameSchema = z.object({ intent: z.literal("nickname"), nickname: z.string() });
const voteSchema = z.object({
  intent: z.enum(["vote", "unvote"]),
  votingId: z.coerce.number().int().positive(),
  itemType: z.enum(["theme", "note"]),
  itemId: z.coerce.number().int().positive(),
});
export const participantIntents = z.discriminatedUnion("intent", [
  noteSchema,
  nicknameSchema,
  voteSchema.extend({ intent: z.literal("vote") }),
  voteSchema.extend({ intent: z.literal("unvote") }),
]);
export type ParticipantInput = z.infer<typeof participantIntents>;

type Reply = { result: ParticipantResult; status: number };
const reply = (result: ParticipantResult, status = 200): Reply => ({ result, status });

export function participantIntent(
  workshop: Workshop,
  token: string,
  input: ParticipantInput,
  /** The client address (TRUST_PROXY-aware), for the per-address note limit; only a keyed hash is stored. */
  address = "unknown",
): Promise<Reply> {
  if (workshop.phase === "avslutad")
    return Promise.resolve(
      reply(
        { intent: input.intent, ok: false, problem: "ended", text: input.intent === "note" ? input.text : undefined },
        410,
      ),
    );
  if (input.intent === "note") return noteIntent(workshop, token, input, address);
  if (input.intent === "nickname") return nicknameIntent(workshop, token, input);
  return voteIntent(workshop, token, input);
}

async function noteIntent(
  workshop: Workshop,
  token: string,
  input: z.infer<typeof noteSchema>,
  address: string,
): Promise<Reply> {
  const checked = checkNoteText(input.text);
  if (!checked.ok)
    return reply(
      { intent: "note", ok: false, problem: checked.problem, length: checked.length, text: input.text.slice(0, 4000) },
      422,
    );
  const result = await addParticipantNote({
    workshopId: workshop.id,
    token,
    phase: input.phase,
    text: checked.text,
    address,
  });
  if (!result.ok)
    return reply(
      { intent: "note", ok: false, problem: result.problem, text: input.text },
      result.problem === "ended" ? 410 : isNoteLimitProblem(result.problem) ? 429 : 409,
    );
  return reply({ intent: "note", ok: true, held: result.held });
}

async function nicknameIntent(
  workshop: Workshop,
  token: string,
  input: z.infer<typeof nicknameSchema>,
): Promise<Reply> {
  const nickname = input.nickname.trim();
  if ([...nickname].length > NICKNAME_MAX_LENGTH)
    return reply({ intent: "nickname", ok: false, problem: "nickname" }, 422);
  const participant = await ensureDeviceParticipant({ workshopId: workshop.id, token });
  await setNickname({ participantId: participant.id, nickname: nickname === "" ? null : nickname });
  return reply({ intent: "nickname", ok: true });
}

async function voteIntent(
  workshop: Workshop,
  token: string,
  input: Extract<ParticipantInput, { intent: "vote" | "unvote" }>,
): Promise<Reply> {
  const open = await getOpenVoting({ workshopId: workshop.id });
  const itemKey = `${input.itemType}:${input.itemId}`;
  const participant = await ensureDeviceParticipant({ workshopId: workshop.id, token });
  if (!open || open.id !== input.votingId) {
    return reply({ intent: input.intent, ok: false, problem: "closed", itemKey }, 409);
  }
  const vote = { votingId: open.id, participantId: participant.id, itemType: input.itemType, itemId: input.itemId };
  const result = input.intent === "vote" ? await castVote(vote) : await withdrawVote(vote);
  if (!result.ok) {
    return reply(
      { intent: input.intent, ok: false, problem: result.problem, remaining: result.remaining, itemKey },
      result.problem === "unknownItem" ? 422 : 409,
    );
  }
  return reply({ intent: input.intent, ok: true, remaining: result.remaining, itemKey });
}
