/**
 * The one Excel-safe CSV writer. Every CSV the app writes goes through this file (DESIGN.md contract):
 * UTF-8 with a byte-order mark, CRLF line ends, and every cell that starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return prefixed with `'` (OWASP's CSV-injection rule), so Excel shows it as text, never runs it.
 *
 * Dialects
 * - `"comma"`: comma-separated, decimal point. For R, SPSS, Python, LibreOffice, Excel outside Sweden.
 * - `"excel-sv"`: semicolon-separated, decimal comma. What Swedish Excel opens with a double click.
 *
 * Cells (`CsvValue`)
 * - string: written as is (after the formula rule); quoted by csv-stringify when it holds the delimiter,
 *   a quote or a line break.
 * - number: `1.5` in "comma", `1,5` in "excel-sv"; NaN and ±Infinity become an empty cell.
 * - boolean: `1` / `0`. null and undefined: an empty cell. Format dates yourself (ISO text) before passing.
 * - The formula rule is applied to every cell whatever its type, so a negative number `-3` is written `'-3`.
 *   The contract says "every cell"; write a change as text ("minus 3") or keep it non-negative if it matters.
 *
 * API
 * - `writeCsv(rows, { dialect, header })` → string (BOM included) for small files built in memory.
 * - `csvResponse(rows, { fileName, dialect, header })` → a `Response` with the right Content-Type and a
 *   Content-Disposition attachment header (RFC 5987 file name, so å/ä/ö survive). For resource routes.
 * - `createCsvStream({ dialect, header })` → a Node `Transform`: write row arrays (object mode), read UTF-8
 *   bytes that start with the BOM. For large exports: pipe it into a file, a ZIP entry or a response, and
 *   respect back-pressure (`if (!stream.write(row)) await once(stream, "drain")`).
 * - `csvRecords(rows, dialect)` → the CSV text of some rows without the BOM, for writers that stream in batches
 *   (write `CSV_BOM` and the header first: `csvRecords([header], dialect)`).
 * - `csvRecord(row, dialect)` → one record's text with its CRLF, byte for byte what `csvRecords([row])` gives,
 *   without csv-stringify's per-record work: for writers of millions of rows (the research export).
 * - `excelSvFromComma(record)` → the "excel-sv" record of a row from its "comma" record when only the delimiters
 *   differ (most rows of numbers), else null; `excelSvFromCommaBytes` does the same on UTF-8 bytes.
 * - `formatCell(value, dialect)` → the text of one cell (formula rule and number format applied, not quoted).
 * - `neutraliseFormula(text)` → text with the leading `'` when needed; `CSV_BOM`, `csvDelimiter(dialect)`.
 *
 * Example
 * ```ts
 * import { csvResponse } from "~/privacy/csv";
 * return csvResponse([["Aktivitet", "Antal"], ...rows.map((r) => [r.name, r.count])], {
 *   fileName: "närvaro-2026.csv",
 *   dialect: "excel-sv",
 * });
 * ```
 */
import { stringify as stringifyStream } from "csv-stringify";
import { stringify as stringifySync } from "csv-stringify/sync";
import type { Transform } from "node:stream";

export type CsvDialect = "comma" | "excel-sv";
export type CsvValue = string | number | bigint | boolean | null | undefined;

export const CSV_BOM = "\uFEFF";
export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";
const RECORD_DELIMITER = "\r\n";

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvDelimiter(dialect: CsvDialect): string {
  return dialect === "excel-sv" ? ";" : ",";
}

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function formatCell(value: CsvValue, dialect: CsvDialect): string {
  let text: string;
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    text = String(value);
    if (dialect === "excel-sv") text = text.replace(".", ",");
  } else if (typeof value === "boolean") {
    text = value ? "1" : "0";
  } else {
    text = String(value);
  }
  return neutraliseFormula(text);
}

function stringifyOptions(dialect: CsvDialect) {
  return {
    bom: true,
    delimiter: csvDelimiter(dialect),
    record_delimiter: RECORD_DELIMITER,
    // csv-stringify quotes only a full CRLF by itself; a lone line feed, carriage return or tab must be quoted too.
    quoted_match: /[\r\n\t]/,
  } as const;
}

export interface CsvOptions {
  dialect: CsvDialect;
  /** Column names, written as the first row (neutralised like every other cell). */
  header?: readonly string[];
}

export function writeCsv(rows: Iterable<readonly CsvValue[]>, { dialect, header }: CsvOptions): string {
  const records: string[][] = [];
  if (header) records.push(header.map((h) => formatCell(h, dialect)));
  for (const row of rows) records.push(row.map((v) => formatCell(v, dialect)));
  if (records.length === 0) return CSV_BOM;
  return stringifySync(records, stringifyOptions(dialect));
}

