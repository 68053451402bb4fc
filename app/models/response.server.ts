import type { Knex } from "knex";
import { db, isPostgres } from "~/db.server";
import { audited, type ChangedBy } from "~/models/audit.server";
import { insertRows, sqliteRowPicks, sqliteRowsJson, type BulkValue } from "~/models/bulk-insert.server";
import {
  FEEDBACK_COLUMNS,
  FEEDBACK_ON_CONFLICT,
  feedbackRows,
  recordFeedbackMany,
  type FeedbackIntake,
} from "~/models/feedback-intake.server";
import { execScript, preparedAll, walCheckpointer } from "../../db/sqlite-client";
import { BACKSTOP_AUTOCHECKPOINT } from "../../db/wal-checkpointer";

export interface AnswerRow {
  question: string;
  valueText: string | null;
  valueNum: number | null;
}

/** How a response came in: the person's phone, the shared tablet, with staff beside them, a paper questionnaire typed
 * in by staff, or an earlier wave imported from a file (decision 0026). */
export type ResponseChannel = "phone" | "kiosk" | "staff" | "paper" | "import";

export interface NewResponse {
  id: string;
  campaignId: number;
  surveyVersionId: number;
  submittedAt: string;
  locale: string;
  channel: ResponseChannel;
  staffAssisted: boolean;
  participantCodeHmac: string | null;
  answers: Record<string, unknown>;
  rows: AnswerRow[];
  /** Finished while the campaign was open, arrived after it closed. */
  late?: boolean;
}

/**
 * Stores a response and its answer rows in one transaction, keyed by the client's UUID. The same id
 * again — even at the same moment — stores nothing more: the primary key decides, and the loser
 * reports "duplicate". `afterInsert` runs inside the transaction (e.g. the feedback intake).
 */
export async function insertResponse(
  input: NewResponse,
  afterInsert?: (trx: Knex.Transaction) => Promise<void>,
): Promise<"stored" | "duplicate"> {
  if (await db("responses").where({ id: input.id }).first("id")) return "duplicate";
  try {
    await db.transaction(async (trx) => {
      await trx("responses").insert({
        id: input.id,
        campaign_id: input.campaignId,
        survey_version_id: input.surveyVersionId,
        submitted_at: input.submittedAt,
        locale: input.locale,
        channel: input.channel,
        staff_assisted: input.staffAssisted,
        participant_code_hmac: input.participantCodeHmac,
        answers: JSON.stringify(input.answers),
        late: Boolean(input.late),
      });
      if (input.rows.length > 0) {
        await trx.batchInsert(
          "response_answers",
          input.rows.map((r) => ({
            response_id: input.id,
            campaign_id: input.campaignId,
            question: r.question,
            value_text: r.valueText,
            value_num: r.valueNum,
          })),
          100,
        );
      }
      await afterInsert?.(trx);
    });
    return "stored";
  } catch (error) {
    if (await db("responses").where({ id: input.id }).first("id")) return "duplicate";
    throw error;
  }
}

export interface StoredResponse {
  id: string;
  surveyVersionId: number;
  submittedAt: string;
  locale: string;
  channel: string;
  staffAssisted: boolean;
  hasParticipantCode: boolean;
  answers: Record<string, unknown>;
}

export async function listResponses(
  {
    campaignId,
    limit = 20,
    offset = 0,
  }: {
    campaignId: number;
    limit?: number;
    offset?: number;
  },
  trx: Knex = db,
): Promise<StoredResponse[]> {
  const rows: {
    id: string;
    survey_version_id: number;
    submitted_at: string;
    locale: string;
    channel: string;
    staff_assisted: boolean | number;
    participant_code_hmac: string | null;
    answers: string;
  }[] = await trx("responses")
    .where({ campaign_id: campaignId })
    .orderBy("submitted_at", "desc")
    .limit(limit)
    .offset(offset);
  return rows.map((r) => ({
    id: r.id,
    surveyVersionId: r.survey_version_id,
    submittedAt: r.submitted_at,
    locale: r.locale,
    channel: r.channel,
    staffAssisted: Boolean(r.staff_assisted),
    hasParticipantCode: r.participant_code_hmac !== null,
    answers: JSON.parse(r.answers),
  }));
}

