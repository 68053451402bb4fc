/** The phases of a Future Workshop (Jungk), in order. The facilitator may move forwards and back. */
export const PHASES = ["forberedelse", "kritik", "fantasi", "forverkligande", "avslutad"] as const;
export type Phase = (typeof PHASES)[number];

/** Phases in which participants write notes. */
export const WRITING_PHASES = ["kritik", "fantasi", "forverkligande"] as const satisfies readonly Phase[];
export type WritingPhase = (typeof WRITING_PHASES)[number];

export const NOTE_MAX_LENGTH = 300;
export const NICKNAME_MAX_LENGTH = 30;
export const DEFAULT_DOTS = 5;
export const MAX_DOTS = 20;

export const VOTING_TARGETS = ["critique_themes", "fantasy_notes"] as const;
export type VotingTarget = (typeof VOTING_TARGETS)[number];

export const PROPOSAL_STATUSES = ["foreslagen", "planerad", "pagar", "genomford", "ej_genomforbar"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export function isPhase(value: unknown): value is Phase {
  return typeof value === "string" && (PHASES as readonly string[]).includes(value);
}

export function isWritingPhase(value: unknown): value is WritingPhase {
  return typeof value === "string" && (WRITING_PHASES as readonly string[]).includes(value);
}

export function isProposalStatus(value: unknown): value is ProposalStatus {
  return typeof value === "string" && (PROPOSAL_STATUSES as readonly string[]).includes(value);
}

export function nextPhase(phase: Phase): Phase | null {
  const i = PHASES.indexOf(phase);
  return i < PHASES.length - 1 ? PHASES[i + 1] : null;
}

export function previousPhase(phase: Phase): Phase | null {
  const i = PHASES.indexOf(phase);
  return i > 0 ? PHASES[i - 1] : null;
}

export type NoteTextProblem = "empty" | "tooLong";

/** A note as it is kept: line ends made one, and trimmed. */
const noteText = (raw: string) => raw.replace(/\r\n?/g, "\n").trim();

/** How many characters a note counts against `NOTE_MAX_LENGTH`, as the check counts them (the phone's counter too). */
export function noteTextLength(raw: string): number {
  return [...noteText(raw)].length;
}

/** Trims and checks a note; whitespace runs inside are kept as the person typed them. */
export function checkNoteText(
  raw: string,
): { ok: true; text: string } | { ok: false; problem: NoteTextProblem; length: number } {
  const text = noteText(raw);
  if (text === "") return { ok: false, problem: "empty", length: 0 };
  const length = noteTextLength(text);
  if (length > NOTE_MAX_LENGTH) return { ok: false, problem: "tooLong", length };
  return { ok: true, text };
}

/** A status change to "ej genomförbar" needs a reason; others may have an empty comment. */
export function checkStatusChange(
  status: string,
  comment: string,
): { ok: true } | { ok: false; problem: "status" | "reasonRequired" | "tooLong" } {
  if (!isProposalStatus(status)) return { ok: false, problem: "status" };
  if (comment.length > 1000) return { ok: false, problem: "tooLong" };
  if (status === "ej_genomforbar" && comment.trim() === "") return { ok: false, problem: "reasonRequired" };
  return { ok: true };
}

/** Items ranked by dots, most first; ties keep their original order. */
export function rankByDots<T extends { dots: number }>(items: T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => b.item.dots - a.item.dots || a.index - b.index)
    .map(({ item }) => item);
}
