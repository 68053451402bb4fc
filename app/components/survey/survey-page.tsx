import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { surveys as surveyStrings } from "~/i18n/strings/surveys";
import { useStrings } from "~/i18n/use-strings";
import { handToBackground } from "~/surveys/background-outbox";
import { deviceStorage, loadProgress, readOutbox, sendEntry, uuid, type OutboxEntry } from "~/surveys/device-storage";
import type { SurveyPageData } from "~/surveys/participant-page.server";
import { aheadKey, shownAnswer, type QuestionPage } from "~/surveys/question-view";
import { fieldsFromForm, readStepAnswer, withStepAnswer } from "~/surveys/step-input";
import { QuestionForm, type Foreseen } from "./question-form";
import {
  ClosedMessage,
  NoConnectionMessage,
  NotYetOpenMessage,
  OfflineMessage,
  RejectedMessage,
  ResumeOffer,
  SendingMessage,
  ThanksMessage,
} from "./survey-messages";
import { useDeviceProgress, useResumeOffer } from "./use-device-progress";
import { KIOSK_IDLE_MS, KIOSK_THANKS_MS, restartKiosk, useIdle } from "./use-kiosk-idle";
import { useFullForesight } from "./use-full-foresight";
import { useSendAnswers } from "./use-send-answers";
import { useSurveySteps } from "./use-survey-steps";

/** The answers as the outbox sends them: the JSON body of `POST /s/CODE` (DESIGN.md's contract). */
function outboxEntry(page: SurveyPageData, view: QuestionPage, answers: Record<string, unknown>): OutboxEntry {
  const { state } = view;
  return {
    code: page.code,
    queuedAt: Date.now(),
    body: {
      id: state.id,
      answers,
      locale: page.locale,
      ...(state.participantCode ? { participantCode: state.participantCode } : {}),
      channel: state.kiosk ? "kiosk" : state.assisted ? "staff" : "phone",
      assisted: state.assisted,
      version: state.version,
      ...(state.started ? { started: state.started } : {}),
    },
  };
}

/** How long a walked-away person's answers may take to leave a shared tablet before the start returns anyway. */
const PARTIAL_SEND_LIMIT_MS = 10 * 1000;

/**
 * A shared tablet's answers so far, as a partial response (decision 0032). Without a connection they go to the
 * service worker where the browser has one; otherwise they are wiped with the rest.
 */
async function sendPartial(entry: OutboxEntry): Promise<void> {
  const controller = new AbortController();
  const timer = window.setTimeout(() => controller.abort(), PARTIAL_SEND_LIMIT_MS);
  try {
    const outcome = await sendEntry(entry, (input, init) => fetch(input, { ...init, signal: controller.signal }));
    if (outcome === "offline") await handToBackground(entry);
  } finally {
    window.clearTimeout(timer);
  }
}

const offline = () => typeof navigator !== "undefined" && navigator.onLine === false;

/**
 * The participant's survey page: the server's page first (it works as it is, without scripts), then, with
 * scripts, steps through a fetcher, a copy of the progress on the phone, the outbox for the send, and on a
 * shared tablet a clean start for every person.
 *
 * A shared tablet starts afresh by loading its first page again: nothing of the person before stays in the page or
 * its history. Without a connection it cannot load it, so it starts the page it was loaded with afresh instead,
 * with a fresh response id (one the server handed out for this, `spareStarts`): what lies ahead was fetched once
 * for every fresh start, the answers wait in the outbox as any others do, and the next person is not turned away.
 */
export function SurveyPage({ initial }: { initial: SurveyPageData }) {
  const [run, setRun] = useState({ n: 0, shown: initial, loaded: initial, spares: initial.spareStarts ?? [] });
  // A new page from the server (another survey's address): it starts from there.
  if (run.loaded !== initial)
    setRun({ n: run.n + 1, shown: initial, loaded: initial, spares: initial.spareStarts ?? [] });
  const restart = useCallback(() => {
    const fresh = offline() ? freshStart(run.loaded, run.spares[0]) : null;
    if (fresh) setRun({ ...run, n: run.n + 1, shown: fresh, spares: run.spares.slice(1) });
    else restartKiosk(run.loaded.code);
  }, [run]);
  return <SurveyRun key={run.n} initial={run.shown} restart={restart} />;
}