/**
 * One page of a campaign's single responses, read by a person: the read and its audit entry
 * ("responses.read", with the page and how many were shown) are one transaction, so no answers reach a
 * page without the entry that says who read them.
 */
export async function readResponses({
  campaignId,
  page,
  perPage,
  by,
}: {
  campaignId: number;
  page: number;
  perPage: number;
  by: ChangedBy;
}): Promise<StoredResponse[]> {
  return audited(
    (rows: StoredResponse[]) => ({
      actor: by.actor,
      action: "responses.read",
      entityType: "campaign",
      entityId: campaignId,
      ip: by.ip,
      details: { page, count: rows.length },
    }),
    (trx) => listResponses({ campaignId, limit: perPage, offset: (page - 1) * perPage }, trx),
  );
}

/**
 * How many responses a campaign has: the complete ones (the total staff read), and apart from them the partial ones,
 * a shared tablet's answers so far sent when the person walked away (decision 0032), which no figure counts.
 */
export async function countResponses({
  campaignId,
}: {
  campaignId: number;
}): Promise<{ complete: number; partial: number }> {
  const rows: { partial: boolean | number; n: number | string }[] = await db("responses")
    .where({ campaign_id: campaignId })
    .select("partial")
    .count("* as n")
    .groupBy("partial");
  const counts = { complete: 0, partial: 0 };
  for (const r of rows) counts[r.partial === true || Number(r.partial) === 1 ? "partial" : "complete"] += Number(r.n);
  return counts;
}

/** How many responses of a campaign came in by each channel (channels with none are left out). */
export async function countResponsesByChannel({ campaignId }: { campaignId: number }): Promise<Record<string, number>> {
  const rows: { channel: string; n: number | string }[] = await db("responses")
    .where({ campaign_id: campaignId })
    .select("channel")
    .count("* as n")
    .groupBy("channel");
  return Object.fromEntries(rows.map((r) => [r.channel, Number(r.n)]));
}

/**
 * When each complete response came (partial ones are counted apart: `countResponses`); the page cuts them into
 * Stockholm calendar days in JavaScript, as timestamps are UTC ISO.
 */
export async function responseTimes({ campaignId }: { campaignId: number }): Promise<string[]> {
  const rows: { submitted_at: string }[] = await db("responses")
    .where({ campaign_id: campaignId })
    .where("partial", false)
    .select("submitted_at")
    .orderBy("submitted_at");
  return rows.map((r) => r.submitted_at);
}

/** The channel of a response of this campaign, or null when the campaign has no response by that id. */
export async function responseChannel({ id, campaignId }: { id: string; campaignId: number }): Promise<string | null> {
  const row: { channel: string } | undefined = await db("responses")
    .where({ id, campaign_id: campaignId })
    .first("channel");
  return row?.channel ?? null;
}

export async function responseExists({ id }: { id: string }): Promise<boolean> {
  return Boolean(await db("responses").where({ id }).first("id"));
}

