/**
 * The follow-up report as data: named figures, sections of blocks that mention those figures, tables and
 * charts. A draft is stored as JSON, so a finalised report reads the same whatever happens to the data later.
 */

/** One number the report states, with where it comes from. */
export interface Figure {
  /** Stable name, e.g. "visits.total"; the same computation gives the same key in every draft. */
  key: string;
  /** What the number is, in plain Swedish: the definition in the list of figures. */
  label: string;
  /** The named computation that produced it (e.g. "närvaro: besök per kön"). */
  computation: string;
  /** The filters applied: period, programmes, which records. */
  filters: string;
  /** How many records the figure rests on (registrations, opening days, responses), when that means something. */
  n: number | null;
  /** The exact value, for the staff's change check; never printed when `suppressed`. */
  value: number | null;
  /** The figure as the text states it: "två", "33 procent", "färre än fem", "cirka 15". */
  text: string;
  /** Held back by the small-count rule. */
  suppressed: boolean;
}

/** A run of text, or a mention of a figure (written as the figure's `text`). */
export type Part = string | { f: string; cap?: boolean };

export type Block =
  | { t: "p"; parts: Part[] }
  | { t: "list"; items: Part[][] }
  | { t: "quote"; text: string; lead: Part[] }
  | { t: "table"; key: string }
  | { t: "chart"; key: string };

export interface TableRowData {
  label: string;
  cells: string[];
  /** The row sums the others (printed in bold). */
  total?: boolean;
}

export interface ReportTable {
  key: string;
  number: number;
  caption: string;
  columns: string[];
  rows: TableRowData[];
  /** Where the figures come from, and what was held back. */
  source: string;
}

export interface ReportChart {
  key: string;
  number: number;
  title: string;
  /** Alternative text: what the chart shows, in words, for screen readers and the DOCX. */
  alt: string;
  kind: "bar" | "stacked-bar";
  labels: string[];
  /** Hidden (small) values are null and simply not drawn. */
  series: { label: string; data: (number | null)[] }[];
  /** The table that holds the same figures. */
  tableKey: string;
}

export const SECTION_KEYS = [
  "sammanfattning",
  "bakgrund",
  "oppen-verksamhet",
  "besok",
  "framtidsverkstad",
  "upplevelse",
  "synpunkter",
  "utveckling",
  "samverkan",
  "jamstalldhet",
  "bilaga",
] as const;

export type SectionKey = (typeof SECTION_KEYS)[number];

export interface DraftSection {
  key: SectionKey;
  title: string;
  blocks: Block[];
}

export interface Draft {
  /** Bumped when the generator's wording changes, so a regenerated report can say why its text moved. */
  generator: number;
  period: { from: string; to: string };
  programNames: string[];
  /** The filters most figures share (period and programmes); the list of figures names only other ones. */
  scope: string;
  figures: Record<string, Figure>;
  sections: DraftSection[];
  tables: Record<string, ReportTable>;
  charts: Record<string, ReportChart>;
}

export const SECTION_TITLES: Record<SectionKey, string> = {
  sammanfattning: "Sammanfattning",
  bakgrund: "Bakgrund",
  "oppen-verksamhet": "Öppen verksamhet",
  besok: "Besök och räckvidd",
  framtidsverkstad: "Framtidsverkstad",
  upplevelse: "Deltagarnas upplevelse (brukarenkät)",
  synpunkter: "Deltagares synpunkter",
  utveckling: "Utvecklingsområden",
  samverkan: "Ledning och samverkan inom partnerskapet",
  jamstalldhet: "Jämställdhetsanalys",
  bilaga: "Statistikbilaga",
};

/** Sections the coordinator writes once and the next report starts from. */
export const CARRIED_SECTIONS: readonly SectionKey[] = ["bakgrund", "samverkan"];

/** The figure keys a list of blocks mentions, in order of first mention. */
export function figureKeysOf(blocks: readonly Block[]): string[] {
  const keys: string[] = [];
  const visit = (parts: readonly Part[]) => {
    for (const p of parts) if (typeof p !== "string" && !keys.includes(p.f)) keys.push(p.f);
  };
  for (const b of blocks) {
    if (b.t === "p") visit(b.parts);
    else if (b.t === "list") b.items.forEach(visit);
    else if (b.t === "quote") visit(b.lead);
  }
  return keys;
}
