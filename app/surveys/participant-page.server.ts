import { randomUUID } from "node:crypto";
import { z } from "zod";
import { readForm } from "~/http/body.server";
import { format } from "~/i18n/define";
import { localeFromRequest, type Locale } from "~/i18n/locale";
import { surveys as surveyStrings } from "~/i18n/strings/surveys";
import { findCampaignByCode, type Campaign } from "~/models/campaign.server";
import { findSurveyVersionByHash } from "~/models/survey-version.server";
import { todayInStockholm } from "~/outcomes/calendar";
import { campaignState } from "./campaign-state";
import { normalizeJoinCode } from "./join-code.server";
import {
  firstQuestionName,
  fullForesight,
  landing,
  questionExists,
  questionPage,
  takeStep,
  type FlowSurvey,
} from "./question-flow.server";
import type { FlowState, QuestionPage } from "./question-view";
import { currentSurvey } from "./registry.server";
import { fieldsFromForm } from "./step-input";
import { startedToken } from "./started-token.server";
import { acceptSurveyAnswers, MAX_SUBMISSION_BYTES } from "./submission.server";

/** What the participant's survey page shows: one question, or where the person stands. */
export type SurveyView =
  | QuestionPage
  | { kind: "thanks" }
  | { kind: "closed" }
  | { kind: "not-yet-open"; opensOn: string }
  | { kind: "rejected"; message: string }
  | { kind: "empty" };

export interface SurveyPageData {
  code: string;
  title: string;
  locale: Locale;
  kiosk: boolean;
  /** Shown above the first question only. */
  intro: { minutes: number; withParticipantCode: boolean; participantCodeError: string | null } | null;
  view: SurveyView;
  /** On a shared tablet: whether a person's answers so far are sent when they walk away, or wiped (decision 0032). */
  sendsPartial: boolean;
  /**
   * With scripts: the number the page gave the step it sent, echoed, so it can tell the answer to its latest step
   * from an earlier step's answer arriving late (several steps can be on their way on a slow connection).
   */
  step?: string;
  /**
   * On a shared tablet's first page: fresh starts (a response id and its "started while open" token) for the next
   * people, used when the tablet has no connection when the next person starts (the page then starts afresh
   * without the server, decision 0032).
   */
  spareStarts?: { id: string; started: string }[];
}

const PARTICIPANT_CODE = /^[\p{L}\p{N}]{4,20}$/u;

const stateSchema = z.object({
  id: z.string().uuid(),
  answers: z.record(z.unknown()),
  version: z.string().regex(/^[0-9a-f]{64}$/),
  participantCode: z.string().max(40).default(""),
  assisted: z.boolean().default(false),
  kiosk: z.boolean().default(false),
  started: z.string().max(100).default(""),
});

export function parseFlowState(raw: string | null): FlowState | null {
  if (!raw) return null;
  try {
    const parsed = stateSchema.safeParse(JSON.parse(raw));
    return parsed.success ? { ...parsed.data, id: parsed.data.id.toLowerCase() } : null;
  } catch {
    return null;
  }
}

interface Found {
  campaign: Campaign;
  survey: FlowSurvey & { hash: string; title: { sv: string; en: string } };
}

async function findSurvey(rawCode: string, versionHash?: string): Promise<Found | null> {
  const campaign = await findCampaignByCode({ code: normalizeJoinCode(rawCode) });
  if (!campaign) return null;
  const current = await currentSurvey(campaign.surveyKey);
  if (!current) return null;
  if (versionHash && versionHash !== current.hash) {
    const old = await findSurveyVersionByHash({ hash: versionHash });
    if (old && old.surveyKey === campaign.surveyKey)
      return { campaign, survey: { versionId: old.id, json: old.json, hash: old.hash, title: current.title } };
  }
  return {
    campaign,
    survey: { versionId: current.versionId, json: current.json, hash: current.hash, title: current.title },
  };
}