/** Nulls first, as the databases order them; strings by code unit, which is close enough to bytes for locality. */
function compareKey(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/**
 * The order of the figures' index (campaign, question, answer; migration 0033). A batch's answer rows inserted in
 * this order get their ids in it too, so each answer's run in the index grows at its end, page after page, instead
 * of the database walking back and forth between the runs (decision 0022, amended).
 */
function byAnswerIndexKey(
  a: { campaign_id: number; question: string; value_text: string | null; value_num: number | null },
  b: { campaign_id: number; question: string; value_text: string | null; value_num: number | null },
): number {
  return (
    a.campaign_id - b.campaign_id ||
    compareKey(a.question, b.question) ||
    compareKey(a.value_text, b.value_text) ||
    compareKey(a.value_num, b.value_num)
  );
}

const RESPONSE_COLUMNS = [
  "id",
  "campaign_id",
  "survey_version_id",
  "submitted_at",
  "locale",
  "channel",
  "staff_assisted",
  "participant_code_hmac",
  "answers",
  "late",
];

const responseValues = (r: NewResponse): BulkValue[] => [
  r.id,
  r.campaignId,
  r.surveyVersionId,
  r.submittedAt,
  r.locale,
  r.channel,
  r.staffAssisted,
  r.participantCodeHmac,
  JSON.stringify(r.answers),
  Boolean(r.late),
];

const ANSWER_COLUMNS = ["response_id", "campaign_id", "question", "value_text", "value_num"];

/** The answer rows of these responses, as ANSWER_COLUMNS values, in the figures' index order. */
function answerValues(responses: NewResponse[]): BulkValue[][] {
  return responses
    .flatMap((r) =>
      r.rows.map((a) => ({
        response_id: r.id,
        campaign_id: r.campaignId,
        question: a.question,
        value_text: a.valueText,
        value_num: a.valueNum,
      })),
    )
    .sort(byAnswerIndexKey)
    .map((a): BulkValue[] => [a.response_id, a.campaign_id, a.question, a.value_text, a.value_num]);
}

/**
 * Stores many responses in one transaction (group commit). A response whose id is already stored — or appears
 * earlier in the same batch — is skipped and reported as a duplicate. `afterInsert` gets the responses that were
 * really inserted, inside the same transaction. Given `outer`, everything joins that transaction instead (an
 * import that must store all or nothing).
 */
export async function insertResponses(
  items: NewResponse[],
  afterInsert?: (inserted: NewResponse[], trx: Knex.Transaction) => Promise<void>,
  outer?: Knex.Transaction,
): Promise<("stored" | "duplicate")[]> {
  const firstIndex = new Map<string, number>();
  items.forEach((item, i) => {
    if (!firstIndex.has(item.id)) firstIndex.set(item.id, i);
  });
  const unique = items.filter((item, i) => firstIndex.get(item.id) === i);
  const stored = new Set<string>();
  const write = async (trx: Knex.Transaction) => {
    // ON CONFLICT … DO NOTHING RETURNING gives back only the rows really inserted, on SQLite and PostgreSQL alike.
    const returned = await insertRows<{ id: string }>(
      trx,
      "responses",
      RESPONSE_COLUMNS,
      unique.map(responseValues),
      "on conflict (id) do nothing returning id",
    );
    for (const { id } of returned) stored.add(id);
    const inserted = unique.filter((r) => stored.has(r.id));
    await insertRows(trx, "response_answers", ANSWER_COLUMNS, answerValues(inserted));
    await afterInsert?.(inserted, trx);
  };
  await (outer ? write(outer) : db.transaction(write));
  return items.map((item, i) => (firstIndex.get(item.id) === i && stored.has(item.id) ? "stored" : "duplicate"));
}

/**
 * Marks responses just stored in `trx` as partial: what a person on a shared tablet answered before walking away,
 * where the survey allows it (decision 0032). Kept out of the outcome figures and the export.
 */
export async function markPartial(ids: string[], trx: Knex.Transaction): Promise<void> {
  if (ids.length > 0) await trx("responses").whereIn("id", ids).update({ partial: true });
}

/**
 * Submissions from the write queue (no audit entry, no partial mark): each response with its answer rows and its free
 * text for the feedback inbox (`feedbackOf`), all or nothing, a response id already stored (or earlier in the batch)
 * reported as a duplicate and nothing of it written. The same as `insertResponses` with the feedback intake as
 * `afterInsert`, which PostgreSQL runs.
 *
 * On SQLite as ONE prepared statement, one trip to node-sqlite3's pool instead of five (decision 0052): on a busy
 * machine every trip waits for a core twice, and waiting was most of a batch's time. The statement puts the batch's
 * rows (bound JSON, never SQL text) in a one-row temporary table, whose trigger writes the responses, answer rows and
 * feedback of the ids not stored yet. One statement is one transaction: if any part fails, SQLite undoes all of it.
 * It returns the ids that were stored before it ran (rowid at most the largest before: true whether SQLite works
 * out RETURNING before or after the trigger).
 */
export async function insertSubmissions(
  items: NewResponse[],
  feedbackOf: (r: NewResponse) => FeedbackIntake[],
): Promise<("stored" | "duplicate")[]> {
  if (isPostgres())
    return insertResponses(items, (inserted, trx) => recordFeedbackMany(inserted.flatMap(feedbackOf), trx));
  const firstIndex = new Map<string, number>();
  items.forEach((item, i) => {
    if (!firstIndex.has(item.id)) firstIndex.set(item.id, i);
  });
  const unique = items.filter((item, i) => firstIndex.get(item.id) === i);
  const answers = answerValues(unique);
  // Each feedback row leads with its response's id, by which the trigger leaves out a stored response's.
  const feedback = unique.flatMap((r) => feedbackRows(feedbackOf(r)).map((row): BulkValue[] => [r.id, ...row]));
  const responses = sqliteRowsJson(unique.map(responseValues));
  const answerJson = sqliteRowsJson(answers);
  const feedbackJson = sqliteRowsJson(feedback);
  const connection = await db.client.acquireConnection();
  try {
    if (!withBatchTrigger.has(connection)) {
      await execScript(connection, BATCH_TRIGGER);
      withBatchTrigger.add(connection);
    }
    const checkpointer = walCheckpointer(connection, databaseFile());
    await checkpointer.beforeWrite();
    const [{ existing }] = await preparedAll<{ existing: string }>(connection, BATCH_WRITE, [
      responses,
      answerJson,
      feedbackJson,
    ]);
    checkpointer.afterCommit();
    const stored = new Set(unique.map((r) => r.id));
    for (const id of JSON.parse(existing) as string[]) stored.delete(id);
    return items.map((item, i) => (firstIndex.get(item.id) === i && stored.has(item.id) ? "stored" : "duplicate"));
  } finally {
    db.client.releaseConnection(connection);
  }
}

const withBatchTrigger = new WeakSet<object>();

const databaseFile = () => (db.client.config.connection as { filename: string }).filename;

const rowsOf = (column: string) => `jsonb_each(new.${column})`;
// Checked once per batch before any row: a retried id is rare, so most batches never look a row's id up.
const notStored =
  "(not exists (select 1 from temp.submission_stored) or value ->> 0 not in (select id from temp.submission_stored))";

/**
 * Per connection, in memory (temp_store = MEMORY): the batch's one row (id 1, replaced by the next batch), the ids
 * of it already stored, and the trigger that writes the rest.
 */
const BATCH_TRIGGER = `
  pragma wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT};
  create temp table if not exists submission_batch (
    id integer primary key check (id = 1),
    responses text not null,
    answers text not null,
    feedback text not null,
    stored_up_to integer not null
  );
  create temp table if not exists submission_stored (id text primary key);
  create temp trigger if not exists submission_batch_write after insert on submission_batch begin
    delete from temp.submission_stored;
    insert into temp.submission_stored (id)
      select r.id from responses r where r.id in (select value ->> 0 from ${rowsOf("responses")});
    insert into responses (${RESPONSE_COLUMNS.join(", ")})
      select ${sqliteRowPicks(RESPONSE_COLUMNS.length)} from ${rowsOf("responses")} where ${notStored};
    insert into response_answers (${ANSWER_COLUMNS.join(", ")})
      select ${sqliteRowPicks(ANSWER_COLUMNS.length)} from ${rowsOf("answers")} where ${notStored};
    insert into feedback (${FEEDBACK_COLUMNS.join(", ")})
      select ${FEEDBACK_COLUMNS.map((_, i) => `value ->> ${i + 1}`).join(", ")} from ${rowsOf("feedback")}
      where ${notStored} ${FEEDBACK_ON_CONFLICT};
  end;`;

const BATCH_WRITE = `
  insert or replace into temp.submission_batch (id, responses, answers, feedback, stored_up_to)
    values (1, ?1, ?2, ?3, (select coalesce(max(rowid), 0) from responses))
  returning (
    select json_group_array(r.id) from responses r
    where r.id in (select value ->> 0 from jsonb_each(?1)) and r.rowid <= stored_up_to
  ) as existing`;
