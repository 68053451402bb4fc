import type { Knex } from "knex";
import { db } from "~/db.server";
import { audited, type ChangedBy } from "~/models/audit.server";

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

export async function countResponses({ campaignId }: { campaignId: number }): Promise<number> {
  const [{ n }] = await db("responses").where({ campaign_id: campaignId }).count<{ n: number | string }[]>("* as n");
  return Number(n);
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

/** Responses per Stockholm calendar day; timestamps are UTC ISO, so the day is cut in JavaScript. */
export async function responseTimes({ campaignId }: { campaignId: number }): Promise<string[]> {
  const rows: { submitted_at: string }[] = await db("responses")
    .where({ campaign_id: campaignId })
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

const ANSWER_ROWS_PER_INSERT = 500;

/**
 * A plain multi-row VALUES insert, which SQLite and PostgreSQL both take. knex writes multi-row inserts for SQLite
 * as SELECT … UNION ALL, which is several times slower for the hundreds of answer rows a batch of responses has.
 */
async function insertAnswerRows(
  trx: Knex.Transaction,
  rows: {
    response_id: string;
    campaign_id: number;
    question: string;
    value_text: string | null;
    value_num: number | null;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  const bindings: (string | number | null)[] = [];
  for (const r of rows) bindings.push(r.response_id, r.campaign_id, r.question, r.value_text, r.value_num);
  await trx.raw(
    `insert into response_answers (response_id, campaign_id, question, value_text, value_num) values ${rows.map(() => "(?, ?, ?, ?, ?)").join(", ")}`,
    bindings,
  );
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
    for (let i = 0; i < unique.length; i += 200) {
      const chunk = unique.slice(i, i + 200);
      const bindings: (string | number | boolean | null)[] = [];
      for (const r of chunk) {
        bindings.push(
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
        );
      }
      // ON CONFLICT … DO NOTHING RETURNING gives back only the rows really inserted, on SQLite and PostgreSQL alike.
      const result = await trx.raw(
        `insert into responses (id, campaign_id, survey_version_id, submitted_at, locale, channel, staff_assisted, participant_code_hmac, answers, late) values ${chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")} on conflict (id) do nothing returning id`,
        bindings,
      );
      const returned: { id: string }[] = Array.isArray(result) ? result : result.rows;
      for (const { id } of returned) stored.add(id);
    }
    const inserted = unique.filter((r) => stored.has(r.id));
    const rows = inserted.flatMap((r) =>
      r.rows.map((a) => ({
        response_id: r.id,
        campaign_id: r.campaignId,
        question: a.question,
        value_text: a.valueText,
        value_num: a.valueNum,
      })),
    );
    for (let i = 0; i < rows.length; i += ANSWER_ROWS_PER_INSERT)
      await insertAnswerRows(trx, rows.slice(i, i + ANSWER_ROWS_PER_INSERT));
    await afterInsert?.(inserted, trx);
  };
  await (outer ? write(outer) : db.transaction(write));
  return items.map((item, i) => (firstIndex.get(item.id) === i && stored.has(item.id) ? "stored" : "duplicate"));
}
