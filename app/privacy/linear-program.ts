/**
 * A small linear program solver for the small-count rule: the largest value of c·y over A·y = b, 0 ≤ y ≤ upper.
 * Tables are small (tens of unknowns), so a dense two-phase simplex with Bland's rule is enough and never cycles.
 */

/**
 * Work done, counted in elementary steps (one tableau entry read or updated), so that a caller can bound it
 * deterministically; `spend` may throw to stop the solver.
 */
export type Spend = (steps: number) => void;

/** max c·y subject to A·y = b, 0 ≤ y ≤ upper (two-phase simplex, Bland's rule). */
export function maximise(A: number[][], b: number[], upper: number[], c: number[], spend: Spend = () => {}): number {
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
  run(T, basis, phase1, width, () => true, spend);
  const value1 = objective(T, basis, phase1, width);
  if (value1 < -1e-6) throw new Error("the published figures contradict each other");
  // Drive artificials out of the basis.
  for (let i = 0; i < m; i++) {
    if (basis[i] < n + bounded.length) continue;
    const j = T[i].findIndex((v, col) => col < n + bounded.length && Math.abs(v) > 1e-9);
    if (j >= 0) pivot(T, basis, i, j, width, spend);
  }
  const cost = Array.from({ length: width }, (_, j) => (j < n ? c[j] : 0));
  const ok = run(T, basis, cost, width, (j) => j < n + bounded.length, spend);
  if (!ok) return Infinity;
  return objective(T, basis, cost, width);
}

function objective(T: number[][], basis: number[], cost: number[], width: number): number {
  return basis.reduce((acc, bj, i) => acc + cost[bj] * T[i][width], 0);
}

function run(
  T: number[][],
  basis: number[],
  cost: number[],
  width: number,
  allowed: (j: number) => boolean,
  spend: Spend,
): boolean {
  for (let iter = 0; iter < 5000; iter++) {
    // Pricing reads every column against the basis.
    spend(width * T.length);
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
    pivot(T, basis, leave, enter, width, spend);
  }
  throw new Error("simplex did not finish");
}

function pivot(T: number[][], basis: number[], row: number, col: number, width: number, spend: Spend): void {
  spend(T.length * (width + 1));
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
