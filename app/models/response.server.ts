import type { Knex } from "knex";
import { db } from "~/db.server";

export interface AnswerRow {
  question: string;
  valueText: string | null;
  valueNum: number | null;
}

export interface NewResponse {
  id: string;
  campaignId: number;
  surveyVersionId: number;
  submittedAt: string;
  locale: string;
  channel: "phone" | "kiosk" | "staff";
  staffAssisted: boolean;
  participantCodeHmac: string | null;
  answers: Record<string, unknown>;
  rows: AnswerRow[];
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
      });
      if (input.rows.length > 0) {
        await trx.batchInsert(
          "response_answers",
          input.rows.map((r) => ({ response_id: input.id, question: r.question, value_text: r.valueText, value_num: r.valueNum })),
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

export async function listResponses({ campaignId, limit = 20, offset = 0 }: { campaignId: number; limit?: number; offset?: number }): Promise<StoredResponse[]> {
  const rows: {
    id: string;
    survey_version_id: number;
    submitted_at: string;
    locale: string;
    channel: string;
    staff_assisted: boolean | number;
    participant_code_hmac: string | null;
    answers: string;
  }[] = await db("responses").where({ campaign_id: campaignId }).orderBy("submitted_at", "desc").limit(limit).offset(offset);
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

export async function countResponses({ campaignId }: { campaignId: number }): Promise<number> {
  const [{ n }] = await db("responses").where({ campaign_id: campaignId }).count<{ n: number | string }[]>("* as n");
  return Number(n);
}

/** Responses per Stockholm calendar day; timestamps are UTC ISO, so the day is cut in JavaScript. */
export async function responseTimes({ campaignId }: { campaignId: number }): Promise<string[]> {
  const rows: { submitted_at: string }[] = await db("responses").where({ campaign_id: campaignId }).select("submitted_at").orderBy("submitted_at");
  return rows.map((r) => r.submitted_at);
}

export async function responseExists({ id }: { id: string }): Promise<boolean> {
  return Boolean(await db("responses").where({ id }).first("id"));
}

/**
 * Stores many responses in one transaction (group commit). A response whose id is already stored — or appears
 * earlier in the same batch — is skipped and reported as a duplicate. `afterInsert` gets the responses that were
 * really inserted, inside the same transaction.
 */
export async function insertResponses(
  items: NewResponse[],
  afterInsert?: (inserted: NewResponse[], trx: Knex.Transaction) => Promise<void>,
): Promise<("stored" | "duplicate")[]> {
  const firstIndex = new Map<string, number>();
  items.forEach((item, i) => {
    if (!firstIndex.has(item.id)) firstIndex.set(item.id, i);
  });
  const unique = items.filter((item, i) => firstIndex.get(item.id) === i);
  const stored = new Set<string>();
  await db.transaction(async (trx) => {
    for (let i = 0; i < unique.length; i += 200) {
      const chunk = unique.slice(i, i + 200);
      const returned: { id: string }[] = await trx("responses")
        .insert(
          chunk.map((r) => ({
            id: r.id,
            campaign_id: r.campaignId,
            survey_version_id: r.surveyVersionId,
            submitted_at: r.submittedAt,
            locale: r.locale,
            channel: r.channel,
            staff_assisted: r.staffAssisted,
            participant_code_hmac: r.participantCodeHmac,
            answers: JSON.stringify(r.answers),
          })),
        )
        .onConflict("id")
        .ignore()
        .returning("id");
      for (const { id } of returned) stored.add(id);
    }
    const inserted = unique.filter((r) => stored.has(r.id));
    const rows = inserted.flatMap((r) => r.rows.map((a) => ({ response_id: r.id, question: a.question, value_text: a.valueText, value_num: a.valueNum })));
    for (let i = 0; i < rows.length; i += 200) await trx("response_answers").insert(rows.slice(i, i + 200));
    await afterInsert?.(inserted, trx);
  });
  return items.map((item, i) => (firstIndex.get(item.id) === i && stored.has(item.id) ? "stored" : "duplicate"));
}
