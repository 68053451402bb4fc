import sqlite3 from "sqlite3";
import { db, isPostgres, nowIso } from "~/db.server";
import type { Role } from "~/auth/roles";

/** Research exports (issue 12): the list of exports and the rows they read. */

export type ExportStatus = "running" | "done" | "failed";

export interface ExportFilters {
  campaignIds: number[];
  freeText: boolean;
  k: number;
}

export interface ExportRecord {
  id: number;
  createdBy: number;
  creatorEmail: string | null;
  creatorRole: string;
  createdAt: string;
  finishedAt: string | null;
  status: ExportStatus;
  surveyKey: string;
  filters: ExportFilters;
  k: number;
  freeText: boolean;
  rowCount: number | null;
  columnCount: number | null;
  suppressedCells: number | null;
  droppedRows: number | null;
  checksum: string | null;
  sizeBytes: number | null;
  fileName: string | null;
  error: string | null;
}

interface Row {
  id: number;
  created_by: number;
  creator_email: string | null;
  creator_role: string;
  created_at: string;
  finished_at: string | null;
  status: ExportStatus;
  survey_key: string;
  filters: string;
  k: number;
  free_text: boolean | number;
  row_count: number | null;
  column_count: number | null;
  suppressed_cells: number | null;
  dropped_rows: number | null;
  checksum: string | null;
  size_bytes: number | string | null;
  file_name: string | null;
  error: string | null;
}

const toRecord = (r: Row): ExportRecord => ({
  id: r.id,
  createdBy: r.created_by,
  creatorEmail: r.creator_email,
  creatorRole: r.creator_role,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
  status: r.status,
  surveyKey: r.survey_key,
  filters: JSON.parse(r.filters) as ExportFilters,
  k: r.k,
  freeText: Boolean(r.free_text),
  rowCount: r.row_count,
  columnCount: r.column_count,
  suppressedCells: r.suppressed_cells,
  droppedRows: r.dropped_rows,
  checksum: r.checksum,
  sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
  fileName: r.file_name,
  error: r.error,
});

function baseQuery() {
  return db("exports as e")
    .leftJoin("staff_users as s", "s.id", "e.created_by")
    .select("e.*", "s.email as creator_email");
}

/**
 * Starts an export row, or returns null when the same person already has one running (a second click,
 * a second tab): the unique `running_key` decides, even at the same moment.
 */
export async function beginExport({
  staff,
  surveyKey,
  filters,
}: {
  staff: { id: number; role: Role };
  surveyKey: string;
  filters: ExportFilters;
}): Promise<number | null> {
  try {
    const [row] = await db("exports")
      .insert({
        created_by: staff.id,
        creator_role: staff.role,
        created_at: nowIso(),
        status: "running",
        running_key: staff.id,
        survey_key: surveyKey,
        filters: JSON.stringify(filters),
        k: filters.k,
        free_text: filters.freeText,
      })
      .returning("id");
    return typeof row === "object" ? row.id : row;
  } catch (error) {
    if (await runningExportOf({ staffId: staff.id })) return null;
    throw error;
  }
}

export async function runningExportOf({ staffId }: { staffId: number }): Promise<number | null> {
  const row: { id: number } | undefined = await db("exports").where({ running_key: staffId }).first("id");
  return row?.id ?? null;
}

export async function finishExport({
  id,
  rowCount,
  columnCount,
  suppressedCells,
  droppedRows,
  checksum,
  sizeBytes,
  fileName,
}: {
  id: number;
  rowCount: number;
  columnCount: number;
  suppressedCells: number;
  droppedRows: number;
  checksum: string;
  sizeBytes: number;
  fileName: string;
}): Promise<void> {
  await db("exports").where({ id }).update({
    status: "done",
    running_key: null,
    finished_at: nowIso(),
    row_count: rowCount,
    column_count: columnCount,
    suppressed_cells: suppressedCells,
    dropped_rows: droppedRows,
    checksum,
    size_bytes: sizeBytes,
    file_name: fileName,
  });
}

