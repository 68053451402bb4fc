import { csvField, type CsvValue } from "~/privacy/csv";

/**
 * A row's two records at once, from one walk over its cells (decision 0033): `comma` byte for byte as
 * `csvRecord(row, "comma")` gives it, and `swedish` as `csvRecord(row, "excel-sv")` does. Every cell that is
 * not empty or a small non-negative integer is formatted by the one CSV writer's `csvField`, and formatted a
 * second time only when the dialects can differ for it (a number with decimals, text holding a comma, a
 * semicolon or a quote).
 */

/** Where records are written as UTF-8: a buffer with room reserved ahead (`CompressedEntry`). */
export interface ByteSink {
  buffer: Buffer;
  used: number;
  /** Makes room for at least `bytes` more after `used` (may hand over the full buffer and start a new one). */
  reserve(bytes: number): void;
}

const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const ZERO = 0x30;

/** The two fields of a cell that is neither empty nor a small integer. */
function fieldPair(v: CsvValue): [string, string] {
  const comma = csvField(v, "comma");
  if (typeof v === "string" && !comma.includes(",") && !comma.includes(";") && !comma.includes('"'))
    return [comma, comma];
  return [comma, csvField(v, "excel-sv")];
}

/**
 * Writes the row's "comma" record to `comma` and its "excel-sv" record to `swedish`, straight into their
 * buffers: empty cells and small integers (most cells: codes and 0/1 flags) cost no string at all.
 */
export function writeRecordPair(row: readonly CsvValue[], comma: ByteSink, swedish: ByteSink): void {
  // A small integer takes at most three bytes and its delimiter one; text reserves its own room.
  comma.reserve(row.length * 4 + 2);
  swedish.reserve(row.length * 4 + 2);
  let c = comma.buffer;
  let s = swedish.buffer;
  let cu = comma.used;
  let su = swedish.used;
  for (let i = 0; i < row.length; i++) {
    if (i > 0) {
      c[cu++] = COMMA;
      s[su++] = SEMICOLON;
    }
    const v = row[i];
    if (v === null || v === undefined) continue;
    if (typeof v === "number" && v >= 0 && v < 256 && Number.isInteger(v)) {
      if (v >= 100) {
        const d = ZERO + Math.floor(v / 100);
        c[cu++] = d;
        s[su++] = d;
      }
      if (v >= 10) {
        const d = ZERO + (Math.floor(v / 10) % 10);
        c[cu++] = d;
        s[su++] = d;
      }
      const d = ZERO + (v % 10);
      c[cu++] = d;
      s[su++] = d;
      continue;
    }
    if (typeof v === "string" && v.length <= 32) {
      const written = plainText(v, c, cu, s, su, (row.length - i) * 4 + 2);
      if (written >= 0) {
        cu += written;
        su += written;
        continue;
      }
    }
    const [a, b] = fieldPair(v);
    comma.used = cu;
    swedish.used = su;
    // Room for this text and, again, for the rest of the row.
    const rest = (row.length - i) * 4 + 2;
    comma.reserve(a.length * 3 + rest);
    swedish.reserve(b.length * 3 + rest);
    c = comma.buffer;
    s = swedish.buffer;
    cu = comma.used + writeText(c, comma.used, a);
    su = swedish.used + writeText(s, swedish.used, b);
  }
  c[cu++] = 0x0d;
  c[cu++] = 0x0a;
  s[su++] = 0x0d;
  s[su++] = 0x0a;
  comma.used = cu;
  swedish.used = su;
}

/**
 * Short text that both dialects write as it is (printable ASCII, no delimiter or quote, not starting like a
 * formula: pseudonyms, months, most codes), copied into both buffers when they have room for it and `rest`
 * more bytes (the four per cell still to come that the row reserved); else -1, nothing usable written, and the
 * text goes through `csvField`, which makes room.
 */
function plainText(text: string, c: Buffer, cu: number, s: Buffer, su: number, rest: number): number {
  const n = text.length;
  if (n === 0 || cu + n + rest > c.length || su + n + rest > s.length) return -1;
  const first = text.charCodeAt(0);
  if (first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40) return -1;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e || code === 0x22 || code === 0x2c || code === 0x3b) return -1;
    c[cu + i] = code;
    s[su + i] = code;
  }
  return n;
}

/** UTF-8 of `text` at `at`; short ASCII text is copied here, which is quicker than a call into the runtime. */
function writeText(target: Buffer, at: number, text: string): number {
  if (text.length <= 32) {
    let i = 0;
    for (; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) break;
      target[at + i] = code;
    }
    if (i === text.length) return i;
  }
  return target.write(text, at);
}

/** The same two records as strings, for the few rows held back until the suppression plan is known. */
export function recordPair(row: readonly CsvValue[]): { comma: string; swedish: string } {
  let comma = "";
  let swedish = "";
  for (let i = 0; i < row.length; i++) {
    if (i > 0) {
      comma += ",";
      swedish += ";";
    }
    const v = row[i];
    if (v === null || v === undefined) continue;
    const [a, b] = fieldPair(v);
    comma += a;
    swedish += b;
  }
  return { comma: `${comma}\r\n`, swedish: `${swedish}\r\n` };
}
