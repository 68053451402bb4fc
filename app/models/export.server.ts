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

/** A batch of rows, handed out one at a time so that a batch of thousands costs no object per row. */
export interface ExportRowBatch {
  size: number;
  /** Calls `visit` with each row in turn. The row object is the same on every call: copy what is kept. */
  forEach(visit: (row: ExportSourceRow) => void): void;
}

/**
 * Every response of the campaigns, in batches, one campaign after the other and by response id inside it,
 * with only the answers under `answerKeys` (the export's coders never read more, and free text stays in the
 * database unless asked for). Ids are the clients' random UUIDs, so the order says nothing about when or where
 * anyone answered.
 *
 * On SQLite the reads run on a read-only connection of their own (decision 0038): one prepared statement,
 * stepped through keyset batches of thousands of rows, each batch packed by SQLite into one string with the
 * answers already picked out of their JSON. So the app's one read-write connection is never held by an export
 * (submissions never wait behind one), and a batch crosses into JavaScript as one value. PostgreSQL reads the
 * same keyset batches through the pool.
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
  const reader = isPostgres() ? null : await PackedReader.open(answerKeys);
  try {
    for (const campaignId of campaignIds) {
      let after = "";
      for (;;) {
        const packed = reader && (await reader.batch(campaignId, after, batchSize));
        const batch = packed ?? (await plainBatch(campaignId, after, batchSize, answerKeys));
        if (batch.size === 0) break;
        yield batch;
        if (batch.size < batchSize) break;
        after = batch.lastId;
      }
    }
  } finally {
    await reader?.close();
  }
}

/** The values under `keys` of stored answers (JSON text); null for a missing answer, as SQLite's json_extract. */
function pickAnswers(answers: string, keys: readonly string[]): unknown[] {
  const parsed = JSON.parse(answers) as unknown;
  const record = parsed !== null && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
  return keys.map((key) => (Object.hasOwn(record, key) ? record[key] : null));
}

