import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import yazl from "yazl";
import { projectRoot } from "~/env.server";
import { readExportRows, surveyVersionsOf, type ExportFilters } from "~/models/export.server";
import { CSV_BOM, csvRecord, csvRecords, type CsvValue } from "~/privacy/csv";
import { planSuppression, type QiClass, type SuppressionPlan } from "~/privacy/k-anonymity";
import { newExportKey, participantPseudonyms, responsePseudonyms } from "~/privacy/pseudonym";
import { redactText } from "~/privacy/redact";
import { codebookCsv, codebookHtml, importR, importSps, readme } from "./codebook";
import { DataFile, GrowingUint32, maskedRecords, planChangesRows } from "./data-file";
import {
  buildLayout,
  channelCode,
  stockholmMonth,
  type ExportLayout,
  type ExportVariable,
  type Wave,
} from "./variables";

/**
 * Builds a research export in two passes, never the whole set in memory (decision 0015, made faster in 0030):
 * 1. read the responses in batches, code each into a row (pseudonyms, months, coded answers, redacted text),
 *    write its finished CSV records for data.csv and data_sv.csv to scratch files and count its combination
 *    of quasi-identifiers;
 * 2. plan the fewest cells to suppress, then stream each scratch file into the ZIP, passing records through
 *    untouched and rewriting only those the plan blanks or leaves out, with checksums on the way.
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

interface FirstPass {
  layout: ExportLayout;
  plan: SuppressionPlan;
  classes: QiClass[];
  readRows: number;
  surveyVersions: string[];
}

/** Where pass 1 writes: the two data files' records and, per row, its class. */
interface Scratch {
  comma: DataFile;
  swedish: DataFile;
  rowClasses: GrowingUint32;
}

const NULL_KEY = "\u0002";

async function firstPass(source: ExportSource, scratch: Scratch | null): Promise<FirstPass> {
  const { filters } = source;
  const versions = await surveyVersionsOf({ campaignIds: filters.campaignIds });
  const layout = buildLayout({
    versions: versions.map((v) => v.json),
    waves: source.waves,
    freeText: filters.freeText,
  });
  const key = newExportKey();
  const participant = participantPseudonyms(key);
  const response = responsePseudonyms();
  const names = source.redactionNames;
  const redact = (text: string) => redactText(text, { names });
  const { positions } = layout;
  const cells: CsvValue[] = new Array<CsvValue>(layout.variables.length).fill(null);
  const classIndex = new Map<string, number>();
  const classes: QiClass[] = [];
  let readRows = 0;
  for await (const batch of prefetched(readExportRows({ campaignIds: filters.campaignIds, batchSize: 200 }))) {
    for (const row of batch) {
      const wave = layout.waveCode(row.campaignId);
      cells[0] = response();
      cells[1] = participant(row.participantCodeHmac);
      cells[2] = wave;
      cells[3] = stockholmMonth(row.submittedAt);
      cells[4] = channelCode(row.channel);
      cells[5] = row.staffAssisted ? 1 : 0;
      layout.codeInto(JSON.parse(row.answers) as Record<string, unknown>, cells, 6, redact);
      // The class key: the wave and each quasi-identifier's value (codes are numbers, so no separator occurs).
      let classKey = String(wave);
      for (const p of positions) {
        classKey += "\u0001";
        if (p.columns.length === 1) {
          const v = cells[p.columns[0]];
          classKey += v === null || v === undefined ? NULL_KEY : String(v);
        } else {
          let joined = "";
          let empty = true;
          for (let j = 0; j < p.columns.length; j++) {
            const v = cells[p.columns[j]];
            if (v !== null && v !== undefined) empty = false;
            joined += j === 0 ? String(v ?? "") : `,${v ?? ""}`;
          }
          classKey += empty ? NULL_KEY : joined;
        }
      }
      let index = classIndex.get(classKey);
      if (index === undefined) {
        index = classes.length;
        classIndex.set(classKey, index);
        classes.push({ stratum: String(wave), values: qiValues(layout, cells), count: 0 });
      }
      classes[index].count++;
      readRows++;
      if (scratch) {
        scratch.comma.add(csvRecord(cells, "comma"));
        if (!scratch.swedish.addSwedishOf(scratch.comma.last())) scratch.swedish.add(csvRecord(cells, "excel-sv"));
        scratch.rowClasses.push(index);
      }
    }
    if (scratch) await Promise.all([scratch.comma.flush(), scratch.swedish.flush()]);
  }
  if (scratch) await Promise.all([scratch.comma.close(), scratch.swedish.close()]);
  const plan = planSuppression(classes, source.filters.k, layout.positions.length);
  return { layout, plan, classes, readRows, surveyVersions: versions.map((v) => v.hash) };
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

/** Asks for the next batch before the current one is coded, so the database and the CPU work at the same time. */
async function* prefetched<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = source.next();
  for (;;) {
    const current = await next;
    if (current.done) return;
    next = source.next();
    yield current.value;
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

/** A stream that passes bytes through and keeps their SHA-256 and length. */
function hashing() {
  const hash = createHash("sha256");
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ sha256: hash.digest("hex"), bytes }) };
}

