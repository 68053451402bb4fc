import type { CsvValue } from "~/privacy/csv";
import type { GroupFigure } from "./figures";
import type { OutcomeReport } from "./load-outcomes.server";
import { countLabel } from "./wording";

/**
 * The outcome page as CSV rows, in long form (one figure per row, so Excel can filter and pivot it): exactly what
 * the page shows, with the same suppression — a hidden count is "färre än 5" or "dolt", and no share, mean or
 * interval built on it appears. Differences are written with a true minus sign (−), since the Excel-safe rule would
 * turn a leading hyphen into text anyway, with the decimal comma of the Swedish Excel dialect.
 */

type Locale = "sv" | "en";

const HEADER = {
  sv: [
    "Mått",
    "Omgång",
    "Grupp",
    "Uppgift",
    "Värde",
    "Antal",
    "Av (svarade)",
    "Andel (%)",
    "95 % KI nedre",
    "95 % KI övre",
  ],
  en: [
    "Measure",
    "Wave",
    "Group",
    "Figure",
    "Value",
    "Count",
    "Of (answered)",
    "Share (%)",
    "95 % CI lower",
    "95 % CI upper",
  ],
};

const KIND = {
  sv: {
    positive: "Andel",
    answer: "Svar",
    mean: "Medelvärde",
    notScored: "Svarade inte på alla frågor",
    change: "Förändring (procentenheter)",
    paired: "Samma personer, förändring",
    everyone: "Alla",
    since: "sedan",
  },
  en: {
    positive: "Share",
    answer: "Answer",
    mean: "Mean",
    notScored: "Did not answer all items",
    change: "Change (percentage points)",
    paired: "Same people, change",
    everyone: "Everyone",
    since: "since",
  },
};

const signed = (v: number, digits: number) => {
  const r = Number(v.toFixed(digits));
  const text = Math.abs(r).toFixed(digits);
  return (r < 0 ? `\u2212${text}` : text).replace(".", ",");
};
const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

export function outcomeCsvRows(report: OutcomeReport, locale: Locale): CsvValue[][] {
  const k = KIND[locale];
  const rows: CsvValue[][] = [HEADER[locale]];
  const waveTitle = (id: number) => report.waves.find((w) => w.id === id)?.title ?? String(id);
  const groupLabel = (g: GroupFigure) =>
    g.group === null ? k.everyone : (report.breakdown?.groups.find((x) => x.key === g.group)?.label[locale] ?? g.group);
  for (const m of report.measures) {
    const name = m.name[locale];
    for (const w of m.waves) {
      for (const g of [w.all, ...w.groups]) {
        const base = [name, waveTitle(w.campaignId), groupLabel(g)];
        if (m.kind !== "choices" && g.positive) {
          rows.push([
            ...base,
            k.positive,
            m.statement[locale],
            countLabel(g.positive, locale),
            countLabel(g.respondents, locale),
            pct(g.share),
            g.interval ? pct(g.interval.lower) : null,
            g.interval ? pct(g.interval.upper) : null,
          ]);
        }
        if (g.mean) {
          rows.push([
            ...base,
            k.mean,
            "",
            null,
            countLabel(g.respondents, locale),
            null,
            g.mean.interval ? Number(g.mean.interval.lower.toFixed(2)) : null,
            g.mean.interval ? Number(g.mean.interval.upper.toFixed(2)) : null,
          ]);
          rows[rows.length - 1][4] = Number(g.mean.mean.toFixed(2));
        }
        if (g.notScored && g.notScored.n !== 0)
          rows.push([...base, k.notScored, "", countLabel(g.notScored, locale), null, null, null, null]);
        for (const d of g.distribution) {
          rows.push([
            ...base,
            k.answer,
            d.label[locale],
            countLabel(d.count, locale),
            countLabel(g.respondents, locale),
            pct(d.share),
            d.interval ? pct(d.interval.lower) : null,
            d.interval ? pct(d.interval.upper) : null,
          ]);
        }
      }
    }
    if (m.change) {
      rows.push([
        name,
        waveTitle(m.change.toCampaignId),
        k.everyone,
        `${k.change} ${k.since} ${waveTitle(m.change.fromCampaignId)}`,
        signed(m.change.difference * 100, 1),
        null,
        null,
        null,
        signed(m.change.interval.lower * 100, 1),
        signed(m.change.interval.upper * 100, 1),
      ]);
    }
    if (m.paired && m.paired.hiddenBecause === null && m.paired.difference !== null) {
      const scale = m.paired.kind === "share" ? 100 : 1;
      rows.push([
        name,
        waveTitle(m.paired.toCampaignId),
        k.everyone,
        `${k.paired} ${k.since} ${waveTitle(m.paired.fromCampaignId)}`,
        signed(m.paired.difference * scale, m.paired.kind === "share" ? 1 : 2),
        m.paired.pairs,
        null,
        null,
        m.paired.interval ? signed(m.paired.interval.lower * scale, m.paired.kind === "share" ? 1 : 2) : null,
        m.paired.interval ? signed(m.paired.interval.upper * scale, m.paired.kind === "share" ? 1 : 2) : null,
      ]);
    }
  }
  return rows;
}
