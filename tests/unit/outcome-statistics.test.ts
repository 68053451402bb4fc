import { describe, expect, it } from "vitest";
import {
  excludesZero,
  mcnemar,
  meanFromSums,
  meanWithInterval,
  newcombeDifference,
  newcombePairedDifference,
  pairedMeanDifference,
  studentTQuantile,
  wilsonInterval,
} from "~/outcomes/statistics";

const close = (actual: number, expected: number, digits = 4) => expect(actual).toBeCloseTo(expected, digits);

describe("Wilson score interval (Newcombe 1998a, Stat Med 17:857, Table I, method 3)", () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i/%i → %f to %f", (x, n, lower, upper) => {
    const ci = wilsonInterval(x, n);
    close(ci.lower, lower);
    close(ci.upper, upper);
  });

  it("refuses impossible counts", () => {
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 0)).toThrow(RangeError);
  });
});

describe("Newcombe's hybrid score difference (Newcombe 1998b, Stat Med 17:873, Table II, method 10)", () => {
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])("%i/%i − %i/%i → %f to %f", (x1, n1, x2, n2, lower, upper) => {
    const d = newcombeDifference(x1, n1, x2, n2);
    close(d.difference, x1 / n1 - x2 / n2, 10);
    close(d.lower, lower);
    close(d.upper, upper);
  });

  it("an interval crossing zero is no sure difference", () => {
    expect(excludesZero(newcombeDifference(5, 56, 0, 29))).toBe(false);
    expect(excludesZero(newcombeDifference(56, 70, 48, 80))).toBe(true);
  });
});

describe("Newcombe's paired difference (Newcombe 1998c, Stat Med 17:2635, Table II, method 10)", () => {
  it.each([
    [36, 12, 2, 0, 0.0569, 0.3404],
    [18, 12, 2, 18, 0.0562, 0.329],
    [53, 0, 0, 1, -0.0729, 0.0729],
  ])("e=%i f=%i g=%i h=%i → %f to %f", (both, firstOnly, secondOnly, neither, lower, upper) => {
    const d = newcombePairedDifference({ both, firstOnly, secondOnly, neither });
    close(d.lower, lower);
    close(d.upper, upper);
  });
});

describe("McNemar", () => {
  it("Agresti's presidential approval table (Categorical Data Analysis, 2nd ed., Table 10.1): z² = 17.36", () => {
    const r = mcnemar({ both: 794, firstOnly: 150, secondOnly: 86, neither: 570 });
    close(r.chiSquare!, 17.36, 2);
    expect(r.pExact).toBeLessThan(0.0001);
  });

  it("exact p for 1 against 9 discordant pairs is 2·11/1024 = 0.02148 (binomial table)", () => {
    close(mcnemar({ both: 3, firstOnly: 1, secondOnly: 9, neither: 4 }).pExact, 22 / 1024, 6);
  });

  it("no discordant pairs: p = 1, no statistic", () => {
    expect(mcnemar({ both: 4, firstOnly: 0, secondOnly: 0, neither: 3 })).toEqual({ chiSquare: null, pExact: 1 });
  });
});

describe("Student's t (quantiles from the standard t table, two-sided 95 %)", () => {
  it.each([
    [1, 12.706],
    [2, 4.303],
    [5, 2.571],
    [10, 2.228],
    [30, 2.042],
    [120, 1.98],
  ])("df %i → %f", (df, q) => close(studentTQuantile(0.975, df), q, 3));

  it("the mean of 1…9 is 5 with sd √7.5 and the interval 5 ± 2.306·√(7.5/9)", () => {
    const m = meanWithInterval([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    close(m.mean, 5, 10);
    close(m.sd, Math.sqrt(7.5), 10);
    close(m.interval!.lower, 5 - 2.306 * Math.sqrt(7.5 / 9), 2);
    close(m.interval!.upper, 5 + 2.306 * Math.sqrt(7.5 / 9), 2);
  });

  it("sums from SQL give the same as the values", () => {
    const values = [3, 4, 6, 9, 7, 5, 5];
    const sum = values.reduce((a, b) => a + b, 0);
    const sq = values.reduce((a, b) => a + b * b, 0);
    const a = meanWithInterval(values);
    const b = meanFromSums(values.length, sum, sq);
    close(b.mean, a.mean, 10);
    close(b.interval!.lower, a.interval!.lower, 10);
  });

  it("one value has no interval", () => {
    expect(meanWithInterval([4]).interval).toBeNull();
  });

  it("Student's sleep data (Cushny & Peebles; R's t.test paired): mean 1.58, 95 % CI 0.700 to 2.460", () => {
    const drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    const d = pairedMeanDifference(drug1.map((v, i) => [v, drug2[i]] as const));
    close(d.mean, 1.58, 6);
    close(d.interval!.lower, 0.7, 3);
    close(d.interval!.upper, 2.46, 3);
  });
});
