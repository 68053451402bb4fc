import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "~/env.server";
import { readExportRows, surveyVersionsOf, type ExportFilters } from "~/models/export.server";
import { CSV_BOM, csvRecords, type CsvValue } from "~/privacy/csv";
import { createPlanCursor, planSuppression, type QiClass, type SuppressionPlan } from "~/privacy/k-anonymity";
import { newExportKey, participantPseudonyms, responsePseudonyms } from "~/privacy/pseudonym";
import { redactText } from "~/privacy/redact";
import { classKeyOf, numericClassKey } from "./class-key";
import { codebookCsv, codebookHtml, importR, importSps, readme } from "./codebook";
import { Compressor, type CompressedEntry, type CompressedFile } from "./compressed-entry";
import { blankRecord, heldPerClass, heldRowsCover, HeldRowsWriter, readHeldRows } from "./held-rows";
import { recordPair, writeRecordPair } from "./record-pair";
import { ZipWriter } from "./zip-writer";
import {
  buildLayout,
  channelCode,
  stockholmMonth,
  type ExportLayout,
  type ExportVariable,
  type Wave,
} from "./variables";

/**
 * Builds a research export in two passes, never the whole set in memory (decision 0015, made faster in 0030
 * and 0033):
 * 1. read the responses in batches, code each into a row (pseudonyms, months, coded answers, redacted text),
 *    count its combination of quasi-identifiers and format its finished CSV records for data.csv and
 *    data_sv.csv. The first k - 1 rows of each combination are held back in a scratch file (the only rows the
 *    plan may touch, `held-rows.ts`); every later row goes straight to the compressing thread, which hashes
 *    and deflates both data files while the rows are still being read (`compressed-entry.ts`);
 * 2. plan the fewest cells to suppress, append the held rows as the plan wants them (blanked, left out or as
 *    they were), then assemble the ZIP from the compressed data files and the small files (`zip-writer.ts`).
 * The pseudonym key lives only in this function's scope.
 */

export interface ExportSource {
  filters: ExportFilters;
  surveyTitle: string;
  waves: (Wave & { title: string; programName: string; opensOn: string; closesOn: string })[];
  redactionNames: string[];
}

export interface ExportSummary {
  rows: number;
  readRows: number;
  variables: ExportVariable[];
  suppressedCells: number;
  suppressedByVariable: Record<string, number>;
  droppedRows: number;
  exact: boolean;
  surveyVersions: string[];
}

/**
 * Where an export's time went, in milliseconds of wall time (the benchmark prints them): from the start to the
 * first batch of rows (survey versions, layout, the first read), the rows (reading, coding, both CSV dialects;
 * `waitedForRows` of it between asking for a batch and having it: SQLite's read, and the driver building the batch's
 * rows on this thread, most of it (decision 0057)), and the rest (the plan, the held rows, the small files, the ZIP).
 */
export interface ExportTimings {
  toFirstRows: number;
  rows: number;
  waitedForRows: number;
  finish: number;
}

interface FirstPass {
  /** When the first batch came and the last was coded (`performance.now()`), and how long reads were waited for. */
  timings: { firstRowsAt: number; rowsDoneAt: number; waitedForRows: number };
  layout: ExportLayout;
  plan: SuppressionPlan;
  classes: QiClass[];
  readRows: number;
  surveyVersions: string[];
}

/** Where pass 1 writes: the two compressed data files, and the rows held back for the plan. */
interface Scratch {
  comma: CompressedEntry;
  swedish: CompressedEntry;
  held: HeldRowsWriter;
}

