import { z } from "zod";
import { readCapped } from "~/http/body.server";
import { format } from "~/i18n/define";
import { localeFromCookieHeader, type Locale } from "~/i18n/locale";
import { surveys as surveyStrings } from "~/i18n/strings/surveys";
import type { Campaign } from "~/models/campaign.server";
import { cachedCampaignByCode } from "./campaign-cache.server";
import { responseExists } from "~/models/response.server";
import { storeSurveyResponse } from "./store-response.server";
import { findSurveyVersionByHash } from "~/models/survey-version.server";
import { normalizeJoinCode } from "~/surveys/join-code.server";
import { participantCodeHmac } from "~/privacy/participant-code.server";
import { todayInStockholm } from "~/outcomes/calendar";
import { campaignState } from "./campaign-state";
import { startedWhileOpen } from "./started-token.server";
import { currentSurvey } from "./registry.server";
import { compiledSurvey, validateAnswers, type AnswerError } from "./validate.server";

export const MAX_SUBMISSION_BYTES = 64 * 1024;

const envelope = z.object({
  id: z.string().uuid(),
  answers: z.unknown(),
  locale: z.enum(["sv", "en"]).optional(),
  participantCode: z.string().max(100).optional().nullable(),
  channel: z.enum(["phone", "kiosk", "staff"]).optional(),
  assisted: z.boolean().optional(),
  version: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /** Signed "started while open" from the survey page: lets answers finished offline arrive after the close. */
  started: z.string().max(100).optional(),
  /** A shared tablet's answers so far, sent when the person walked away (only where the survey allows it). */
  partial: z.boolean().optional(),
});

const PARTICIPANT_CODE = /^[\p{L}\p{N}]{4,20}$/u;

export interface SubmissionReply {
  status: number;
  body: Record<string, unknown>;
}

function reply(status: number, body: Record<string, unknown>): SubmissionReply {
  return { status, body };
}

function problem(
  status: number,
  message: string,
  errors: AnswerError[] = [{ question: null, message }],
): SubmissionReply {
  return reply(status, { error: message, errors });
}

/**
 * POST /s/:code with a JSON body (the contract in DESIGN.md), as a web Request: for tests and any host.
 * The server calls `submitSurvey` directly with the bytes it read, which spares the web-stream layers.
 */
export async function handleSurveySubmission(request: Request, rawCode: string): Promise<Response> {
  const bytes =
    Number(request.headers.get("Content-Length") ?? 0) > MAX_SUBMISSION_BYTES
      ? "too-large"
      : await readCapped(request, MAX_SUBMISSION_BYTES);
  const result = await submitSurvey({
    code: rawCode,
    contentType: request.headers.get("Content-Type"),
    cookie: request.headers.get("Cookie"),
    bytes,
  });
  return Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store" } });
}

/**
 * The submission itself. The client's UUID makes a retry safe: the same id again answers 200 "duplicate" and
 * stores nothing. Never throws for bad input.
 */
export async function submitSurvey({
  code: rawCode,
  contentType,
  cookie,
  bytes,
}: {
  code: string;
  contentType: string | null;
  cookie: string | null;
  bytes: Uint8Array | "too-large" | "unreadable";
}): Promise<SubmissionReply> {
  let locale: Locale = localeFromCookieHeader(cookie);
  let t = surveyStrings[locale];
  if (!(contentType ?? "").toLowerCase().startsWith("application/json")) return problem(415, t.apiContentType);
  if (bytes === "too-large") return problem(413, t.apiTooLarge);
  if (bytes === "unreadable") return problem(400, t.apiMalformed);

  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return problem(400, t.apiMalformed);
  }
  if (body && typeof body === "object" && (body as { locale?: unknown }).locale === "en") {
    locale = "en";
    t = surveyStrings.en;
  } else if (body && typeof body === "object" && (body as { locale?: unknown }).locale === "sv") {
    locale = "sv";
    t = surveyStrings.sv;
  }
  const parsed = envelope.safeParse(body);
  if (!parsed.success) {
    const what = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? "body")))].join(", ");
    return problem(400, format(t.apiBadEnvelope, { what }));
  }
  return acceptSurveyAnswers({ rawCode, input: parsed.data, locale });
}

