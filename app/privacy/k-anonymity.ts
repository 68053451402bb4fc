/**
 * k-anonymity by local suppression, as ARX and sdcMicro do it: every combination of quasi-identifier values in
 * a published file must occur at least k times. Where a combination is rarer, some of its cells are set to the
 * missing code, choosing the fewest cells over the whole file.
 *
 * - Rows are grouped in strata (the survey wave) that are never suppressed; k holds inside each stratum.
 * - A missing value is a value of its own: after suppression, a combination with a blank counts like any other.
 * - Only the rare combinations are touched. For each, a set of positions to blank (a mask) is chosen so that
 *   every resulting combination has at least k rows and the number of blanked cells is the smallest. The search
 *   is exact up to a node budget (always so for the handful of rare combinations a real survey has) and starts
 *   from a greedy answer, which it keeps when the budget runs out.
 * - When rows blanked on every position are still fewer than k, rows from the combinations with most room
 *   above k are blanked too; when no such room is left, those rows are left out of the file (and counted).
 */

export const MIN_K = 5;

/** One distinct combination of quasi-identifier values within a stratum, and how many rows have it. */
export interface QiClass {
  stratum: string;
  /** Values per quasi-identifier position; null is missing. */
  values: readonly (string | null)[];
  count: number;
}

/** What to do with the rows of one class, in the order they are written: drop, blank everything, then mask. */
export interface ClassTreatment {
  /** Bit i set: blank position i for the rows that are neither dropped nor fully blanked. */
  mask: number;
  /** The first `dropped` rows of the class are left out of the file. */
  dropped: number;
  /** The next `fullyBlanked` rows have every position blanked. */
  fullyBlanked: number;
}

export interface SuppressionPlan {
  k: number;
  treatments: ClassTreatment[];
  /** Blanked cells per position. */
  suppressedCells: number[];
  droppedRows: number;
  /** True when the search finished within its budget, so the answer is the minimum. */
  exact: boolean;
}

const DEFAULT_NODE_BUDGET = 50_000;

export function planSuppression(
  classes: readonly QiClass[],
  k: number,
  positions: number,
  { nodeBudget = DEFAULT_NODE_BUDGET }: { nodeBudget?: number } = {},
): SuppressionPlan {
  if (!Number.isInteger(k) || k < 1) throw new Error("k must be a positive integer");
  const treatments: ClassTreatment[] = classes.map(() => ({ mask: 0, dropped: 0, fullyBlanked: 0 }));
  const byStratum = new Map<string, number[]>();
  classes.forEach((c, i) => {
    const list = byStratum.get(c.stratum) ?? [];
    list.push(i);
    byStratum.set(c.stratum, list);
  });
  let exact = true;
  for (const indexes of byStratum.values()) {
    const result = planStratum(
      indexes.map((i) => classes[i]),
      k,
      positions,
      nodeBudget,
    );
    exact &&= result.exact;
    result.treatments.forEach((t, j) => (treatments[indexes[j]] = t));
  }
  const suppressedCells = Array.from({ length: positions }, () => 0);
  let droppedRows = 0;
  classes.forEach((c, i) => {
    const t = treatments[i];
    droppedRows += t.dropped;
    for (let p = 0; p < positions; p++) {
      if (c.values[p] === null) continue;
      suppressedCells[p] += t.fullyBlanked + (t.mask & (1 << p) ? c.count - t.dropped - t.fullyBlanked : 0);
    }
  });
  return { k, treatments, suppressedCells, droppedRows, exact };
}

/** The values a row of `cls` gets under a mask. */
export function applyMask(values: readonly (string | null)[], mask: number): (string | null)[] {
  return values.map((v, p) => (mask & (1 << p) ? null : v));
}

function keyOf(values: readonly (string | null)[], mask: number): string {
  return JSON.stringify(applyMask(values, mask));
}

function popcount(n: number): number {
  let c = 0;
  for (let x = n; x; x &= x - 1) c++;
  return c;
}

