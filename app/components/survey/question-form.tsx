import type { FetcherWithComponents } from "@remix-run/react";
import type { FormEvent } from "react";
import { format } from "~/i18n/define";
import { surveys as surveyStrings } from "~/i18n/strings/surveys";
import { useStrings } from "~/i18n/use-strings";
import type { SurveyPageData } from "~/surveys/participant-page.server";
import { spokenText, type QuestionPage } from "~/surveys/question-view";
import { speak, useSpeechAvailable } from "../read-aloud";
import { useFocusOnChange } from "./use-focus-on-change";
import { QuestionFields } from "./question-fields";
import { SurveyIntro } from "./survey-intro";

/** Whether the next question could be shown before the server answers: shown, none (the last), or not known. */
export type Foreseen = "shown" | "last" | "unknown";

/**
 * One question as a form that posts to /s/CODE/svara: "Nästa" (or "Skicka svaren") first and biggest, where the
 * thumb expects it, "Tillbaka" below it. With scripts the same form goes through the fetcher, and the last page's
 * send goes through the phone's outbox (`onSend`).
 */
export function QuestionForm({
  page,
  view,
  Form,
  extraErrors,
  onSend,
  onOffline,
  onAhead,
  sendStep,
}: {
  page: SurveyPageData;
  view: QuestionPage;
  Form: FetcherWithComponents<unknown>["Form"];
  extraErrors: string[];
  onSend: (form: HTMLFormElement) => boolean;
  /** The step found no connection; `intent` is the button pressed ("next", "back" or "send"), to press again. */
  onOffline: (intent: string) => void;
  /**
   * Shows the next question at once while the step goes to the server, when the page says which it is for this
   * answer; "last" when this answer leaves no question after it.
   */
  onAhead: (form: HTMLFormElement) => Foreseen;
  /** Sends a step to the server (see `useSurveySteps`). */
  sendStep: (data: FormData) => void;
}) {
  const t = useStrings(surveyStrings);
  const speech = useSpeechAvailable();
  const question = view.question;
  const headingRef = useFocusOnChange<HTMLHeadingElement>(
    `${question.name}:${view.errors.join()}:${extraErrors.join()}`,
  );
  const errors = [...view.errors, ...extraErrors];
  const titleId = `q-${question.name}-title`;
  const descriptionId = question.description ? `q-${question.name}-description` : null;
  const errorId = errors.length > 0 ? `q-${question.name}-error` : null;
  const describedBy = [descriptionId, errorId].filter(Boolean).join(" ") || undefined;
  const action = `/s/${encodeURIComponent(page.code)}/svara`;
  const sending = view.isLast;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const intent = submitter?.value ?? "next";
    const online = typeof navigator === "undefined" || navigator.onLine !== false;
    // Without a connection a step needs the server: the page says so and keeps everything on screen rather than
    // fail. A shared tablet goes on where it knows the next question: the next person cannot wait for the
    // connection, and the step waits in the queue until it returns (`useSurveySteps`).
    const goesAhead = online || page.kiosk;
    let foreseen: Foreseen | null = null;
    // The last page's answers go through the outbox, unless the answer here brings another question forward.
    if (intent === "send") {
      foreseen = view.mayReveal ? (goesAhead ? onAhead(form) : "unknown") : "last";
      if (foreseen === "last" && onSend(form)) {
        event.preventDefault();
        return;
      }
    }
    event.preventDefault();
    if (intent === "next" && goesAhead) foreseen = onAhead(form);
    if (!online && foreseen !== "shown") {
      onOffline(intent);
      return;
    }
    const data = new FormData(form);
    data.set("intent", intent);
    sendStep(data);
  };

  return (
    // data-discover: Remix learns the step route when the page hydrates, not on the first "Nästa".
    <Form method="post" action={action} className="survey-form" onSubmit={onSubmit} noValidate data-discover="true">
      {page.intro ? <SurveyIntro page={page} intro={page.intro} state={view.state} speech={speech} /> : null}
      <input type="hidden" name="state" value={JSON.stringify(view.state)} />
      <input type="hidden" name="question" value={question.name} />
      <p className="survey-progress">
        <span>{format(t.questionOf, { n: view.position, total: view.total })}</span>
        <span className="survey-progress__bar" aria-hidden="true">
          <span style={{ width: `${Math.round((100 * view.position) / view.total)}%` }} />
        </span>
      </p>
      <fieldset
        key={`${question.name}:${view.state.id}`}
        className={`survey-question${errors.length > 0 ? " survey-question--invalid" : ""}`}
        aria-describedby={describedBy}
      >
        <legend>
          <h2 id={titleId} ref={headingRef} tabIndex={-1} className="survey-question__title">
            {question.title}
          </h2>
          {question.required ? <span className="required-note">{t.required}</span> : null}
        </legend>
        {speech ? (
          <button
            type="button"
            className="button button--secondary read-aloud"
            onClick={() => speak(spokenText(question), page.locale === "en" ? "en-GB" : "sv-SE")}
          >
            <span aria-hidden="true">🔊</span> {t.readAloud}
          </button>
        ) : null}
        {question.description ? (
          <p id={descriptionId ?? undefined} className="hint">
            {question.description}
          </p>
        ) : null}
        {errorId ? (
          <div id={errorId} className="field-error survey-question__error" role="alert">
            {errors.map((e) => (
              <p key={e}>{e}</p>
            ))}
          </div>
        ) : null}
        <QuestionFields
          question={question}
          titleId={titleId}
          describedBy={describedBy}
          invalid={errors.length > 0}
          otherLabel={t.otherLabel}
        />
      </fieldset>
      <div className="survey-actions">
        <button
          type="submit"
          name="intent"
          value={sending ? "send" : "next"}
          className="button button--block button--big"
        >
          {sending ? t.send : t.next}
        </button>
        {view.isFirst ? null : (
          <button type="submit" name="intent" value="back" className="button button--secondary button--block">
            {t.back}
          </button>
        )}
      </div>
    </Form>
  );
}
