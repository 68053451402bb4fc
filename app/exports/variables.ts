import type { CsvValue } from "~/privacy/csv";
import { todayInStockholm } from "~/outcomes/calendar";

/**
 * The variables of a research export, read from the survey versions the chosen waves used: one column per
 * question (a checkbox gives one 0/1 column per choice, `question__choice`), coded values, empty for missing.
 * Pure: the builder feeds it stored rows, the codebook and the R/SPSS scripts describe the same list.
 */

export interface Text2 {
  sv: string;
  en: string;
}

export type VariableType = "id" | "category" | "flag" | "number" | "month" | "text";

export interface ValueLabel {
  code: number;
  label: Text2;
}

export interface ExportVariable {
  name: string;
  question: string | null;
  type: VariableType;
  label: Text2;
  valueLabels: ValueLabel[];
  outcome: string | null;
  quasiIdentifier: boolean;
  /** What an empty cell means. */
  missing: Text2;
  /** Free text, masked by the redaction rules. */
  redacted: boolean;
}

/** A quasi-identifier: one question, which may span several columns (a checkbox). */
export interface QiPosition {
  question: string;
  columns: number[];
}

export interface Wave {
  campaignId: number;
  label: Text2;
}

export interface StoredRow {
  id: string;
  campaignId: number;
  submittedAt: string;
  channel: string;
  staffAssisted: boolean;
  participantCodeHmac: string | null;
  answers: Record<string, unknown>;
}

export interface ExportLayout {
  variables: ExportVariable[];
  positions: QiPosition[];
  /**
   * The answers the coders read, in the order `codeInto` expects their values: each question's name, and
   * `<name>-Comment` where its "other" text is exported. The export reads only these out of the stored JSON.
   */
  answerKeys: string[];
  /** Coded cells of the question columns for one response (design columns are added by the builder). */
  codeAnswers: (answers: Record<string, unknown>, redact: (text: string) => string) => CsvValue[];
  /**
   * The same cells written into `out` from index `at` on, for writers that reuse one row array, from the
   * response's values of `answerKeys` (`values[i]` is the answer under `answerKeys[i]`; missing is null).
   */
  codeInto: (values: readonly unknown[], out: CsvValue[], at: number, redact: (text: string) => string) => void;
  waveCode: (campaignId: number) => number;
}

export const DESIGN_COLUMNS = ["response", "participant", "wave", "month", "channel", "staff_helped"] as const;

const CHANNELS: { value: string; label: Text2 }[] = [
  { value: "phone", label: { sv: "Egen telefon eller dator", en: "Own phone or computer" } },
  { value: "kiosk", label: { sv: "Surfplattan på plats (kiosk)", en: "The tablet on site (kiosk)" } },
  { value: "staff", label: { sv: "Personal skrev in svaren", en: "Staff entered the answers" } },
  // Appended, never reordered: codes stay comparable between exports (decision 0026).
  { value: "paper", label: { sv: "Pappersenkät som personal skrev in", en: "Paper questionnaire typed in by staff" } },
  { value: "import", label: { sv: "Importerad från en tidigare omgång", en: "Imported from an earlier wave" } },
];

const MISSING_ANSWER: Text2 = {
  sv: "Inget svar, frågan visades inte, eller dolt för k-anonymitet",
  en: "No answer, question not shown, or suppressed for k-anonymity",
};
const MISSING_NONE: Text2 = { sv: "Saknas aldrig", en: "Never missing" };

interface QuestionJson {
  type?: string;
  name?: string;
  title?: unknown;
  choices?: unknown[];
  showOtherItem?: boolean;
  hasOther?: boolean;
  showNoneItem?: boolean;
  hasNone?: boolean;
  otherText?: unknown;
  noneText?: unknown;
  rateValues?: unknown[];
  rateMin?: number;
  rateMax?: number;
  minRateDescription?: unknown;
  maxRateDescription?: unknown;
  labelTrue?: unknown;
  labelFalse?: unknown;
  inputType?: string;
  outcome?: string;
  quasiIdentifier?: boolean;
  elements?: unknown[];
  templateElements?: unknown[];
}

