import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Transform, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yazl from "yazl";
import { projectRoot } from "~/env.server";
import { readExportRows, surveyVersionsOf, type ExportFilters } from "~/models/export.server";
import { CSV_BOM, csvRecords, type CsvDialect, type CsvValue } from "~/privacy/csv";
import { createPlanCursor, planSuppression, type QiClass, type SuppressionPlan } from "~/privacy/k-anonymity";
import { newExportKey, participantPseudonym, responsePseudonym } from "~/privacy/pseudonym";
import { redactText } from "~/privacy/redact";
import { codebookCsv, codebookHtml, importR, importSps, readme } from "./codebook";
import {
  buildLayout,
  channelCode,
  stockholmMonth,
  type ExportLayout,
  type ExportVariable,
  type Wave,
} from "./variables";

/**
 * Builds a research export in two passes over a temporary file, never the whole set in memory:
 * 1. read the responses in batches, code each into a row (pseudonyms, months, coded answers, redacted text),
 *    write it to a scratch file and count its combination of quasi-identifiers;
 * 2. plan the fewest cells to suppress, then stream the scratch file into data.csv and data_sv.csv, blanking
 *    those cells, and pack everything with checksums into the ZIP.
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

async function firstPass(source: ExportSource, sink: Writable | null): Promise<FirstPass> {
  const { filters } = source;
  const versions = await surveyVersionsOf({ campaignIds: filters.campaignIds });
  const layout = buildLayout({
    versions: versions.map((v) => v.json),
    waves: source.waves,
    freeText: filters.freeText,
  });
  const key = newExportKey();
  const names = source.redactionNames;
  const redact = (text: string) => redactText(text, { names });
  const classIndex = new Map<string, number>();
  const classes: QiClass[] = [];
  let readRows = 0;
  for await (const batch of prefetched(readExportRows({ campaignIds: filters.campaignIds, batchSize: 2000 }))) {
    let chunk = "";
    for (const row of batch) {
      const wave = layout.waveCode(row.campaignId);
      const cells: CsvValue[] = [
        responsePseudonym(key, row.id),
        participantPseudonym(key, row.participantCodeHmac),
        wave,
        stockholmMonth(row.submittedAt),
        channelCode(row.channel),
        row.staffAssisted ? 1 : 0,
        ...layout.codeAnswers(JSON.parse(row.answers) as Record<string, unknown>, redact),
      ];
      const values = layout.positions.map((p) => {
        if (p.columns.length === 1) {
          const v = cells[p.columns[0]];
          return v === null || v === undefined ? null : String(v);
        }
        const parts = p.columns.map((c) => cells[c]);
        return parts.every((v) => v === null || v === undefined) ? null : parts.join(",");
      });
      const classKey = `${wave}\u0001${JSON.stringify(values)}`;
      let index = classIndex.get(classKey);
      if (index === undefined) {
        index = classes.length;
        classIndex.set(classKey, index);
        classes.push({ stratum: String(wave), values, count: 0 });
      }
      classes[index].count++;
      readRows++;
      if (sink) chunk += `${index}\t${JSON.stringify(cells)}\n`;
    }
    if (sink && !sink.write(chunk)) await once(sink, "drain");
  }
  if (sink) {
    sink.end();
    await once(sink, "finish");
  }
  const plan = planSuppression(classes, source.filters.k, layout.positions.length);
  return { layout, plan, classes, readRows, surveyVersions: versions.map((v) => v.hash) };
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

/** Lines of a file, read in large chunks with back-pressure (readline's iterator can run ahead of its reader). */
async function* fileLines(file: string): AsyncGenerator<string> {
  let rest = "";
  for await (const chunk of fs.createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
      yield text.slice(start, end);
      start = end + 1;
    }
    rest = text.slice(start);
  }
  if (rest !== "") yield rest;
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

/** A CSV file written in batches of rows, hashed on the way; the BOM and header come first. */
function csvFile(file: string, dialect: CsvDialect, header: string[]) {
  const hash = hashing();
  const out = fs.createWriteStream(file);
  const done = pipeline(hash.stream, out);
  hash.stream.write(CSV_BOM + csvRecords([header], dialect));
  return {
    write: async (rows: CsvValue[][]) => {
      if (!hash.stream.write(csvRecords(rows, dialect))) await once(hash.stream, "drain");
    },
    end: async () => {
      hash.stream.end();
      await done;
      return hash.result();
    },
  };
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

export async function buildExportZip(
  source: ExportSource,
  meta: { exportId: number; createdAt: string; creatorRole: string },
): Promise<BuiltExport> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "deltagarrost-export-"));
  try {
    const rowsFile = path.join(scratch, "rows.ndjson");
    const pass = await firstPass(source, fs.createWriteStream(rowsFile));
    const summary = summarise(pass);
    if (summary.rows === 0) throw new EmptyExportError();
    const header = pass.layout.variables.map((v) => v.name);

    const comma = csvFile(path.join(scratch, "data.csv"), "comma", header);
    const swedish = csvFile(path.join(scratch, "data_sv.csv"), "excel-sv", header);
    const next = createPlanCursor(pass.plan, pass.layout.positions.length);
    const positions = pass.layout.positions;
    let batch: CsvValue[][] = [];
    const flush = async () => {
      await comma.write(batch);
      await swedish.write(batch);
      batch = [];
    };
    for await (const line of fileLines(rowsFile)) {
      const tab = line.indexOf("\t");
      const mask = next(Number(line.slice(0, tab)));
      if (mask === null) continue;
      const cells = JSON.parse(line.slice(tab + 1)) as CsvValue[];
      if (mask !== 0)
        positions.forEach((p, i) => {
          if (mask & (1 << i)) for (const c of p.columns) cells[c] = null;
        });
      batch.push(cells);
      if (batch.length >= 1000) await flush();
    }
    await flush();
    const files: { name: string; sha256: string; bytes: number }[] = [];
    files.push({ name: "data.csv", ...(await comma.end()) });
    files.push({ name: "data_sv.csv", ...(await swedish.end()) });

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
    const buffers = small.map(([name, text]) => {
      const buffer = Buffer.from(text, "utf8");
      files.push({ name, sha256: createHash("sha256").update(buffer).digest("hex"), bytes: buffer.length });
      return [name, buffer] as const;
    });
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
    const partPath = `${finalPath}.part`;
    const zip = new yazl.ZipFile();
    const mtime = new Date(meta.createdAt);
    const readmeBuffer = buffers.find(([name]) => name === "LÄS_MIG.txt")![1];
    zip.addBuffer(readmeBuffer, "LÄS_MIG.txt", { mtime });
    zip.addFile(path.join(scratch, "data.csv"), "data.csv", { mtime });
    zip.addFile(path.join(scratch, "data_sv.csv"), "data_sv.csv", { mtime });
    for (const [name, buffer] of buffers) if (name !== "LÄS_MIG.txt") zip.addBuffer(buffer, name, { mtime });
    zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8"), "manifest.json", { mtime });
    zip.end();
    const hash = hashing();
    await pipeline(zip.outputStream, hash.stream, fs.createWriteStream(partPath));
    fs.renameSync(partPath, finalPath);
    const { sha256, bytes } = hash.result();
    return { summary, fileName, sha256, bytes };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

export class EmptyExportError extends Error {
  constructor() {
    super("the export would have no rows");
  }
}

export function exportFilePath(fileName: string): string {
  return path.join(exportDirectory(), path.basename(fileName));
}
