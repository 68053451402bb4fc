import { describe, expect, it } from "vitest";
import { classKeyOf, numericClassKey } from "~/exports/class-key";
import type { CsvValue } from "~/privacy/csv";

const single = [
  { question: "program", columns: [0] },
  { question: "gender", columns: [1] },
  { question: "visits", columns: [2] },
];
const withCheckbox = [
  { question: "gender", columns: [0] },
  { question: "activities", columns: [1, 2] },
];

describe("a row's combination key", () => {
  it("is the same for the same combination and differs otherwise, as a number", () => {
    const rows: CsvValue[][] = [];
    for (const a of [null, 0, 1, 2, 1023])
      for (const b of [null, 0, 1, 7]) for (const c of [null, 1, 3, 1022]) rows.push([a, b, c]);
    for (const wave of [1, 2, 17]) {
      const keys = rows.map((row) => numericClassKey(wave, row, single));
      expect(keys.every((k) => typeof k === "number")).toBe(true);
      expect(new Set(keys).size).toBe(rows.length);
      expect(rows.map((row) => numericClassKey(wave, [...row], single))).toEqual(keys);
    }
    expect(numericClassKey(1, [1, 2, 3], single)).not.toBe(numericClassKey(2, [1, 2, 3], single));
  });

  it("falls back to text for values that are not small codes, still one key per combination", () => {
    const odd: CsvValue[][] = [
      [1024, 1, 1],
      [1025, 1, 1],
      [-1, 1, 1],
      [1.5, 1, 1],
      ["x", 1, 1],
      [null, 1, 1],
      [1, 1, 1],
    ];
    const keys = odd.map((row) => numericClassKey(1, row, single));
    expect(keys.slice(0, 5).every((k) => typeof k === "string")).toBe(true);
    expect(new Set(keys).size).toBe(odd.length);
  });

  it("tells checkbox combinations apart in text, a blank checkbox from one with nothing chosen", () => {
    const keys = [
      [1, 1, 0],
      [1, 0, 1],
      [1, 0, 0],
      [1, null, null],
      [null, null, null],
      [2, 1, 0],
    ].map((row) => classKeyOf(1, row, withCheckbox));
    expect(new Set(keys).size).toBe(keys.length);
    expect(classKeyOf(1, [1, 1, 0], withCheckbox)).toBe(keys[0]);
    expect(classKeyOf(2, [1, 1, 0], withCheckbox)).not.toBe(keys[0]);
  });
});
