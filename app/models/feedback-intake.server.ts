import type { Knex } from "knex";
import { db, nowIso } from "~/db.server";
import { detectRisk } from "~/privacy/risk-words";
import { insertRows, type BulkValue } from "~/models/bulk-insert.server";

export type FeedbackSource = "form" | "survey" | "workshop" | "staff";

export const FEEDBACK_MAX_LENGTH = 10_000;

export interface FeedbackIntake {
  source: FeedbackSource;
  /** Unique within the source; the same ref twice stores one row. */
  sourceRef?: string | null;
  programId?: number | null;
  activityId?: number | null;
  text: string;
  consentToQuote: boolean;
  consentNote?: string | null;
  contact?: string | null;
  createdBy?: number | null;
  createdAt?: string;
}

const flagReason = (matches: { word: string }[]) =>
  matches
    .map((m) => m.word)
    .join(", ")
    .slice(0, 500);

/** The risk word scan, done when an item arrives, so the inbox only reads: the flag is set once, at intake. */
function riskColumns(text: string, now: string) {
  const risk = detectRisk(text);
  return {
    risk_scanned_at: now,
    ...(risk.flagged
      ? {
          flagged: true,
          flagged_at: now,
          flag_reason: flagReason(risk.matches),
        }
      : {}),
  };
}

/**
 * The one way free text enters the feedback inbox. Idempotent on (source, sourceRef): a retried
 * survey submission or a note sent twice gives one item. Returns the item's id.
 */
export async function recordFeedback(input: FeedbackIntake, trx: Knex = db): Promise<{ id: number; created: boolean }> {
  const text = input.text.trim();
  if (text === "") throw new Error("empty feedback");
  if (input.sourceRef) {
    const existing: { id: number } | undefined = await trx("feedback")
      .where({ source: input.source, source_ref: input.sourceRef })
      .first("id");
    if (existing) return { id: existing.id, created: false };
  }
  const [{ id }] = await trx("feedback")
    .insert({
      source: input.source,
      source_ref: input.sourceRef ?? null,
      program_id: input.programId ?? null,
      activity_id: input.activityId ?? null,
      text: text.slice(0, FEEDBACK_MAX_LENGTH),
      consent_to_quote: input.consentToQuote,
      consent_note: input.consentNote ?? null,
      contact: input.contact ?? null,
      created_by: input.createdBy ?? null,
      status: "ny",
      created_at: input.createdAt ?? nowIso(),
      ...riskColumns(text, nowIso()),
    })
    .returning("id");
  return { id, created: true };
}

/** An item already there (same source and ref) is skipped. */
export const FEEDBACK_ON_CONFLICT = "on conflict (source, source_ref) do nothing";

export const FEEDBACK_COLUMNS = [
  "source",
  "source_ref",
  "program_id",
  "activity_id",
  "text",
  "consent_to_quote",
  "consent_note",
  "contact",
  "created_by",
  "status",
  "created_at",
  "risk_scanned_at",
  "flagged",
  "flagged_at",
  "flag_reason",
];

/** Many items in one statement, inside the caller's transaction; items already there (same source and ref) are skipped. */
export async function recordFeedbackMany(items: FeedbackIntake[], trx: Knex = db): Promise<void> {
  // One statement for the batch (the survey write queue's group commit stores one item per response).
  await insertRows(trx, "feedback", FEEDBACK_COLUMNS, feedbackRows(items), FEEDBACK_ON_CONFLICT);
}

/** The feedback table's values of `items`, in `FEEDBACK_COLUMNS` order, risk words scanned; empty texts left out. */
export function feedbackRows(items: FeedbackIntake[]): BulkValue[][] {
  const now = nowIso();
  return items
    .filter((i) => i.text.trim() !== "")
    .map((input): BulkValue[] => {
      const risk = detectRisk(input.text);
      return [
        input.source,
        input.sourceRef ?? null,
        input.programId ?? null,
        input.activityId ?? null,
        input.text.trim().slice(0, FEEDBACK_MAX_LENGTH),
        input.consentToQuote,
        input.consentNote ?? null,
        input.contact ?? null,
        input.createdBy ?? null,
        "ny",
        input.createdAt ?? nowIso(),
        now,
        risk.flagged,
        risk.flagged ? now : null,
        risk.flagged ? flagReason(risk.matches) : null,
      ];
    });
}