export type SubmissionInput = z.infer<typeof envelope>;

/**
 * Everything after the body is read: campaign, version, participant code, validation by survey-core, storage.
 * The JSON contract and the one-question-per-page form both end here, so they store alike.
 */
export async function acceptSurveyAnswers({
  rawCode,
  input,
  locale,
}: {
  rawCode: string;
  input: SubmissionInput;
  locale: Locale;
}): Promise<SubmissionReply> {
  const t = surveyStrings[locale];
  const campaign = await cachedCampaignByCode(normalizeJoinCode(rawCode));
  if (!campaign) return problem(404, t.apiNotFound);

  const survey = await resolveVersion(campaign, input.version);
  if (!survey) return problem(404, t.apiNotFound);

  const state = campaignState(campaign);
  // A retry of a stored response is answered as such even after the campaign closed, so the device can let go.
  if (state !== "open" && (await responseExists({ id: input.id.toLowerCase() })))
    return reply(200, { id: input.id.toLowerCase(), status: "duplicate" });
  const late =
    state === "closed" &&
    startedWhileOpen({ token: input.started, campaign, responseId: input.id, today: todayInStockholm() });
  if (state === "closed" && !late) return problem(410, t.apiClosed);
  if (state === "not-yet-open") return problem(409, format(t.apiNotYetOpen, { date: campaign.opensOn }));

  let codeHmac: string | null = null;
  const code = input.participantCode?.trim();
  if (campaign.mode === "participant_code" && code) {
    if (!PARTICIPANT_CODE.test(code.replace(/[\s-]/g, "")))
      return problem(422, t.apiParticipantCode, [{ question: "participantCode", message: t.apiParticipantCode }]);
    codeHmac = participantCodeHmac(code);
  }

  const compiled = compiledSurvey(survey.versionId, survey.json);
  const channel =
    campaign.kiosk || input.channel === "kiosk"
      ? "kiosk"
      : input.assisted || input.channel === "staff"
        ? "staff"
        : "phone";
  // Partial answers come only from a shared tablet whose survey takes them (decision 0032).
  const partial = input.partial === true;
  if (partial && !(channel === "kiosk" && compiled.kioskSendsPartial)) return problem(422, t.apiPartialRefused);
  const result = validateAnswers({ survey: compiled, answers: input.answers, locale, messages: t, partial });
  if (!result.ok) return reply(422, { error: result.errors[0]?.message ?? t.apiMalformed, errors: result.errors });
  if (partial && Object.keys(result.answers).length === 0) return problem(422, t.apiPartialEmpty);

  const outcome = await storeSurveyResponse({
    id: input.id.toLowerCase(),
    campaign,
    versionId: survey.versionId,
    compiled,
    answers: result.answers,
    rows: result.rows,
    locale,
    channel,
    staffAssisted: Boolean(input.assisted) || input.channel === "staff",
    participantCodeHmac: codeHmac,
    late,
    partial,
  });
  return reply(outcome === "stored" ? 201 : 200, { id: input.id.toLowerCase(), status: outcome });
}

/** The version the answers were given against: the one the client names, if it is this survey's; else today's file. */
async function resolveVersion(campaign: Campaign, hash: string | undefined) {
  const current = await currentSurvey(campaign.surveyKey);
  if (hash && current?.hash !== hash) {
    const old = await findSurveyVersionByHash({ hash });
    if (old && old.surveyKey === campaign.surveyKey) return { versionId: old.id, json: old.json, hash: old.hash };
  }
  return current ? { versionId: current.versionId, json: current.json, hash: current.hash } : null;
}
