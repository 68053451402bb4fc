/**
 * What the participant's device keeps: progress per survey (so a reload or a flat battery loses nothing)
 * and an outbox of finished answers not yet acknowledged by the server. Plain functions over a Storage,
 * so they are tested without a browser.
 */
export interface SavedProgress {
  /** The form's state as the server last handed it out (answers so far, response id, version). */
  state: FlowState;
  /** The question on screen. */
  question: string;
  savedAt: number;
}

export interface Submission {
  id: string;
  answers: Record<string, unknown>;
  locale: "sv" | "en";
  participantCode?: string;
  channel: "phone" | "kiosk" | "staff";
  assisted: boolean;
  version: string;
  /** Signed "started while the campaign was open": accepted, marked late, after it closes. */
  started?: string;
  /** A shared tablet's answers so far, sent when the person walked away (decision 0032). */
  partial?: boolean;
}

export interface OutboxEntry {
  code: string;
  body: Submission;
  queuedAt: number;
}

import type { FlowState } from "./question-view";

const PREFIX = "deltagarrost:";
const progressKey = (code: string) => `${PREFIX}progress:${code}`;
const OUTBOX = `${PREFIX}outbox`;

function read<T>(storage: Storage, key: string): T | null {
  try {
    const raw = storage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(storage: Storage, key: string, value: unknown): boolean {
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    // Storage full or blocked (private mode): the survey still works, it just cannot survive a reload.
    return false;
  }
}

export function loadProgress(storage: Storage, code: string): SavedProgress | null {
  const saved = read<SavedProgress>(storage, progressKey(code));
  return saved && typeof saved === "object" && saved.state && typeof saved.question === "string" ? saved : null;
}

export function saveProgress(storage: Storage, code: string, progress: SavedProgress): void {
  write(storage, progressKey(code), progress);
}

export function clearProgress(storage: Storage, code: string): void {
  storage.removeItem(progressKey(code));
}

export function readOutbox(storage: Storage): OutboxEntry[] {
  const entries = read<OutboxEntry[]>(storage, OUTBOX);
  return Array.isArray(entries) ? entries : [];
}

/** Queues finished answers; the same response id is never queued twice. */
export function enqueue(storage: Storage, entry: OutboxEntry): void {
  const entries = readOutbox(storage).filter((e) => e.body.id !== entry.body.id);
  entries.push(entry);
  write(storage, OUTBOX, entries);
}

export function dequeue(storage: Storage, id: string): void {
  const entries = readOutbox(storage).filter((e) => e.body.id !== id);
  if (entries.length === 0) storage.removeItem(OUTBOX);
  else write(storage, OUTBOX, entries);
}

/** A version-4 UUID; crypto.randomUUID exists only on https, getRandomValues everywhere. */
export function uuid(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === "function") return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export type SendOutcome = "stored" | "offline" | "closed" | "rejected";

export interface AnswerProblem {
  question: string | null;
  message: string;
}

/** Sends one submission and says how it went, with the server's messages when it refused the answers. */
export async function sendEntryWithErrors(
  entry: OutboxEntry,
  fetchImpl: typeof fetch = fetch,
): Promise<{ outcome: SendOutcome; errors: AnswerProblem[] }> {
  let response: Response;
  try {
    response = await fetchImpl(`/s/${encodeURIComponent(entry.code)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(entry.body),
      credentials: "same-origin",
    });
  } catch {
    return { outcome: "offline", errors: [] };
  }
  const outcome = outcomeOf(response.status);
  if (response.status !== 422) return { outcome, errors: [] };
  const body = (await response.json().catch(() => null)) as { errors?: AnswerProblem[] } | null;
  return { outcome, errors: Array.isArray(body?.errors) ? body.errors : [] };
}

function outcomeOf(status: number): SendOutcome {
  if (status === 201 || status === 200) return "stored";
  if (status === 410) return "closed";
  if (status >= 500 || status === 408 || status === 429) return "offline";
  return "rejected";
}

/**
 * Sends one queued submission. Only an answer from the server ends its life in the outbox:
 * stored or duplicate (done), closed (kept on the device, said plainly), rejected (kept, staff can help).
 */
export async function sendEntry(entry: OutboxEntry, fetchImpl: typeof fetch = fetch): Promise<SendOutcome> {
  return (await sendEntryWithErrors(entry, fetchImpl)).outcome;
}

/** The browser's storage, or null where it is blocked (some private modes) or on the server. */
export function deviceStorage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}