async function firstPass(
  source: ExportSource,
  openScratch: ((layout: ExportLayout) => Scratch) | null,
): Promise<FirstPass> {
  const { filters } = source;
  const versions = await surveyVersionsOf({ campaignIds: filters.campaignIds });
  const layout = buildLayout({
    versions: versions.map((v) => v.json),
    waves: source.waves,
    freeText: filters.freeText,
  });
  const scratch = openScratch?.(layout) ?? null;
  const held = heldPerClass(filters.k);
  const key = newExportKey();
  const participant = participantPseudonyms(key);
  const response = responsePseudonyms();
  const names = source.redactionNames;
  const redact = (text: string) => redactText(text, { names });
  const { positions } = layout;
  const cells: CsvValue[] = new Array<CsvValue>(layout.variables.length).fill(null);
  const classIndex = new Map<string | number, number>();
  const numericKeys = positions.length <= 4 && positions.every((p) => p.columns.length === 1);
  const classes: QiClass[] = [];
  let readRows = 0;
  const rows = readExportRows({ campaignIds: filters.campaignIds, answerKeys: layout.answerKeys });
  let firstRows = 0;
  let waitedForRows = 0;
  let asked = performance.now();
  for await (const batch of prefetched(rows)) {
    const got = performance.now();
    if (firstRows === 0) firstRows = got;
    else waitedForRows += got - asked;
    batch.forEach((row) => {
      const wave = layout.waveCode(row.campaignId);
      cells[0] = response();
      cells[1] = participant(row.participantCodeHmac);
      cells[2] = wave;
      cells[3] = stockholmMonth(row.submittedAt);
      cells[4] = channelCode(row.channel);
      cells[5] = row.staffAssisted ? 1 : 0;
      layout.codeInto(row.values, cells, 6, redact);
      const key = numericKeys ? numericClassKey(wave, cells, positions) : classKeyOf(wave, cells, positions);
      let index = classIndex.get(key);
      if (index === undefined) {
        index = classes.length;
        classIndex.set(key, index);
        classes.push({ stratum: String(wave), values: qiValues(layout, cells), count: 0 });
      }
      const seen = classes[index].count++;
      readRows++;
      if (scratch) {
        if (seen < held) {
          const pair = recordPair(cells);
          scratch.held.add(index, pair.comma, pair.swedish);
        } else {
          writeRecordPair(cells, scratch.comma, scratch.swedish);
        }
      }
    });
    if (scratch) {
      await Promise.all([scratch.comma.flush(), scratch.swedish.flush(), scratch.held.flush()]);
    }
    asked = performance.now();
  }
  const rowsDone = performance.now();
  if (scratch) await scratch.held.close();
  const plan = planSuppression(classes, source.filters.k, layout.positions.length);
  const timings = { firstRowsAt: firstRows || rowsDone, rowsDoneAt: rowsDone, waitedForRows };
  return { timings, layout, plan, classes, readRows, surveyVersions: versions.map((v) => v.hash) };
}

/** A row's quasi-identifier values, as the suppression planner compares them (a checkbox joined by commas). */
function qiValues(layout: ExportLayout, cells: readonly CsvValue[]): (string | null)[] {
  return layout.positions.map((p) => {
    if (p.columns.length === 1) {
      const v = cells[p.columns[0]];
      return v === null || v === undefined ? null : String(v);
    }
    const parts = p.columns.map((c) => cells[c]);
    return parts.every((v) => v === null || v === undefined) ? null : parts.join(",");
  });
}

/**
 * Asks for the next batches before the current one is handed out, so SQLite reads them (on libuv's pool) while
 * this thread codes the current one; `ahead` batches are read ahead, which rides out the moments one side waits
 * for a core on a busy machine. Until decision 0048 the next read was asked for only once the current batch was
 * coded, so reading and coding took turns.
 */
async function* prefetched<T>(source: AsyncGenerator<T>, ahead = 1): AsyncGenerator<T> {
  // An async generator serves its calls in order, so the reads queue up, run one after the other and come back
  // in order.
  const queue: Promise<IteratorResult<T>>[] = [];
  try {
    while (queue.length < ahead) queue.push(source.next());
    for (;;) {
      const current = await queue.shift()!;
      if (current.done) return;
      queue.push(source.next());
      yield current.value;
    }
  } finally {
    // Stopped early (a failure downstream): the source ends too, after the reads it has begun.
    await Promise.allSettled(queue);
    await source.return(undefined);
  }
}

