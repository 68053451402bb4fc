import type { ChangeFigure, GroupFigure, MeasureFigures, PairedFigure, PublishedCount } from "./figures";
import type { Interval } from "./statistics";
import { isSmallCount, SMALL_COUNT_LIMIT } from "~/privacy/small-counts";

/**
 * Figures in words, the way the follow-up report writes them: "33 procent (19 av 57) behöver mer stöd med något att
 * göra på dagarna". Pure; the page, the CSV and the report use the same sentences.
 */

type Locale = "sv" | "en";

const W = {
  sv: {
    of: "av",
    percent: "procent",
    fewer: `färre än ${SMALL_COUNT_LIMIT}`,
    hidden: "dolt",
    tooFew: `Färre än ${SMALL_COUNT_LIMIT} har svarat, så siffran visas inte.`,
    hiddenShare: `Andelen visas inte: en grupp är för liten (färre än ${SMALL_COUNT_LIMIT}) och skulle kunna räknas ut.`,
    noAnswers: "Ingen har svarat på frågan.",
    interval: "95 % konfidensintervall",
    mean: "Medelvärde",
    notScored: "{n} svarade inte på alla tre frågorna och räknas inte.",
    notScoredHidden: "Några svarade inte på alla tre frågorna och räknas inte. Hur många visas inte.",
    up: "ökning med {pp} procentenheter",
    down: "minskning med {pp} procentenheter",
    same: "ingen förändring",
    sure: "säker skillnad",
    unsure: "ingen säker skillnad",
    since: "sedan {wave}",
    pairs: "Samma personer i båda omgångarna ({n} par)",
    fewPairs: `Förändring för samma personer visas när minst ${SMALL_COUNT_LIMIT} personer svarat i båda omgångarna med sin deltagarkod ({n} nu).`,
    smallCells: `Förändring för samma personer visas inte: för få bytte svar (färre än ${SMALL_COUNT_LIMIT}) och de skulle kunna räknas ut.`,
    from: "från {a} till {b}",
    meanChange: "medelvärdet ändrades med {d}",
    pValue: "McNemar p = {p}",
    answered: "{n} svarade",
  },
  en: {
    of: "of",
    percent: "per cent",
    fewer: `fewer than ${SMALL_COUNT_LIMIT}`,
    hidden: "hidden",
    tooFew: `Fewer than ${SMALL_COUNT_LIMIT} answered, so the figure is not shown.`,
    hiddenShare: `The share is not shown: a group is too small (fewer than ${SMALL_COUNT_LIMIT}) and could be worked out.`,
    noAnswers: "No one has answered the question.",
    interval: "95 % confidence interval",
    mean: "Mean",
    notScored: "{n} did not answer all three items and are not scored.",
    notScoredHidden: "Some did not answer all three items and are not scored. How many is not shown.",
    up: "a rise of {pp} percentage points",
    down: "a fall of {pp} percentage points",
    same: "no change",
    sure: "a sure difference",
    unsure: "no sure difference",
    since: "since {wave}",
    pairs: "The same people in both waves ({n} pairs)",
    fewPairs: `Change for the same people is shown when at least ${SMALL_COUNT_LIMIT} people answered both waves with their participant code ({n} now).`,
    smallCells: `Change for the same people is not shown: too few changed their answer (fewer than ${SMALL_COUNT_LIMIT}) and they could be worked out.`,
    from: "from {a} to {b}",
    meanChange: "the mean changed by {d}",
    pValue: "McNemar p = {p}",
    answered: "{n} answered",
  },
} as const;

const fill = (t: string, v: Record<string, string | number>) =>
  t.replace(/\{(\w+)\}/g, (m, k: string) => (k in v ? String(v[k]) : m));

