/**
 * What the check-in tablet keeps: its own device id (made once) and an outbox of check-ins the server has not
 * acknowledged yet. Plain functions over a Storage, so they are tested without a browser. A check-in keeps its
 * id in the outbox, so sending it twice stores it once.
 */
export interface CheckInBody {
  id: string;
  deviceId: string;
  date: string;
  activityId: number | "drop-in";
  code?: string;
  gender?: string;
  program?: number | "none";
  queued?: boolean;
}

const DEVICE_KEY = "deltagarrost:kiosk-device";
const OUTBOX_KEY = "deltagarrost:kiosk-outbox";
/** A tablet offline for a week at Mallis's busiest still fits; beyond this the oldest are dropped. */
const MAX_OUTBOX = 2000;

export function newCheckInId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // Plain http on a local network is not a secure context: build a version 4 UUID by hand.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function kioskDeviceId(storage: Storage): string {
  try {
    const existing = storage.getItem(DEVICE_KEY);
    if (existing && /^[0-9a-f-]{36}$/.test(existing)) return existing;
    const id = newCheckInId();
    storage.setItem(DEVICE_KEY, id);
    return id;
  } catch {
    return newCheckInId();
  }
}

export function readOutbox(storage: Storage): CheckInBody[] {
  try {
    const parsed = JSON.parse(storage.getItem(OUTBOX_KEY) ?? "[]") as unknown;
    return Array.isArray(parsed) ? (parsed as CheckInBody[]) : [];
  } catch {
    return [];
  }
}

function writeOutbox(storage: Storage, entries: CheckInBody[]): void {
  try {
    if (entries.length === 0) storage.removeItem(OUTBOX_KEY);
    else storage.setItem(OUTBOX_KEY, JSON.stringify(entries.slice(-MAX_OUTBOX)));
  } catch {
    // Storage full or blocked: the check-in is lost, as a paper list left in the rain would be.
  }
}

export function queueCheckIn(storage: Storage, body: CheckInBody): void {
  const entries = readOutbox(storage).filter((e) => e.id !== body.id);
  writeOutbox(storage, [...entries, body]);
}

export function dropFromOutbox(storage: Storage, id: string): void {
  writeOutbox(
    storage,
    readOutbox(storage).filter((e) => e.id !== id),
  );
}