export async function failExport({ id, error }: { id: number; error: string }): Promise<void> {
  await db("exports")
    .where({ id })
    .update({ status: "failed", running_key: null, finished_at: nowIso(), error: error.slice(0, 200) });
}

/** Exports left running by a process that stopped: nothing will finish them. */
export async function failInterruptedExports(): Promise<number> {
  return db("exports")
    .where({ status: "running" })
    .update({ status: "failed", running_key: null, finished_at: nowIso(), error: "interrupted" });
}

export async function getExport({ id }: { id: number }): Promise<ExportRecord | null> {
  const row: Row | undefined = await baseQuery().where("e.id", id).first();
  return row ? toRecord(row) : null;
}

/** Newest first; `createdBy` limits the list to one person's exports. */
export async function listExports({
  createdBy,
  limit = 100,
}: {
  createdBy?: number;
  limit?: number;
}): Promise<ExportRecord[]> {
  const query = baseQuery().orderBy("e.id", "desc").limit(limit);
  if (createdBy !== undefined) query.where("e.created_by", createdBy);
  const rows: Row[] = await query;
  return rows.map(toRecord);
}

export interface ExportSourceRow {
  id: string;
  campaignId: number;
  submittedAt: string;
  channel: string;
  staffAssisted: boolean;
  participantCodeHmac: string | null;
  /** The stored answers' values under the keys asked for, in their order; null where an answer is missing. */
  values: unknown[];
}

/** A batch of rows, handed out one at a time. */
export interface ExportRowBatch {
  size: number;
  /** Calls `visit` with each row in turn (the answers are parsed as the row is visited, not before). */
  forEach(visit: (row: ExportSourceRow) => void): void;
}

/**
 * Every response of the campaigns, in keyset batches, one campaign after the other and by response id inside it,
 * with the answers under `answerKeys` (the export's coders never read more). Ids are the clients' random UUIDs,
 * so the order says nothing about when or where anyone answered.
 *
 * On SQLite the reads run on a read-only connection of their own (decision 0038) with one prepared statement
 * re-run for each batch of thousands of rows: the app's one read-write connection is never held by an export,
 * so submissions never wait behind one. PostgreSQL reads the same batches through the pool.
 */
export async function* readExportRows({
  campaignIds,
  answerKeys,
  batchSize = 4000,
}: {
  campaignIds: number[];
  answerKeys: readonly string[];
  batchSize?: number;
}): AsyncGenerator<ExportRowBatch> {
  const reader = isPostgres() ? null : await OwnReader.open();
  try {
    for (const campaignId of campaignIds) {
      let after = "";
      for (;;) {
        const rows = reader
          ? await reader.batch(campaignId, after, batchSize)
          : await pooledBatch(campaignId, after, batchSize);
        if (rows.length === 0) break;
        yield batchOf(campaignId, rows, answerKeys);
        if (rows.length < batchSize) break;
        after = rows[rows.length - 1].id;
      }
    }
  } finally {
    await reader?.close();
  }
}

interface StoredRow {
  id: string;
  submitted_at: string;
  channel: string;
  staff_assisted: boolean | number;
  participant_code_hmac: string | null;
  answers: string;
}

function batchOf(campaignId: number, rows: StoredRow[], answerKeys: readonly string[]): ExportRowBatch {
  return {
    size: rows.length,
    forEach(visit) {
      for (const r of rows)
        visit({
          id: r.id,
          campaignId,
          submittedAt: r.submitted_at,
          channel: r.channel,
          staffAssisted: Boolean(r.staff_assisted),
          participantCodeHmac: r.participant_code_hmac,
          values: pickAnswers(r.answers, answerKeys),
        });
    },
  };
}

