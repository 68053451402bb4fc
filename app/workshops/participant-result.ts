/** What the participant page's action answers, for every intent; the page shows it beside the form it came from. */
export type ParticipantResult = {
  intent: "note" | "nickname" | "vote" | "unvote" | "unknown";
  ok: boolean;
  problem?: string;
  text?: string;
  length?: number;
  remaining?: number;
  itemKey?: string;
  /** The note waits for the facilitator's review before it shows. */
  held?: boolean;
};
