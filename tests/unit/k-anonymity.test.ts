import { describe, expect, it } from "vitest";
import {
  applyMask,
  createPlanCursor,
  isKAnonymous,
  planSuppression,
  type QiClass,
  type SuppressionPlan,
} from "~/privacy/k-anonymity";

type Value = string | null;

/** Rows as published after the plan, from classes expanded to rows in order. */
function publish(classes: QiClass[], plan: SuppressionPlan, positions: number) {
  const next = createPlanCursor(plan, positions);
  const rows: { stratum: string; values: Value[] }[] = [];
  classes.forEach((c, i) => {
    for (let r = 0; r < c.count; r++) {
      const mask = next(i);
      if (mask !== null) rows.push({ stratum: c.stratum, values: applyMask(c.values, mask) });
    }
  });
  return rows;
}

const totalCells = (plan: SuppressionPlan) => plan.suppressedCells.reduce((a, b) => a + b, 0);
const cls = (values: Value[], count: number, stratum = "1"): QiClass => ({ stratum, values, count });

describe("planSuppression on hand-made cases", () => {
  it("leaves a file that is already k-anonymous alone", () => {
    const classes = [cls(["kvinna", "bf"], 5), cls(["man", "bf"], 7)];
    const plan = planSuppression(classes, 5, 2);
    expect(totalCells(plan)).toBe(0);
    expect(plan.droppedRows).toBe(0);
    expect(plan.exact).toBe(true);
  });

  it("blanks the one cell that moves a rare row into a big enough group (a missing value is a value)", () => {
    const classes = [cls(["kvinna", "fot"], 1), cls(["kvinna", null], 5), cls(["man", "fot"], 5)];
    const plan = planSuppression(classes, 5, 2);
    expect(plan.treatments[0]).toEqual({ mask: 0b10, dropped: 0, fullyBlanked: 0 });
    expect(plan.suppressedCells).toEqual([0, 1]);
    expect(isKAnonymous(publish(classes, plan, 2), 5)).toBe(true);
  });

  it("merges two rare groups on the same position rather than blanking everything", () => {
    const classes = [
      cls(["kvinna", "fot"], 2),
      cls(["kvinna", "bf"], 3),
      cls(["man", "bf"], 5),
      cls(["man", "fot"], 5),
    ];
    const plan = planSuppression(classes, 5, 2);
    // Blanking the programme of all five women costs 5 cells; blanking both of their values would cost 10.
    expect(plan.suppressedCells).toEqual([0, 5]);
    expect(plan.treatments.map((t) => t.mask)).toEqual([0b10, 0b10, 0, 0]);
    expect(isKAnonymous(publish(classes, plan, 2), 5)).toBe(true);
  });

  it("keeps k inside each wave: the same combination in another wave does not help", () => {
    const classes = [cls(["kvinna"], 3, "1"), cls(["kvinna"], 3, "2"), cls(["man"], 6, "1"), cls(["man"], 9, "2")];
    const plan = planSuppression(classes, 5, 1);
    const rows = publish(classes, plan, 1);
    expect(isKAnonymous(rows, 5)).toBe(true);
    // Wave 1: the 3 women need 2 more blank rows from the men (6 − 5 = 1 room) → not enough, so they are left out.
    expect(plan.treatments[0].dropped).toBe(3);
    // Wave 2: 3 women blanked, 2 men blanked with them (room 4).
    expect(plan.treatments[1]).toEqual({ mask: 1, dropped: 0, fullyBlanked: 0 });
    expect(plan.treatments[3].fullyBlanked).toBe(2);
    expect(plan.droppedRows).toBe(3);
    expect(rows.length).toBe(21 - 3);
  });

  it("rejects a k that is not a positive integer", () => {
    expect(() => planSuppression([], 0, 1)).toThrow();
    expect(() => planSuppression([], 2.5, 1)).toThrow();
  });
});

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomClasses(rand: () => number, positions: number, rows: number, strata: number): QiClass[] {
  const domain = [
    ["kvinna", "man", "annan", null],
    ["bf", "fot", null],
    ["vecka", "manad", "sallan", "aldrig", null],
  ];
  const counts = new Map<string, QiClass>();
  for (let r = 0; r < rows; r++) {
    const stratum = String(1 + Math.floor(rand() * strata));
    const values = Array.from({ length: positions }, (_, p) => {
      const d = domain[p % domain.length];
      // Skewed: the first values are common, the last rare.
      return d[Math.min(d.length - 1, Math.floor(rand() ** 2 * d.length))];
    });
    const key = `${stratum}|${JSON.stringify(values)}`;
    const found = counts.get(key);
    if (found) found.count++;
    else counts.set(key, { stratum, values, count: 1 });
  }
  return [...counts.values()];
}

/** Every assignment of masks to the rare classes of one stratum, for the cheapest that needs no extra rows. */
function bruteForceMinimum(classes: QiClass[], k: number, positions: number): number | null {
  const small = classes.filter((c) => c.count < k);
  const fixed = classes.filter((c) => c.count >= k);
  let best: number | null = null;
  const total = (1 << positions) ** small.length;
  for (let n = 0; n < total; n++) {
    let x = n;
    const groups = new Map<string, number>();
    for (const c of fixed) groups.set(JSON.stringify(c.values), (groups.get(JSON.stringify(c.values)) ?? 0) + c.count);
    let cost = 0;
    for (const c of small) {
      const mask = x % (1 << positions);
      x = Math.floor(x / (1 << positions));
      const values = applyMask(c.values, mask);
      cost += c.values.filter((v, p) => v !== null && values[p] === null).length * c.count;
      groups.set(JSON.stringify(values), (groups.get(JSON.stringify(values)) ?? 0) + c.count);
    }
    if ([...groups.values()].every((s) => s >= k) && (best === null || cost < best)) best = cost;
  }
  return best;
}

describe("planSuppression on random data", () => {
  it("always gives a k-anonymous file, keeping every row it does not have to leave out", () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rand = random(seed);
      const positions = 1 + (seed % 3);
      const k = 5 + (seed % 4);
      const classes = randomClasses(rand, positions, 20 + Math.floor(rand() * 400), 1 + (seed % 3));
      const plan = planSuppression(classes, k, positions, { nodeBudget: 5_000 });
      const rows = publish(classes, plan, positions);
      expect(isKAnonymous(rows, k), `seed ${seed}`).toBe(true);
      const total = classes.reduce((s, c) => s + c.count, 0);
      expect(rows.length + plan.droppedRows).toBe(total);
      // The counts in the plan are the cells really blanked.
      let blanked = 0;
      const next = createPlanCursor(plan, positions);
      classes.forEach((c, i) => {
        for (let r = 0; r < c.count; r++) {
          const mask = next(i);
          if (mask !== null) blanked += c.values.filter((v, p) => v !== null && mask & (1 << p)).length;
        }
      });
      expect(blanked).toBe(totalCells(plan));
    }
  }, 60_000);

  it("is never worse than the best assignment found by trying them all, on small cases", () => {
    let compared = 0;
    for (let seed = 100; seed < 400; seed++) {
      const rand = random(seed);
      const positions = 2;
      const classes = randomClasses(rand, positions, 30 + Math.floor(rand() * 40), 1);
      if (classes.filter((c) => c.count < 5).length > 6) continue;
      const best = bruteForceMinimum(classes, 5, positions);
      if (best === null) continue;
      const plan = planSuppression(classes, 5, positions);
      expect(plan.droppedRows, `seed ${seed}`).toBe(0);
      expect(totalCells(plan), `seed ${seed}`).toBeLessThanOrEqual(best);
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  }, 60_000);
});
