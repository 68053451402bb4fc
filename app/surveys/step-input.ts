import type { QuestionView } from "./question-view";

export type StepProblem = "unknownChoice" | "exclusive" | "tooLong";

export interface StepAnswer {
  /** The answer in the survey's own form (a string, a number, a list), or undefined when left empty. */
  value: unknown;
  /** The text written for "Annat". */
  otherText?: string;
  problem?: StepProblem;
}

/** The form's fields for one question: `answer` (one or more) and `other`. */
export interface StepFields {
  answers: string[];
  other: string;
}

export function fieldsFromForm(form: { getAll: (name: string) => unknown[] }): StepFields {
  const answers = form.getAll("answer").filter((v): v is string => typeof v === "string");
  const other = form.getAll("other").find((v): v is string => typeof v === "string") ?? "";
  return { answers, other };
}

/**
 * Turns what a form sent for one question into its answer, the same in the browser (the last page's send) and
 * on the server (every step). Anything not among the question's options is refused, never guessed.
 */
export function readStepAnswer(question: QuestionView, { answers, other }: StepFields): StepAnswer {
  const byValue = new Map(question.choices.map((c) => [c.value, c]));
  const typed = (value: string): unknown => {
    const type = byValue.get(value)?.valueType;
    return type === "number" ? Number(value) : type === "boolean" ? value === "true" : value;
  };
  const otherText = other.trim();
  const withOther = (value: unknown, chosen: string[]): StepAnswer => {
    const hasOther = chosen.some((v) => byValue.get(v)?.other);
    if (!hasOther) return { value };
    if (question.maxLength !== null && otherText.length > question.maxLength)
      return { value, otherText, problem: "tooLong" };
    return otherText ? { value, otherText } : { value };
  };
  switch (question.kind) {
    case "single":
    case "rating":
    case "smileys": {
      const chosen = answers.filter((v) => v !== "");
      if (chosen.length === 0) return { value: undefined };
      if (chosen.length > 1 || !byValue.has(chosen[0])) return { value: undefined, problem: "unknownChoice" };
      return withOther(typed(chosen[0]), chosen);
    }
    case "multiple": {
      const chosen = [...new Set(answers.filter((v) => v !== ""))];
      if (chosen.some((v) => !byValue.has(v))) return { value: undefined, problem: "unknownChoice" };
      if (chosen.length === 0) return { value: undefined };
      const exclusive = chosen.filter((v) => byValue.get(v)?.exclusive);
      if (exclusive.length > 0 && chosen.length > 1) return { value: chosen.map(typed), problem: "exclusive" };
      // Keep the survey's order, whatever order the browser sent them in.
      const ordered = question.choices.filter((c) => chosen.includes(c.value)).map((c) => typed(c.value));
      return withOther(ordered, chosen);
    }
    case "text":
    case "longText": {
      const text = (answers[0] ?? "").trim();
      if (question.maxLength !== null && text.length > question.maxLength) return { value: text, problem: "tooLong" };
      return { value: text === "" ? undefined : text };
    }
  }
}

/** The answers with this question's answer put in (or taken out when left empty), in SurveyJS's data shape. */
export function withStepAnswer(
  answers: Record<string, unknown>,
  name: string,
  step: StepAnswer,
): Record<string, unknown> {
  const next: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(answers))
    if (key !== name && key !== `${name}-Comment`)
      Object.defineProperty(next, key, { value, enumerable: true, writable: true, configurable: true });
  if (step.value !== undefined) next[name] = step.value;
  if (step.otherText) next[`${name}-Comment`] = step.otherText;
  return next;
}
