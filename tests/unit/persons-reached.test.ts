import { describe, expect, it } from "vitest";
import { visitors } from "~/i18n/strings/visitors";
import {
  bandOf,
  computePersonsReached,
  describePersonsReached,
  protectPersonsReached,
  type PersonFact,
} from "~/outcomes/persons-reached";

const person = (
  gender: PersonFact["gender"],
  visits: number,
  programId: number | null = 1,
  firstVisitOn = "2024-01-01",
) => ({
  gender,
  programId,
  firstVisitOn,
  visits,
});

const zero = { women: 0, men: 0, other: 0, notStated: 0 };

describe("persons reached", () => {
  it("counts distinct coded people by gender, programme, first visit and visits per person", () => {
    const persons = [
      ...Array.from({ length: 6 }, () => person("women", 1, 1, "2025-02-01")),
      ...Array.from({ length: 7 }, () => person("men", 3, 2)),
      ...Array.from({ length: 5 }, () => person("men", 12, null)),
      person("other", 6, 1),
      person("notStated", 6, 1),
    ];
    const codedVisits = 6 + 21 + 60 + 12;
    const out = computePersonsReached({
      from: "2025-01-01",
      to: "2025-12-31",
      persons,
      programIds: [1, 2],
      visits: { visits: { women: 6, men: 81, other: 6, notStated: 6 }, codedVisits, largestRegistration: zero },
    });
    expect(out.exact).toBe(true);
    expect(out.visits).toEqual({ total: 99, withCode: 99, withoutCode: 0 });
    expect(out.persons).toEqual({ women: 6, men: 12, otherOrNotStated: 2, total: 20 });
    expect(out.persons).toEqual(out.codedPersons);
    expect(out.firstTimers).toEqual({ women: 6, men: 0, otherOrNotStated: 0, total: 6 });
    expect(out.byProgram).toEqual([
      { programId: 1, cells: { women: 6, men: 0, otherOrNotStated: 2, total: 8 } },
      { programId: 2, cells: { women: 0, men: 7, otherOrNotStated: 0, total: 7 } },
      { programId: null, cells: { women: 0, men: 5, otherOrNotStated: 0, total: 5 } },
    ]);
    expect(out.visitBands.map((b) => [b.band, b.cells.total])).toEqual([
      ["1", 6],
      ["2-4", 7],
      ["5-9", 2],
      ["10+", 5],
    ]);
  });

  it("with visits that came without a code, gives a floor: coded people, or the largest registration if larger", () => {
    const persons = [person("women", 2), person("women", 1), person("men", 1)];
    const out = computePersonsReached({
      from: "2025-01-01",
      to: "2025-12-31",
      persons,
      programIds: [1],
      // 30 visits in all, 4 with a code; one registration had 9 men (1 coded + 8 without a code).
      visits: {
        visits: { women: 10, men: 18, other: 0, notStated: 2 },
        codedVisits: 4,
        largestRegistration: { women: 1, men: 9, other: 0, notStated: 2 },
      },
    });
    expect(out.exact).toBe(false);
    expect(out.visits).toEqual({ total: 30, withCode: 4, withoutCode: 26 });
    expect(out.persons).toEqual({ women: 2, men: 9, otherOrNotStated: 2, total: 13 });
    expect(out.codedPersons).toEqual({ women: 2, men: 1, otherOrNotStated: 0, total: 3 });
  });

  it("puts visits into the bands 1, 2–4, 5–9 and 10+", () => {
    expect([1, 2, 4, 5, 9, 10, 40].map(bandOf)).toEqual(["1", "2-4", "2-4", "5-9", "5-9", "10+", "10+"]);
  });

  it("hides 1–4 and whatever would give them away across the linked tables, and says 'minst' in words", () => {
    const persons = [
      ...Array.from({ length: 20 }, () => person("women", 2, 1)),
      ...Array.from({ length: 3 }, () => person("women", 1, 2)),
      ...Array.from({ length: 30 }, () => person("men", 6, 1)),
    ];
    const figures = computePersonsReached({
      from: "2025-01-01",
      to: "2025-12-31",
      persons,
      programIds: [1, 2],
      visits: {
        visits: { women: 50, men: 190, other: 0, notStated: 0 },
        codedVisits: 223,
        largestRegistration: { women: 8, men: 12, other: 0, notStated: 0 },
      },
    });
    const p = protectPersonsReached(figures);
    // Programme 2 has 3 women: hidden, and in its column (women: 20 + 3 = 23 published in the totals) another
    // cell must go too; the same women column total is also the visit bands' total, where 3 women made 1 visit.
    const program2 = p.byProgram.find((r) => r.programId === 2)!.cells;
    expect(program2.women.status).toBe("small");
    expect(program2.total.status).toBe("small");
    const womenColumn = p.byProgram.map((r) => r.cells.women);
    expect(womenColumn.filter((c) => c.status !== "shown").length).toBeGreaterThanOrEqual(2);
    const band1 = p.visitBands.find((b) => b.band === "1")!.cells;
    expect(band1.women.status).toBe("small");
    // No published sum is left with exactly one hidden member.
    const rows = [
      p.persons,
      p.codedPersons,
      p.firstTimers,
      ...p.byProgram.map((r) => r.cells),
      ...p.visitBands.map((b) => b.cells),
    ];
    for (const r of rows) {
      const members = [r.women, r.men, r.otherOrNotStated, r.total];
      expect(members.filter((c) => c.status !== "shown").length).not.toBe(1);
    }
    for (const g of ["women", "men", "otherOrNotStated", "total"] as const) {
      for (const table of [p.byProgram.map((r) => r.cells), p.visitBands.map((b) => b.cells)]) {
        const members = [...table.map((r) => r[g]), p.codedPersons[g]];
        expect(members.filter((c) => c.status !== "shown").length, g).not.toBe(1);
      }
    }
    const text = describePersonsReached(p, visitors.sv, "sv").join(" ");
    expect(text).toMatch(/^Minst 23|^Minst \d+ personer/);
    expect(text).toContain("besök var utan deltagarkod");
    expect(text).not.toMatch(/minst färre/);
  });

  it("says plainly when nothing was registered", () => {
    const figures = computePersonsReached({
      from: "2025-01-01",
      to: "2025-01-31",
      persons: [],
      programIds: [],
      visits: { visits: zero, codedVisits: 0, largestRegistration: zero },
    });
    expect(describePersonsReached(protectPersonsReached(figures), visitors.sv, "sv")).toEqual([
      "Inga besök registrerade under perioden.",
    ]);
  });
  it("reads a figure hidden to protect another as words that fit the sentence", () => {
    const persons = [
      ...Array.from({ length: 6 }, () => person("women", 1)),
      ...Array.from({ length: 9 }, () => person("men", 1)),
      person("other", 1),
      person("notStated", 1),
    ];
    const figures = computePersonsReached({
      from: "2025-01-01",
      to: "2025-12-31",
      persons,
      programIds: [1],
      visits: { visits: { women: 6, men: 9, other: 1, notStated: 1 }, codedVisits: 17, largestRegistration: zero },
    });
    const protectedFigures = protectPersonsReached(figures);
    const statuses = Object.values(protectedFigures.persons).map((c) => c.status);
    expect(statuses).toContain("complementary");
    const text = describePersonsReached(protectedFigures, visitors.sv, "sv").join(" ");
    expect(text).toContain("ett dolt antal");
    expect(text).not.toMatch(/dolt (kvinnor|män|personer)/);
    expect(describePersonsReached(protectedFigures, visitors.en, "en").join(" ")).toContain("a hidden number of");
  });
});
