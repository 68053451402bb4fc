import type { Model, Question } from "survey-core";
import type { Locale } from "~/i18n/locale";
import { surveys as surveyStrings } from "~/i18n/strings/surveys";
import type { AheadPage, ChoiceView, FlowState, QuestionKind, QuestionPage, QuestionView } from "./question-view";
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

function selectedOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function viewOf(q: AnyQuestion, locale: Locale, answers: Record<string, unknown>): QuestionView {
  const kind = kindOf(q);
  const value = answers[q.name];
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
    selected: kind === "text" || kind === "longText" ? [] : selectedOf(value),
    text: kind === "text" || kind === "longText" ? (typeof value === "string" ? value : "") : "",
    otherText: typeof answers[`${q.name}-Comment`] === "string" ? String(answers[`${q.name}-Comment`]) : "",
  };
}

/** The page for one question, with where it stands in the survey. */
export function questionPage({
  survey,
  locale,
  state,
  name,
  errors = [],
}: {
  survey: FlowSurvey;
  locale: Locale;
  state: FlowState;
  name: string;
  errors?: string[];
}): QuestionPage {
  const model = modelWith(survey, locale, state.answers);
  const all = allQuestions(model);
  const index = all.findIndex((q) => q.name === name);
  const q = all[index];
  const place = (at: number): AheadPage => {
    const later = all.slice(at + 1);
    return {
      kind: "question",
      question: viewOf(all[at], locale, state.answers),
      position: at + 1,
      total: all.length,
      isFirst: neighbour(model, all[at].name, -1) === null,
      isLast: !later.some(isShown),
      mayReveal: later.some((l) => !isShown(l) && typeof l.visibleIf === "string" && l.visibleIf.trim() !== ""),
    };
  };
  const next = neighbour(model, name, 1);
  const predictable =
    next !== null && compiledSurvey(survey.versionId, survey.json).planCovers && !conditionsMention(all, q.name);
  return { ...place(index), errors, state, ahead: predictable ? place(all.indexOf(next)) : null };
}

/** Whether any question's condition reads this question's answer. */
function conditionsMention(all: AnyQuestion[], name: string): boolean {
  const reference = new RegExp(`\\{${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[}.\\-\\[]`);
  return all.some((q) => typeof q.visibleIf === "string" && reference.test(q.visibleIf));
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
    const before = neighbour(modelWith(survey, locale, answers), name, -1);
    return { kind: "page", page: questionPage({ survey, locale, state: next, name: before?.name ?? name }) };
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
  if (errors.length > 0) return { kind: "page", page: questionPage({ survey, locale, state: next, name, errors }) };
  const after = neighbour(checked, name, 1);
  if (after) return { kind: "page", page: questionPage({ survey, locale, state: next, name: after.name }) };
  return { kind: "done", answers, state: next };
}
