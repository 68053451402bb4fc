import type { OutboxEntry } from "./device-storage";

/**
 * Answers that wait on the phone can also leave it with no page of the app open: where the browser has
 * Background Sync (Chromium), a copy of each waiting entry goes into IndexedDB, where the service worker
 * (`public/sw.js`) can read it, and the browser wakes the worker when the connection returns. Elsewhere nothing
 * changes: the pages send the outbox themselves (`use-outbox-flush.ts`). Both send the same response id, and the
 * server stores an id once, so a double send is harmless. Decision 0032 (section "In the background").
 *
 * The names here are the worker's too: change them together.
 */
export const OUTBOX_DATABASE = "deltagarrost";
export const OUTBOX_STORE = "outbox";
export const OUTBOX_SYNC_TAG = "deltagarrost-outbox";
export const OUTBOX_WORKER_URL = "/sw.js";

/** What the worker tells open pages after the server has taken an entry. */
export interface SentInBackground {
  type: "outbox-sent";
  id: string;
  code: string;
}

interface SyncRegistration extends ServiceWorkerRegistration {
  sync: { register: (tag: string) => Promise<void> };
}

/** Whether this browser can send in the background: a service worker with Background Sync and IndexedDB. */
export function backgroundSendAvailable(): boolean {
  return (
    typeof window !== "undefined" &&
    "serviceWorker" in navigator &&
    "SyncManager" in window &&
    typeof indexedDB !== "undefined"
  );
}

/** Installs the worker (only where it can do its job). Called once a page has loaded, so it never slows one. */
export function registerOutboxWorker(): void {
  if (!backgroundSendAvailable()) return;
  navigator.serviceWorker.register(OUTBOX_WORKER_URL, { scope: "/" }).catch(() => undefined);
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(OUTBOX_DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(OUTBOX_STORE, { keyPath: "body.id" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function change(apply: (store: IDBObjectStore) => void): Promise<void> {
  const db = await openDatabase();
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(OUTBOX_STORE, "readwrite");
      apply(tx.objectStore(OUTBOX_STORE));
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/**
 * An entry that could not be sent now: the worker gets a copy and the browser is asked to wake it when the
 * connection returns. False where that is not available (then the pages send it, as before).
 */
export async function handToBackground(entry: OutboxEntry): Promise<boolean> {
  if (!backgroundSendAvailable()) return false;
  try {
    const registration = (await navigator.serviceWorker.getRegistration("/")) as SyncRegistration | undefined;
    if (!registration?.sync) return false;
    await change((store) => store.put(entry));
    await registration.sync.register(OUTBOX_SYNC_TAG);
    return true;
  } catch {
    return false;
  }
}

/** The server has the entry (sent by a page): the worker's copy goes too. */
export async function forgetInBackground(ids: string[]): Promise<void> {
  if (ids.length === 0 || !backgroundSendAvailable()) return;
  try {
    await change((store) => {
      for (const id of ids) store.delete(id);
    });
  } catch {
    // The worker's copy stays: sent again, it is stored once.
  }
}

/** Calls `listener` whenever the worker has delivered an entry while this page is open. */
export function onSentInBackground(listener: (sent: SentInBackground) => void): () => void {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return () => undefined;
  const onMessage = (event: MessageEvent) => {
    const data = event.data as Partial<SentInBackground> | null;
    if (data?.type === "outbox-sent" && typeof data.id === "string" && typeof data.code === "string")
      listener({ type: "outbox-sent", id: data.id, code: data.code });
  };
  navigator.serviceWorker.addEventListener("message", onMessage);
  return () => navigator.serviceWorker.removeEventListener("message", onMessage);
}
