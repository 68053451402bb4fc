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
  answers: string;
}

/**
 * Every response of the campaigns, in batches, one campaign after the other and by response id inside it.
 * Ids are the clients' random UUIDs, so the order says nothing about when or where anyone answered; keyset
 * paging keeps each query short, so submissions are never held up behind a long export.
 */
export async function* readExportRows({
  campaignIds,
  batchSize = 2000,
}: {
  campaignIds: number[];
  batchSize?: number;
}): AsyncGenerator<ExportSourceRow[]> {
  for (const campaignId of campaignIds) {
    let after = "";
    for (;;) {
      const rows =
        (!isPostgres() && (await packedBatch(campaignId, after, batchSize))) ||
        (await plainBatch(campaignId, after, batchSize));
      if (rows.length === 0) break;
      yield rows;
      if (rows.length < batchSize) break;
      after = rows[rows.length - 1].id;
    }
  }
}

async function plainBatch(campaignId: number, after: string, batchSize: number): Promise<ExportSourceRow[]> {
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
  return rows.map((r) => ({
    id: r.id,
    campaignId,
    submittedAt: r.submitted_at,
    channel: r.channel,
    staffAssisted: Boolean(r.staff_assisted),
    participantCodeHmac: r.participant_code_hmac,
    answers: r.answers,
  }));
}

const FIELD = "\x1f";
const RECORD = "\x1e";

/**
 * The same batch as `plainBatch`, packed by SQLite into one string (unit and record separators), so the driver
 * hands over one value instead of six per row: the export's reads cost about a quarter less. Stored answers are
 * JSON, which never holds a raw control character; should any value hold a separator, the counts disagree and
 * the caller reads the batch the plain way (null).
 */
async function packedBatch(campaignId: number, after: string, batchSize: number): Promise<ExportSourceRow[] | null> {
  const [packed] = (await db.raw(
    `SELECT count(*) AS n, max(id) AS last, group_concat(
       id || char(31) || submitted_at || char(31) || channel || char(31) || staff_assisted || char(31) ||
       ifnull(participant_code_hmac, '') || char(31) || answers, char(30)) AS rows
     FROM (SELECT * FROM responses WHERE campaign_id = ? AND partial = 0 AND id > ? ORDER BY id LIMIT ?)`,
    [campaignId, after, batchSize],
  )) as { n: number; last: string | null; rows: string | null }[];
  if (packed.n === 0 || packed.rows === null) return [];
  const records = packed.rows.split(RECORD);
  if (records.length !== packed.n) return null;
  const rows: ExportSourceRow[] = new Array<ExportSourceRow>(records.length);
  for (let i = 0; i < records.length; i++) {
    const f = records[i].split(FIELD);
    if (f.length !== 6) return null;
    rows[i] = {
      id: f[0],
      campaignId,
      submittedAt: f[1],
      channel: f[2],
      staffAssisted: f[3] === "1" || f[3] === "true",
      participantCodeHmac: f[4] === "" ? null : flat(f[4]),
      answers: f[5],
    };
  }
  // Paging goes on from the largest id, whatever order group_concat chose.
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (rows[rows.length - 1].id !== packed.last) return null;
  return rows;
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
 * A copy of a short string that holds no reference to the string it was cut from: a participant's HMAC is
 * remembered for the whole export (its pseudonym), and a cut-out piece would keep its batch's packed string
 * alive with it.
 */
function flat(text: string): string {
  return Buffer.from(text, "latin1").toString("latin1");
}
