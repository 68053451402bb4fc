import { describe, expect, it } from "vitest";
import {
  checkNoteText,
  checkStatusChange,
  nextPhase,
  previousPhase,
  rankByDots,
  NOTE_MAX_LENGTH,
  noteTextLength,
} from "~/workshops/rules";
import { longDate } from "~/i18n/date-words";

describe("workshop rules", () => {
  it("walk the phases forwards and back, stopping at the ends", () => {
    expect(nextPhase("forberedelse")).toBe("kritik");
    expect(nextPhase("forverkligande")).toBe("avslutad");
    expect(nextPhase("avslutad")).toBeNull();
    expect(previousPhase("fantasi")).toBe("kritik");
    expect(previousPhase("forberedelse")).toBeNull();
  });

  it("trim notes, refuse empty ones and count characters, not UTF-16 units, against the limit", () => {
    expect(checkNoteText("  Mer kvällsöppet \r\n")).toEqual({ ok: true, text: "Mer kvällsöppet" });
    expect(checkNoteText(" \n ")).toEqual({ ok: false, problem: "empty", length: 0 });
    expect(checkNoteText("😀".repeat(NOTE_MAX_LENGTH)).ok).toBe(true);
    expect(checkNoteText("a".repeat(NOTE_MAX_LENGTH + 1))).toEqual({
      ok: false,
      problem: "tooLong",
      length: NOTE_MAX_LENGTH + 1,
    });
  });

  it("need a reason for 'ej genomförbar' only", () => {
    expect(checkStatusChange("ej_genomforbar", " ")).toEqual({ ok: false, problem: "reasonRequired" });
    expect(checkStatusChange("ej_genomforbar", "Inga pengar")).toEqual({ ok: true });
    expect(checkStatusChange("planerad", "")).toEqual({ ok: true });
    expect(checkStatusChange("klar", "")).toEqual({ ok: false, problem: "status" });
  });

  it("rank by dots, keeping the original order on ties", () => {
    const ranked = rankByDots([
      { id: 1, dots: 2 },
      { id: 2, dots: 5 },
      { id: 3, dots: 2 },
    ]);
    expect(ranked.map((r) => r.id)).toEqual([2, 1, 3]);
  });

  it("write dates plainly", () => {
    expect(longDate("2023-06-14")).toBe("14 juni 2023");
    expect(longDate("2023-06-14", "en")).toBe("14 June 2023");
    expect(longDate("nonsense")).toBe("nonsense");
  });
});

describe("noteTextLength", () => {
  it("counts a note as the check does: trimmed, one line end for CR LF, one for each emoji", () => {
    expect(noteTextLength("  Mer grönt\r\npå Mallis  ")).toBe(19);
    expect(noteTextLength("🌱🌱")).toBe(2);
    const long = `${"å".repeat(301)}\n`;
    expect(noteTextLength(long)).toBe(301);
    expect(checkNoteText(long)).toEqual({ ok: false, problem: "tooLong", length: noteTextLength(long) });
  });
});
