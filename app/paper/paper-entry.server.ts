import { randomUUID } from "node:crypto";
import type { Locale } from "~/i18n/locale";
import { surveys as surveyStrings } from "~/i18n/strings/surveys";
import type { Campaign } from "~/models/campaign.server";
import type { ChangedBy } from "~/models/audit.server";
import { isParticipantCode } from "~/privacy/participant-code";
import { participantCodeHmac } from "~/privacy/participant-code.server";
import { campaignState } from "~/surveys/campaign-state";
import { currentSurvey } from "~/surveys/registry.server";
import { storeSurveyResponse } from "~/surveys/store-response.server";
import { compiledSurvey, validateAnswers } from "~/surveys/validate.server";
import { paperQuestions, readPaperForm, type PaperQuestion } from "./paper-form.server";
import { surveyWithoutObligation } from "./survey-without-obligation.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export interface PaperSurvey {
  versionId: number;
  json: Record<string, unknown>;
  questions: PaperQuestion[];
}

/** The survey of a campaign as it is now, laid out for paper entry; null when its file is gone. */
export async function paperSurveyOf(campaign: Campaign, locale: Locale): Promise<PaperSurvey | null> {
  const survey = await currentSurvey(campaign.surveyKey);
  if (!survey) return null;
  const flow = { versionId: survey.versionId, json: survey.json };
  return { ...flow, questions: paperQuestions(flow, locale) };
}

/** Why a campaign takes no paper questionnaires now, or null when it does. */
export function paperEntryRefusal(campaign: Campaign, { imported }: { imported: boolean }) {
  if (imported) return "errImported" as const;
  if (campaignState(campaign) === "not-yet-open") return "errNotYetOpen" as const;
  return null;
}

export const newFormToken = () => randomUUID();

export type PaperEntryResult =
  | { ok: true; id: string; status: "stored" | "duplicate"; ignored: number }
  | {
      ok: false;
      /** A key of the paper strings for the whole form, and messages per question. */
      formError: "errForm" | "errEmpty" | "errToken" | "errCode";
      errors: Record<string, string>;
      echo: Record<string, string[]>;
    };

/**
 * One paper questionnaire typed in by staff, stored exactly as a web submission is: the answers are read against
 * the question's options, checked by the compiled survey (survey-core decides conditions; answers to questions
 * the person's own answers hide are left out), then stored through the same write queue with channel "paper",
 * the free text going to the feedback inbox, and the audit entry in the same transaction. The form's token is
 * the response id, so a double submit stores one response.
 */
export async function enterPaperResponse({
  campaign,
  survey,
  form,
  locale,
  by,
}: {
  campaign: Campaign;
  survey: PaperSurvey;
  form: URLSearchParams;
  locale: Locale;
  by: ChangedBy;
}): Promise<PaperEntryResult> {
  const t = surveyStrings[locale];
  const reading = readPaperForm(survey.questions, form, locale);
  const fail = (formError: Extract<PaperEntryResult, { ok: false }>["formError"], errors = reading.errors) => ({
    ok: false as const,
    formError,
    errors,
    echo: {
      ...reading.echo,
      participantCode: [(form.get("participantCode") ?? "").slice(0, 40)],
      locale: [form.get("locale") === "en" ? "en" : "sv"],
    },
  });
  const id = (form.get("token") ?? "").trim().toLowerCase();
  if (!UUID.test(id)) return fail("errToken");
  if (Object.keys(reading.errors).length > 0) return fail("errForm");

  let codeHmac: string | null = null;
  const code = (form.get("participantCode") ?? "").trim();
  if (campaign.mode === "participant_code" && code) {
    if (!isParticipantCode(code)) return fail("errCode", { participantCode: t.apiParticipantCode });
    codeHmac = participantCodeHmac(code);
  }

  const rules = surveyWithoutObligation(survey.versionId, survey.json);
  const result = validateAnswers({ survey: rules, answers: reading.answers, locale, messages: t });
  if (!result.ok) {
    const errors: Record<string, string> = {};
    for (const e of result.errors) if (e.question) errors[e.question] ??= e.message;
    return fail("errForm", errors);
  }
  const given = Object.keys(reading.answers).filter((k) => !k.endsWith("-Comment"));
  const kept = Object.keys(result.answers).filter((k) => !k.endsWith("-Comment"));
  if (kept.length === 0) return fail("errEmpty", {});

  const status = await storeSurveyResponse({
    id,
    campaign,
    versionId: survey.versionId,
    // The web's compiled survey: which questions feed the feedback inbox and the quoting consent.
    compiled: compiledSurvey(survey.versionId, survey.json),
    answers: result.answers,
    rows: result.rows,
    locale: form.get("locale") === "en" ? "en" : "sv",
    channel: "paper",
    staffAssisted: false,
    participantCodeHmac: codeHmac,
    // Typed in after the campaign closed: the questionnaire was filled in while it was open.
    late: campaignState(campaign) === "closed",
    audit: {
      ...by,
      action: "response.paper",
      entityType: "campaign",
      entityId: campaign.id,
      details: { response: id, answers: kept.length, ignored: given.length - kept.length },
    },
  });
  return { ok: true, id, status, ignored: given.length - kept.length };
}