function nonNullMask(values: readonly (string | null)[]): number {
  let m = 0;
  values.forEach((v, p) => {
    if (v !== null) m |= 1 << p;
  });
  return m;
}

interface StratumResult {
  treatments: ClassTreatment[];
  exact: boolean;
}

function planStratum(classes: readonly QiClass[], k: number, positions: number, budget: number): StratumResult {
  const full = (1 << positions) - 1;
  const allBlankKey = JSON.stringify(Array.from({ length: positions }, () => null));
  const small = classes.map((c, i) => i).filter((i) => classes[i].count < k);
  const treatments = (masks: number[]): ClassTreatment[] =>
    masks.map((mask) => ({ mask, dropped: 0, fullyBlanked: 0 }));
  if (small.length === 0) return { treatments: treatments(classes.map(() => 0)), exact: true };

  // Groups as integers: the rows of the common classes, then whatever the rare classes can turn into.
  const groupIds = new Map<string, number>();
  const baseSizes: number[] = [];
  const groupOf = (key: string) => {
    let id = groupIds.get(key);
    if (id === undefined) {
      id = baseSizes.length;
      groupIds.set(key, id);
      baseSizes.push(0);
    }
    return id;
  };
  for (const c of classes) if (c.count >= k) baseSizes[groupOf(keyOf(c.values, 0))] += c.count;
  const allBlank = groupOf(allBlankKey);
  // Candidate masks per rare class: only positions that hold a value, cheapest first.
  const candidates = small.map((i) => {
    const own = nonNullMask(classes[i].values);
    const list: { mask: number; group: number; cost: number }[] = [];
    for (let m = 0; m <= full; m++)
      if ((m & own) === m)
        list.push({ mask: m, group: groupOf(keyOf(classes[i].values, m)), cost: popcount(m) * classes[i].count });
    return list.sort((a, b) => a.cost - b.cost || a.mask - b.mask);
  });
  const counts = small.map((i) => classes[i].count);
  const room = classes.reduce((s, c) => s + Math.max(0, c.count - k), 0);
  const sizes = new Int32Array(baseSizes.length);

  /** Total cost of a choice (index into each class's candidates), or null when some group stays short. */
  const evaluate = (choice: number[]): number | null => {
    sizes.set(baseSizes);
    let cost = 0;
    for (let j = 0; j < choice.length; j++) {
      const c = candidates[j][choice[j]];
      sizes[c.group] += counts[j];
      cost += c.cost;
    }
    for (let j = 0; j < choice.length; j++) {
      const g = candidates[j][choice[j]].group;
      const size = sizes[g];
      if (size >= k) continue;
      if (g !== allBlank) return null;
      // Rows from classes with room above k can fill the all-blank group, each costing every position.
      const short = k - size;
      cost += room >= short ? short * positions : Number.MAX_SAFE_INTEGER / 4;
      sizes[g] = k;
    }
    return cost;
  };

  // Greedy start: rarest first, the cheapest mask that lands in a group already big enough, else blank all.
  const greedy = small.map((_, j) => candidates[j].length - 1);
  const running = Int32Array.from(baseSizes);
  const order = small.map((_, j) => j).sort((a, b) => counts[a] - counts[b]);
  for (const j of order) {
    const hit = candidates[j].findIndex((c) => running[c.group] + counts[j] >= k);
    if (hit >= 0) greedy[j] = hit;
    running[candidates[j][greedy[j]].group] += counts[j];
  }
  let best = greedy;
  let bestCost = evaluate(best) ?? Number.MAX_SAFE_INTEGER;
  const consider = (choice: number[]) => {
    const cost = evaluate(choice);
    if (cost !== null && cost < bestCost) {
      best = choice;
      bestCost = cost;
    }
  };
  // Uniform starts: blank the same positions in every rare class, then everything where that is not enough.
  for (let m = 0; m <= full; m++) {
    const choice = small.map((_, j) => {
      const found = candidates[j].findIndex((c) => c.mask === (m & candidates[j][candidates[j].length - 1].mask));
      return found < 0 ? candidates[j].length - 1 : found;
    });
    sizes.set(baseSizes);
    choice.forEach((c, j) => (sizes[candidates[j][c].group] += counts[j]));
    consider(choice.map((c, j) => (sizes[candidates[j][c].group] >= k ? c : candidates[j].length - 1)));
  }
  // Improve one class at a time while that keeps the file valid and costs less.
  for (let improved = true, rounds = 0; improved && rounds < 20; rounds++) {
    improved = false;
    for (let j = 0; j < small.length; j++) {
      for (let c = 0; c < best[j]; c++) {
        const trial = best.slice();
        trial[j] = c;
        const cost = evaluate(trial);
        if (cost !== null && cost < bestCost) {
          best = trial;
          bestCost = cost;
          improved = true;
          break;
        }
      }
    }
  }

  // Exact branch and bound over the rare classes, largest first (their choices cost most).
  const dfsOrder = small.map((_, j) => j).sort((a, b) => counts[b] - counts[a]);
  const current = best.slice();
  let nodes = 0;
  let exhausted = false;
  const visit = (depth: number, cost: number) => {
    if (exhausted) return;
    if (++nodes > budget) {
      exhausted = true;
      return;
    }
    if (depth === dfsOrder.length) {
      const total = evaluate(current);
      if (total !== null && total < bestCost) {
        bestCost = total;
        best = current.slice();
      }
      return;
    }
    const j = dfsOrder[depth];
    for (let c = 0; c < candidates[j].length; c++) {
      if (cost + candidates[j][c].cost >= bestCost) break;
      current[j] = c;
      visit(depth + 1, cost + candidates[j][c].cost);
    }
  };
  visit(0, 0);

  const masks = classes.map(() => 0);
  small.forEach((i, j) => (masks[i] = candidates[j][best[j]].mask));
  const result = treatments(masks);
  fillAllBlankGroup(classes, result, k, allBlankKey);
  return { treatments: result, exact: !exhausted };
}

