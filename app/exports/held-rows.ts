import fs from "node:fs";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import { parse } from "csv-parse/sync";
import { csvDelimiter, csvRecord, type CsvDialect, type CsvValue } from "~/privacy/csv";
import type { QiClass, SuppressionPlan } from "~/privacy/k-anonymity";
import type { QiPosition } from "./variables";

/**
 * The rows the suppression plan may touch, held back from the data files until the plan is known (decision
 * 0033). The plan blanks or leaves out only rows of combinations seen fewer than k times, plus at most k - 1
 * rows of a larger combination lent to the all-blank group, always a combination's first rows in the order they
 * were counted. So pass 1 holds back the first k - 1 rows of every combination (in a scratch file, each with
 * its two records and its combination), writes every later row straight to the compressed data files, and
 * pass 2 appends the held rows as the plan wants them. The held rows are bounded by (k - 1) × combinations,
 * not by the rows of the export; `heldRowsCover` checks that the plan stays within them.
 */

const BUFFER_BYTES = 1 << 16;
const HEAD = 12;

/** How many of a combination's first rows are held back at k. */
export const heldPerClass = (k: number) => k - 1;

/** Whether the plan touches no row beyond each combination's held rows (else the export must not go on). */
export function heldRowsCover(plan: SuppressionPlan, classes: readonly QiClass[]): boolean {
  const held = heldPerClass(plan.k);
  return plan.treatments.every((t, i) => {
    if (classes[i].count <= held) return true;
    return t.mask === 0 && t.dropped + t.fullyBlanked <= held;
  });
}

export class HeldRowsWriter {
  private readonly out: fs.WriteStream;
  private buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private pending: Buffer[] = [];
  private error: Error | null = null;

  constructor(readonly path: string) {
    this.out = fs.createWriteStream(path);
    this.out.on("error", (error) => (this.error = error));
  }

  add(classIndex: number, comma: string, swedish: string) {
    const room = HEAD + 3 * (comma.length + swedish.length);
    if (this.used + room > this.buffer.length) {
      if (this.used > 0) this.pending.push(this.buffer.subarray(0, this.used));
      this.buffer = Buffer.allocUnsafe(Math.max(BUFFER_BYTES, room));
      this.used = 0;
    }
    const at = this.used;
    const commaBytes = this.buffer.write(comma, at + HEAD);
    const swedishBytes = this.buffer.write(swedish, at + HEAD + commaBytes);
    this.buffer.writeUInt32LE(classIndex, at);
    this.buffer.writeUInt32LE(commaBytes, at + 4);
    this.buffer.writeUInt32LE(swedishBytes, at + 8);
    this.used = at + HEAD + commaBytes + swedishBytes;
  }

  async flush() {
    if (this.error) throw this.error;
    if (this.pending.length === 0) return;
    let ready = true;
    for (const chunk of this.pending) ready = this.out.write(chunk);
    this.pending = [];
    if (!ready) await once(this.out, "drain");
  }

  async close() {
    if (this.used > 0) this.pending.push(this.buffer.subarray(0, this.used));
    this.used = 0;
    await this.flush();
    this.out.end();
    await finished(this.out);
    if (this.error) throw this.error;
  }
}

export interface HeldRow {
  classIndex: number;
  comma: Buffer;
  swedish: Buffer;
}

/** The held rows in the order they were added. */
export async function* readHeldRows(path: string): AsyncGenerator<HeldRow> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of fs.createReadStream(path, { highWaterMark: BUFFER_BYTES })) {
    const bytes = rest.length > 0 ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let at = 0;
    while (at + HEAD <= bytes.length) {
      const commaBytes = bytes.readUInt32LE(at + 4);
      const swedishBytes = bytes.readUInt32LE(at + 8);
      const end = at + HEAD + commaBytes + swedishBytes;
      if (end > bytes.length) break;
      yield {
        classIndex: bytes.readUInt32LE(at),
        comma: bytes.subarray(at + HEAD, at + HEAD + commaBytes),
        swedish: bytes.subarray(at + HEAD + commaBytes, end),
      };
      at = end;
    }
    rest = bytes.subarray(at);
  }
  if (rest.length > 0) throw new Error("the held rows file ends in the middle of a row");
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
