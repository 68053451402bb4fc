import { useEffect } from "react";
import { dequeue, deviceStorage, readOutbox, sendEntry } from "~/surveys/device-storage";

let flushing = false;

async function flushOutbox() {
  const store = deviceStorage();
  if (!store || flushing) return;
  flushing = true;
  try {
    for (const entry of readOutbox(store)) {
      const outcome = await sendEntry(entry);
      if (outcome === "stored") dequeue(store, entry.body.id);
      if (outcome === "offline") break;
    }
  } finally {
    flushing = false;
  }
}

/**
 * Answers waiting on the phone leave it from any page of the app: when a page opens and whenever the
 * connection returns. Used once, in the root.
 */
export function useOutboxFlush() {
  useEffect(() => {
    const store = deviceStorage();
    if (!store) return;
    const flush = () => void flushOutbox();
    if (readOutbox(store).length > 0) flush();
    window.addEventListener("online", flush);
    return () => window.removeEventListener("online", flush);
  }, []);
}