export function text2(value: unknown, fallback: string): Text2 {
  if (typeof value === "string") return { sv: value, en: value };
  if (value && typeof value === "object") {
    const v = value as Record<string, unknown>;
    const sv = typeof v.sv === "string" ? v.sv : typeof v.default === "string" ? v.default : undefined;
    const en = typeof v.en === "string" ? v.en : sv;
    return { sv: sv ?? en ?? fallback, en: en ?? fallback };
  }
  return { sv: fallback, en: fallback };
}

/** Every question of a survey JSON, in order, through pages and panels. */
export function questionsOf(json: Record<string, unknown>): QuestionJson[] {
  const out: QuestionJson[] = [];
  const walk = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const e of elements as QuestionJson[]) {
      if (!e || typeof e !== "object") continue;
      if (e.type === "panel") walk(e.elements);
      else if (typeof e.name === "string") out.push(e);
    }
  };
  if (Array.isArray(json.pages)) for (const page of json.pages as QuestionJson[]) walk(page?.elements);
  walk(json.elements);
  return out;
}

interface Choice {
  value: string;
  label: Text2;
}

function choicesOf(q: QuestionJson): Choice[] {
  return (q.choices ?? []).map((c) => {
    if (c && typeof c === "object") {
      const o = c as { value?: unknown; text?: unknown };
      return { value: String(o.value), label: text2(o.text, String(o.value)) };
    }
    return { value: String(c), label: text2(String(c), String(c)) };
  });
}

const FREE_TEXT_TYPES = new Set(["text", "comment"]);

/** Whether an answer's stored value is free text the researcher must ask for. */
export function isFreeTextQuestion(q: { type?: string; inputType?: string }): boolean {
  return FREE_TEXT_TYPES.has(q.type ?? "") && q.inputType !== "number";
}

/** Column-name part from a choice value: lower-case letters, digits and _, as R, SPSS and Stata accept. */
export function safeName(value: string): string {
  const cleaned = value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return cleaned || "x";
}

const OTHER_LABEL: Text2 = { sv: "Annat", en: "Other" };
const NONE_LABEL: Text2 = { sv: "Inget av dessa", en: "None of these" };
const YES_NO: ValueLabel[] = [
  { code: 0, label: { sv: "Nej", en: "No" } },
  { code: 1, label: { sv: "Ja", en: "Yes" } },
];
const CHOSEN: ValueLabel[] = [
  { code: 0, label: { sv: "Inte valt", en: "Not chosen" } },
  { code: 1, label: { sv: "Valt", en: "Chosen" } },
];

/** Tags that always identify in combination, whatever the survey file says. */
const ALWAYS_QUASI = new Set(["gender", "program"]);

/**
 * The layout for the survey versions used (newest first): the newest wording wins, and choices that older
 * versions had are kept so every stored answer still has its code.
 */
