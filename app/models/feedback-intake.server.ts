import type { Knex } from "knex";
import { db, nowIso } from "~/db.server";
import { detectRisk } from "~/privacy/risk-words";

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

/** The risk word scan, done when an item arrives, so the inbox only reads: the flag is set once, at intake. */
function riskColumns(text: string, now: string) {
  const risk = detectRisk(text);
  return {
    risk_scanned_at: now,
    ...(risk.flagged
      ? {
          flagged: true,
          flagged_at: now,
          flag_reason: risk.matches
            .map((m) => m.word)
            .join(", ")
            .slice(0, 500),
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

/** Many items in one statement, inside the caller's transaction; items already there (same source and ref) are skipped. */
export async function recordFeedbackMany(items: FeedbackIntake[], trx: Knex = db): Promise<void> {
  const now = nowIso();
  const rows = items
    .filter((i) => i.text.trim() !== "")
    .map((input) => ({
      ...riskColumns(input.text, now),
      source: input.source,
      source_ref: input.sourceRef ?? null,
      program_id: input.programId ?? null,
      activity_id: input.activityId ?? null,
      text: input.text.trim().slice(0, FEEDBACK_MAX_LENGTH),
      consent_to_quote: input.consentToQuote,
      consent_note: input.consentNote ?? null,
      contact: input.contact ?? null,
      created_by: input.createdBy ?? null,
      status: "ny",
      created_at: input.createdAt ?? nowIso(),
    }));
  for (let i = 0; i < rows.length; i += 200) {
    await trx("feedback")
      .insert(rows.slice(i, i + 200))
      .onConflict(["source", "source_ref"])
      .ignore();
  }
}
