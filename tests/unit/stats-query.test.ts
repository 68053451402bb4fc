import { describe, expect, it } from "vitest";
import { defaultFrom, parseStatsQuery } from "~/activities/stats-query";

const TODAY = "2026-11-29";
const parse = (query: string) => parseStatsQuery(new URLSearchParams(query), TODAY);

describe("the statistics page's query string (issue 9, item 4)", () => {
  it("defaults an empty period to the last twelve months up to today", () => {
    expect(defaultFrom(TODAY)).toBe("2025-12-01");
    for (const q of ["", "from=&to=", "from=%20&to=&program="]) {
      expect(parse(q)).toEqual({
        filter: { from: "2025-12-01", to: TODAY, program: "" },
        query: { from: "2025-12-01", to: TODAY, programId: null },
        error: null,
      });
    }
  });

  it("reads a period and a programme, the first of repeated values", () => {
    expect(parse("from=2023-07-01&to=2023-12-31&program=2&program=3").query).toEqual({
      from: "2023-07-01",
      to: "2023-12-31",
      programId: 2,
    });
  });

  it("names the period when a date is no date, the period runs backwards or spans over ten years", () => {
    for (const q of [
      "from=2024-02-30",
      "from=nonsense",
      "to=2024-13-01",
      "from=2024-03-01&to=2024-01-01",
      "from=2010-01-01&to=2024-01-01",
      `from=${"9".repeat(5000)}`,
      "from=<script>alert(1)</script>",
      "from=2024-01-01'; DROP TABLE attendance; --",
    ]) {
      const out = parse(q);
      expect(out.error, q).toBe("period");
      expect(out.query, q).toBeNull();
      // What was typed is shown back, cut to a sensible length.
      expect(out.filter.from.length, q).toBeLessThanOrEqual(40);
    }
  });

  it("names the programme when its value is not a programme id", () => {
    for (const q of [
      "program=abc",
      "from=2024-01-01&program=abc",
      "program=-1",
      "program=1.5",
      "program=1e3",
      `program=${"1".repeat(12)}`,
    ]) {
      expect(parse(q).error, q).toBe("program");
    }
  });
});
