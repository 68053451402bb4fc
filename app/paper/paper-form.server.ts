import type { Locale } from "~/i18n/locale";
import { surveys as surveyStrings } from "~/i18n/strings/surveys";
import { questionPage, type FlowSurvey } from "~/surveys/question-flow.server";
import type { QuestionView } from "~/surveys/question-view";
import { readStepAnswer, withStepAnswer } from "~/surveys/step-input";
import { compiledSurvey } from "~/surveys/validate.server";

/**
 * The whole survey on one page, for staff copying a paper questionnaire: every question, whatever the answers,
 * because the paper has them all. Which of them count is decided afterwards by the survey's own conditions.
 */
export interface PaperQuestion extends QuestionView {
  /** Shown only to some people on the web (a `visibleIf`): on paper it may be filled in when it should not be. */
  conditional: boolean;
}

export function paperQuestions(survey: FlowSurvey, locale: Locale): PaperQuestion[] {
  const compiled = compiledSurvey(survey.versionId, survey.json);
  const state = { id: "", answers: {}, version: "", participantCode: "", assisted: false, kiosk: false, started: "" };
  // One survey-core model for every question, and no pages ahead: the web's foresight (every page reachable from
  // each question, up to 60) is for a phone moving one question at a time. Worked out per question it cost seconds
  // of CPU on every load and every save of this page, which on a busy machine made a save take tens of seconds.
  const model = compiled.modelFor(locale);
  model.data = {};
  return [...compiled.rules.values()].map((rule) => ({
    ...questionPage({ survey, locale, state, name: rule.name, model, foresight: 0 }).question,
    required: false,
    conditional: typeof rule.visible !== "boolean",
  }));
}

/** Form field names: one per question (repeated for several choices), and one for the "Annat" text. */
export const answerField = (question: string) => `q.${question}`;
export const otherField = (question: string) => `q.${question}.annat`;

export interface PaperFormReading {
  answers: Record<string, unknown>;
  /** Per question, a message in the page's language. */
  errors: Record<string, string>;
  /** What was sent, per field, to show the form again as it was typed. */
  echo: Record<string, string[]>;
}

const MAX_ECHO = 6000;

/** Reads the posted form into answers in the survey's own shape, refusing anything not among a question's options. */
export function readPaperForm(questions: PaperQuestion[], form: URLSearchParams, locale: Locale): PaperFormReading {
  const t = surveyStrings[locale];
  let answers: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  const echo: Record<string, string[]> = {};
  for (const q of questions) {
    const given = form.getAll(answerField(q.name));
    const other = form.get(otherField(q.name)) ?? "";
    echo[answerField(q.name)] = given.slice(0, q.choices.length + 1).map((v) => v.slice(0, MAX_ECHO));
    if (other) echo[otherField(q.name)] = [other.slice(0, MAX_ECHO)];
    const step = readStepAnswer(q, { answers: given, other });
    if (step.problem) {
      const message = t[step.problem === "tooLong" ? "stepTooLong" : step.problem];
      errors[q.name] = message.replace("{max}", String(q.maxLength ?? ""));
      continue;
    }
    answers = withStepAnswer(answers, q.name, step);
  }
  return { answers, errors, echo };
}
