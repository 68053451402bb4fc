import { parse } from "csv-parse/sync";
import { detectDelimiter } from "~/http/csv-delimiter";
import type { QuestionView } from "~/surveys/question-view";

/**
 * Reading an earlier wave's answers from a CSV file (from an older tool or Excel): one row per respondent, a
 * header of question names, values as the survey's coded values or their labels. Pure: no database, no survey-core.
 * Everything a person can get wrong comes back as a problem with its line, never as an exception.
 */

export const MAX_WAVE_FILE_BYTES = 2 * 1024 * 1024;
export const MAX_WAVE_ROWS = 20_000;
export const MAX_WAVE_COLUMNS = 200;

export type FileProblem =
  | "errFileEmpty"
  | "errFileUtf16"
  | "errFileEncoding"
  | "errFileBinary"
  | "errFileUnreadable"
  | "errFileNoRows"
  | "errFileTooManyRows"
  | "errFileTooManyColumns"
  | "errFileNoQuestions"
  | "errFileDuplicateColumn";

/**
 * The file's bytes as text: UTF-8 with or without a byte-order mark. UTF-16 (Excel's "Unicode text") and other
 * encodings are refused with a message saying how to save the file, never guessed: a wrong guess turns "Kvinna"
 * and "Sällan" into other words, and those answers would be refused or, worse, counted as something else.
 */
export function decodeWaveFile(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: FileProblem } {
  if (bytes.length === 0) return { ok: false, problem: "errFileEmpty" };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return { ok: false, problem: "errFileUtf16" };
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  if (body.includes(0)) return { ok: false, problem: "errFileBinary" };
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(body);
    return text.trim() === "" ? { ok: false, problem: "errFileEmpty" } : { ok: true, text };
  } catch {
    return { ok: false, problem: "errFileEncoding" };
  }
}

