import type { Model, Question } from "survey-core";
import type { Locale } from "~/i18n/locale";
import { surveys as surveyStrings } from "~/i18n/strings/surveys";
import {
  shownAnswer,
  type AheadByAnswer,
  type AheadPage,
  type ChoiceView,
  type FlowState,
  type QuestionKind,
  type QuestionPage,
  type QuestionView,
} from "./question-view";
import { readStepAnswer, withStepAnswer, type StepFields } from "./step-input";
import { compiledSurvey, DEFAULT_TEXT_LIMIT } from "./validate.server";

/**
 * survey-core decides, on the server, everything about moving through a survey one question at a time: which
 * questions are visible given the answers so far, whether the question just answered is valid (with its own
 * messages, in the person's language), and what comes next or before.
 */
export interface FlowSurvey {
  versionId: number;
  json: Record<string, unknown>;
}

type AnyQuestion = Question & Record<string, unknown>;

function modelWith(survey: FlowSurvey, locale: Locale, answers: Record<string, unknown>): Model {
  const model = compiledSurvey(survey.versionId, survey.json).modelFor(locale);
  model.data = answers;
  return model;
}

function allQuestions(model: Model): AnyQuestion[] {
  return model.getAllQuestions(false, false, false) as AnyQuestion[];
}

function isShown(q: AnyQuestion): boolean {
  return q.isVisible && q.isParentVisible;
}

/** The visible question after (or before) `name`, given the answers; null at either end. */
function neighbour(model: Model, name: string | null, direction: 1 | -1): AnyQuestion | null {
  const all = allQuestions(model);
  const at = name === null ? (direction === 1 ? -1 : all.length) : all.findIndex((q) => q.name === name);
  for (let i = at + direction; i >= 0 && i < all.length; i += direction) if (isShown(all[i])) return all[i];
  return null;
}

export function firstQuestionName(survey: FlowSurvey, locale: Locale, answers: Record<string, unknown> = {}) {
  return neighbour(modelWith(survey, locale, answers), null, 1)?.name ?? null;
}

/** What every fresh start of a survey version shows, worked out once: the first question's page and its size. */
export interface Landing {
  first: string | null;
  /** Every question of the survey ("Fråga 1 av N"). */
  total: number;
  page: Omit<QuestionPage, "state"> | null;
}

const landings = new Map<string, Landing>();
const EMPTY_STATE: FlowState = {
  id: "",
  answers: {},
  version: "",
  participantCode: "",
  assisted: false,
  kiosk: false,
  started: "",
};

/**
 * The first page of a survey version with no answers yet. It is the same for everyone who opens the link, and
 * survey-core takes milliseconds to work it out, so it is made once per version and language: the first
 * question is what a person on a slow phone waits for.
 */
export function landing(survey: FlowSurvey, locale: Locale): Landing {
  const key = `${survey.versionId}:${locale}`;
  let found = landings.get(key);
  if (!found) {
    const model = modelWith(survey, locale, {});
    const first = neighbour(model, null, 1)?.name ?? null;
    const total = allQuestions(model).length;
    if (first === null) found = { first, total, page: null };
    else {
      const { state: _state, ...page } = questionPage({
        survey,
        locale,
        state: EMPTY_STATE,
        name: first,
        model,
        foresight: LANDING_FORESIGHT_PAGES,
      });
      found = { first, total, page };
    }
    landings.set(key, found);
  }
  return found;
}

export function questionExists(survey: FlowSurvey, name: string): boolean {
  return compiledSurvey(survey.versionId, survey.json).rules.has(name);
}

const SMILEY_SCALE = 5;

function kindOf(q: AnyQuestion): QuestionKind {
  switch (q.getType()) {
    case "checkbox":
      return "multiple";
    case "rating":
      return q.rateType === "smileys" && (q.visibleRateValues as unknown[]).length === SMILEY_SCALE
        ? "smileys"
        : "rating";
    case "comment":
      return "longText";
    case "text":
      return "text";
    default:
      return "single";
  }
}

