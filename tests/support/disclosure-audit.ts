/**
 * An outsider's audit of a publication, written independently of the suppression code it checks:
 * - `lineSolver`: the solver the small-count tests have always used, generalised to any equations: while an
 *   equation has exactly one unknown member, solve it;
 * - `lpSolver`: for every hidden cell, the smallest and largest value consistent with everything published
 *   (shown values, "färre än 5" = 1–4, every hidden count ≥ 0, every equation), by linear programming. A cell
 *   whose range holds one whole number only is derived.
 * Both return the keys of the "färre än 5" cells they could work out: a protected publication gives none.
 */

import { maximise } from "~/privacy/linear-program";

export interface PublishedFigure {
  key: string;
  value: number;
  status: "shown" | "small" | "complementary";
}
export interface PublishedSum {
  total: string;
  parts: readonly string[];
}

export function lineSolver(figures: readonly PublishedFigure[], sums: readonly PublishedSum[]): string[] {
  const status = new Map(figures.map((f) => [f.key, f.status]));
  const known = new Set(figures.filter((f) => f.status === "shown").map((f) => f.key));
  const solved: string[] = [];
  for (let changed = true; changed;) {
    changed = false;
    for (const s of sums) {
      const unknown = [s.total, ...s.parts].filter((k) => !known.has(k));
      if (unknown.length === 1) {
        known.add(unknown[0]);
        if (status.get(unknown[0]) === "small") solved.push(unknown[0]);
        changed = true;
      }
    }
  }
  return solved;
}

export function lpSolver(figures: readonly PublishedFigure[], sums: readonly PublishedSum[]): string[] {
  const byKey = new Map(figures.map((f) => [f.key, f]));
  const unknowns: string[] = [];
  const index = new Map<string, number>();
  const unknown = (k: string) => byKey.get(k)?.status !== "shown";
  for (const s of sums) {
    for (const k of [s.total, ...s.parts]) {
      if (unknown(k) && !index.has(k)) {
        index.set(k, unknowns.length);
        unknowns.push(k);
      }
    }
  }
  if (unknowns.length === 0) return [];
  // x = lower + y, y ≥ 0, y ≤ upper − lower.
  const lower = unknowns.map((k) => (byKey.get(k)?.status === "small" ? 1 : 0));
  const upper = unknowns.map((k) => (byKey.get(k)?.status === "small" ? 4 : Infinity));
  const A: number[][] = [];
  const b: number[] = [];
  for (const s of sums) {
    const row = unknowns.map(() => 0);
    let rhs = 0;
    const term = (k: string, c: number) => {
      const i = index.get(k);
      if (i === undefined) rhs -= c * byKey.get(k)!.value;
      else {
        row[i] += c;
        rhs -= c * lower[i];
      }
    };
    term(s.total, -1);
    for (const p of s.parts) term(p, 1);
    if (row.some((c) => c !== 0)) {
      A.push(row);
      b.push(rhs);
    }
  }
  const span = upper.map((u, i) => u - lower[i]);
  const derived: string[] = [];
  unknowns.forEach((k, i) => {
    if (byKey.get(k)?.status !== "small") return;
    const c = unknowns.map((_, j) => (j === i ? 1 : 0));
    const max = maximise(A, b, span, c);
    const min = -maximise(
      A,
      b,
      span,
      c.map((v) => -v),
    );
    if (Math.floor(max + 1e-7) === Math.ceil(min - 1e-7)) derived.push(k);
  });
  return derived;
}
