/**
 * An outsider's audit of a publication, written independently of the suppression code it checks:
 * - `lineSolver`: the solver the small-count tests have always used, generalised to any equations: while an
 *   equation has exactly one unknown member, solve it;
 * - `lpSolver`: for every hidden cell, the smallest and largest value consistent with everything published
 *   (shown values, "färre än 5" = 1–4, every hidden count ≥ 0, every equation), by linear programming. A cell
 *   whose range holds one whole number only is derived.
 * Both return the keys of the "färre än 5" cells they could work out: a protected publication gives none.
 */

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
  for (let changed = true; changed; ) {
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

/** max c·y subject to A·y = b, 0 ≤ y ≤ upper (two-phase simplex, Bland's rule). */
function maximise(A: number[][], b: number[], upper: number[], c: number[]): number {
  const n = c.length;
  const bounded = upper.map((u, j) => (Number.isFinite(u) ? j : -1)).filter((j) => j >= 0);
  const rows: number[][] = [];
  const rhs: number[] = [];
  A.forEach((r, i) => {
    rows.push([...r, ...bounded.map(() => 0)]);
    rhs.push(b[i]);
  });
  bounded.forEach((j, s) => {
    const r = Array.from({ length: n + bounded.length }, () => 0);
    r[j] = 1;
    r[n + s] = 1;
    rows.push(r);
    rhs.push(upper[j]);
  });
  const m = rows.length;
  const width = n + bounded.length + m;
  const T = rows.map((r, i) => {
    const sign = rhs[i] < 0 ? -1 : 1;
    const art = Array.from({ length: m }, (_, a) => (a === i ? 1 : 0));
    return [...r.map((v) => v * sign), ...art, rhs[i] * sign];
  });
  const basis = Array.from({ length: m }, (_, i) => n + bounded.length + i);
  const phase1 = Array.from({ length: width }, (_, j) => (j >= n + bounded.length ? -1 : 0));
  run(T, basis, phase1, width, () => true);
  const value1 = objective(T, basis, phase1, width);
  if (value1 < -1e-6) throw new Error("the published figures contradict each other");
  // Drive artificials out of the basis.
  for (let i = 0; i < m; i++) {
    if (basis[i] < n + bounded.length) continue;
    const j = T[i].findIndex((v, col) => col < n + bounded.length && Math.abs(v) > 1e-9);
    if (j >= 0) pivot(T, basis, i, j, width);
  }
  const cost = Array.from({ length: width }, (_, j) => (j < n ? c[j] : 0));
  const ok = run(T, basis, cost, width, (j) => j < n + bounded.length);
  if (!ok) return Infinity;
  return objective(T, basis, cost, width);
}

function objective(T: number[][], basis: number[], cost: number[], width: number): number {
  return basis.reduce((acc, bj, i) => acc + cost[bj] * T[i][width], 0);
}

function run(T: number[][], basis: number[], cost: number[], width: number, allowed: (j: number) => boolean): boolean {
  for (let iter = 0; iter < 5000; iter++) {
    let enter = -1;
    for (let j = 0; j < width && enter < 0; j++) {
      if (!allowed(j) || basis.includes(j)) continue;
      const reduced = cost[j] - basis.reduce((acc, bj, i) => acc + cost[bj] * T[i][j], 0);
      if (reduced > 1e-9) enter = j;
    }
    if (enter < 0) return true;
    let leave = -1;
    let best = Infinity;
    for (let i = 0; i < T.length; i++) {
      if (T[i][enter] > 1e-9) {
        const ratio = T[i][width] / T[i][enter];
        if (ratio < best - 1e-12 || (Math.abs(ratio - best) <= 1e-12 && basis[i] < basis[leave])) {
          best = ratio;
          leave = i;
        }
      }
    }
    if (leave < 0) return false;
    pivot(T, basis, leave, enter, width);
  }
  throw new Error("simplex did not finish");
}

function pivot(T: number[][], basis: number[], row: number, col: number, width: number): void {
  const p = T[row][col];
  for (let j = 0; j <= width; j++) T[row][j] /= p;
  for (let i = 0; i < T.length; i++) {
    if (i === row) continue;
    const f = T[i][col];
    if (Math.abs(f) < 1e-15) continue;
    for (let j = 0; j <= width; j++) T[i][j] -= f * T[row][j];
  }
  basis[row] = col;
}