function valueTypeOf(value: unknown): ChoiceView["valueType"] {
  return typeof value === "number" ? "number" : typeof value === "boolean" ? "boolean" : "string";
}

function choicesOf(q: AnyQuestion, kind: QuestionKind, locale: Locale): ChoiceView[] {
  const type = q.getType();
  if (type === "boolean") {
    const t = surveyStrings[locale];
    return [
      { value: "true", text: String(q.labelTrue || t.yes), exclusive: false, other: false, valueType: "boolean" },
      { value: "false", text: String(q.labelFalse || t.no), exclusive: false, other: false, valueType: "boolean" },
    ];
  }
  if (type === "rating") {
    const words = surveyStrings[locale].smileyWords.split("|");
    return (q.visibleRateValues as { value: unknown; text: string }[]).map((r, i) => ({
      value: String(r.value),
      text: kind === "smileys" && String(r.text) === String(r.value) ? words[i] : String(r.text),
      exclusive: false,
      other: false,
      valueType: "number",
    }));
  }
  return (q.visibleChoices as { value: unknown; text: string; isExclusive?: boolean }[]).map((c) => ({
    value: String(c.value),
    text: String(c.text),
    exclusive: Boolean(c.isExclusive) || (type === "checkbox" && c.value === q.noneItem?.value),
    other: c.value === q.otherItem?.value && Boolean(q.showOtherItem ?? q.hasOther),
    valueType: valueTypeOf(c.value),
  }));
}

function viewOf(q: AnyQuestion, locale: Locale, answers: Record<string, unknown>): QuestionView {
  const kind = kindOf(q);
  const maxLength = Number(q.maxLength) > 0 ? Number(q.maxLength) : DEFAULT_TEXT_LIMIT;
  return {
    name: q.name,
    kind,
    title: String(q.processedTitle || q.title || q.name),
    description: q.description ? String(q.description) : null,
    required: Boolean(q.isRequired),
    choices: kind === "text" || kind === "longText" ? [] : choicesOf(q, kind, locale),
    scaleEnds:
      kind === "rating" && q.minRateDescription && q.maxRateDescription
        ? { min: String(q.minRateDescription), max: String(q.maxRateDescription) }
        : null,
    maxLength: kind === "text" || kind === "longText" || q.showOtherItem || q.hasOther ? maxLength : null,
    rows: Number(q.rows) > 0 ? Math.min(Number(q.rows), 10) : 4,
    otherPlaceholder: q.otherPlaceholder ? String(q.otherPlaceholder) : null,
    ...shownAnswer({ name: q.name, kind }, answers),
  };
}

/** The page for one question, with where it stands in the survey. */
export function questionPage({
  survey,
  locale,
  state,
  name,
  errors = [],
  model = modelWith(survey, locale, state.answers),
  foresight = STEP_FORESIGHT_PAGES,
}: {
  survey: FlowSurvey;
  locale: Locale;
  state: FlowState;
  name: string;
  errors?: string[];
  /** survey-core's model already holding `state.answers`, when the caller has one. */
  model?: Model;
  /** How many pages ahead to send at most. */
  foresight?: number;
}): QuestionPage {
  const all = allQuestions(model);
  const index = all.findIndex((q) => q.name === name);
  const plain = compiledSurvey(survey.versionId, survey.json).planCovers;
  // A page depends on where it is and on which questions are shown: the same page reached by different answers is
  // one object, sent once (Remix's turbo-stream keeps repeated references).
  const seen = new Map<string, AheadPage>();
  const place = (at: number): AheadPage => {
    const key = `${at}:${all.map((l) => (isShown(l) ? 1 : 0)).join("")}`;
    const known = seen.get(key);
    if (known) return known;
    const later = all.slice(at + 1);
    const shown: AheadPage = {
      kind: "question",
      question: viewOf(all[at], locale, state.answers),
      position: at + 1,
      total: all.length,
      isFirst: neighbour(model, all[at].name, -1) === null,
      isLast: !later.some(isShown),
      mayReveal: later.some((l) => !isShown(l) && typeof l.visibleIf === "string" && l.visibleIf.trim() !== ""),
      ahead: null,
      aheadByAnswer: null,
    };
    if (seen.size >= foresight) return shown;
    seen.set(key, shown);
    const read = plain ? howConditionsRead(all, all[at].name) : "otherwise";
    if (read === "not") {
      const next = neighbour(model, all[at].name, 1);
      if (next) shown.ahead = place(all.indexOf(next));
    } else shown.aheadByAnswer = aheadByAnswer(model, all[at], shown.question, read, place);
    return shown;
  };
  return { ...place(index), errors, state };
}

