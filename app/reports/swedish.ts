import { MONTHS as MONTH_WORDS, WEEKDAYS as WEEKDAY_WORDS } from "~/i18n/date-words";
/**
 * Swedish as an official report writes it (Språkrådet's rules, the tone of the follow-up reports):
 * numbers one to twelve in words in running text, then digits; a narrow no-break space between thousands
 * ("1 234"); a decimal comma; "33 procent"; dates "1 juli 2026"; singular and plural; "cirka" only in front
 * of a figure that was rounded. Pure functions, so the same data always gives the same words.
 */

/** The thousands separator: U+202F, a thin space that never breaks a number over two lines. */
export const THIN_SPACE = "\u202f";

const WORDS = ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"];

export type Gender = "common" | "neuter";

/**
 * A count in running text: words for one to twelve, digits from 13. "en deltagare" but "ett tillfälle":
 * the word for one follows the noun's gender (en-ord, ett-ord).
 */
export function countWord(n: number, gender: Gender = "common"): string {
  if (Number.isInteger(n) && n >= 0 && n <= 12) {
    if (n === 1) return gender === "common" ? "en" : "ett";
    return WORDS[n];
  }
  return formatNumber(n);
}

/** Digits with a thin space between thousands and a decimal comma: 1 234, 2,5, −3. */
export function formatNumber(n: number, decimals?: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  const fixed = decimals === undefined ? trimDecimals(n) : n.toFixed(decimals);
  const negative = fixed.startsWith("-");
  const [whole, fraction] = (negative ? fixed.slice(1) : fixed).split(".");
  // Four-digit numbers get the space too, so columns of figures line up.
  const withGroups = whole.replace(/\B(?=(\d{3})+(?!\d))/g, THIN_SPACE);
  return `${negative ? "\u2212" : ""}${withGroups}${fraction ? `,${fraction}` : ""}`;
}

function trimDecimals(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Math.round(n * 10) / 10);
}

/** "33 procent": a whole percentage in running text. */
export function percentText(share: number): string {
  return `${formatNumber(Math.round(share))} procent`;
}

/** "25,9 %": a percentage with one decimal, for tables. */
export function percentCell(share: number): string {
  return `${formatNumber(Math.round(share * 10) / 10, 1)}${"\u00a0"}%`;
}

/** A share of a whole in per cent, or null when the whole is zero (never "0 procent av 0"). */
export function shareOf(part: number, whole: number): number | null {
  return whole > 0 ? (part / whole) * 100 : null;
}

/** "en deltagare", "två deltagare", "15 deltagare". */
export function countNoun(n: number, singular: string, plural: string, gender: Gender = "common"): string {
  return `${countWord(n, gender)} ${n === 1 ? singular : plural}`;
}

/** Rounds to the nearest `step` (5 for the size of an occasion, 10 for visits a month). */
export function roundTo(n: number, step: number): number {
  return Math.round(n / step) * step;
}

/**
 * A figure stated roughly: "cirka 15" when rounding changed or could have changed it, and only then.
 * Small figures (under `step * 2`) are written exactly, since "cirka 5" says less than "fyra".
 */
export function approximately(n: number, step: number, gender: Gender = "common"): { text: string; rounded: boolean } {
  if (n < step * 2) return { text: countWord(Math.round(n), gender), rounded: false };
  const rounded = roundTo(n, step);
  return { text: `cirka ${formatNumber(rounded)}`, rounded: true };
}

export const MONTHS: readonly string[] = MONTH_WORDS.sv;
export const WEEKDAYS: readonly string[] = WEEKDAY_WORDS.sv;

function parts(iso: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new RangeError(`not a date: ${iso}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

/** "1 juli 2026". */
export function dateText(iso: string): string {
  const { y, m, d } = parts(iso);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** "juni 2023" from a date or a month (YYYY-MM). */
export function monthText(isoOrMonth: string): string {
  const [y, m] = isoOrMonth.split("-").map(Number);
  return `${MONTHS[m - 1]} ${y}`;
}

/** "1 juli 2023 till 31 december 2023", as the committee's follow-ups name a period. */
export function periodText(from: string, to: string): string {
  return `${dateText(from)} till ${dateText(to)}`;
}

/** "Sygrupp, Yoga och Kvinnogrupp"; an empty list gives "". */
export function listText(items: readonly string[], conjunction = "och"): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1]}`;
}

/**
 * The days of the week something ran: "måndag till fredag" for an unbroken run of three or more days,
 * else "tisdagar och torsdagar". `weekdays` are ISO (1 = Monday).
 */
export function weekdaysText(weekdays: readonly number[]): string {
  const days = [...new Set(weekdays)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  if (days.length === 0) return "";
  const unbroken = days.every((d, i) => i === 0 || d === days[i - 1] + 1);
  if (unbroken && days.length >= 3) return `${WEEKDAYS[days[0] - 1]} till ${WEEKDAYS[days[days.length - 1] - 1]}`;
  return listText(days.map((d) => `${WEEKDAYS[d - 1]}ar`));
}

/** "mellan två och sex", or "fyra" when both ends are the same. */
export function rangeText(low: number, high: number): string {
  if (low === high) return countWord(low);
  return `mellan ${countWord(low)} och ${countWord(high)}`;
}

/** Upper-cases the first letter, for a figure that opens a sentence ("Två deltagare …"). */
export function capitalise(text: string): string {
  return text.length === 0 ? text : text[0].toLocaleUpperCase("sv-SE") + text.slice(1);
}

/** The nearest-rank percentile (p in 0–100) of a non-empty list: an actual value, never an interpolation. */
export function nearestRank(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError("no values");
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/** A period named as people say it: "andra halvåret 2023", "2024", or "perioden". */
export function periodName(from: string, to: string): string {
  const a = parts(from);
  const b = parts(to);
  if (a.y === b.y && a.d === 1 && isLastOfMonth(to)) {
    if (a.m === 1 && b.m === 12) return `${a.y}`;
    if (a.m === 7 && b.m === 12) return `andra halvåret ${a.y}`;
    if (a.m === 1 && b.m === 6) return `första halvåret ${a.y}`;
    if (a.m === b.m) return monthText(from);
  }
  return "perioden";
}

export function isLastOfMonth(iso: string): boolean {
  const { y, m, d } = parts(iso);
  return new Date(Date.UTC(y, m, 0)).getUTCDate() === d;
}