export function buildLayout({
  versions,
  waves,
  freeText,
}: {
  versions: Record<string, unknown>[];
  waves: Wave[];
  freeText: boolean;
}): ExportLayout {
  const merged = new Map<string, { q: QuestionJson; choices: Choice[] }>();
  for (const json of versions) {
    for (const q of questionsOf(json)) {
      const name = q.name as string;
      const found = merged.get(name);
      if (!found) merged.set(name, { q, choices: choicesOf(q) });
      else for (const c of choicesOf(q)) if (!found.choices.some((x) => x.value === c.value)) found.choices.push(c);
    }
  }

  const waveCodes = new Map(waves.map((w, i) => [w.campaignId, i + 1]));
  const variables: ExportVariable[] = [
    variable(
      "response",
      null,
      "id",
      { sv: "Svarets pseudonym (bara i denna export)", en: "Response pseudonym (this export only)" },
      MISSING_NONE,
    ),
    variable(
      "participant",
      null,
      "id",
      {
        sv: "Deltagarens pseudonym (bara i denna export; samma person i flera omgångar)",
        en: "Participant pseudonym (this export only; the same person across waves)",
      },
      { sv: "Svaret gavs utan deltagarkod", en: "Answered without a participant code" },
    ),
    {
      ...variable("wave", null, "category", { sv: "Enkätomgång", en: "Survey wave" }, MISSING_NONE),
      valueLabels: waves.map((w, i) => ({ code: i + 1, label: w.label })),
    },
    variable(
      "month",
      null,
      "month",
      {
        sv: "Månad då svaret skickades (ÅÅÅÅ-MM, Stockholmstid)",
        en: "Month the response was sent (YYYY-MM, Stockholm time)",
      },
      MISSING_NONE,
    ),
    {
      ...variable(
        "channel",
        null,
        "category",
        { sv: "Hur svaret kom in", en: "How the response came in" },
        MISSING_NONE,
      ),
      valueLabels: CHANNELS.map((c, i) => ({ code: i + 1, label: c.label })),
    },
    {
      ...variable("staff_helped", null, "flag", { sv: "Personal hjälpte till", en: "Staff helped" }, MISSING_NONE),
      valueLabels: YES_NO,
    },
  ];
  const positions: QiPosition[] = [];
  // Each coder writes its question's cells into `out` from `at` and returns where the next question starts.
  const coders: ((values: readonly unknown[], out: CsvValue[], at: number, redact: (t: string) => string) => number)[] =
    [];
  const answerKeys: string[] = [];
  /** Where a stored answer's value comes in the values the coders read. */
  const valueIndex = (key: string) => {
    const found = answerKeys.indexOf(key);
    return found >= 0 ? found : answerKeys.push(key) - 1;
  };
  const used = new Set<string>(variables.map((v) => v.name));
  const uniqueName = (base: string) => {
    let name = base.slice(0, 60);
    for (let n = 2; used.has(name); n++) name = `${base.slice(0, 56)}_${n}`;
    used.add(name);
    return name;
  };

  for (const { q, choices } of merged.values()) {
    const name = q.name as string;
    const type = q.type ?? "";
    const title = text2(q.title, name);
    const outcome = typeof q.outcome === "string" ? q.outcome : null;
    const quasi = q.quasiIdentifier === true || (outcome !== null && ALWAYS_QUASI.has(outcome));
    const first = variables.length;
    const base = { question: name, outcome, quasiIdentifier: quasi, missing: MISSING_ANSWER, redacted: false };

    if (type === "radiogroup" || type === "dropdown") {
      const numeric = choices.length > 0 && choices.every((c) => /^-?\d+$/.test(c.value));
      const codes = new Map<string, number>();
      const labels: ValueLabel[] = [];
      choices.forEach((c, i) => {
        const code = numeric ? Number(c.value) : i + 1;
        codes.set(c.value, code);
        labels.push({ code, label: c.label });
      });
      let next = Math.max(0, ...labels.map((l) => l.code)) + 1;
      const hasOther = q.showOtherItem || q.hasOther;
      if (hasOther) {
        codes.set("other", next);
        labels.push({ code: next++, label: text2(q.otherText, "").sv ? text2(q.otherText, "") : OTHER_LABEL });
      }
      if (q.showNoneItem || q.hasNone) {
        codes.set("none", next);
        labels.push({ code: next++, label: NONE_LABEL });
      }
      variables.push({ ...base, name: uniqueName(name), type: "category", label: title, valueLabels: labels });
      const otherText = hasOther && freeText;
      if (otherText) variables.push(textVariable(uniqueName(`${name}_other_text`), name, title, outcome));
      const value = valueIndex(name);
      const comment = otherText ? valueIndex(`${name}-Comment`) : -1;
      coders.push((values, out, at, redact) => {
        const v = values[value];
        out[at++] = v === undefined || v === null ? null : (codes.get(String(v)) ?? null);
        if (otherText) out[at++] = otherComment(values[comment], redact);
        return at;
      });
    } else if (type === "checkbox") {
      const all = [...choices];
      const hasOther = q.showOtherItem || q.hasOther;
      if (hasOther)
        all.push({ value: "other", label: text2(q.otherText, "").sv ? text2(q.otherText, "") : OTHER_LABEL });
      if (q.showNoneItem || q.hasNone) all.push({ value: "none", label: NONE_LABEL });
      for (const c of all) {
        variables.push({
          ...base,
          name: uniqueName(`${name}__${safeName(c.value)}`),
          type: "flag",
          label: { sv: `${title.sv}: ${c.label.sv}`, en: `${title.en}: ${c.label.en}` },
          valueLabels: CHOSEN,
        });
      }
      const otherText = hasOther && freeText;
      if (otherText) variables.push(textVariable(uniqueName(`${name}_other_text`), name, title, outcome));
      const choiceValues = all.map((c) => c.value);
      // Each chosen value finds its column in a map (decision 0054): a row costs a lookup per chosen value, not a
      // comparison per choice and chosen value. Choices that share a value (an "other" the list had already) keep
      // the comparisons, so every column with that value is marked.
      const columnOf = new Map(choiceValues.map((c, i) => [c, i]));
      const distinct = columnOf.size === choiceValues.length;
      const count = choiceValues.length;
      const value = valueIndex(name);
      const comment = otherText ? valueIndex(`${name}-Comment`) : -1;
      coders.push((values, out, at, redact) => {
        const v = values[value];
        if (!Array.isArray(v)) for (let i = 0; i < count; i++) out[at + i] = null;
        else if (distinct) {
          for (let i = 0; i < count; i++) out[at + i] = 0;
          for (let i = 0; i < v.length; i++) {
            const column = columnOf.get(String(v[i]));
            if (column !== undefined) out[at + column] = 1;
          }
        } else for (let i = 0; i < count; i++) out[at + i] = chosenIn(v, choiceValues[i]) ? 1 : 0;
        at += count;
        if (otherText) out[at++] = otherComment(values[comment], redact);
        return at;
      });
    } else if (type === "rating" || (type === "text" && q.inputType === "number")) {
      const labels: ValueLabel[] = [];
      if (Array.isArray(q.rateValues) && q.rateValues.length > 0) {
        for (const r of q.rateValues) {
          const o = (r && typeof r === "object" ? r : { value: r, text: String(r) }) as {
            value?: unknown;
            text?: unknown;
          };
          if (typeof o.value === "number") labels.push({ code: o.value, label: text2(o.text, String(o.value)) });
        }
      } else if (type === "rating") {
        const min = q.rateMin ?? 1;
        const max = q.rateMax ?? 5;
        if (q.minRateDescription) labels.push({ code: min, label: text2(q.minRateDescription, String(min)) });
        if (q.maxRateDescription) labels.push({ code: max, label: text2(q.maxRateDescription, String(max)) });
      }
      variables.push({ ...base, name: uniqueName(name), type: "number", label: title, valueLabels: labels });
      const value = valueIndex(name);
      coders.push((values, out, at) => {
        const v = values[value];
        const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
        out[at] = Number.isFinite(n) ? n : null;
        return at + 1;
      });
    } else if (type === "boolean") {
      const labels: ValueLabel[] = [
        { code: 0, label: text2(q.labelFalse, "").sv ? text2(q.labelFalse, "") : YES_NO[0].label },
        { code: 1, label: text2(q.labelTrue, "").sv ? text2(q.labelTrue, "") : YES_NO[1].label },
      ];
      variables.push({ ...base, name: uniqueName(name), type: "flag", label: title, valueLabels: labels });
      const value = valueIndex(name);
      coders.push((values, out, at) => {
        const v = values[value];
        out[at] = v === true ? 1 : v === false ? 0 : null;
        return at + 1;
      });
    } else if (isFreeTextQuestion(q)) {
      if (!freeText) continue;
      variables.push({ ...textVariable(uniqueName(name), name, title, outcome), quasiIdentifier: false });
      const value = valueIndex(name);
      coders.push((values, out, at, redact) => {
        const v = values[value];
        out[at] = typeof v === "string" && v.trim() !== "" ? oneLine(redact(v)) : null;
        return at + 1;
      });
    } else {
      continue;
    }
    if (quasi && type !== "text" && type !== "comment") {
      positions.push({
        question: name,
        columns: variables.slice(first).flatMap((v, i) => (v.type === "text" ? [] : [first + i])),
      });
    }
  }

  return {
    variables,
    positions,
    waveCode: (campaignId) => waveCodes.get(campaignId) ?? 0,
    answerKeys,
    codeAnswers: (answers, redact) => {
      const values = answerKeys.map((key) => answers[key]);
      const out: CsvValue[] = [];
      let at = 0;
      for (const code of coders) at = code(values, out, at, redact);
      return out;
    },
    codeInto: (values, out, at, redact) => {
      for (const code of coders) at = code(values, out, at, redact);
    },
  };
}

