import { describe, expect, it } from "vitest";
import {
  approximately,
  countNoun,
  countWord,
  dateText,
  formatNumber,
  listText,
  monthText,
  nearestRank,
  percentCell,
  percentText,
  periodName,
  periodText,
  rangeText,
  shareOf,
  THIN_SPACE,
  weekdaysText,
} from "~/reports/swedish";

const sp = THIN_SPACE;

describe("numbers in running text", () => {
  it("writes one to twelve in words and 13 upwards in digits", () => {
    expect(countWord(2)).toBe("två");
    expect(countWord(6)).toBe("sex");
    expect(countWord(12)).toBe("tolv");
    expect(countWord(13)).toBe("13");
    expect(countWord(131)).toBe("131");
  });
  it("gives the word for one the noun's gender", () => {
    expect(countWord(1)).toBe("en");
    expect(countWord(1, "neuter")).toBe("ett");
    expect(countNoun(1, "tillfälle", "tillfällen", "neuter")).toBe("ett tillfälle");
  });
  it("uses singular for one and plural otherwise", () => {
    expect(countNoun(1, "deltagare", "deltagare")).toBe("en deltagare");
    expect(countNoun(2, "förslag", "förslag", "neuter")).toBe("två förslag");
    expect(countNoun(3, "framtidsverkstad", "framtidsverkstäder")).toBe("tre framtidsverkstäder");
    expect(countNoun(0, "besök", "besök", "neuter")).toBe("noll besök");
  });
});

describe("digits", () => {
  it("separates thousands with a thin no-break space", () => {
    expect(formatNumber(1234)).toBe(`1${sp}234`);
    expect(formatNumber(1234567)).toBe(`1${sp}234${sp}567`);
    expect(formatNumber(999)).toBe("999");
    expect(countWord(1234)).toBe(`1${sp}234`);
  });
  it("writes a decimal comma", () => {
    expect(formatNumber(2.5)).toBe("2,5");
    expect(formatNumber(25.94, 1)).toBe("25,9");
    expect(formatNumber(1234.5, 1)).toBe(`1${sp}234,5`);
  });
  it("never prints NaN or Infinity", () => {
    expect(() => formatNumber(Number.NaN)).toThrow();
    expect(() => formatNumber(Infinity)).toThrow();
  });
});

describe("percentages", () => {
  it("writes whole percentages in words as '33 procent'", () => {
    expect(percentText(33.3)).toBe("33 procent");
    expect(percentText((34 / 131) * 100)).toBe("26 procent");
    expect(percentText((97 / 131) * 100)).toBe("74 procent");
  });
  it("writes one decimal in tables", () => {
    expect(percentCell(25.954)).toBe("26,0\u00a0%");
    expect(percentCell(33.33)).toBe("33,3\u00a0%");
  });
  it("has no share of nothing", () => {
    expect(shareOf(0, 0)).toBeNull();
    expect(shareOf(1, 4)).toBe(25);
  });
});

describe("dates", () => {
  it("writes '1 juli 2026'", () => {
    expect(dateText("2026-07-01")).toBe("1 juli 2026");
    expect(dateText("2023-12-31")).toBe("31 december 2023");
    expect(monthText("2023-06")).toBe("juni 2023");
    expect(periodText("2023-07-01", "2023-12-31")).toBe("1 juli 2023 till 31 december 2023");
  });
  it("names whole halves and years", () => {
    expect(periodName("2023-07-01", "2023-12-31")).toBe("andra halvåret 2023");
    expect(periodName("2024-01-01", "2024-12-31")).toBe("2024");
    expect(periodName("2024-01-01", "2024-06-30")).toBe("första halvåret 2024");
    expect(periodName("2024-01-05", "2024-06-30")).toBe("perioden");
  });
});

describe("rounded figures", () => {
  it("says 'cirka' only when the figure was rounded", () => {
    expect(approximately(14, 5)).toEqual({ text: "cirka 15", rounded: true });
    expect(approximately(137, 10)).toEqual({ text: "cirka 140", rounded: true });
    expect(approximately(4, 5)).toEqual({ text: "fyra", rounded: false });
  });
});

describe("ranges, lists and weekdays", () => {
  it("writes a typical range", () => {
    expect(rangeText(2, 6)).toBe("mellan två och sex");
    expect(rangeText(4, 4)).toBe("fyra");
    expect(rangeText(8, 14)).toBe("mellan åtta och 14");
  });
  it("lists with 'och' before the last", () => {
    expect(listText(["Sygrupp"])).toBe("Sygrupp");
    expect(listText(["a", "b", "c"])).toBe("a, b och c");
    expect(listText([])).toBe("");
  });
  it("names the weekdays", () => {
    expect(weekdaysText([1, 2, 3, 4, 5])).toBe("måndag till fredag");
    expect(weekdaysText([2, 4])).toBe("tisdagar och torsdagar");
    expect(weekdaysText([5, 1, 1])).toBe("måndagar och fredagar");
  });
  it("takes the nearest-rank percentile", () => {
    const days = [2, 3, 3, 4, 4, 4, 5, 5, 6, 9];
    expect(nearestRank(days, 10)).toBe(2);
    expect(nearestRank(days, 90)).toBe(6);
    expect(nearestRank([7], 90)).toBe(7);
  });
});
