import { recordFeedback } from "~/models/feedback-intake.server";
import { insertResponse } from "~/models/response.server";
import type { AnswerRow } from "~/models/response.server";
import type { CompiledSurvey } from "./validate.server";

/**
 * Stores a validated response and, in the same transaction, sends its free text tagged `"feedback": true`
 * to the feedback inbox, with quoting consent from the survey's consent question.
 */
export async function storeSurveyResponse({
  id,
  campaign,
  versionId,
  compiled,
  answers,
  rows,
  submittedAt = new Date().toISOString(),
  locale,
  channel,
  staffAssisted,
  participantCodeHmac,
}: {
  id: string;
  campaign: { id: number; programId: number; activityId: number | null; title: string };
  versionId: number;
  compiled: CompiledSurvey;
  answers: Record<string, unknown>;
  rows: AnswerRow[];
  submittedAt?: string;
  locale: string;
  channel: "phone" | "kiosk" | "staff";
  staffAssisted: boolean;
  participantCodeHmac: string | null;
}): Promise<"stored" | "duplicate"> {
  const consent = compiled.consentQuestion ? answers[compiled.consentQuestion] === "ja" : false;
  return insertResponse(
    { id, campaignId: campaign.id, surveyVersionId: versionId, submittedAt, locale, channel, staffAssisted, participantCodeHmac, answers, rows },
    async (trx) => {
      for (const question of compiled.feedbackQuestions) {
        const text = answers[question];
        if (typeof text !== "string" || text.trim() === "") continue;
        await recordFeedback(
          {
            source: "survey",
            sourceRef: `response:${id}:${question}`,
            programId: campaign.programId,
            activityId: campaign.activityId,
            text,
            consentToQuote: consent,
            consentNote: consent ? `Samtycke i enkäten "${campaign.title}"` : null,
            createdAt: submittedAt,
          },
          trx,
        );
      }
    },
  );
}
