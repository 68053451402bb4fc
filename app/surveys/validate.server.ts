import { ConditionRunner, Model, type Question } from "survey-core";
import type { AnswerRow } from "~/models/response.server";
import { registerSurveyExtensions } from "./extensions";

export const DEFAULT_TEXT_LIMIT = 5000;
const OTHER = "other";
const NONE = "none";

type Messages = {
  notAnObject: string;
  unknownChoice: string;
  notAList: string;
  outOfScale: string;
  notANumber: string;
  notText: string;
  tooLong: string;
  notYesNo: string;
  exclusive: string;
};

interface Rule {
  name: string;
  type: string;
  choices: Set<string>;
  /** Choices that cannot go with any other ("Inget hindrar mig", the "none" item). */
  exclusive: Set<string>;
  hasOther: boolean;
  hasNone: boolean;
  rateValues: Set<number> | null;
  rateMin: number;
  rateMax: number;
  maxLength: number;
  feedback: boolean;
  consent: string | null;
  outcome: string | null;
  isRequired: boolean;
  /** Visibility: false when hidden outright, a runner for `visibleIf`, or true. */
  visible: boolean | ConditionRunner;
}

export interface CompiledSurvey {
  /** A model in the survey's own language, laid out as one page; never navigated, only given data. */
  model: Model;
  /** The same survey with messages in a given language, made when first needed. */
  modelFor: (locale: "sv" | "en") => Model;
  rules: Map<string, Rule>;
  /**
   * True when every rule of the survey is one the plan below evaluates itself (types, choices, scales, lengths,
   * `visibleIf`, `isRequired`). Surveys with anything more (validators, `requiredIf`, panels or pages with
   * conditions, triggers …) go through the survey-core model for every submission.
   */
  planCovers: boolean;
  feedbackQuestions: string[];
  consentQuestion: string | null;
  /**
   * The survey's `kioskSendsPartial`: on a shared tablet, a person's answers so far are sent as a partial response
   * when they walk away, instead of being wiped (decision 0032).
   */
  kioskSendsPartial: boolean;
}

const compiled = new Map<number, CompiledSurvey>();

/**
 * One survey-core Model per survey version, built once and reused: a fresh Model costs milliseconds of CPU,
 * reuse costs well under one. Reuse is safe because validation below runs synchronously, start to end.
 */
export function compiledSurvey(versionId: number, json: Record<string, unknown>): CompiledSurvey {
  let found = compiled.get(versionId);
  if (!found) {
    found = compile(json);
    compiled.set(versionId, found);
  }
  return found;
}

function compile(json: Record<string, unknown>): CompiledSurvey {
  registerSurveyExtensions();
  // One page, no single-question mode: the server never navigates, and paging machinery costs time on every data change.
  const serverJson = { ...json, questionsOnPageMode: "standard" };
  const models = new Map<string, Model>();
  const modelFor = (locale: "sv" | "en") => {
    let m = models.get(locale);
    if (!m) {
      m = new Model(serverJson);
      m.locale = locale;
      models.set(locale, m);
    }
    return m;
  };
  const model = modelFor("sv");
  const rules = new Map<string, Rule>();
  for (const q of model.getAllQuestions(false, false, true) as (Question & Record<string, unknown>)[]) {
    const type = q.getType();
    const choiceValues = Array.isArray(q.choices)
      ? (q.choices as { value: unknown }[]).map((c) => String(c.value))
      : [];
    const rateValues =
      type === "rating" && Array.isArray(q.rateValues) && q.rateValues.length > 0
        ? new Set((q.rateValues as { value: unknown }[]).map((v) => Number(v.value)))
        : null;
    rules.set(q.name, {
      name: q.name,
      type,
      choices: new Set(choiceValues),
      exclusive: new Set([
        ...(Array.isArray(q.choices) ? (q.choices as { value: unknown; isExclusive?: boolean }[]) : [])
          .filter((c) => c.isExclusive)
          .map((c) => String(c.value)),
        ...((q.showNoneItem ?? q.hasNone) ? [NONE] : []),
      ]),
      hasOther: Boolean(q.showOtherItem ?? q.hasOther),
      hasNone: Boolean(q.showNoneItem ?? q.hasNone),
      rateValues,
      rateMin: Number(q.rateMin ?? 1),
      rateMax: Number(q.rateMax ?? 5),
      maxLength: Number(q.maxLength) > 0 ? Number(q.maxLength) : DEFAULT_TEXT_LIMIT,
      feedback: Boolean(q.feedback),
      consent: typeof q.consent === "string" ? q.consent : null,
      outcome: typeof q.outcome === "string" ? q.outcome : null,
      isRequired: Boolean(q.isRequired),
      // With a condition the runner decides; without one the question's visibility never changes.
      visible:
        typeof q.visibleIf === "string" && q.visibleIf.trim() !== "" ? new ConditionRunner(q.visibleIf) : q.isVisible,
    });
  }
  const planCovers = planCoversSurvey(model);
  return {
    model,
    modelFor,
    rules,
    planCovers,
    feedbackQuestions: [...rules.values()].filter((r) => r.feedback).map((r) => r.name),
    consentQuestion: [...rules.values()].find((r) => r.consent === "quote")?.name ?? null,
    kioskSendsPartial: json.kioskSendsPartial === true,
  };
}

