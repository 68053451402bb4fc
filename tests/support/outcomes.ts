import { randomUUID } from "node:crypto";
import { insertResponses } from "~/models/response.server";
import { participantCodeHmac } from "~/privacy/participant-code.server";
import { surveys as strings } from "~/i18n/strings/surveys";
import { currentSurvey } from "~/surveys/registry.server";
import { compiledSurvey, validateAnswers } from "~/surveys/validate.server";

export interface FixtureResponse {
  answers: Record<string, unknown>;
  code?: string;
  channel?: "phone" | "kiosk" | "staff";
  submittedAt?: string;
}

/** Stores responses as a submission would (validated, answer rows), straight through the model. */
export async function storeResponses(campaignId: number, items: FixtureResponse[], surveyKey = "brukarenkat") {
  const survey = (await currentSurvey(surveyKey))!;
  const compiled = compiledSurvey(survey.versionId, survey.json);
  const records = items.map((item, i) => {
    const result = validateAnswers({ survey: compiled, answers: item.answers, locale: "sv", messages: strings.sv });
    if (!result.ok) throw new Error(`fixture response ${i} is invalid: ${JSON.stringify(result.errors)}`);
    return {
      id: randomUUID(),
      campaignId,
      surveyVersionId: survey.versionId,
      submittedAt: item.submittedAt ?? new Date(Date.UTC(2025, 3, 1, 10, 0, i)).toISOString(),
      locale: "sv",
      channel: item.channel ?? ("phone" as const),
      staffAssisted: false,
      participantCodeHmac: item.code ? participantCodeHmac(item.code) : null,
      answers: result.answers,
      rows: result.rows,
    };
  });
  await insertResponses(records);
}

/** n answer sets, person i getting `pick(i)`. */
export function people(n: number, pick: (i: number) => Record<string, unknown>): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => pick(i));
}