/** The page the tablet was loaded with, as a fresh start for the next person; null when it was not a first page. */
function freshStart(loaded: SurveyPageData, spare: { id: string; started: string } | undefined): SurveyPageData | null {
  const view = loaded.view;
  if (view.kind !== "question" || !view.isFirst || Object.keys(view.state.answers).length > 0) return null;
  // Past the spare starts, the tablet makes its own id: the answers are then taken while the survey is open.
  const start = spare ?? { id: uuid(), started: "" };
  const state = { ...view.state, ...start, participantCode: "", assisted: false };
  return { ...loaded, spareStarts: undefined, view: { ...view, state, errors: [] } };
}

function SurveyRun({ initial, restart }: { initial: SurveyPageData; restart: () => void }) {
  const t = useStrings(surveyStrings);
  const steps = useSurveySteps(initial.code);
  const [foreseen, setForeseen] = useState<QuestionPage | null>(null);
  const [answered, setAnswered] = useState<SurveyPageData | null>(null);
  // Once the answers are on their way (or sent), a step's late answer changes nothing: the person is done, and the
  // phone's copy of the progress, wiped by the send, must not come back.
  const answersSent = useRef(false);
  useEffect(() => {
    if (!steps.answer || answersSent.current) return;
    // The server's answer replaces what was shown ahead of it (the same question: nothing typed is lost).
    setAnswered(steps.answer);
    setForeseen(null);
  }, [steps.answer]);
  const withForesight = useFullForesight(initial);
  const served = answered ?? initial;
  const page: SurveyPageData = useMemo(() => {
    if (foreseen) return { ...served, intro: null, view: withForesight(foreseen) };
    return served.view.kind === "question" ? { ...served, view: withForesight(served.view) } : served;
  }, [foreseen, served, withForesight]);
  const view = page.view;
  const sender = useSendAnswers(page.code, page.kiosk);
  // Sent back to the questions (the server asked for a correction): steps count again.
  useEffect(() => {
    if (sender.phase === "rejected" || sender.problems.length > 0) answersSent.current = false;
  }, [sender.phase, sender.problems]);
  const onLanding = !answered && view.kind === "question" && view.isFirst;
  const resume = useResumeOffer(page.code, page.kiosk, onLanding);
  const [noConnection, setNoConnection] = useState(false);
  const [touched, setTouched] = useState(false);
  useDeviceProgress(page);

  const answering = view.kind === "question" && sender.phase === "idle";
  const started = view.kind === "question" && (!view.isFirst || Object.keys(view.state.answers).length > 0);
  const onScreen = useRef<HTMLDivElement>(null);
  // The person walked away: where the survey takes them, their answers so far leave (the one on screen too, if it
  // is a whole answer); then the start returns, empty, for the next person.
  const walkedAway = useCallback(async () => {
    const form = onScreen.current?.querySelector("form");
    if (page.sendsPartial && view.kind === "question") {
      const step = form ? readStepAnswer(view.question, fieldsFromForm(new FormData(form))) : null;
      const answers =
        step && !step.problem ? withStepAnswer(view.state.answers, view.question.name, step) : view.state.answers;
      if (Object.keys(answers).length > 0) {
        const entry = outboxEntry(page, view, answers);
        await sendPartial({ ...entry, body: { ...entry.body, partial: true } });
      }
    }
    restart();
  }, [page, view, restart]);
  useIdle(page.kiosk && answering && (started || touched), walkedAway, KIOSK_IDLE_MS);
  // Done, or done and waiting for a connection (the answers stay in the outbox): the next person's turn.
  const done = sender.phase === "thanks" || sender.phase === "offline" || view.kind === "thanks";
  useIdle(page.kiosk && done, restart, KIOSK_THANKS_MS);

  // A new page from the server, or one shown ahead of it, ends the "no connection" message.
  useEffect(() => setNoConnection(false), [served, foreseen]);

  // The button the person pressed when the step found no connection: "Försök igen", or the connection's return,
  // presses it again (with no connection still, the page says so again). The answer on screen is still in the form.
  const pressedOffline = useRef<string | null>(null);
  const pressAgain = useCallback(() => {
    const intent = pressedOffline.current;
    pressedOffline.current = null;
    setNoConnection(false);
    const button = onScreen.current?.querySelector<HTMLButtonElement>(`form button[name="intent"][value="${intent}"]`);
    button?.click();
  }, []);
  useEffect(() => {
    if (!noConnection) return;
    window.addEventListener("online", pressAgain);
    return () => window.removeEventListener("online", pressAgain);
  }, [noConnection, pressAgain]);

  const onSend = useCallback(
    (form: HTMLFormElement) => {
      if (view.kind !== "question") return false;
      const step = readStepAnswer(view.question, fieldsFromForm(new FormData(form)));
      if (step.problem) return false;
      answersSent.current = true;
      sender.send(outboxEntry(page, view, withStepAnswer(view.state.answers, view.question.name, step)));
      return true;
    },
    [page, view, sender],
  );

  const onAhead = useCallback(
    (form: HTMLFormElement): Foreseen => {
      if (view.kind !== "question") return "unknown";
      const fields = new FormData(form);
      const step = readStepAnswer(view.question, fieldsFromForm(fields));
      if (step.problem || (view.question.required && step.value === undefined)) return "unknown";
      const typedCode = String(fields.get("participantCode") ?? "").trim();
      if (typedCode !== "") return "unknown";
      const byAnswer = view.aheadByAnswer;
      const key = byAnswer ? aheadKey(byAnswer.by, step.value) : "";
      const ahead = byAnswer ? byAnswer.pages[key] : view.ahead;
      if (ahead === null) return byAnswer && key in byAnswer.pages ? "last" : "unknown";
      if (ahead === undefined) return "unknown";
      const state = {
        ...view.state,
        assisted: fields.has("participantCode") ? fields.get("assisted") === "on" : view.state.assisted,
        answers: withStepAnswer(view.state.answers, view.question.name, step),
      };
      // What the person gave on that question before (they went back) shows, as the server would show it.
      const question = { ...ahead.question, ...shownAnswer(ahead.question, state.answers) };
      setForeseen({ ...ahead, question, state, errors: [] });
      return "shown";
    },
    [view],
  );

  const continueSaved = () => {
    if (!resume.saved) return;
    const data = new FormData();
    data.set("intent", "resume");
    data.set("state", JSON.stringify(resume.saved.state));
    data.set("question", resume.saved.question);
    steps.sendStep(data);
    resume.dismiss();
  };

  let body: React.ReactNode;
  if (sender.phase === "sending") body = <SendingMessage />;
  else if (sender.phase === "offline")
    body = <OfflineMessage kiosk={page.kiosk} onRetry={sender.retry} onRestart={restart} />;
  else if (sender.phase === "thanks" || view.kind === "thanks")
    body = <ThanksMessage kiosk={page.kiosk} onRestart={restart} />;
  else if (sender.phase === "closed" || view.kind === "closed") body = <ClosedSurvey code={page.code} />;
  else if (sender.phase === "rejected") body = <RejectedMessage />;
  else if (view.kind === "rejected") body = <RejectedMessage message={view.message} />;
  else if (view.kind === "not-yet-open") body = <NotYetOpenMessage opensOn={view.opensOn} />;
  else if (view.kind === "empty") body = <RejectedMessage />;
  else if (resume.saved) body = <ResumeOffer onContinue={continueSaved} onRestart={resume.forget} />;
  else
    body = (
      <>
        {noConnection || steps.held ? (
          <NoConnectionMessage
            kiosk={page.kiosk}
            onRetry={() => {
              if (noConnection) pressAgain();
              steps.resend();
            }}
          />
        ) : null}
        <div ref={onScreen} onInput={() => setTouched(true)}>
          <QuestionForm
            page={page}
            view={view}
            Form={steps.Form}
            extraErrors={sender.problems
              .filter((p) => p.question === view.question.name || !p.question)
              .map((p) => p.message)}
            onSend={onSend}
            onOffline={(intent) => {
              pressedOffline.current = intent;
              setNoConnection(true);
            }}
            onAhead={onAhead}
            sendStep={steps.sendStep}
          />
        </div>
      </>
    );

  return (
    <div className={`page page--narrow survey-page${page.kiosk ? " survey-page--kiosk" : ""}`}>
      <h1 className="survey-page__title">{page.title}</h1>
      {page.kiosk ? <p className="tag">{t.kioskBadge}</p> : null}
      {page.kiosk && view.kind === "question" ? (
        // Without scripts a shared tablet still returns to a clean start after a while.
        <noscript>
          <meta
            httpEquiv="refresh"
            content={`${KIOSK_IDLE_MS / 1000};url=/s/${encodeURIComponent(page.code)}?kiosk=1`}
          />
        </noscript>
      ) : null}
      {body}
    </div>
  );
}

/** Closed: and whether this phone still holds answers for it that can no longer be sent. */
function ClosedSurvey({ code }: { code: string }) {
  const [kept, setKept] = useState(false);
  useEffect(() => {
    const store = deviceStorage();
    setKept(Boolean(store && (readOutbox(store).some((e) => e.code === code) || loadProgress(store, code))));
  }, [code]);
  return <ClosedMessage kept={kept} />;
}
