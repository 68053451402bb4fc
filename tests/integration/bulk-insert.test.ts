import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { insertResponses, type NewResponse } from "~/models/response.server";
import { recordFeedbackMany } from "~/models/feedback-intake.server";
import { currentSurvey } from "~/surveys/registry.server";
import { db, makePrograms, resetDatabase } from "../support/fixtures";
import { makeCampaign } from "../support/surveys";

beforeEach(resetDatabase);

async function response(campaignId: number, over: Partial<NewResponse> = {}): Promise<NewResponse> {
  const survey = (await currentSurvey("brukarenkat"))!;
  return {
    id: randomUUID(),
    campaignId,
    surveyVersionId: survey.versionId,
    submittedAt: "2026-04-01T10:00:00.000Z",
    locale: "sv",
    channel: "phone",
    staffAssisted: false,
    participantCodeHmac: null,
    answers: { gender: "kvinna" },
    rows: [{ question: "gender", valueText: "kvinna", valueNum: null }],
    ...over,
  };
}

describe("storing a batch of responses in one statement per table (decision 0022, amended)", () => {
  it("keeps every value as it was given: quotes, emoji, NUL and broken surrogates in JSON, numbers, null, true/false", async () => {
    const [p] = await makePrograms();
    const campaignId = await makeCampaign({ programId: p.id });
    // PostgreSQL text holds no NUL byte, so it goes only into the answers' JSON, where it is escaped.
    const odd = `"'; drop table responses; -- \\ åäö 🙂 \n`;
    const first = await response(campaignId, {
      staffAssisted: true,
      late: true,
      participantCodeHmac: "a".repeat(64),
      answers: { wishes: odd, nul: "a\u0000b", broken: "x\ud800y", satisfaction: 4 },
      rows: [
        { question: "satisfaction", valueText: "4", valueNum: 4 },
        { question: "ucla_companionship", valueText: "2", valueNum: 2.5 },
        { question: "gender", valueText: odd, valueNum: null },
        { question: "program", valueText: null, valueNum: null },
      ],
    });
    const second = await response(campaignId, { answers: {}, rows: [] });
    expect(await insertResponses([first, second])).toEqual(["stored", "stored"]);

    const stored = await db("responses").where({ id: first.id }).first();
    expect(Boolean(stored.staff_assisted)).toBe(true);
    expect(Boolean(stored.late)).toBe(true);
    expect(stored.participant_code_hmac).toBe("a".repeat(64));
    expect(JSON.parse(stored.answers)).toEqual({ wishes: odd, nul: "a\u0000b", broken: "x\ud800y", satisfaction: 4 });
    expect(Number(stored.campaign_id)).toBe(campaignId);
    expect(Boolean((await db("responses").where({ id: second.id }).first()).staff_assisted)).toBe(false);

    const rows = await db("response_answers")
      .where({ response_id: first.id })
      .orderBy("question")
      .select("question", "value_text", "value_num", "campaign_id");
    expect(rows.map((r) => ({ ...r, value_num: r.value_num === null ? null : Number(r.value_num) }))).toEqual([
      { question: "gender", value_text: odd, value_num: null, campaign_id: campaignId },
      { question: "program", value_text: null, value_num: null, campaign_id: campaignId },
      { question: "satisfaction", value_text: "4", value_num: 4, campaign_id: campaignId },
      { question: "ucla_companionship", value_text: "2", value_num: 2.5, campaign_id: campaignId },
    ]);
  });

  it("inserts a batch's answer rows in the order of the figures' index, so their ids grow along it", async () => {
    const [p] = await makePrograms();
    const a = await makeCampaign({ programId: p.id, code: "A" });
    const b = await makeCampaign({ programId: p.id, code: "B" });
    const batch = await Promise.all(
      [b, a, b, a].map((campaignId, i) =>
        response(campaignId, {
          rows: [
            { question: "satisfaction", valueText: String(5 - i), valueNum: 5 - i },
            { question: "gender", valueText: i % 2 ? "man" : "kvinna", valueNum: null },
          ],
        }),
      ),
    );
    await insertResponses(batch);
    const rows = await db("response_answers").orderBy("id").select("campaign_id", "question", "value_text");
    const keys = rows.map((r) => [Number(r.campaign_id), r.question, r.value_text] as const);
    const sorted = [...keys].sort(
      (x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0),
    );
    expect(keys).toEqual(sorted);
    expect(keys).toHaveLength(8);
  });

  it("stores a whole imported wave at once: more rows than one statement may bind on PostgreSQL", async () => {
    const [p] = await makePrograms();
    const campaignId = await makeCampaign({ programId: p.id });
    const questions = Array.from({ length: 20 }, (_, q) => `q${q}`);
    const batch = await Promise.all(
      Array.from({ length: 700 }, () =>
        response(campaignId, { rows: questions.map((question) => ({ question, valueText: "ja", valueNum: null })) }),
      ),
    );
    const outcome = await db.transaction((trx) => insertResponses(batch, undefined, trx));
    expect(outcome.every((o) => o === "stored")).toBe(true);
    const [{ n }] = await db("response_answers").where({ campaign_id: campaignId }).count("* as n");
    expect(Number(n)).toBe(700 * 20);
  });

  it("skips feedback already taken in and scans what is new for risk words", async () => {
    const [p] = await makePrograms();
    const item = (ref: string, text: string) => ({
      source: "survey" as const,
      sourceRef: ref,
      programId: p.id,
      text,
      consentToQuote: false,
    });
    await recordFeedbackMany([item("r:1", "Mer yoga")]);
    await recordFeedbackMany([
      item("r:1", "Mer yoga igen"),
      item("r:2", "Jag vill inte leva längre"),
      item("r:2", "x"),
    ]);
    const rows = await db("feedback").orderBy("source_ref").select("source_ref", "text", "flagged", "risk_scanned_at");
    expect(rows.map((r) => [r.source_ref, r.text, Boolean(r.flagged)])).toEqual([
      ["r:1", "Mer yoga", false],
      ["r:2", "Jag vill inte leva längre", true],
    ]);
    expect(rows.every((r) => typeof r.risk_scanned_at === "string")).toBe(true);
  });
});
