import { recordFeedbackMany, type FeedbackIntake } from "~/models/feedback-intake.server";
import { audit, type AuditInput } from "~/models/audit.server";
import {
  insertResponses,
  insertSubmissions,
  markPartial,
  type AnswerRow,
  type NewResponse,
  type ResponseChannel,
} from "~/models/response.server";
import type { CompiledSurvey } from "./validate.server";
import { WriteQueue } from "./write-queue.server";

export interface ResponseToStore {
  id: string;
  campaign: { id: number; programId: number; activityId: number | null; title: string };
  versionId: number;
  compiled: CompiledSurvey;
  answers: Record<string, unknown>;
  rows: AnswerRow[];
  submittedAt?: string;
  locale: string;
  channel: ResponseChannel;
  staffAssisted: boolean;
  participantCodeHmac: string | null;
  late?: boolean;
  /** A shared tablet's answers so far, sent when the person walked away (decision 0032): stored without answer rows. */
  partial?: boolean;
  /** Written in the same transaction, only when the response is really stored (staff entering a paper form). */
  audit?: AuditInput;
}

/** The free text of a response that goes to the feedback inbox, with quoting consent from the survey's consent question. */
function feedbackOf(r: ResponseToStore, submittedAt: string): FeedbackIntake[] {
  const consent = r.compiled.consentQuestion ? r.answers[r.compiled.consentQuestion] === "ja" : false;
  return r.compiled.feedbackQuestions.flatMap((question) => {
    const text = r.answers[question];
    if (typeof text !== "string" || text.trim() === "") return [];
    return [
      {
        source: "survey" as const,
        sourceRef: `response:${r.id}:${question}`,
        programId: r.campaign.programId,
        activityId: r.campaign.activityId,
        text,
        consentToQuote: consent,
        consentNote: consent ? `Samtycke i enkäten "${r.campaign.title}"` : null,
        createdAt: submittedAt,
      },
    ];
  });
}

async function writeBatch(items: ResponseToStore[]): Promise<("stored" | "duplicate")[]> {
  const records: (NewResponse & { source: ResponseToStore })[] = items.map((r) => {
    const submittedAt = r.submittedAt ?? new Date().toISOString();
    return {
      id: r.id,
      campaignId: r.campaign.id,
      surveyVersionId: r.versionId,
      submittedAt,
      locale: r.locale,
      channel: r.channel,
      staffAssisted: r.staffAssisted,
      participantCodeHmac: r.participantCodeHmac,
      late: Boolean(r.late),
      answers: r.answers,
      // A partial response has no answer rows, so the outcome figures (built on them) never count it.
      rows: r.partial ? [] : r.rows,
      source: r,
    };
  });
  // Most batches are phones' and tablets' complete answers: one script on SQLite (decision 0052). Paper entries
  // (their audit entry) and walked-away answers (the partial mark) join the general path's transaction.
  if (records.every((r) => !r.source.audit && !r.source.partial))
    return insertSubmissions(records, (r) => feedbackOf((r as (typeof records)[number]).source, r.submittedAt));
  return insertResponses(records, async (inserted, trx) => {
    const feedback = (inserted as typeof records).flatMap((r) => feedbackOf(r.source, r.submittedAt));
    if (feedback.length > 0) await recordFeedbackMany(feedback, trx);
    for (const r of inserted as typeof records) if (r.source.audit) await audit(r.source.audit, trx);
    await markPartial(
      (inserted as typeof records).filter((r) => r.source.partial).map((r) => r.id),
      trx,
    );
  });
}

const queue = new WriteQueue(writeBatch);

/**
 * Stores a validated response and, in the same transaction, its free text tagged `"feedback": true` for the
 * feedback inbox. Concurrent calls share transactions (group commit); the same id twice stores one response.
 */
export function storeSurveyResponse(response: ResponseToStore): Promise<"stored" | "duplicate"> {
  return queue.push(response);
}