function pageTitle({ campaign, survey }: Found, locale: Locale): string {
  if (locale === "sv") return campaign.title;
  return campaign.activityName ? `${survey.title.en} – ${campaign.activityName}` : survey.title.en;
}

function minutesFor(survey: FlowSurvey, locale: Locale): number {
  return Math.max(1, Math.round(landing(survey, locale).total / 3));
}

function shell(found: Found, locale: Locale, kiosk: boolean, view: SurveyView, intro: SurveyPageData["intro"] = null) {
  const sendsPartial = kiosk && found.survey.json.kioskSendsPartial === true;
  return { code: found.campaign.code, title: pageTitle(found, locale), locale, kiosk, sendsPartial, intro, view };
}

function introFor(found: Found, locale: Locale, participantCodeError: string | null = null): SurveyPageData["intro"] {
  return {
    minutes: minutesFor(found.survey, locale),
    withParticipantCode: found.campaign.mode === "participant_code",
    participantCodeError,
  };
}

export type PageResult = { status: number; page: SurveyPageData } | { status: 404; page?: undefined };

/** `GET /s/CODE`: the first question under a short intro, ready to answer with or without scripts. */
export async function surveyLanding(request: Request, rawCode: string): Promise<PageResult> {
  const found = await findSurvey(rawCode);
  if (!found) return { status: 404 };
  const locale = localeFromRequest(request);
  const kiosk = found.campaign.kiosk || new URL(request.url).searchParams.get("kiosk") === "1";
  const state = campaignState(found.campaign);
  if (state === "closed") return { status: 410, page: shell(found, locale, kiosk, { kind: "closed" }) };
  if (state === "not-yet-open")
    return {
      status: 200,
      page: shell(found, locale, kiosk, { kind: "not-yet-open", opensOn: found.campaign.opensOn }),
    };
  const first = landing(found.survey, locale).page;
  if (!first) return { status: 200, page: shell(found, locale, kiosk, { kind: "empty" }) };
  const freshStart = () => {
    const id = randomUUID();
    return { id, started: startedToken({ campaignId: found.campaign.id, responseId: id, day: todayInStockholm() }) };
  };
  const fresh: FlowState = {
    ...freshStart(),
    answers: {},
    version: found.survey.hash,
    participantCode: "",
    assisted: false,
    kiosk,
  };
  const view: QuestionPage = { ...first, state: fresh };
  const page = shell(found, locale, kiosk, view, introFor(found, locale));
  if (!kiosk) return { status: 200, page };
  return { status: 200, page: { ...page, spareStarts: Array.from({ length: KIOSK_SPARE_STARTS }, freshStart) } };
}

/** How many people a shared tablet can start afresh without a connection before it makes its own response ids. */
const KIOSK_SPARE_STARTS = 10;

/**
 * `POST /s/CODE/framat` (scripts only): what lies ahead of the question on screen, for the whole survey, as JSON.
 * The first page and each step's answer see only a few questions ahead, to stay small and cheap; this brings the
 * rest once the page has loaded, so quick taps on "Nästa" never wait. Null when the form's state or question is not
 * one we made.
 */
export async function surveyForesight(request: Request, rawCode: string): Promise<string | null> {
  const read = await readForm(request, { maxBytes: MAX_SUBMISSION_BYTES });
  if (!read.ok) return null;
  const state = parseFlowState(read.form.get("state"));
  const name = read.form.get("question") ?? "";
  const found = state ? await findSurvey(rawCode, state.version) : null;
  if (!found || !state || !questionExists(found.survey, name) || campaignState(found.campaign) !== "open") return null;
  return fullForesight(found.survey, localeFromRequest(request), state, name);
}

/**
 * `POST /s/CODE/svara`: one step of the form ("next", "back", "send", or "resume" from the device's copy).
 * Bad or stale input gets a page that says what to do, never a 500.
 */
