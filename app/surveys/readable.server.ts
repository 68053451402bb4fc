import type { Question } from "survey-core";
import { compiledSurvey } from "./validate.server";

export interface ReadableAnswer {
  question: string;
  title: string;
  answer: string;
}

/** A stored response as staff read it: each answered question's text and the answer's display text. */
export function readableAnswers({
  versionId,
  json,
  answers,
  locale,
}: {
  versionId: number;
  json: Record<string, unknown>;
  answers: Record<string, unknown>;
  locale: "sv" | "en";
}): ReadableAnswer[] {
  const model = compiledSurvey(versionId, json).modelFor(locale);
  model.data = answers;
  const out: ReadableAnswer[] = [];
  for (const q of model.getAllQuestions(false) as Question[]) {
    if (q.isEmpty()) continue;
    let answer = String(q.displayValue ?? "");
    const comment = answers[`${q.name}-Comment`];
    if (typeof comment === "string") answer = `${answer}: ${comment}`;
    out.push({ question: q.name, title: q.locTitle.getLocaleText(locale) || q.title, answer });
  }
  return out;
}
