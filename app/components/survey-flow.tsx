import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { format } from "~/i18n/define";
import { surveys as surveyStrings } from "~/i18n/strings/surveys";
import { useStrings } from "~/i18n/use-strings";
import {
  clearProgress,
  dequeue,
  enqueue,
  loadProgress,
  readOutbox,
  saveProgress,
  sendEntry,
  uuid,
  wipeSurvey,
  type OutboxEntry,
  type SavedProgress,
} from "~/surveys/device-storage";
import { useHydrated } from "./client-only";
import { useSpeechAvailable } from "./read-aloud";
import type { RunnerProgress } from "./survey-runner.client";

const loadRunner = () => import("./survey-runner.client");
const SurveyRunner = lazy(loadRunner);

/** A shared tablet forgets an abandoned survey after this long without a touch. */
export const KIOSK_IDLE_MS = 3 * 60 * 1000;
/** How long the thank-you shows on a shared tablet before the start page returns. */
export const KIOSK_THANKS_MS = 8 * 1000;
const RETRY_MS = 15 * 1000;

type Phase = "intro" | "resume" | "answering" | "sending" | "offline" | "closed" | "rejected" | "thanks";

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Moves focus to a phase's heading, so keyboard and screen-reader users land on what changed. */
function useFocusOnChange(phase: Phase) {
  const ref = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    ref.current?.focus();
  }, [phase]);
  return ref;
}