export async function surveyStep(request: Request, rawCode: string): Promise<PageResult> {
  const locale = localeFromRequest(request);
  const t = surveyStrings[locale];
  const read = await readForm(request, { maxBytes: MAX_SUBMISSION_BYTES });
  const found = await findSurvey(
    rawCode,
    read.ok ? (parseFlowState(read.form.get("state"))?.version ?? undefined) : undefined,
  );
  if (!found) return { status: 404 };
  if (!read.ok) {
    const message = read.problem === "too-large" ? t.apiTooLarge : t.apiMalformed;
    return { status: read.status, page: shell(found, locale, false, { kind: "rejected", message }) };
  }
  const form = read.form;
  const result = await answerStep(request, rawCode, found, form);
  const step = form.get("step") ?? "";
  return result.page && STEP_NUMBER.test(step) ? { ...result, page: { ...result.page, step } } : result;
}

const STEP_NUMBER = /^\d{1,15}$/;

async function answerStep(request: Request, rawCode: string, found: Found, form: URLSearchParams): Promise<PageResult> {
  const locale = localeFromRequest(request);
  const t = surveyStrings[locale];
  const state = parseFlowState(form.get("state"));
  if (!state) return surveyLanding(request, rawCode);
  const campaignNow = campaignState(found.campaign);
  const intent = form.get("intent") ?? "next";
  if (campaignNow !== "open" && intent !== "send" && intent !== "next")
    return { status: 410, page: shell(found, locale, state.kiosk, { kind: "closed" }) };

  const name = form.get("question") ?? "";
  const first = firstQuestionName(found.survey, locale, state.answers);
  const onFirstPage = first !== null && name === first && form.has("participantCode");
  if (onFirstPage) {
    state.participantCode = (form.get("participantCode") ?? "").trim().slice(0, 40);
    state.assisted = form.get("assisted") === "on";
  }
  const page = (view: SurveyView, status = 200, codeError: string | null = null) => ({
    status,
    page: shell(
      found,
      locale,
      state.kiosk,
      view,
      view.kind === "question" && view.isFirst ? introFor(found, locale, codeError) : null,
    ),
  });

  if (intent === "resume") {
    const at = questionExists(found.survey, name) ? name : first;
    if (!at) return page({ kind: "empty" });
    return page(questionPage({ survey: found.survey, locale, state, name: at }));
  }
  if (
    onFirstPage &&
    found.campaign.mode === "participant_code" &&
    state.participantCode !== "" &&
    !PARTICIPANT_CODE.test(state.participantCode.replace(/[\s-]/g, ""))
  )
    return page(questionPage({ survey: found.survey, locale, state, name }), 422, t.apiParticipantCode);

  const outcome = takeStep({
    survey: found.survey,
    locale,
    state,
    name,
    fields: fieldsFromForm(form),
    direction: intent === "back" ? "back" : "forward",
  });
  if (outcome.kind === "page") return page(outcome.page, outcome.page.errors.length > 0 ? 422 : 200);

  const reply = await acceptSurveyAnswers({
    rawCode: found.campaign.code,
    locale,
    input: {
      id: outcome.state.id,
      answers: outcome.answers,
      locale,
      participantCode: outcome.state.participantCode || undefined,
      channel: outcome.state.kiosk ? "kiosk" : outcome.state.assisted ? "staff" : "phone",
      assisted: outcome.state.assisted,
      version: outcome.state.version,
      started: outcome.state.started || undefined,
    },
  });
  if (reply.status === 201 || reply.status === 200) return page({ kind: "thanks" });
  if (reply.status === 410) return page({ kind: "closed" }, 410);
  const errors = (reply.body.errors ?? []) as { question: string | null; message: string }[];
  const wrong = errors.find((e) => e.question && questionExists(found.survey, e.question));
  if (wrong?.question)
    return page(
      questionPage({
        survey: found.survey,
        locale,
        state: outcome.state,
        name: wrong.question,
        errors: [wrong.message],
      }),
      422,
    );
  return page({ kind: "rejected", message: String(reply.body.error ?? format(t.errorText)) }, reply.status);
}