/**
 * The phone sees the rest of the survey ahead, for every answer that changes which question comes next, so that
 * "Nästa" (quick taps that skip questions too) never waits for the server. Bounded so that a page stays small. It
 * is worked out once per page load (`fullForesight`, fetched from /s/CODE/framat after the page has loaded), and
 * for a fresh start once per survey version: working it out costs survey-core a whole survey's conditions per
 * answer, 0.1–1 s of CPU for the brukarenkät.
 */
const FORESIGHT_PAGES = 60;
/** The first page sees less far: it is what a slow phone waits for; the rest follows it (`surveyForesight`). */
const LANDING_FORESIGHT_PAGES = 3;
/**
 * Each step's answer sees as far as the first page: the page fills in the rest from the full foresight it fetched
 * once (`useFullForesight`), so the server no longer works out 60 pages on every "Nästa".
 */
const STEP_FORESIGHT_PAGES = 3;

export type Foresight = Pick<QuestionPage, "ahead" | "aheadByAnswer">;

const freshForesights = new Map<string, string>();

/**
 * Everything that lies ahead of question `name` for these answers, as the JSON the page reads. For a fresh start (no
 * answers) it is the same for everyone who opens the survey: worked out once per survey version and language.
 */
export function fullForesight(survey: FlowSurvey, locale: Locale, state: FlowState, name: string): string {
  const fresh = Object.keys(state.answers).length === 0;
  const key = `${survey.versionId}:${locale}:${name}`;
  const known = fresh ? freshForesights.get(key) : undefined;
  if (known !== undefined) return known;
  const { ahead, aheadByAnswer } = questionPage({ survey, locale, state, name, foresight: FORESIGHT_PAGES });
  const json = JSON.stringify({ ahead, aheadByAnswer } satisfies Foresight);
  if (fresh) freshForesights.set(key, json);
  return json;
}

type ConditionsRead = "not" | "value" | "filled" | "otherwise";

/**
 * How the survey's conditions read this question's answer: not at all; only as a whole value (`{visits} <> 'aldrig'`);
 * only whether anything is given (`{wishes} notempty`); or in some other way (its "Annat" text, parts of it).
 */
function howConditionsRead(all: AnyQuestion[], name: string): ConditionsRead {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const any = new RegExp(`\\{${escaped}[}.\\-\\[]`, "g");
  const whole = new RegExp(`\\{${escaped}\\}`, "g");
  const filled = new RegExp(`\\{${escaped}\\}\\s+(notempty|empty)\\b`, "gi");
  let mentions = 0;
  let wholeMentions = 0;
  let filledMentions = 0;
  for (const q of all) {
    if (typeof q.visibleIf !== "string") continue;
    mentions += q.visibleIf.match(any)?.length ?? 0;
    wholeMentions += q.visibleIf.match(whole)?.length ?? 0;
    filledMentions += q.visibleIf.match(filled)?.length ?? 0;
  }
  if (mentions === 0) return "not";
  if (mentions !== wholeMentions) return "otherwise";
  return filledMentions === mentions ? "filled" : "value";
}

/**
 * The next question for every answer this question can be given, worked out by survey-core, when conditions
 * read it and the answers can be listed: one choice (or a scale, or yes/no) by its value, or a text by whether
 * anything is written. With scripts the phone shows the right one the moment "Nästa" is pressed.
 */