function variable(
  name: string,
  question: string | null,
  type: VariableType,
  label: Text2,
  missing: Text2,
): ExportVariable {
  return {
    name,
    question,
    type,
    label,
    valueLabels: [],
    outcome: null,
    quasiIdentifier: false,
    missing,
    redacted: false,
  };
}

function textVariable(name: string, question: string, title: Text2, outcome: string | null): ExportVariable {
  return {
    name,
    question,
    type: "text",
    label: name.endsWith("_other_text")
      ? { sv: `${title.sv} (annat, fritext)`, en: `${title.en} (other, free text)` }
      : title,
    valueLabels: [],
    outcome,
    quasiIdentifier: false,
    missing: { sv: "Inget skrivet", en: "Nothing written" },
    redacted: true,
  };
}

/** Whether a checkbox answer (its list of chosen values, as stored) holds `value`, compared as text. */
function chosenIn(chosen: readonly unknown[], value: string): boolean {
  for (let i = 0; i < chosen.length; i++) if (String(chosen[i]) === value) return true;
  return false;
}

function otherComment(c: unknown, redact: (t: string) => string): string | null {
  return typeof c === "string" && c.trim() !== "" ? oneLine(redact(c)) : null;
}

/**
 * Free text on one line: a line break becomes " / ", so every response is one line of the CSV. SPSS's and
 * PSPP's GET DATA (and Stata's default import) start a new case at every line break, even inside quotes.
 */