async function plainBatch(
  campaignId: number,
  after: string,
  batchSize: number,
  answerKeys: readonly string[],
): Promise<ExportRowBatch & { lastId: string }> {
  const rows: {
    id: string;
    submitted_at: string;
    channel: string;
    staff_assisted: boolean | number;
    participant_code_hmac: string | null;
    answers: string;
  }[] = await db("responses")
    .where("campaign_id", campaignId)
    .andWhere("partial", false)
    .andWhere("id", ">", after)
    .orderBy("id")
    .limit(batchSize)
    .select("id", "submitted_at", "channel", "staff_assisted", "participant_code_hmac", "answers");
  return {
    size: rows.length,
    lastId: rows.length > 0 ? rows[rows.length - 1].id : after,
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

const FIELD = "\x1f";
const RECORD = "\x1e";

interface Packed {
  n: number;
  last: string | null;
  /** Rows whose fields hold a separator (an id a client made up): the batch is then read the plain way. */
  odd: number | null;
  rows: string | null;
}

/**
 * The export's own read-only SQLite connection and its one prepared statement. A batch comes back as one
 * string: per row the id, submission time, channel, staff flag, participant HMAC and the answers under the
 * keys as a JSON array (`json_extract` with several paths), between unit and record separators. JSON text never
 * holds a raw control character (SQLite refuses such JSON, as `JSON.parse` does); a batch where another field
 * holds a separator is read the plain way.
 */
class PackedReader {
  /** Participant HMACs seen so far, each a string of its own. */
  private readonly hmacs = new Interned();

  private constructor(
    private readonly connection: sqlite3.Database,
    private readonly statement: sqlite3.Statement,
    private readonly keyCount: number,
  ) {}

  /** Null where no connection of its own can be opened (an in-memory database) or a key cannot be a JSON path. */
  static async open(answerKeys: readonly string[]): Promise<PackedReader | null> {
    const filename = (db.client.config.connection as { filename?: string } | undefined)?.filename;
    if (!filename || filename === ":memory:" || filename.startsWith("file:")) return null;
    // A quoted path label cannot hold a quote; such a key (none of our surveys has one) is read the plain way.
    if (answerKeys.some((key) => [...key].some((ch) => ch < " " || ch === '"' || ch === "\\"))) return null;
    const paths = answerKeys.map((key) => `'$."${key.replaceAll("'", "''")}"'`);
    // With one path json_extract gives the bare value, with two or more a JSON array: one key is asked twice.
    if (paths.length === 1) paths.push(paths[0]);
    const picked = paths.length === 0 ? "'[]'" : `json_extract(answers, ${paths.join(", ")})`;
    const sql = `SELECT count(*) AS n, max(id) AS last,
        sum(instr(id || submitted_at || channel || ifnull(participant_code_hmac, ''), char(30)) +
            instr(id || submitted_at || channel || ifnull(participant_code_hmac, ''), char(31))) AS odd,
        group_concat(id || char(31) || submitted_at || char(31) || channel || char(31) || staff_assisted ||
          char(31) || ifnull(participant_code_hmac, '') || char(31) || picked, char(30)) AS rows
      FROM (SELECT id, submitted_at, channel, staff_assisted, participant_code_hmac, ${picked} AS picked
        FROM responses WHERE campaign_id = ? AND partial = 0 AND id > ? ORDER BY id LIMIT ?)`;
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
    return new PackedReader(connection, statement, answerKeys.length);
  }

  /** One batch, or null when it must be read the plain way. */
  async batch(
    campaignId: number,
    after: string,
    batchSize: number,
  ): Promise<(ExportRowBatch & { lastId: string }) | null> {
    const [packed] = await new Promise<Packed[]>((resolve, reject) =>
      this.statement.all([campaignId, after, batchSize], (error, rows) =>
        error ? reject(error) : resolve(rows as Packed[]),
      ),
    );
    if (packed.n === 0 || packed.rows === null || packed.last === null) return { size: 0, lastId: after, forEach() {} };
    if (packed.odd !== 0) return null;
    const text = packed.rows;
    const keyCount = this.keyCount;
    const hmacs = this.hmacs;
    return {
      size: packed.n,
      lastId: packed.last,
      forEach(visit) {
        let idStart = 0;
        let idEnd = 0;
        const row: ExportSourceRow = {
          // The export itself never reads a row's id: it is cut out of the batch only when asked for.
          get id() {
            return text.slice(idStart, idEnd);
          },
          campaignId,
          submittedAt: "",
          channel: "",
          staffAssisted: false,
          participantCodeHmac: null,
          values: [],
        };
        let at = 0;
        let count = 0;
        while (at < text.length) {
          const a = text.indexOf(FIELD, at);
          const b = text.indexOf(FIELD, a + 1);
          const c = text.indexOf(FIELD, b + 1);
          const d = text.indexOf(FIELD, c + 1);
          const e = text.indexOf(FIELD, d + 1);
          let end = text.indexOf(RECORD, e + 1);
          if (end < 0) end = text.length;
          if (e < 0 || end < e) throw new Error("a packed export row is broken");
          idStart = at;
          idEnd = a;
          row.submittedAt = text.slice(a + 1, b);
          row.channel = text.slice(b + 1, c);
          const staff = text.slice(c + 1, d);
          row.staffAssisted = staff === "1" || staff === "true";
          row.participantCodeHmac = e === d + 1 ? null : hmacs.intern(text.slice(d + 1, e));
          const values = JSON.parse(text.slice(e + 1, end)) as unknown[];
          if (values.length > keyCount) values.length = keyCount;
          row.values = values;
          visit(row);
          count++;
          at = end + 1;
        }
        if (count !== packed.n) throw new Error("a packed export batch lost rows");
      },
    };
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

/**
 * Short strings cut out of a batch, each handed out as a copy of its own that holds no reference to the string
 * it was cut from: a participant's HMAC is remembered for the whole export (the key of its pseudonym), and a
 * cut-out piece would keep its whole batch alive. A person answers in many rows, so each is copied once; up to
 * `limit` are remembered (as many as the pseudonyms), beyond that each is copied again.
 */
class Interned {
  private readonly known = new Map<string, string>();
  constructor(private readonly limit = 200_000) {}

  intern(piece: string): string {
    let own = this.known.get(piece);
    if (own === undefined) {
      own = Buffer.from(piece, "utf16le").toString("utf16le");
      if (this.known.size < this.limit) this.known.set(own, own);
    }
    return own;
  }
}