/** The same file whatever its line endings (a form sends them back as CRLF): what its hash is taken over. */
export function canonicalText(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

export interface CsvRecord {
  /** The line of the file where the record ends (1-based, the header is line 1). */
  line: number;
  cells: string[];
}

export function readCsv(
  text: string,
): { ok: true; header: string[]; records: CsvRecord[] } | { ok: false; problem: FileProblem } {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      // A single-column file is read as comma-separated, as most tools write it.
      delimiter: detectDelimiter(text, ","),
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      bom: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch {
    return { ok: false, problem: "errFileUnreadable" };
  }
  if (parsed.length === 0) return { ok: false, problem: "errFileEmpty" };
  const header = parsed[0].record.map((h) => h.trim());
  if (header.length > MAX_WAVE_COLUMNS) return { ok: false, problem: "errFileTooManyColumns" };
  const records = parsed
    .slice(1)
    .map((r) => ({ line: r.info.lines, cells: r.record }))
    .filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (records.length === 0) return { ok: false, problem: "errFileNoRows" };
  if (records.length > MAX_WAVE_ROWS) return { ok: false, problem: "errFileTooManyRows" };
  return { ok: true, header, records };
}

/** Columns that are not questions but say something about the respondent. */
export const CODE_COLUMNS = ["deltagarkod", "participant_code", "participantcode", "kod"];
export const DATE_COLUMNS = ["datum", "date", "svarsdatum"];
const OTHER_SUFFIXES = ["-comment", "_annat", "-annat", "_other"];

export type ColumnRole =
  | { kind: "question"; question: string }
  | { kind: "other"; question: string }
  | { kind: "code" }
  | { kind: "date" }
  | { kind: "unknown" };

export interface ColumnMatch {
  index: number;
  header: string;
  role: ColumnRole;
}

const fold = (s: string) => s.normalize("NFC").trim().toLocaleLowerCase("sv").replace(/\s+/g, " ");

/** What each column is: a question by its name (any case), its "Annat" text, the participant code, the date. */
export function matchColumns(
  header: string[],
  questions: Pick<QuestionView, "name" | "choices">[],
): { ok: true; columns: ColumnMatch[] } | { ok: false; problem: FileProblem; column: string } {
  const byName = new Map(questions.map((q) => [fold(q.name), q]));
  const seen = new Map<string, string>();
  const columns: ColumnMatch[] = header.map((raw, index) => {
    const h = fold(raw);
    const question = byName.get(h);
    if (question) return { index, header: raw, role: { kind: "question", question: question.name } };
    for (const suffix of OTHER_SUFFIXES) {
      const base = h.endsWith(suffix) ? byName.get(h.slice(0, -suffix.length)) : undefined;
      if (base && base.choices.some((c) => c.other))
        return { index, header: raw, role: { kind: "other", question: base.name } };
    }
    if (CODE_COLUMNS.includes(h)) return { index, header: raw, role: { kind: "code" } };
    if (DATE_COLUMNS.includes(h)) return { index, header: raw, role: { kind: "date" } };
    return { index, header: raw, role: { kind: "unknown" } };
  });
  for (const c of columns) {
    if (c.role.kind === "unknown") continue;
    const key =
      c.role.kind === "question" || c.role.kind === "other" ? `${c.role.kind}:${c.role.question}` : c.role.kind;
    if (seen.has(key)) return { ok: false, problem: "errFileDuplicateColumn", column: c.header };
    seen.set(key, c.header);
  }
  if (!columns.some((c) => c.role.kind === "question")) return { ok: false, problem: "errFileNoQuestions", column: "" };
  return { ok: true, columns };
}

/**
 * A cell that a spreadsheet would run as a formula, or that carries HTML: refused, so nothing hostile is stored
 * even as free text. A leading + or − alone is not enough (a phone number, "- mer mat"), but with a call or a
 * sheet reference it is.
 */
export function hostileCell(value: string): "errCellFormula" | "errCellHtml" | null {
  const v = value.replace(/^[\s\u00a0]+/, "");
  if (/^[=@]/.test(v) || /^[\t\r]/.test(value)) return "errCellFormula";
  if (/^[+-]/.test(v) && /[(!|]/.test(v)) return "errCellFormula";
  if (/<\/?[a-z!?][^>]*>/i.test(value)) return "errCellHtml";
  return null;
}

/**
 * The choice values a cell names, for a question with options: each part is a coded value or a label (Swedish
 * or English, any case). A checkbox cell lists several, separated by "|", ";" or ","; a whole cell that is one
 * label is taken as one, so a label with a comma in it still matches. Null when some part is no option.
 */
export function cellChoices(
  cell: string,
  question: Pick<QuestionView, "kind" | "choices">,
  labels: Map<string, string>,
): string[] | null {
  const one = (part: string): string | null => {
    const f = fold(part);
    const byValue = question.choices.find((c) => fold(c.value) === f);
    return byValue ? byValue.value : (labels.get(f) ?? null);
  };
  const whole = one(cell);
  if (whole !== null) return [whole];
  if (question.kind !== "multiple") return null;
  for (const separator of ["|", ";", ","]) {
    if (!cell.includes(separator)) continue;
    const parts = cell
      .split(separator)
      .map((p) => p.trim())
      .filter(Boolean);
    const values = parts.map(one);
    if (values.every((v) => v !== null)) return values as string[];
  }
  return null;
}

/** Labels → values of a question's options, in both languages (a label shared by two options is left out). */
export function labelIndex(views: Pick<QuestionView, "choices">[]): Map<string, string> {
  const index = new Map<string, string>();
  const clash = new Set<string>();
  for (const view of views)
    for (const c of view.choices) {
      const key = fold(c.text);
      const known = index.get(key);
      if (known !== undefined && known !== c.value) clash.add(key);
      else index.set(key, c.value);
      // The "Annat" choice by its usual names, whatever the survey calls it ("Något annat").
      if (c.other) for (const word of ["annat", "other"]) if (!index.has(word)) index.set(word, c.value);
      // "4 – Bra" as the paper form shows a scale step.
      if (/^\d+$/.test(c.value)) index.set(fold(`${c.value} – ${c.text}`), c.value);
    }
  for (const key of clash) index.delete(key);
  return index;
}

const YES = new Set(["ja", "yes", "true", "1", "sant"]);
const NO = new Set(["nej", "no", "false", "0", "falskt"]);

/** A yes/no cell as the form value ("true"/"false"), or null. */
export function yesNo(cell: string): string | null {
  const f = fold(cell);
  return YES.has(f) ? "true" : NO.has(f) ? "false" : null;
}