export function oneLine(text: string): string {
  return text.includes("\n") || text.includes("\r") ? text.replace(/[ \t]*(?:\r\n|\r|\n)[ \t]*/g, " / ") : text;
}

const CHANNEL_CODES = new Map(CHANNELS.map((c, i) => [c.value, i + 1]));

export function channelCode(channel: string): number | null {
  return CHANNEL_CODES.get(channel) ?? null;
}

/**
 * The month in Stockholm of a stored UTC instant. Only the last hours of a month's last day can fall in the
 * next month there, so the clock is consulted only then (a million rows stay fast).
 */
export function stockholmMonth(iso: string): string {
  // Two digits each, read without a string per field ("2026-01-31T21:…": day 31, hour 21); anything else there
  // is read by Number() as before.
  const day = twoDigits(iso, 8) ?? Number(iso.slice(8, 10));
  const hour = twoDigits(iso, 11) ?? Number(iso.slice(11, 13));
  if (day < 28 || hour < 21) return iso.slice(0, 7);
  // The answer changes on the hour at most; the clock is asked once per late hour seen (a handful a month).
  const hourKey = iso.slice(0, 13);
  let month = lateHours.get(hourKey);
  if (month === undefined) {
    month = todayInStockholm(new Date(iso)).slice(0, 7);
    if (lateHours.size > 10_000) lateHours.clear();
    lateHours.set(hourKey, month);
  }
  return month;
}

const lateHours = new Map<string, string>();

/** The number of the two decimal digits at `at`, or undefined when either is not a digit. */
function twoDigits(text: string, at: number): number | undefined {
  const a = text.charCodeAt(at) - 0x30;
  const b = text.charCodeAt(at + 1) - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : undefined;
}