function summarise(pass: FirstPass): ExportSummary {
  const variables = pass.layout.variables;
  const suppressedByVariable: Record<string, number> = {};
  pass.layout.positions.forEach((p, i) => {
    for (const c of p.columns) suppressedByVariable[variables[c].name] = pass.plan.suppressedCells[i];
  });
  return {
    rows: pass.readRows - pass.plan.droppedRows,
    readRows: pass.readRows,
    variables,
    suppressedCells: Object.values(suppressedByVariable).reduce((a, b) => a + b, 0),
    suppressedByVariable,
    droppedRows: pass.plan.droppedRows,
    exact: pass.plan.exact,
    surveyVersions: pass.surveyVersions,
  };
}

/** What an export with these filters would hold, computed the same way as the export itself. */
export async function previewExport(source: ExportSource): Promise<ExportSummary> {
  return summarise(await firstPass(source, null));
}

export function exportDirectory(): string {
  return process.env.EXPORT_DIR ?? path.join(projectRoot, "db", "data", "exports");
}

export interface BuiltExport {
  summary: ExportSummary;
  fileName: string;
  sha256: string;
  bytes: number;
  timings: ExportTimings;
}

/**
 * Deflate level for the data files. Level 1 takes two thirds of level 3's CPU for a ZIP about a fifth larger
 * (100 000 responses: 10 MB of CSV deflated in 83 ms to 2.6 MB, against 126 ms to 2.2 MB; level 6 300 ms to
 * 2.0 MB): researchers download it once, the export runs beside everyone's requests.
 */
const DATA_COMPRESSION = 1;

