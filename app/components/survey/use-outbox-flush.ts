import { useEffect } from "react";
import {
  forgetInBackground,
  handToBackground,
  onSentInBackground,
  registerOutboxWorker,
} from "~/surveys/background-outbox";
import { dequeue, deviceStorage, readOutbox, sendEntry } from "~/surveys/device-storage";

let flushing = false;

const SENT_EVENT = "deltagarrost:outbox-sent";

/**
 * Calls `listener` whenever a page's flush of the outbox has delivered an entry: the survey page waiting on "Dina
 * svar är sparade i telefonen" learns that its answers left, whoever sent them (the worker tells it the same way).
 */
export function onOutboxSent(listener: (sent: { id: string; code: string }) => void): () => void {
  const onSent = (event: Event) => listener((event as CustomEvent<{ id: string; code: string }>).detail);
  window.addEventListener(SENT_EVENT, onSent);
  return () => window.removeEventListener(SENT_EVENT, onSent);
}

async function flushOutbox() {
  const store = deviceStorage();
  if (!store || flushing) return;
  flushing = true;
  try {
    const entries = readOutbox(store);
    for (const [i, entry] of entries.entries()) {
      const outcome = await sendEntry(entry);
      if (outcome === "stored") {
        dequeue(store, entry.body.id);
        window.dispatchEvent(new CustomEvent(SENT_EVENT, { detail: { id: entry.body.id, code: entry.code } }));
        await forgetInBackground([entry.body.id]);
      }
      if (outcome === "offline") {
        // Still no connection: where the browser can, the rest leaves by itself once it returns, page or not.
        for (const waiting of entries.slice(i)) await handToBackground(waiting);
        break;
      }
    }
  } finally {
    flushing = false;
  }
}

/**
 * Answers waiting on the phone leave it from any page of the app: when a page opens and whenever the
 * connection returns, and with no page open where the browser has Background Sync (the service worker). Used
 * once, in the root.
 */
export function useOutboxFlush() {
  useEffect(() => {
    registerOutboxWorker();
    const store = deviceStorage();
    if (!store) return;
    const flush = () => void flushOutbox();
    if (readOutbox(store).length > 0) flush();
    window.addEventListener("online", flush);
    // Sent by the worker while this page was open: the page's copy is no longer needed.
    const stopListening = onSentInBackground(({ id }) => dequeue(store, id));
    return () => {
      window.removeEventListener("online", flush);
      stopListening();
    };
  }, []);
}