export function formatNumber(n: number, locale: Locale, digits = 0): string {
  return n.toLocaleString(locale === "sv" ? "sv-SE" : "en-GB", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** Whole per cent, as the report prints shares. */
export function percent(share: number, locale: Locale): string {
  return formatNumber(Math.round(share * 100), locale);
}

export function countLabel(c: PublishedCount, locale: Locale): string {
  if (c.n !== null) return formatNumber(c.n, locale);
  return c.status === "small" ? W[locale].fewer : W[locale].hidden;
}

export function intervalText(i: Interval, locale: Locale, asPercent = true): string {
  const f = (v: number) => (asPercent ? percent(v, locale) : formatNumber(v, locale, 1));
  // "−1,3 till −0,2", not "−1,3–−0,2": a dash beside a minus sign reads as neither (as the change sentences say it).
  const between = i.lower < 0 ? (locale === "sv" ? " till " : " to ") : "–";
  return `${W[locale].interval}: ${f(i.lower)}${between}${f(i.upper)}${asPercent ? (locale === "sv" ? " procent" : " per cent") : ""}`;
}

/** "33 procent (19 av 57) behöver …", or why no share is shown. */
export function describeShare(m: Pick<MeasureFigures, "statement">, g: GroupFigure, locale: Locale): string {
  const w = W[locale];
  if (g.respondents.n === 0) return w.noAnswers;
  if (g.respondents.n === null) return w.tooFew;
  if (g.share === null || g.positive?.n == null) return w.hiddenShare;
  return `${percent(g.share, locale)} ${w.percent} (${formatNumber(g.positive.n, locale)} ${w.of} ${formatNumber(g.respondents.n, locale)}) ${m.statement[locale]}`;
}

export function describeMean(g: GroupFigure, locale: Locale): string | null {
  if (!g.mean) return null;
  const w = W[locale];
  const ci = g.mean.interval ? ` (${intervalText(g.mean.interval, locale, false)})` : "";
  return `${w.mean} ${formatNumber(g.mean.mean, locale, 1)}${ci}`;
}

export function describeNotScored(g: GroupFigure, locale: Locale): string | null {
  if (!g.notScored || g.notScored.n === 0) return null;
  // A hidden count is no word to start a sentence with ("dolt svarade inte …"); "färre än 5" takes a capital.
  if (g.notScored.n === null && g.notScored.status !== "small") return W[locale].notScoredHidden;
  const n = countLabel(g.notScored, locale);
  return fill(W[locale].notScored, { n: n.charAt(0).toUpperCase() + n.slice(1) });
}

/** "ökning med 5 procentenheter sedan Brukarenkät 2025 (95 % konfidensintervall −3–13): ingen säker skillnad" */
export function describeChange(c: ChangeFigure, sinceWave: string, locale: Locale): string {
  const w = W[locale];
  const pp = Math.round(c.difference * 100);
  const head = pp === 0 ? w.same : fill(pp > 0 ? w.up : w.down, { pp: formatNumber(Math.abs(pp), locale) });
  const ci = `${formatNumber(Math.round(c.interval.lower * 100), locale)} ${locale === "sv" ? "till" : "to"} ${formatNumber(Math.round(c.interval.upper * 100), locale)}`;
  return `${head} ${fill(w.since, { wave: sinceWave })} (${w.interval} ${ci}): ${c.sure ? w.sure : w.unsure}`;
}

export function describePaired(p: PairedFigure, locale: Locale): string {
  const w = W[locale];
  if (p.hiddenBecause === "few_pairs") return fill(w.fewPairs, { n: isSmallCount(p.pairs) ? w.fewer : p.pairs });
  if (p.hiddenBecause === "small_cells") return w.smallCells;
  const head = fill(w.pairs, { n: formatNumber(p.pairs, locale) });
  if (p.kind === "share") {
    const pp = Math.round((p.difference ?? 0) * 100);
    const change = pp === 0 ? w.same : fill(pp > 0 ? w.up : w.down, { pp: formatNumber(Math.abs(pp), locale) });
    const ci = p.interval
      ? ` (${w.interval} ${formatNumber(Math.round(p.interval.lower * 100), locale)} ${locale === "sv" ? "till" : "to"} ${formatNumber(Math.round(p.interval.upper * 100), locale)})`
      : "";
    return `${head}: ${fill(w.from, { a: `${percent(p.first!, locale)} %`, b: `${percent(p.second!, locale)} %` })}, ${change}${ci}, ${fill(w.pValue, { p: formatNumber(p.pValue ?? 1, locale, 3) })}: ${p.sure ? w.sure : w.unsure}`;
  }
  const ci = p.interval ? ` (${intervalText(p.interval, locale, false)})` : "";
  return `${head}: ${fill(w.from, { a: formatNumber(p.first!, locale, 1), b: formatNumber(p.second!, locale, 1) })}, ${fill(w.meanChange, { d: formatNumber(p.difference ?? 0, locale, 1) })}${ci}: ${p.sure ? w.sure : w.unsure}`;
}
