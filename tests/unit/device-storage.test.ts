import { describe, expect, it } from "vitest";
import {
  dequeue,
  enqueue,
  loadProgress,
  readOutbox,
  saveProgress,
  sendEntry,
  uuid,
  type OutboxEntry,
} from "~/surveys/device-storage";

class MemoryStorage implements Storage {
  private map = new Map<string, string>();
  full = false;
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    if (this.full) throw new DOMException("full", "QuotaExceededError");
    this.map.set(key, value);
  }
}

const entry = (id: string, code = "DEMO"): OutboxEntry => ({
  code,
  queuedAt: 1,
  body: { id, answers: { a: 1 }, locale: "sv", channel: "phone", assisted: false, version: "h" },
});

const state = (answers: Record<string, unknown>) => ({
  id: "0d3c8a52-8f7e-4a51-9d8b-2f7f3f3f6c11",
  answers,
  version: "h",
  participantCode: "",
  assisted: false,
  kiosk: false,
  started: "",
});

describe("device storage", () => {
  it("keeps progress per survey and survives garbage in storage", () => {
    const s = new MemoryStorage();
    saveProgress(s, "DEMO", { state: state({ gender: "man" }), question: "visits", savedAt: 5 });
    expect(loadProgress(s, "DEMO")?.question).toBe("visits");
    expect(loadProgress(s, "DEMO")?.state.answers).toEqual({ gender: "man" });
    expect(loadProgress(s, "OTHER")).toBeNull();
    s.setItem("deltagarrost:progress:BROKEN", "{nope");
    expect(loadProgress(s, "BROKEN")).toBeNull();
    // Progress saved by the earlier SurveyJS runner has another shape: it is not offered.
    s.setItem("deltagarrost:progress:OLD", JSON.stringify({ id: "1", data: {}, currentElement: null }));
    expect(loadProgress(s, "OLD")).toBeNull();
  });

  it("queues a response once and removes it when acknowledged", () => {
    const s = new MemoryStorage();
    enqueue(s, entry("a"));
    enqueue(s, entry("a"));
    enqueue(s, entry("b", "YOGA"));
    expect(readOutbox(s).map((e) => e.body.id)).toEqual(["a", "b"]);
    dequeue(s, "a");
    expect(readOutbox(s).map((e) => e.body.id)).toEqual(["b"]);
  });

  it("does not throw when storage is full", () => {
    const s = new MemoryStorage();
    s.full = true;
    expect(() => enqueue(s, entry("a"))).not.toThrow();
  });

  it("reads only the server's answer as the end of a submission", async () => {
    const answer = (status: number) => (async () => new Response("{}", { status })) as typeof fetch;
    expect(await sendEntry(entry("a"), answer(201))).toBe("stored");
    expect(await sendEntry(entry("a"), answer(200))).toBe("stored");
    expect(await sendEntry(entry("a"), answer(410))).toBe("closed");
    expect(await sendEntry(entry("a"), answer(422))).toBe("rejected");
    expect(await sendEntry(entry("a"), answer(503))).toBe("offline");
    expect(
      await sendEntry(entry("a"), (async () => {
        throw new TypeError("Failed to fetch");
      }) as typeof fetch),
    ).toBe("offline");
  });

  it("makes version-4 UUIDs", () => {
    expect(uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