/** Rows as CSV text without the BOM; the same bytes `writeCsv` gives for them. */
export function csvRecords(rows: readonly (readonly CsvValue[])[], dialect: CsvDialect): string {
  if (rows.length === 0) return "";
  return stringifySync(
    rows.map((row) => row.map((v) => formatCell(v, dialect))),
    { ...stringifyOptions(dialect), bom: false },
  );
}

// csv-stringify quotes a cell holding the delimiter, a quote, a line feed or carriage return (its record-delimiter
// rule) or a tab (our `quoted_match`), and doubles quotes inside; an empty cell is never quoted.
const NEEDS_QUOTES: Record<CsvDialect, RegExp> = { comma: /[",\r\n\t]/, "excel-sv": /[";\r\n\t]/ };
// Small non-negative integers (codes, 0/1 flags) are most cells: their text is the same in both dialects.
const SMALL_INTEGERS = Array.from({ length: 256 }, (_, i) => String(i));

/** One cell as it appears in a record: formatted, then quoted when needed. */
export function csvField(value: CsvValue, dialect: CsvDialect): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" && value >= 0 && value < 256 && Number.isInteger(value)) return SMALL_INTEGERS[value];
  const text = formatCell(value, dialect);
  return NEEDS_QUOTES[dialect].test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record with its line end, the same text `csvRecords([row], dialect)` gives. */
export function csvRecord(row: readonly CsvValue[], dialect: CsvDialect): string {
  const delimiter = csvDelimiter(dialect);
  let line = row.length > 0 ? csvField(row[0], dialect) : "";
  for (let i = 1; i < row.length; i++) line += delimiter + csvField(row[i], dialect);
  return line + RECORD_DELIMITER;
}

/**
 * The "excel-sv" record of the same row, from its "comma" record when that is only a matter of delimiters: no
 * cell quoted (no `"`), no semicolon to quote, no decimal point to turn into a comma. Otherwise null: format the
 * row again with `csvRecord(row, "excel-sv")`.
 */
export function excelSvFromComma(commaRecord: string): string | null {
  if (commaRecord.includes('"') || commaRecord.includes(";") || commaRecord.includes(".")) return null;
  return commaRecord.replaceAll(",", ";");
}

const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const QUOTE = 0x22;
const POINT = 0x2e;

/**
 * `excelSvFromComma` on bytes: copies the UTF-8 "comma" record `source` into `target` at `at` with every comma
 * turned into a semicolon, and returns the bytes written, or -1 (nothing usable written) when the row must be
 * formatted again. `target` needs `source.length` bytes free. For writers that keep records as bytes.
 */
export function excelSvFromCommaBytes(source: Uint8Array, target: Uint8Array, at: number): number {
  for (let i = 0; i < source.length; i++) {
    const byte = source[i];
    if (byte === QUOTE || byte === SEMICOLON || byte === POINT) return -1;
    target[at + i] = byte === COMMA ? SEMICOLON : byte;
  }
  return source.length;
}

/** `Content-Disposition` for a download, with an ASCII fallback and the exact UTF-8 name (RFC 6266/5987). */
export function attachmentDisposition(fileName: string): string {
  const ascii =
    fileName
      .normalize("NFKD")
      .replace(/[^\x20-\x7e]/g, "")
      .replace(/["\\]/g, "_") || "export";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function csvResponse(
  rows: Iterable<readonly CsvValue[]>,
  { fileName, dialect, header, headers }: CsvOptions & { fileName: string; headers?: HeadersInit },
): Response {
  const out = new Headers(headers);
  out.set("Content-Type", CSV_CONTENT_TYPE);
  out.set("Content-Disposition", attachmentDisposition(fileName));
  if (!out.has("Cache-Control")) out.set("Cache-Control", "no-store");
  return new Response(writeCsv(rows, { dialect, header }), { status: 200, headers: out });
}

/**
 * A streaming writer: object-mode rows in, UTF-8 text out (the BOM first, even for zero rows).
 * Cells are formatted here, so callers write raw values.
 */
export function createCsvStream({ dialect, header }: CsvOptions): Transform {
  const stream = stringifyStream({
    ...stringifyOptions(dialect),
    cast: {
      // csv-stringify casts before quoting; every type ends up as our own formatted text.
      string: (v: string) => formatCell(v, dialect),
      number: (v: number) => formatCell(v, dialect),
      bigint: (v: bigint) => formatCell(v, dialect),
      boolean: (v: boolean) => formatCell(v, dialect),
    },
  });
  if (header) stream.write(header.map((h) => formatCell(h, dialect)));
  return stream;
}