function aheadByAnswer(
  model: Model,
  q: AnyQuestion,
  view: QuestionView,
  read: ConditionsRead,
  place: (at: number) => AheadPage,
): AheadByAnswer | null {
  const listable = view.kind === "single" || view.kind === "rating" || view.kind === "smileys";
  const text = view.kind === "text" || view.kind === "longText";
  if (read === "otherwise" || (read === "value" && !listable) || (read === "filled" && !(listable || text)))
    return null;
  const variants: [string, unknown][] =
    read === "filled" || text
      ? [
          ["", undefined],
          ["filled", text ? "x" : readStepAnswer(view, { answers: [view.choices[0].value], other: "" }).value],
        ]
      : [
          ["", undefined],
          ...view.choices.map((c): [string, unknown] => [
            c.value,
            readStepAnswer(view, { answers: [c.value], other: "" }).value,
          ]),
        ];
  const before = model.getValue(q.name);
  const pages: Record<string, AheadPage | null> = {};
  try {
    for (const [key, value] of variants) {
      if (value === undefined) model.clearValue(q.name);
      else model.setValue(q.name, value);
      const next = neighbour(model, q.name, 1);
      pages[key] = next ? place(allQuestions(model).indexOf(next)) : null;
    }
  } finally {
    if (before === undefined) model.clearValue(q.name);
    else model.setValue(q.name, before);
  }
  return { by: read === "filled" || text ? "filled" : "value", pages };
}

export type StepOutcome =
  { kind: "page"; page: QuestionPage } | { kind: "done"; answers: Record<string, unknown>; state: FlowState };

/**
 * One press of "Nästa", "Skicka svaren" or "Tillbaka" on the page of question `name`. Forward, the answer is
 * checked by survey-core first; back, what was given is kept when it is valid and dropped when not.
 */
export function takeStep({
  survey,
  locale,
  state,
  name,
  fields,
  direction,
}: {
  survey: FlowSurvey;
  locale: Locale;
  state: FlowState;
  name: string;
  fields: StepFields;
  direction: "forward" | "back";
}): StepOutcome {
  const t = surveyStrings[locale];
  const model = modelWith(survey, locale, state.answers);
  const question = allQuestions(model).find((q) => q.name === name);
  if (!question) {
    const first = firstQuestionName(survey, locale, state.answers);
    return first
      ? { kind: "page", page: questionPage({ survey, locale, state, name: first }) }
      : { kind: "done", answers: state.answers, state };
  }
  const view = viewOf(question, locale, state.answers);
  const step = readStepAnswer(view, fields);
  const problem = step.problem ? t[step.problem === "tooLong" ? "stepTooLong" : step.problem] : null;
  const answers = problem ? state.answers : withStepAnswer(state.answers, name, step);
  const next: FlowState = { ...state, answers };

  if (direction === "back") {
    const withAnswers = modelWith(survey, locale, answers);
    const before = neighbour(withAnswers, name, -1);
    return {
      kind: "page",
      page: questionPage({ survey, locale, state: next, name: before?.name ?? name, model: withAnswers }),
    };
  }
  if (problem) {
    const shown = { ...state, answers: withStepAnswer(state.answers, name, { value: step.value }) };
    return {
      kind: "page",
      page: questionPage({
        survey,
        locale,
        state: shown,
        name,
        errors: [problem.replace("{max}", String(view.maxLength))],
      }),
    };
  }
  const checked = modelWith(survey, locale, answers);
  const current = checked.getQuestionByName(name) as AnyQuestion;
  current.validate(true);
  const errors = current.errors.map((e) => e.getText());
  if (errors.length > 0)
    return { kind: "page", page: questionPage({ survey, locale, state: next, name, errors, model: checked }) };
  const after = neighbour(checked, name, 1);
  if (after)
    return { kind: "page", page: questionPage({ survey, locale, state: next, name: after.name, model: checked }) };
  return { kind: "done", answers, state: next };
}