export async function buildExportZip(
  source: ExportSource,
  meta: { exportId: number; createdAt: string; creatorRole: string },
): Promise<BuiltExport> {
  const started = performance.now();
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), "deltagarrost-export-"));
  const compressor = new Compressor();
  let partPath: string | null = null;
  let zip: ZipWriter | null = null;
  try {
    let scratch: Scratch | null = null;
    let header: string[] = [];
    const pass = await firstPass(source, (layout) => {
      header = layout.variables.map((v) => v.name);
      scratch = {
        comma: compressor.open(path.join(scratchDir, "data.csv.deflate"), DATA_COMPRESSION),
        swedish: compressor.open(path.join(scratchDir, "data_sv.csv.deflate"), DATA_COMPRESSION),
        held: new HeldRowsWriter(path.join(scratchDir, "held.rows")),
      };
      scratch.comma.add(CSV_BOM + csvRecords([header], "comma"));
      scratch.swedish.add(CSV_BOM + csvRecords([header], "excel-sv"));
      return scratch;
    });
    const summary = summarise(pass);
    if (summary.rows === 0) throw new EmptyExportError();
    const data = await appendHeldRows(scratch!, pass);

    const treatment = { suppressed: summary.suppressedByVariable };
    const small: [string, string][] = [
      ["codebook.csv", codebookCsv(pass.layout.variables, treatment)],
      [
        "codebook.html",
        codebookHtml(pass.layout.variables, treatment, {
          title: source.surveyTitle,
          k: source.filters.k,
          rows: summary.rows,
        }),
      ],
      ["import.R", importR(pass.layout.variables)],
      ["import.sps", importSps(pass.layout.variables)],
      [
        "LÄS_MIG.txt",
        readme({
          title: source.surveyTitle,
          k: source.filters.k,
          rows: summary.rows,
          freeText: source.filters.freeText,
          droppedRows: summary.droppedRows,
        }),
      ],
    ];
    const buffers = small.map(([name, text]) => [name, Buffer.from(text, "utf8")] as const);
    const files: { name: string; sha256: string; bytes: number }[] = [
      { name: "data.csv", sha256: data.comma.sha256, bytes: data.comma.size },
      { name: "data_sv.csv", sha256: data.swedish.sha256, bytes: data.swedish.size },
    ];
    for (const [name, buffer] of buffers)
      files.push({ name, sha256: createHash("sha256").update(buffer).digest("hex"), bytes: buffer.length });
    const manifest = {
      exportId: meta.exportId,
      createdAt: meta.createdAt,
      creatorRole: meta.creatorRole,
      survey: source.surveyTitle,
      filters: {
        waves: source.waves.map((w, i) => ({
          wave: i + 1,
          title: w.title,
          programme: w.programName,
          opensOn: w.opensOn,
          closesOn: w.closesOn,
        })),
        freeText: source.filters.freeText,
        k: source.filters.k,
      },
      rows: summary.rows,
      columns: header.length,
      k: source.filters.k,
      suppression: {
        cells: summary.suppressedCells,
        byVariable: summary.suppressedByVariable,
        rowsLeftOut: summary.droppedRows,
        minimal: summary.exact,
      },
      surveyVersions: summary.surveyVersions,
      files,
    };

    const dir = exportDirectory();
    fs.mkdirSync(dir, { recursive: true });
    const fileName = `${meta.exportId}-${randomBytes(12).toString("hex")}.zip`;
    const finalPath = path.join(dir, fileName);
    partPath = `${finalPath}.part`;
    zip = new ZipWriter(partPath);
    const mtime = new Date(meta.createdAt);
    const byName = new Map(buffers);
    await zip.addBuffer("LÄS_MIG.txt", byName.get("LÄS_MIG.txt")!, mtime);
    await zip.addDeflated("data.csv", data.comma, mtime);
    await zip.addDeflated("data_sv.csv", data.swedish, mtime);
    for (const [name, buffer] of buffers) if (name !== "LÄS_MIG.txt") await zip.addBuffer(name, buffer, mtime);
    await zip.addBuffer("manifest.json", Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8"), mtime);
    const { sha256, bytes } = await zip.end();
    zip = null;
    fs.renameSync(partPath, finalPath);
    partPath = null;
    const { firstRowsAt, rowsDoneAt, waitedForRows } = pass.timings;
    const timings = {
      toFirstRows: firstRowsAt - started,
      rows: rowsDoneAt - firstRowsAt,
      waitedForRows,
      finish: performance.now() - rowsDoneAt,
    };
    return { summary, fileName, sha256, bytes, timings };
  } finally {
    zip?.destroy();
    await compressor.close();
    if (partPath) fs.rmSync(partPath, { force: true });
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }
}

/**
 * Pass 2: the held rows, treated by the plan in the order pass 1 counted them, appended to both data files;
 * then both files are finished. Every other row is already in them as it was formatted.
 */
async function appendHeldRows(
  scratch: Scratch,
  pass: FirstPass,
): Promise<{ comma: CompressedFile; swedish: CompressedFile }> {
  if (!heldRowsCover(pass.plan, pass.classes))
    throw new Error("the suppression plan touches rows that were not held back");
  const { positions } = pass.layout;
  const next = createPlanCursor(pass.plan, positions.length);
  let count = 0;
  for await (const row of readHeldRows(scratch.held.path)) {
    const mask = next(row.classIndex);
    if (mask === null) continue;
    if (mask === 0) {
      scratch.comma.addBytes(row.comma);
      scratch.swedish.addBytes(row.swedish);
    } else {
      scratch.comma.add(blankRecord(row.comma.toString("utf8"), mask, positions, "comma"));
      scratch.swedish.add(blankRecord(row.swedish.toString("utf8"), mask, positions, "excel-sv"));
    }
    if (++count % 200 === 0) await Promise.all([scratch.comma.flush(), scratch.swedish.flush()]);
  }
  const [comma, swedish] = await Promise.all([scratch.comma.end(), scratch.swedish.end()]);
  return { comma, swedish };
}

export class EmptyExportError extends Error {
  constructor() {
    super("the export would have no rows");
  }
}

export function exportFilePath(fileName: string): string {
  return path.join(exportDirectory(), path.basename(fileName));
}
