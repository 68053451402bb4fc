/**
 * What the participant's page needs to show one question: plain data made on the server by survey-core
 * (`question-flow.server.ts`), rendered by `components/survey/`. Nothing here depends on SurveyJS.
 */
export type QuestionKind = "single" | "multiple" | "rating" | "smileys" | "text" | "longText";

export interface ChoiceView {
  /** The value as the form sends it (always a string). */
  value: string;
  text: string;
  /** Choosing it clears every other choice ("Inget hindrar mig", "Inget av dessa"). */
  exclusive: boolean;
  /** The "Annat" choice: it comes with a text box. */
  other: boolean;
  /** The type the survey file gives the value (numbers for scales and the UCLA items, yes/no as booleans). */
  valueType: "string" | "number" | "boolean";
}

export interface QuestionView {
  name: string;
  kind: QuestionKind;
  title: string;
  description: string | null;
  required: boolean;
  choices: ChoiceView[];
  /** Words at the ends of a number scale ("Dåligt" … "Bra"). */
  scaleEnds: { min: string; max: string } | null;
  maxLength: number | null;
  rows: number;
  otherPlaceholder: string | null;
  /** What is chosen or written now, as the form would send it. */
  selected: string[];
  text: string;
  otherText: string;
}

/** The state carried from page to page in the form itself: nothing half-answered is kept on the server. */
export interface FlowState {
  /** The response id: the same id is stored once, however often it is sent. */
  id: string;
  answers: Record<string, unknown>;
  /** The survey version the person started on. */
  version: string;
  participantCode: string;
  assisted: boolean;
  kiosk: boolean;
  /** Signed "started while the campaign was open". */
  started: string;
}

export interface QuestionPage {
  kind: "question";
  question: QuestionView;
  /** "Fråga n av N": N is every question of the survey, so it never grows while answering. */
  position: number;
  total: number;
  isFirst: boolean;
  isLast: boolean;
  /** Later questions an answer here could still bring forward; the last page asks the server before sending. */
  mayReveal: boolean;
  errors: string[];
  state: FlowState;
  /**
   * The next question, when no answer here can change which one it is: with scripts it shows the moment
   * "Nästa" is pressed (the answer checked on the phone as the server would), while the server checks the step
   * behind it and has the last word.
   */
  ahead: AheadPage | null;
  /** When a condition reads this question's answer: the next question for each answer it can be given. */
  aheadByAnswer: AheadByAnswer | null;
}

/** A page the phone may show before the server has answered; it sees further ahead itself. */
export type AheadPage = Omit<QuestionPage, "state" | "errors">;

/**
 * The next question for each answer, keyed by the chosen value (`by: "value"`) or by "filled" when anything is
 * given (`by: "filled"`); "" is no answer. Null where that answer leaves no question after this one.
 */
export interface AheadByAnswer {
  by: "value" | "filled";
  pages: Record<string, AheadPage | null>;
}

/** The key of `AheadByAnswer.pages` for an answer (as `readStepAnswer` makes it). */
export function aheadKey(by: AheadByAnswer["by"], value: unknown): string {
  if (value === undefined || value === null || value === "") return "";
  return by === "filled" ? "filled" : String(value);
}

/** What "Läs upp" says: the question, its help text and every option, the smiley scale's words included. */
export function spokenText(question: QuestionView): string {
  const parts = [question.title, question.description ?? ""];
  if (question.choices.length > 0) parts.push(question.choices.map((c) => c.text).join(". "));
  if (question.scaleEnds) parts.push(`${question.scaleEnds.min} … ${question.scaleEnds.max}`);
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => (/[.?!…]$/.test(p) ? p : `${p}.`))
    .join(" ");
}

/** What the person has chosen or written for this question so far, as the form shows it. */
export function shownAnswer(
  question: Pick<QuestionView, "name" | "kind">,
  answers: Record<string, unknown>,
): Pick<QuestionView, "selected" | "text" | "otherText"> {
  const value = answers[question.name];
  const written = question.kind === "text" || question.kind === "longText";
  const comment = answers[`${question.name}-Comment`];
  return {
    selected:
      written || value === undefined || value === null ? [] : (Array.isArray(value) ? value : [value]).map(String),
    text: written && typeof value === "string" ? value : "",
    otherText: typeof comment === "string" ? comment : "",
  };
}