/** Makes the group blank on every position reach k, by blanking rows where there is room, or else dropping it. */
function fillAllBlankGroup(
  classes: readonly QiClass[],
  treatments: ClassTreatment[],
  k: number,
  allBlankKey: string,
): void {
  let size = 0;
  classes.forEach((c, i) => {
    if (keyOf(c.values, treatments[i].mask) === allBlankKey) size += c.count;
  });
  if (size === 0 || size >= k) return;
  let short = k - size;
  const donors = classes
    .map((c, i) => ({ i, room: c.count - k, cost: popcount(nonNullMask(c.values)) }))
    .filter((d) => d.room > 0 && treatments[d.i].mask === 0 && d.cost > 0)
    .sort((a, b) => a.cost - b.cost || b.room - a.room);
  const room = donors.reduce((s, d) => s + d.room, 0);
  if (room >= short) {
    for (const d of donors) {
      if (short === 0) break;
      const take = Math.min(d.room, short);
      treatments[d.i].fullyBlanked = take;
      short -= take;
    }
    return;
  }
  // Too few rows in this stratum to hide them among: leave them out.
  classes.forEach((c, i) => {
    if (keyOf(c.values, treatments[i].mask) === allBlankKey) treatments[i].dropped = c.count;
  });
}

/** Checks the property on rows as published: every combination in each stratum occurs at least k times. */
export function isKAnonymous(rows: readonly { stratum: string; values: readonly (string | null)[] }[], k: number) {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.stratum}\u0000${JSON.stringify(r.values)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.values()].every((n) => n >= k);
}

/**
 * Applies a plan while rows stream past: call `next(classIndex)` for each row in the same order every time,
 * and get back null (leave the row out) or the mask to blank.
 */
export function createPlanCursor(plan: SuppressionPlan, positions: number): (classIndex: number) => number | null {
  const seen = new Uint32Array(plan.treatments.length);
  const full = (1 << positions) - 1;
  return (classIndex) => {
    const t = plan.treatments[classIndex];
    const n = seen[classIndex]++;
    if (n < t.dropped) return null;
    if (n < t.dropped + t.fullyBlanked) return full;
    return t.mask;
  };
}