/** The values under `keys` of stored answers (JSON text); null for a missing answer. */
function pickAnswers(answers: string, keys: readonly string[]): unknown[] {
  const parsed = JSON.parse(answers) as unknown;
  const record = parsed !== null && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
  return keys.map((key) => (Object.hasOwn(record, key) ? record[key] : null));
}

const COLUMNS = ["id", "submitted_at", "channel", "staff_assisted", "participant_code_hmac", "answers"];

async function pooledBatch(campaignId: number, after: string, batchSize: number): Promise<StoredRow[]> {
  return db("responses")
    .where("campaign_id", campaignId)
    .andWhere("partial", false)
    .andWhere("id", ">", after)
    .orderBy("id")
    .limit(batchSize)
    .select(COLUMNS);
}

/**
 * The export's own read-only SQLite connection and its one prepared statement. Rows come as the driver's plain
 * objects: packing a batch into one string in SQLite (with the answers picked out by `json_extract`) cost the
 * main thread less but more CPU in all, and the large strings left garbage that grew the process's memory with
 * the number of rows (decision 0038).
 */
class OwnReader {
  private constructor(
    private readonly connection: sqlite3.Database,
    private readonly statement: sqlite3.Statement,
  ) {}

  /** Null where no connection of its own can be opened (an in-memory database): the pool is used then. */
  static async open(): Promise<OwnReader | null> {
    const filename = (db.client.config.connection as { filename?: string } | undefined)?.filename;
    if (!filename || filename === ":memory:" || filename.startsWith("file:")) return null;
    const sql = `SELECT ${COLUMNS.join(", ")} FROM responses
      WHERE campaign_id = ? AND partial = 0 AND id > ? ORDER BY id LIMIT ?`;
    const connection = await new Promise<sqlite3.Database | null>((resolve) => {
      const opened: sqlite3.Database = new sqlite3.Database(filename, sqlite3.OPEN_READONLY, (error) =>
        resolve(error ? null : opened),
      );
    });
    if (!connection) return null;
    connection.configure("busyTimeout", 5000);
    const statement = await new Promise<sqlite3.Statement | null>((resolve) => {
      const prepared: sqlite3.Statement = connection.prepare(sql, (error) => resolve(error ? null : prepared));
    });
    if (!statement) {
      await new Promise<void>((resolve) => connection.close(() => resolve()));
      return null;
    }
    return new OwnReader(connection, statement);
  }

  batch(campaignId: number, after: string, batchSize: number): Promise<StoredRow[]> {
    return new Promise((resolve, reject) =>
      this.statement.all([campaignId, after, batchSize], (error, rows) =>
        error ? reject(error) : resolve(rows as StoredRow[]),
      ),
    );
  }

  async close() {
    await new Promise<void>((resolve) => this.statement.finalize(() => resolve()));
    await new Promise<void>((resolve) => this.connection.close(() => resolve()));
  }
}

export async function countExportRows({ campaignIds }: { campaignIds: number[] }): Promise<number> {
  if (campaignIds.length === 0) return 0;
  const [{ n }] = await db("responses")
    .whereIn("campaign_id", campaignIds)
    .where("partial", false)
    .count<{ n: number | string }[]>("* as n");
  return Number(n);
}

/** The survey versions the campaigns' responses used, newest first, with their content hashes. */
export async function surveyVersionsOf({
  campaignIds,
}: {
  campaignIds: number[];
}): Promise<{ id: number; hash: string; json: Record<string, unknown> }[]> {
  if (campaignIds.length === 0) return [];
  const rows: { id: number; hash: string; json: string }[] = await db("survey_versions as v")
    .whereIn("v.id", db("responses").whereIn("campaign_id", campaignIds).distinct("survey_version_id"))
    .orderBy("v.id", "desc")
    .select("v.id", "v.hash", "v.json");
  return rows.map((r) => ({ id: r.id, hash: r.hash, json: JSON.parse(r.json) as Record<string, unknown> }));
}