export interface AnswerError {
  question: string | null;
  message: string;
}

export type ValidationResult =
  { ok: true; answers: Record<string, unknown>; rows: AnswerRow[] } | { ok: false; errors: AnswerError[] };

/**
 * Checks answers against their survey version. First what survey-core does not check (values inside the scale,
 * choices that exist, text length, types), dropping unknown keys; then answers to questions hidden by the
 * person's own answers are dropped; then survey-core's own validation (required questions and its validators).
 */
export function validateAnswers({
  survey,
  answers,
  locale,
  messages,
  partial = false,
}: {
  survey: CompiledSurvey;
  answers: unknown;
  locale: "sv" | "en";
  messages: Messages;
  /** Answers so far (a partial response): every answer given is checked, but questions left are no error. */
  partial?: boolean;
}): ValidationResult {
  if (answers === null || typeof answers !== "object" || Array.isArray(answers)) {
    return { ok: false, errors: [{ question: null, message: messages.notAnObject }] };
  }
  const errors: AnswerError[] = [];
  const clean: Record<string, unknown> = {};
  const input = answers as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    const rule = key.endsWith("-Comment") ? undefined : survey.rules.get(key);
    if (!rule) continue;
    const problem = checkValue(rule, input[key], messages);
    if (problem) {
      errors.push({ question: rule.name, message: problem });
      continue;
    }
    const value = normalise(rule, input[key]);
    if (value === undefined) continue;
    setOwn(clean, rule.name, value);
    if (rule.hasOther && (value === OTHER || (Array.isArray(value) && value.includes(OTHER)))) {
      const comment = input[`${rule.name}-Comment`];
      if (comment !== undefined) {
        if (typeof comment !== "string") errors.push({ question: rule.name, message: messages.notText });
        else if (comment.length > rule.maxLength)
          errors.push({ question: rule.name, message: messages.tooLong.replace("{max}", String(rule.maxLength)) });
        else if (comment.trim() !== "") setOwn(clean, `${rule.name}-Comment`, comment.trim());
      }
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const kept = survey.planCovers ? keptByPlan(survey, clean) : keptByModel(survey.model, clean);
  const wrong = survey.planCovers ? planFindsErrors(survey, kept) : modelFindsErrors(survey.model, kept);
  if (wrong) {
    // Something is wrong: survey-core itself says what, in the person's language.
    const localized = survey.modelFor(locale);
    localized.data = kept;
    for (const q of localized.getAllQuestions(true) as Question[]) {
      // Answers so far: a question not reached yet is no error, but an answer given must hold.
      if (partial && !Object.prototype.hasOwnProperty.call(kept, q.name)) continue;
      q.validate(true);
      for (const e of q.errors) errors.push({ question: q.name, message: e.getText() });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, answers: kept, rows: answerRows(kept, survey.rules) };
}

function checkValue(rule: Rule, value: unknown, m: Messages): string | null {
  if (value === null || value === undefined) return null;
  switch (rule.type) {
    case "radiogroup":
    case "dropdown":
      if (typeof value !== "string" && typeof value !== "number") return m.unknownChoice;
      return isChoice(rule, String(value)) ? null : m.unknownChoice;
    case "checkbox": {
      if (!Array.isArray(value)) return m.notAList;
      if (value.length > rule.choices.size + 2) return m.unknownChoice;
      const seen = new Set<string>();
      for (const v of value) {
        if ((typeof v !== "string" && typeof v !== "number") || !isChoice(rule, String(v)) || seen.has(String(v)))
          return m.unknownChoice;
        seen.add(String(v));
      }
      if (seen.size > 1 && [...seen].some((v) => rule.exclusive.has(v))) return m.exclusive;
      return null;
    }
    case "rating": {
      if (typeof value !== "number" || !Number.isFinite(value)) return m.notANumber;
      if (rule.rateValues) return rule.rateValues.has(value) ? null : m.outOfScale;
      return Number.isInteger(value) && value >= rule.rateMin && value <= rule.rateMax ? null : m.outOfScale;
    }
    case "comment":
    case "text":
      if (typeof value !== "string") return m.notText;
      return value.length > rule.maxLength ? m.tooLong.replace("{max}", String(rule.maxLength)) : null;
    case "boolean":
      return typeof value === "boolean" ? null : m.notYesNo;
    default:
      return m.unknownChoice;
  }
}

function isChoice(rule: Rule, value: string): boolean {
  return rule.choices.has(value) || (rule.hasOther && value === OTHER) || (rule.hasNone && value === NONE);
}

/** The stored form of a valid value: text trimmed, empty text and empty lists dropped, choices kept as the file has them. */
function normalise(rule: Rule, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") {
    const trimmed = value.trim();
    if (trimmed === "") return undefined;
    return rule.type === "radiogroup" || rule.type === "dropdown" ? choiceValue(rule, trimmed) : trimmed;
  }
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map((v) => choiceValue(rule, String(v)));
  return value;
}

/** Survey files may use numbers as choice values; keep the answer's type the same as the file's. */
function choiceValue(rule: Rule, value: string): string | number {
  return /^-?\d+(\.\d+)?$/.test(value) && rule.choices.has(value) && rule.type !== "comment" ? Number(value) : value;
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The answer rows SQL counts: one per chosen value. Free text (comment and text questions, "other" comments) gets
 * none: it is never counted, the response's JSON keeps it, and long text cannot sit in an index (decision 0022).
 */
function answerRows(answers: Record<string, unknown>, rules: Map<string, Rule>): AnswerRow[] {
  const rows: AnswerRow[] = [];
  for (const [question, value] of Object.entries(answers)) {
    const type = rules.get(question)?.type;
    if (type === undefined || type === "comment" || type === "text") continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === "number") rows.push({ question, valueText: String(v), valueNum: v });
      else if (typeof v === "boolean") rows.push({ question, valueText: String(v), valueNum: v ? 1 : 0 });
      else rows.push({ question, valueText: String(v), valueNum: null });
    }
  }
  return rows;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

/** Drops answers to questions hidden by the person's own answers, round after round until nothing changes. */
function keptByPlan(survey: CompiledSurvey, answers: Record<string, unknown>): Record<string, unknown> {
  let kept = answers;
  for (let round = 0; round < 10; round++) {
    const next: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(kept)) {
      const name = key.endsWith("-Comment") ? key.slice(0, -"-Comment".length) : key;
      const rule = survey.rules.get(name);
      if (rule && isVisible(rule, kept)) setOwn(next, key, value);
    }
    const stable = Object.keys(next).length === Object.keys(kept).length;
    kept = next;
    if (stable) break;
  }
  return kept;
}

