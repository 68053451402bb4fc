/* global self, indexedDB, fetch */
// Deltagarröst's service worker: it only sends answers that wait on the phone, when the browser wakes it after the
// connection returns (Background Sync). It caches nothing and answers no request. The pages put the waiting
// answers into IndexedDB for it (app/surveys/background-outbox.ts: the names below are the same there).
// The server stores a response id once, so an answer sent both from here and from a page is stored once.

const OUTBOX_DATABASE = "deltagarrost";
const OUTBOX_STORE = "outbox";
const OUTBOX_SYNC_TAG = "deltagarrost-outbox";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("sync", (event) => {
  if (event.tag === OUTBOX_SYNC_TAG) event.waitUntil(sendWaiting());
});

function openDatabase() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(OUTBOX_DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(OUTBOX_STORE, { keyPath: "body.id" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function withStore(mode, use) {
  return openDatabase().then(
    (db) =>
      new Promise((resolve, reject) => {
        const tx = db.transaction(OUTBOX_STORE, mode);
        const result = use(tx.objectStore(OUTBOX_STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(result && "result" in result ? result.result : undefined);
        };
        tx.onerror = () => {
          db.close();
          reject(tx.error);
        };
      }),
  );
}

async function tellPages(message) {
  const pages = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const page of pages) page.postMessage(message);
}

/**
 * Sends every waiting entry. Stored (201) or already stored (200): done. Refused or closed: the worker lets it go,
 * the page's own copy stays and the page says what happened when it is opened. No connection or a busy server:
 * the sync fails, so the browser tries again later.
 */
async function sendWaiting() {
  const entries = (await withStore("readonly", (store) => store.getAll())) || [];
  let tryAgain = false;
  for (const entry of entries) {
    let response;
    try {
      response = await fetch(`/s/${encodeURIComponent(entry.code)}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(entry.body),
        credentials: "same-origin",
      });
    } catch {
      tryAgain = true;
      break;
    }
    if (response.status >= 500 || response.status === 408 || response.status === 429) {
      tryAgain = true;
      continue;
    }
    await withStore("readwrite", (store) => store.delete(entry.body.id));
    if (response.status === 200 || response.status === 201)
      await tellPages({ type: "outbox-sent", id: entry.body.id, code: entry.code });
  }
  if (tryAgain) throw new Error("Not sent yet: the browser tries again later.");
}
