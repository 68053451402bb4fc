import { useCallback, useEffect, useRef, useState } from "react";
import { forgetInBackground, handToBackground, onSentInBackground } from "~/surveys/background-outbox";
import {
  clearProgress,
  dequeue,
  deviceStorage,
  enqueue,
  readOutbox,
  sendEntryWithErrors,
  type AnswerProblem,
  type OutboxEntry,
} from "~/surveys/device-storage";
import { onOutboxSent } from "./use-outbox-flush";

export type SendPhase = "idle" | "sending" | "offline" | "thanks" | "closed" | "rejected";

const RETRY_MS = 15 * 1000;

/**
 * The last step with scripts: the answers go into the phone's outbox first and leave it only when the server has
 * them (JSON `POST /s/CODE`, the same id every time, so a retry never stores twice). Offline, they wait and go
 * by themselves when the connection returns.
 */
export function useSendAnswers(code: string, kiosk = false) {
  const [phase, setPhase] = useState<SendPhase>("idle");
  const [problems, setProblems] = useState<AnswerProblem[]>([]);
  const busy = useRef(false);

  const deliver = useCallback(
    async (entries: OutboxEntry[]) => {
      if (busy.current || entries.length === 0) return;
      busy.current = true;
      try {
        const store = deviceStorage();
        for (const entry of entries) {
          const { outcome, errors } = await sendEntryWithErrors(entry);
          if (outcome === "stored" || (outcome === "rejected" && errors.length > 0)) {
            if (store) dequeue(store, entry.body.id);
            await forgetInBackground([entry.body.id]);
          }
          // No connection: where the browser can, the answers also leave by themselves once it returns, even
          // with the page closed (the service worker); the page keeps trying too.
          if (outcome === "offline") await handToBackground(entry);
          if (entry.code !== code) continue;
          if (outcome === "rejected" && errors.length > 0) {
            setProblems(errors);
            setPhase("idle");
          } else setPhase(outcome === "stored" ? "thanks" : outcome);
        }
      } finally {
        busy.current = false;
      }
    },
    [code],
  );

  const send = useCallback(
    (entry: OutboxEntry) => {
      if (busy.current) return;
      setProblems([]);
      setPhase("sending");
      const store = deviceStorage();
      if (store) enqueue(store, entry);
      void deliver([entry]);
    },
    [deliver],
  );

  const retry = useCallback(() => {
    const store = deviceStorage();
    if (store) void deliver(readOutbox(store).filter((e) => e.code === code));
  }, [code, deliver]);

  // Answers for this survey already waiting on the phone go first when the page opens. Not on a shared tablet: they
  // are the person before's, and the next person starts at once; the app's outbox flush sends them unseen.
  useEffect(() => {
    if (kiosk) return;
    const store = deviceStorage();
    const waiting = store ? readOutbox(store).filter((e) => e.code === code) : [];
    if (waiting.length === 0) return;
    setPhase("sending");
    void deliver(waiting);
  }, [code, kiosk, deliver]);

  // Offline: try again when the connection returns, when the page comes back into view, and now and then. The
  // connection may have returned before this listens: then at once.
  useEffect(() => {
    if (phase !== "offline") return;
    if (navigator.onLine) retry();
    window.addEventListener("online", retry);
    document.addEventListener("visibilitychange", retry);
    const timer = window.setInterval(retry, RETRY_MS);
    return () => {
      window.removeEventListener("online", retry);
      document.removeEventListener("visibilitychange", retry);
      window.clearInterval(timer);
    };
  }, [phase, retry]);

  // The service worker, or the app's own flush of the outbox, got them through while this page waited.
  useEffect(() => {
    if (phase !== "offline" && phase !== "sending") return;
    const onSent = (sent: { code: string }) => {
      if (sent.code === code) setPhase("thanks");
    };
    const stopWorker = onSentInBackground(onSent);
    const stopFlush = onOutboxSent(onSent);
    return () => {
      stopWorker();
      stopFlush();
    };
  }, [phase, code]);

  // Once the server has the answers, the half-way copy on the phone is no longer needed.
  useEffect(() => {
    if (phase !== "thanks") return;
    const store = deviceStorage();
    if (store) clearProgress(store, code);
  }, [phase, code]);

  return { phase, problems, send, retry };
}