function isVisible(rule: Rule, values: Record<string, unknown>): boolean {
  return typeof rule.visible === "boolean" ? rule.visible : rule.visible.runValues(values);
}

/** Required questions that are visible and unanswered, and "other" chosen without saying what. */
function planFindsErrors(survey: CompiledSurvey, kept: Record<string, unknown>): boolean {
  for (const rule of survey.rules.values()) {
    if (!isVisible(rule, kept)) continue;
    const value = kept[rule.name];
    if (rule.isRequired && isEmpty(value)) return true;
    if (
      rule.hasOther &&
      (value === OTHER || (Array.isArray(value) && value.includes(OTHER))) &&
      isEmpty(kept[`${rule.name}-Comment`])
    )
      return true;
  }
  return false;
}

function keptByModel(model: Model, answers: Record<string, unknown>): Record<string, unknown> {
  let kept = answers;
  for (let round = 0; round < 10; round++) {
    model.data = kept;
    const visible = new Set(
      (model.getAllQuestions(true) as Question[]).filter((q) => q.isVisible && q.isParentVisible).map((q) => q.name),
    );
    const next: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(kept)) {
      const name = key.endsWith("-Comment") ? key.slice(0, -"-Comment".length) : key;
      if (visible.has(name)) setOwn(next, key, value);
    }
    const stable = Object.keys(next).length === Object.keys(kept).length;
    kept = next;
    if (stable) break;
  }
  return kept;
}

function modelFindsErrors(model: Model, kept: Record<string, unknown>): boolean {
  model.data = kept;
  return (model.getAllQuestions(true) as Question[]).some((q) => q.hasErrors(false));
}

/** Survey-level and element features the plan does not evaluate; any of them sends the survey down the model path. */
const MODEL_ONLY_QUESTION_PROPS = [
  "validators",
  "requiredIf",
  "enableIf",
  "choicesVisibleIf",
  "choicesEnableIf",
  "minSelectedChoices",
  "maxSelectedChoices",
  "requiredErrorText",
  "isUnique",
  "resetValueIf",
  "setValueIf",
  "defaultValueExpression",
  "inputType",
];

export function planCoversSurvey(model: Model): boolean {
  const json = model.toJSON() as Record<string, unknown>;
  if (
    ["triggers", "calculatedValues", "completedHtmlOnCondition"].some(
      (k) => Array.isArray(json[k]) && (json[k] as unknown[]).length > 0,
    )
  )
    return false;
  for (const page of model.pages) {
    if (page.visibleIf || page.visible === false) return false;
    for (const panel of (page.getPanels?.() ?? []) as unknown as { visibleIf?: string; visible?: boolean }[])
      if (panel.visibleIf || panel.visible === false) return false;
  }
  for (const q of model.getAllQuestions(false, false, true) as (Question & Record<string, unknown>)[]) {
    const qJson = q.toJSON() as Record<string, unknown>;
    for (const prop of MODEL_ONLY_QUESTION_PROPS) {
      const v = qJson[prop];
      if (v !== undefined && !(Array.isArray(v) && v.length === 0) && v !== 0) return false;
    }
    if (q.parentQuestion) return false;
  }
  return true;
}