export function SurveyFlow({
  code,
  title,
  locale,
  kiosk,
  withParticipantCode,
  survey,
  runnerCss,
}: {
  runnerCss: string;
  code: string;
  title: string;
  locale: "sv" | "en";
  kiosk: boolean;
  withParticipantCode: boolean;
  survey: { json: Record<string, unknown>; hash: string; questions: number; minutes: number };
}) {
  const t = useStrings(surveyStrings);
  const hydrated = useHydrated();
  const speech = useSpeechAvailable();
  const [phase, setPhase] = useState<Phase>("intro");
  const [progress, setProgress] = useState<SavedProgress | null>(null);
  const [participantCode, setParticipantCode] = useState("");
  const [assisted, setAssisted] = useState(false);
  const [person, setPerson] = useState(0);
  const sending = useRef(false);
  const headingRef = useFocusOnChange(phase);

  const flush = useCallback(async () => {
    const store = storage();
    if (!store || sending.current) return;
    sending.current = true;
    try {
      const entries = readOutbox(store);
      const mine = entries.filter((e) => e.code === code);
      const others = entries.filter((e) => e.code !== code);
      let outcome: "none" | Awaited<ReturnType<typeof sendEntry>> = "none";
      for (const entry of mine) {
        const result = await sendEntry(entry);
        if (result === "stored") dequeue(store, entry.body.id);
        outcome = result;
        if (result !== "stored") break;
      }
      // Answers left from another survey on this device go too, quietly.
      for (const entry of others) if ((await sendEntry(entry)) === "stored") dequeue(store, entry.body.id);
      if (outcome === "stored") setPhase("thanks");
      else if (outcome === "offline") setPhase("offline");
      else if (outcome === "closed") setPhase("closed");
      else if (outcome === "rejected") setPhase("rejected");
    } finally {
      sending.current = false;
    }
  }, [code]);

  // On opening the page: answers waiting on the device are sent first; otherwise offer to go on.
  useEffect(() => {
    void loadRunner();
    const store = storage();
    if (!store) return;
    if (readOutbox(store).some((e) => e.code === code)) {
      setPhase("sending");
      void flush();
      return;
    }
    const saved = loadProgress(store, code);
    if (saved && saved.hash === survey.hash && Object.keys(saved.data).length > 0) {
      if (kiosk && Date.now() - saved.savedAt > KIOSK_IDLE_MS) wipeSurvey(store, code);
      else {
        setProgress(saved);
        setPhase("resume");
      }
    } else if (saved) clearProgress(store, code);
  }, [code, kiosk, survey.hash, flush]);

  // Offline: try again when the connection returns, when the page comes back into view, and now and then.
  useEffect(() => {
    if (phase !== "offline" && phase !== "sending") return;
    const retry = () => void flush();
    window.addEventListener("online", retry);
    document.addEventListener("visibilitychange", retry);
    const timer = window.setInterval(retry, RETRY_MS);
    return () => {
      window.removeEventListener("online", retry);
      document.removeEventListener("visibilitychange", retry);
      window.clearInterval(timer);
    };
  }, [phase, flush]);

  const resetForNextPerson = useCallback(() => {
    const store = storage();
    if (store) wipeSurvey(store, code);
    setProgress(null);
    setParticipantCode("");
    setAssisted(false);
    setPerson((n) => n + 1);
    setPhase("intro");
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    window.scrollTo(0, 0);
  }, [code]);

  // Kiosk: after the thank-you, everything of this person is gone and the start page returns by itself.
  useEffect(() => {
    if (!kiosk || phase !== "thanks") return;
    const store = storage();
    if (store) wipeSurvey(store, code);
    const timer = window.setTimeout(resetForNextPerson, KIOSK_THANKS_MS);
    return () => window.clearTimeout(timer);
  }, [kiosk, phase, code, resetForNextPerson]);

  // Kiosk: an abandoned survey is forgotten after a while without a touch.
  useEffect(() => {
    if (!kiosk || phase === "intro" || phase === "thanks") return;
    let timer = window.setTimeout(resetForNextPerson, KIOSK_IDLE_MS);
    const touch = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(resetForNextPerson, KIOSK_IDLE_MS);
    };
    window.addEventListener("pointerdown", touch);
    window.addEventListener("keydown", touch);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener("pointerdown", touch);
      window.removeEventListener("keydown", touch);
    };
  }, [kiosk, phase, resetForNextPerson]);

  const start = () => {
    const fresh: SavedProgress = {
      id: uuid(),
      data: {},
      currentElement: null,
      hash: survey.hash,
      participantCode: participantCode.trim(),
      assisted,
      savedAt: Date.now(),
    };
    const store = storage();
    if (store) saveProgress(store, code, fresh);
    setProgress(fresh);
    setPerson((n) => n + 1);
    setPhase("answering");
  };

  const restart = () => {
    const store = storage();
    if (store) clearProgress(store, code);
    setProgress(null);
    setPhase("intro");
  };

  const onProgress = useCallback(
    ({ data, currentElement }: RunnerProgress) => {
      setProgress((current) => {
        if (!current) return current;
        const next = { ...current, data, currentElement, savedAt: Date.now() };
        const store = storage();
        if (store) saveProgress(store, code, next);
        return next;
      });
    },
    [code],
  );

  const onComplete = useCallback(
    (answers: Record<string, unknown>) => {
      setProgress((current) => {
        if (!current) return current;
        const entry: OutboxEntry = {
          code,
          queuedAt: Date.now(),
          body: {
            id: current.id,
            answers,
            locale,
            ...(current.participantCode ? { participantCode: current.participantCode } : {}),
            channel: kiosk ? "kiosk" : current.assisted ? "staff" : "phone",
            assisted: current.assisted,
            version: current.hash,
          },
        };
        const store = storage();
        if (store) {
          enqueue(store, entry);
          clearProgress(store, code);
          void flush();
        } else {
          // No storage at all (a locked-down browser): send straight away and say how it went.
          void sendEntry(entry).then((r) => setPhase(r === "stored" ? "thanks" : r));
        }
        return current;
      });
      setPhase("sending");
    },
    [code, kiosk, locale, flush],
  );

  return (
    <div className={`page page--narrow survey-page${kiosk ? " survey-page--kiosk" : ""}`}>
      <h1 className="survey-page__title">{title}</h1>
      {kiosk ? <p className="tag">{t.kioskBadge}</p> : null}

      {phase === "intro" ? (
        <section aria-labelledby="intro-heading" className="survey-intro">
          <h2 id="intro-heading" ref={headingRef} tabIndex={-1} className="visually-hidden">
            {title}
          </h2>
          <p className="lead">{format(t.introLead, { minutes: survey.minutes })}</p>
          <ul className="survey-intro__points">
            <li>{t.introAnonymous}</li>
            <li>{t.introHowTo}</li>
            {speech ? <li>{t.introReadAloud}</li> : null}
          </ul>
          <p>{t.introConsent}</p>
          {withParticipantCode ? (
            <fieldset className="field survey-code">
              <legend>{t.codeTitle}</legend>
              <p>{t.codeExplain}</p>
              <ol>
                <li>{t.codeStep1}</li>
                <li>{t.codeStep2}</li>
                <li>{t.codeStep3}</li>
              </ol>
              <p className="hint">{t.codeExample}</p>
              <label htmlFor="participant-code">{t.codeLabel}</label>
              <input
                id="participant-code"
                type="text"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={20}
                value={participantCode}
                onChange={(e) => setParticipantCode(e.target.value)}
                aria-describedby="participant-code-hint"
              />
              <p className="hint" id="participant-code-hint">
                {t.codeHint} {t.codeSkip}
              </p>
            </fieldset>
          ) : null}
          <label className="choice survey-assisted">
            <input type="checkbox" checked={assisted} onChange={(e) => setAssisted(e.target.checked)} />
            {t.assisted}
          </label>
          <button type="button" className="button button--block button--big" onClick={start} disabled={!hydrated}>
            {hydrated ? t.start : t.starting}
          </button>
          <noscript>
            <p className="alert alert--warn">{t.noScript}</p>
          </noscript>
        </section>
      ) : null}

      {phase === "resume" ? (
        <section aria-labelledby="resume-heading">
          <h2 id="resume-heading" ref={headingRef} tabIndex={-1}>
            {t.resumeTitle}
          </h2>
          <p>{t.resumeText}</p>
          <div className="actions actions--stacked">
            <button type="button" className="button button--block button--big" onClick={() => setPhase("answering")}>
              {t.resumeContinue}
            </button>
            <button type="button" className="button button--secondary button--block" onClick={restart}>
              {t.resumeRestart}
            </button>
          </div>
        </section>
      ) : null}

      {phase === "answering" && progress ? (
        <Suspense
          fallback={
            <div className="survey-loading" role="status">
              {t.starting}
            </div>
          }
        >
          <link rel="stylesheet" href={runnerCss} />
          <SurveyRunner
            key={person}
            json={survey.json}
            locale={locale}
            initialData={progress.data}
            initialElement={progress.currentElement}
            speechAvailable={speech}
            readAloudLabel={t.readAloud}
            onProgress={onProgress}
            onComplete={onComplete}
          />
        </Suspense>
      ) : null}

      {phase === "sending" ? (
        <section aria-labelledby="sending-heading" role="status">
          <h2 id="sending-heading" ref={headingRef} tabIndex={-1}>
            {t.sending}
          </h2>
        </section>
      ) : null}

      {phase === "offline" ? (
        <section aria-labelledby="offline-heading" className="survey-message survey-message--calm" role="status">
          <h2 id="offline-heading" ref={headingRef} tabIndex={-1}>
            {t.offlineTitle}
          </h2>
          <p>{t.offlineText}</p>
          <button type="button" className="button button--secondary" onClick={() => void flush()}>
            {t.offlineRetry}
          </button>
        </section>
      ) : null}

      {phase === "closed" ? (
        <section aria-labelledby="closed-heading" className="survey-message">
          <h2 id="closed-heading" ref={headingRef} tabIndex={-1}>
            {t.closedTitle}
          </h2>
          <p>{t.closedText}</p>
          <p>{t.closedKept}</p>
        </section>
      ) : null}

      {phase === "rejected" ? (
        <section aria-labelledby="rejected-heading" className="survey-message">
          <h2 id="rejected-heading" ref={headingRef} tabIndex={-1}>
            {t.errorTitle}
          </h2>
          <p>{t.errorText}</p>
        </section>
      ) : null}

      {phase === "thanks" ? (
        <section aria-labelledby="thanks-heading" className="survey-message survey-message--thanks">
          <h2 id="thanks-heading" ref={headingRef} tabIndex={-1}>
            {t.thanksTitle}
          </h2>
          <p>{t.thanksText}</p>
          {kiosk ? (
            <>
              <p>{t.thanksKiosk}</p>
              <button type="button" className="button" onClick={resetForNextPerson}>
                {t.thanksKioskNow}
              </button>
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export function SurveyClosed({ code, title }: { code: string; title: string }) {
  const t = useStrings(surveyStrings);
  const [kept, setKept] = useState(false);
  useEffect(() => {
    const store = storage();
    setKept(Boolean(store && (readOutbox(store).some((e) => e.code === code) || loadProgress(store, code))));
  }, [code]);
  return (
    <div className="page page--narrow survey-page">
      <h1>{title}</h1>
      <section className="survey-message" aria-labelledby="closed-heading">
        <h2 id="closed-heading">{t.closedTitle}</h2>
        <p>{t.closedText}</p>
        {kept ? <p>{t.closedKept}</p> : null}
      </section>
    </div>
  );
}

export function SurveyNotYetOpen({ title, opensOn }: { title: string; opensOn: string }) {
  const t = useStrings(surveyStrings);
  return (
    <div className="page page--narrow survey-page">
      <h1>{title}</h1>
      <section className="survey-message" aria-labelledby="early-heading">
        <h2 id="early-heading">{t.notYetOpenTitle}</h2>
        <p>{format(t.notYetOpenText, { date: opensOn })}</p>
      </section>
    </div>
  );
}