export function exportDirectory(): string {
  return process.env.EXPORT_DIR ?? path.join(projectRoot, "db", "data", "exports");
}

export interface BuiltExport {
  summary: ExportSummary;
  fileName: string;
  sha256: string;
  bytes: number;
}

/** Deflate level for the data files: level 3 packs them nearly as small as the default 6 at a third of the CPU. */
const DATA_COMPRESSION = 3;

export async function buildExportZip(
  source: ExportSource,
  meta: { exportId: number; createdAt: string; creatorRole: string },
): Promise<BuiltExport> {
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), "deltagarrost-export-"));
  let partPath: string | null = null;
  try {
    const scratch: Scratch = {
      comma: new DataFile(path.join(scratchDir, "data.csv.records")),
      swedish: new DataFile(path.join(scratchDir, "data_sv.csv.records")),
      rowClasses: new GrowingUint32(),
    };
    const pass = await firstPass(source, scratch);
    const summary = summarise(pass);
    if (summary.rows === 0) throw new EmptyExportError();
    const header = pass.layout.variables.map((v) => v.name);
    const rewrite = planChangesRows(pass.plan, pass.classes);
    const rowClasses = scratch.rowClasses.values();

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

    const dir = exportDirectory();
    fs.mkdirSync(dir, { recursive: true });
    const fileName = `${meta.exportId}-${randomBytes(12).toString("hex")}.zip`;
    const finalPath = path.join(dir, fileName);
    partPath = `${finalPath}.part`;
    const zip = new yazl.ZipFile();
    const mtime = new Date(meta.createdAt);
    const zipHash = hashing();
    const written = pipeline(zip.outputStream, zipHash.stream, fs.createWriteStream(partPath));

    // The data files stream from the scratch files into the ZIP; yazl reads them one after the other.
    const dataEntry = (name: string, file: DataFile, dialect: "comma" | "excel-sv") => {
      const hash = hashing();
      const records = maskedRecords({
        file,
        rowClasses,
        plan: pass.plan,
        positions: pass.layout.positions,
        dialect,
        rewrite,
      });
      const head = Buffer.from(CSV_BOM + csvRecords([header], dialect), "utf8");
      const done = pipeline(Readable.from(prepend(head, records)), hash.stream).then(hash.result, (error: Error) => {
        (zip.outputStream as Readable).destroy(error);
        throw error;
      });
      zip.addReadStream(hash.stream, name, { mtime, compressionLevel: DATA_COMPRESSION });
      return done;
    };
    zip.addBuffer(buffers.find(([name]) => name === "LÄS_MIG.txt")![1], "LÄS_MIG.txt", { mtime });
    const commaDone = dataEntry("data.csv", scratch.comma, "comma");
    const swedishDone = dataEntry("data_sv.csv", scratch.swedish, "excel-sv");
    for (const [name, buffer] of buffers) if (name !== "LÄS_MIG.txt") zip.addBuffer(buffer, name, { mtime });

    const finish = (async () => {
      const files: { name: string; sha256: string; bytes: number }[] = [];
      files.push({ name: "data.csv", ...(await commaDone) });
      files.push({ name: "data_sv.csv", ...(await swedishDone) });
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
      zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8"), "manifest.json", { mtime });
      zip.end();
    })();
    await Promise.all([written, finish]);
    fs.renameSync(partPath, finalPath);
    partPath = null;
    const { sha256, bytes } = zipHash.result();
    return { summary, fileName, sha256, bytes };
  } finally {
    if (partPath) fs.rmSync(partPath, { force: true });
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }
}

async function* prepend(head: Buffer, rest: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  yield head;
  yield* rest;
}

export class EmptyExportError extends Error {
  constructor() {
    super("the export would have no rows");
  }
}

export function exportFilePath(fileName: string): string {
  return path.join(exportDirectory(), path.basename(fileName));
}
