import fs from "node:fs";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import { parse } from "csv-parse/sync";
import { csvDelimiter, csvRecord, excelSvFromCommaBytes, type CsvDialect, type CsvValue } from "~/privacy/csv";
import { createPlanCursor, type QiClass, type SuppressionPlan } from "~/privacy/k-anonymity";
import type { QiPosition } from "./variables";

/**
 * The research export's data files between its two passes. Pass 1 writes each row's finished CSV record (already
 * coded, neutralised and quoted) and remembers its length; pass 2 streams the file into the ZIP, copying records
 * as they are and rewriting only those the suppression plan blanks or leaves out. So the rows are formatted
 * once, and a plan that touches nothing costs a plain copy.
 */

/** Bytes gathered before a write, and read at a time in pass 2. */
const BUFFER_BYTES = 1 << 18;

/** A Uint32Array that grows: one number per row for a million rows is 4 MB. */
export class GrowingUint32 {
  array = new Uint32Array(1 << 14);
  length = 0;
  push(value: number) {
    if (this.length === this.array.length) {
      const bigger = new Uint32Array(this.array.length * 2);
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[this.length++] = value;
  }
  values(): Uint32Array {
    return this.array.subarray(0, this.length);
  }
}

export class DataFile {
  /** Each record's length in bytes, in the order written. */
  readonly lengths = new GrowingUint32();
  private readonly out: fs.WriteStream;
  private buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  /** Full buffers waiting for the next flush. */
  private pendingWrites: Buffer[] = [];
  private error: Error | null = null;

  constructor(readonly path: string) {
    this.out = fs.createWriteStream(path);
    this.out.on("error", (error) => (this.error = error));
  }

  /** One record with its line end, encoded straight into the write buffer; written at the next flush. */
  add(record: string) {
    // UTF-8 takes at most three bytes per UTF-16 unit.
    this.reserve(record.length * 3);
    const bytes = this.buffer.write(record, this.used);
    this.used += bytes;
    this.lengths.push(bytes);
  }

  /** The bytes of the record added last (until the next add or flush). */
  last(): Buffer {
    const length = this.lengths.array[this.lengths.length - 1];
    return this.buffer.subarray(this.used - length, this.used);
  }

  /**
   * The "excel-sv" record of a "comma" record given as bytes, when only the delimiters differ (see
   * `excelSvFromCommaBytes`); false when the caller must format the row in this file's dialect and `add` it.
   */
  addSwedishOf(commaRecord: Buffer): boolean {
    this.reserve(commaRecord.length);
    const bytes = excelSvFromCommaBytes(commaRecord, this.buffer, this.used);
    if (bytes < 0) return false;
    this.used += bytes;
    this.lengths.push(bytes);
    return true;
  }

  private reserve(bytes: number) {
    if (this.used + bytes > this.buffer.length) {
      this.pendingWrites.push(this.buffer.subarray(0, this.used));
      this.buffer = Buffer.allocUnsafe(Math.max(BUFFER_BYTES, bytes));
      this.used = 0;
    }
  }

  async flush() {
    if (this.error) throw this.error;
    if (this.used > 0) {
      this.pendingWrites.push(this.buffer.subarray(0, this.used));
      this.buffer = Buffer.allocUnsafe(BUFFER_BYTES);
      this.used = 0;
    }
    let ready = true;
    for (const chunk of this.pendingWrites) ready = this.out.write(chunk);
    this.pendingWrites = [];
    if (!ready) await once(this.out, "drain");
  }

  async close() {
    await this.flush();
    this.out.end();
    await finished(this.out);
  }
}

/** Whether the plan blanks or leaves out anything at all; when not, pass 2 is a copy. */
export function planChangesRows(plan: SuppressionPlan, classes: readonly QiClass[]): boolean {
  return plan.treatments.some((t, i) => classes[i].count > 0 && (t.mask !== 0 || t.dropped > 0 || t.fullyBlanked > 0));
}

/** A record with the quasi-identifier positions in `mask` blanked: parsed, blanked and written the same way. */
export function blankRecord(
  record: string,
  mask: number,
  positions: readonly QiPosition[],
  dialect: CsvDialect,
): string {
  const [cells] = parse(record, { delimiter: csvDelimiter(dialect), record_delimiter: "\r\n" }) as CsvValue[][];
  positions.forEach((p, i) => {
    if (mask & (1 << i)) for (const c of p.columns) cells[c] = null;
  });
  return csvRecord(cells, dialect);
}

/**
 * The records of a data file as the plan wants them, in chunks of bytes. Rows come in the order pass 1 wrote
 * them, so the plan's cursor sees them in the same order as when the plan counted them.
 */
export async function* maskedRecords({
  file,
  rowClasses,
  plan,
  positions,
  dialect,
  rewrite,
}: {
  file: DataFile;
  rowClasses: Uint32Array;
  plan: SuppressionPlan;
  positions: readonly QiPosition[];
  dialect: CsvDialect;
  rewrite: boolean;
}): AsyncGenerator<Buffer> {
  const CHUNK = BUFFER_BYTES;
  if (!rewrite) {
    for await (const chunk of fs.createReadStream(file.path, { highWaterMark: CHUNK })) yield chunk as Buffer;
    return;
  }
  const lengths = file.lengths.values();
  const next = createPlanCursor(plan, positions.length);
  let row = 0;
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of fs.createReadStream(file.path, { highWaterMark: CHUNK })) {
    const bytes = rest.length > 0 ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let at = 0;
    let copyFrom = 0;
    const out: Buffer[] = [];
    while (row < lengths.length && at + lengths[row] <= bytes.length) {
      const end = at + lengths[row];
      const mask = next(rowClasses[row]);
      if (mask !== 0) {
        if (at > copyFrom) out.push(bytes.subarray(copyFrom, at));
        if (mask !== null)
          out.push(Buffer.from(blankRecord(bytes.toString("utf8", at, end), mask, positions, dialect), "utf8"));
        copyFrom = end;
      }
      at = end;
      row++;
    }
    if (at > copyFrom) out.push(bytes.subarray(copyFrom, at));
    rest = bytes.subarray(at);
    if (out.length > 0) yield out.length === 1 ? out[0] : Buffer.concat(out);
  }
  if (rest.length > 0 || row !== lengths.length) throw new Error("the scratch file does not match its records");
}
