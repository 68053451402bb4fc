/**
 * The statistics behind every outcome figure, as pure functions. Each is checked in tests/unit against published
 * reference values (Newcombe 1998a/b/c, Agresti, Student's t tables), never against its own output.
 */

export interface Interval {
  lower: number;
  upper: number;
}

/** The normal quantile for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

/**
 * Wilson's score interval for a proportion x/n (Newcombe 1998a, method 3): stays inside 0–1 and is good even for
 * small n or x near 0 or n, where the textbook ±1.96·SE interval fails.
 */
export function wilsonInterval(x: number, n: number, z = Z95): Interval {
  if (!Number.isInteger(x) || !Number.isInteger(n) || n <= 0 || x < 0 || x > n)
    throw new RangeError(`wilsonInterval needs 0 ≤ x ≤ n, n > 0; got ${x}/${n}`);
  const p = x / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denom = 1 + z2 / n;
  return { lower: clamp01((centre - spread) / denom), upper: clamp01((centre + spread) / denom) };
}

/**
 * The difference p1 − p2 of two independent proportions with Newcombe's hybrid score interval (Newcombe 1998b,
 * method 10): each proportion's Wilson limits, squared and added.
 */
export function newcombeDifference(x1: number, n1: number, x2: number, n2: number, z = Z95) {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const a = wilsonInterval(x1, n1, z);
  const b = wilsonInterval(x2, n2, z);
  const d = p1 - p2;
  return {
    difference: d,
    lower: d - Math.sqrt((p1 - a.lower) ** 2 + (b.upper - p2) ** 2),
    upper: d + Math.sqrt((a.upper - p1) ** 2 + (p2 - b.lower) ** 2),
  };
}

/**
 * Paired yes/no answers of the same people in two waves, as the 2×2 table of Newcombe 1998c:
 * `both` yes then yes, `firstOnly` yes then no, `secondOnly` no then yes, `neither` no then no.
 */
export interface PairedTable {
  both: number;
  firstOnly: number;
  secondOnly: number;
  neither: number;
}

/**
 * The difference between the paired proportions (first wave − second wave) with Newcombe's method 10 for paired
 * data (Newcombe 1998c): Wilson limits of both margins combined with a continuity-corrected phi for their correlation.
 */
export function newcombePairedDifference(t: PairedTable, z = Z95) {
  const { both: e, firstOnly: f, secondOnly: g, neither: h } = t;
  const n = e + f + g + h;
  if (n <= 0) throw new RangeError("newcombePairedDifference needs at least one pair");
  const x1 = e + f;
  const x2 = e + g;
  const p1 = x1 / n;
  const p2 = x2 / n;
  const a = wilsonInterval(x1, n, z);
  const b = wilsonInterval(x2, n, z);
  const denom = (e + f) * (g + h) * (e + g) * (f + h);
  let phi = 0;
  if (denom > 0) {
    const product = e * h - f * g;
    const corrected = product > n / 2 ? product - n / 2 : product < 0 ? product : 0;
    phi = corrected / Math.sqrt(denom);
  }
  const dl1 = p1 - a.lower;
  const du1 = a.upper - p1;
  const dl2 = p2 - b.lower;
  const du2 = b.upper - p2;
  const d = p1 - p2;
  return {
    difference: d,
    lower: d - Math.sqrt(Math.max(0, dl1 ** 2 - 2 * phi * dl1 * du2 + du2 ** 2)),
    upper: d + Math.sqrt(Math.max(0, du1 ** 2 - 2 * phi * du1 * dl2 + dl2 ** 2)),
  };
}

/**
 * McNemar's test on the discordant pairs: the exact two-sided binomial p-value (what small samples need), and the
 * uncorrected chi-square statistic (Agresti's form) for reference.
 */
export function mcnemar(t: PairedTable): { chiSquare: number | null; pExact: number } {
  const b = t.firstOnly;
  const c = t.secondOnly;
  const m = b + c;
  if (m === 0) return { chiSquare: null, pExact: 1 };
  const chiSquare = (b - c) ** 2 / m;
  const k = Math.min(b, c);
  let tail = 0;
  for (let i = 0; i <= k; i++) tail += Math.exp(logChoose(m, i) - m * Math.LN2);
  return { chiSquare, pExact: Math.min(1, 2 * tail) };
}

export interface MeanSummary {
  n: number;
  mean: number;
  sd: number;
  /** Null when n < 2: one value has no spread to build an interval on. */
  interval: Interval | null;
}

/** The mean with a 95 % Student t interval. */
export function meanWithInterval(values: readonly number[], level = 0.95): MeanSummary {
  const n = values.length;
  if (n === 0) throw new RangeError("meanWithInterval needs at least one value");
  const mean = values.reduce((s, v) => s + v, 0) / n;
  return summaryFromMoments(n, mean, n > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1) : 0, level);
}

/**
 * The same from sums (n, Σx, Σx²), which SQL can compute without sending the values: sample variance
 * (Σx² − n·mean²)/(n − 1).
 */
export function meanFromSums(n: number, sum: number, sumSquares: number, level = 0.95): MeanSummary {
  if (n <= 0) throw new RangeError("meanFromSums needs n > 0");
  const mean = sum / n;
  const variance = n > 1 ? Math.max(0, (sumSquares - n * mean * mean) / (n - 1)) : 0;
  return summaryFromMoments(n, mean, variance, level);
}

function summaryFromMoments(n: number, mean: number, variance: number, level: number): MeanSummary {
  const sd = Math.sqrt(variance);
  if (n < 2) return { n, mean, sd, interval: null };
  const half = studentTQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, interval: { lower: mean - half, upper: mean + half } };
}

/** The mean of paired differences (second − first) with its t interval: the paired t procedure. */
export function pairedMeanDifference(pairs: readonly (readonly [number, number])[], level = 0.95): MeanSummary {
  return meanWithInterval(
    pairs.map(([first, second]) => second - first),
    level,
  );
}

/** Whether an interval for a difference lies wholly on one side of zero ("säker skillnad"). */
export function excludesZero(interval: Interval): boolean {
  return interval.lower > 0 || interval.upper < 0;
}

// ---- distributions --------------------------------------------------------------------------------------------

/** Student's t quantile: inverts the CDF by bisection on the regularised incomplete beta function. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) throw new RangeError("studentTQuantile needs 0 < p < 1 and df > 0");
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export function studentTCdf(t: number, df: number): number {
  const x = df / (df + t * t);
  const tail = 0.5 * regularisedIncompleteBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** I_x(a, b) by the continued fraction of Numerical Recipes (Lentz's method). */
function regularisedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** Lanczos approximation (g = 7, n = 9). */
function logGamma(x: number): number {
  const g = 7;
  const coef = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const xx = x - 1;
  let a = coef[0];
  const t = xx + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += coef[i] / (xx + i);
  return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(a);
}

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}
