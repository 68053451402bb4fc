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
  /**
   * Calls `visit` with each row in turn (the answers are parsed as the row is visited, not before). The row
   * object is reused for the next row: copy what must outlive the call (each row's `values` is its own list).
   */
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
  // The first batches are small and grow to `batchSize` (decision 0054): the first rows come sooner, and the
  // next read overlaps the coding (still cold, before V8 has compiled it) from the start.
  let size = Math.min(batchSize, FIRST_BATCH);
  try {
    for (const campaignId of campaignIds) {
      let after = "";
      for (;;) {
        const batch = reader
          ? await reader.batch(campaignId, after, size, answerKeys)
          : plainBatch(campaignId, await pooledBatch(campaignId, after, size), answerKeys);
        if (batch.size === 0) break;
        yield batch;
        if (batch.size < size) break;
        after = batch.lastId;
        size = Math.min(batchSize, size * 2);
      }
    }
  } finally {
    await reader?.close();
  }
}

/** The first batch's rows; each next batch doubles, up to `batchSize`. */
const FIRST_BATCH = 500;

interface StoredRow {
  id: string;
  submitted_at: string;
  channel: string;
  staff_assisted: boolean | number;
  participant_code_hmac: string | null;
  answers: string;
}

type Batch = ExportRowBatch & { lastId: string };

function plainBatch(campaignId: number, rows: StoredRow[], answerKeys: readonly string[]): Batch {
  return {
    size: rows.length,
    lastId: rows.length > 0 ? rows[rows.length - 1].id : "",
    forEach(visit) {
      const row = newRow(campaignId);
      for (const r of rows) {
        row.id = r.id;
        row.submittedAt = r.submitted_at;
        row.channel = r.channel;
        row.staffAssisted = Boolean(r.staff_assisted);
        row.participantCodeHmac = r.participant_code_hmac;
        row.values = pickAnswers(r.answers, answerKeys);
        visit(row);
      }
    },
  };
}

function newRow(campaignId: number): ExportSourceRow {
  return {
    id: "",
    campaignId,
    submittedAt: "",
    channel: "",
    staffAssisted: false,
    participantCodeHmac: null,
    values: [],
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

const SEPARATOR = "\u001f";

/**
 * A row's short columns as one text, separated by U+001F (decision 0048): the driver then makes two values per
 * row instead of six, which takes a third off the reading's CPU. `staff_assisted` is written as JavaScript's
 * `Boolean` reads the stored value (0/1 as stored by knex, but also any text or real); the participant code's
 * HMAC gets a leading `h`, so an empty text means NULL. A row whose short columns hold the separator themselves
 * (an odd id) makes the count of separators disagree, and its batch is read the plain way.
 */
const PACKED_HEAD = `id || char(31) || submitted_at || char(31) || channel || char(31) ||
  (CASE typeof(staff_assisted) WHEN 'integer' THEN staff_assisted <> 0 WHEN 'real' THEN staff_assisted <> 0
    WHEN 'null' THEN 0 WHEN 'text' THEN staff_assisted <> '' ELSE 1 END) || char(31) ||
  ifnull('h' || participant_code_hmac, '')`;

interface PackedRow {
  head: string | null;
  answers: string;
}

/** The rows of a packed batch, or null when a head does not split into its five columns. */
function packedBatch(campaignId: number, rows: PackedRow[], answerKeys: readonly string[]): Batch | null {
  const heads: number[] = [];
  for (const { head } of rows) {
    if (head === null) return null;
    const a = head.indexOf(SEPARATOR);
    const b = head.indexOf(SEPARATOR, a + 1);
    const c = head.indexOf(SEPARATOR, b + 1);
    const d = head.indexOf(SEPARATOR, c + 1);
    if (a < 0 || b < 0 || c < 0 || d < 0 || head.indexOf(SEPARATOR, d + 1) >= 0 || c + 2 !== d) return null;
    heads.push(a, b, d);
  }
  const last = rows.length > 0 ? rows[rows.length - 1].head! : "";
  return {
    size: rows.length,
    lastId: last.slice(0, last.indexOf(SEPARATOR)),
    forEach(visit) {
      const row = newRow(campaignId);
      for (let i = 0; i < rows.length; i++) {
        const head = rows[i].head!;
        const a = heads[3 * i];
        const b = heads[3 * i + 1];
        const d = heads[3 * i + 2];
        row.id = head.slice(0, a);
        row.submittedAt = head.slice(a + 1, b);
        row.channel = head.slice(b + 1, d - 2);
        row.staffAssisted = head.charCodeAt(d - 1) === 0x31;
        row.participantCodeHmac = d + 1 < head.length ? head.slice(d + 2) : null;
        row.values = pickAnswers(rows[i].answers, answerKeys);
        visit(row);
      }
    },
  };
}

/**
 * The export's own read-only SQLite connection and its prepared statements. Rows come as the driver's plain
 * objects with the short columns packed into one text (`PACKED_HEAD`). Packing a whole batch into one string in
 * SQLite (with the answers picked out by `json_extract`) cost the main thread less but more CPU in all, and the
 * large strings left garbage that grew the process's memory with the number of rows (decisions 0038, 0044).
 */
class OwnReader {
  private constructor(
    private readonly connection: sqlite3.Database,
    private readonly packed: sqlite3.Statement,
    private readonly plain: sqlite3.Statement,
  ) {}

  /** Null where no connection of its own can be opened (an in-memory database): the pool is used then. */
  static async open(): Promise<OwnReader | null> {
    const filename = (db.client.config.connection as { filename?: string } | undefined)?.filename;
    if (!filename || filename === ":memory:" || filename.startsWith("file:")) return null;
    const where = "FROM responses WHERE campaign_id = ? AND partial = 0 AND id > ? ORDER BY id LIMIT ?";
    const connection = await new Promise<sqlite3.Database | null>((resolve) => {
      const opened: sqlite3.Database = new sqlite3.Database(filename, sqlite3.OPEN_READONLY, (error) =>
        resolve(error ? null : opened),
      );
    });
    if (!connection) return null;
    connection.configure("busyTimeout", 5000);
    const prepare = (sql: string) =>
      new Promise<sqlite3.Statement | null>((resolve) => {
        const prepared: sqlite3.Statement = connection.prepare(sql, (error) => resolve(error ? null : prepared));
      });
    const packed = await prepare(`SELECT ${PACKED_HEAD} AS head, answers ${where}`);
    const plain = await prepare(`SELECT ${COLUMNS.join(", ")} ${where}`);
    if (!packed || !plain) {
      await new Promise<void>((resolve) => connection.close(() => resolve()));
      return null;
    }
    return new OwnReader(connection, packed, plain);
  }

  async batch(campaignId: number, after: string, batchSize: number, answerKeys: readonly string[]): Promise<Batch> {
    const packed = packedBatch(
      campaignId,
      await this.all<PackedRow>(this.packed, campaignId, after, batchSize),
      answerKeys,
    );
    return (
      packed ?? plainBatch(campaignId, await this.all<StoredRow>(this.plain, campaignId, after, batchSize), answerKeys)
    );
  }

  private all<T>(statement: sqlite3.Statement, campaignId: number, after: string, batchSize: number): Promise<T[]> {
    return new Promise((resolve, reject) =>
      statement.all([campaignId, after, batchSize], (error, rows) => (error ? reject(error) : resolve(rows as T[]))),
    );
  }

  async close() {
    for (const statement of [this.packed, this.plain])
      await new Promise<void>((resolve) => statement.finalize(() => resolve()));
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
