import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { isPostgres } from "~/db.server";
import { insertSubmissions, type NewResponse } from "~/models/response.server";
import { BACKSTOP_AUTOCHECKPOINT } from "../../db/wal-checkpointer";
import { currentSurvey } from "~/surveys/registry.server";
import { db, makePrograms, resetDatabase } from "../support/fixtures";
import { makeCampaign } from "../support/surveys";

/**
 * A batch of submissions as the write queue stores it (`insertSubmissions`; on SQLite one statement whose trigger
 * writes everything, decision 0052): duplicates reported and left alone, and a batch that fails leaves nothing.
 */

let campaignId: number;
let versionId: number;

beforeEach(async () => {
  await resetDatabase();
  const [bf] = await makePrograms();
  campaignId = await makeCampaign({ programId: bf.id, code: "BATCH" });
  versionId = (await currentSurvey("brukarenkat"))!.versionId;
});

function response(id: string, wish: string, overrides: Partial<NewResponse> = {}): NewResponse {
  return {
    id,
    campaignId,
    surveyVersionId: versionId,
    submittedAt: "2026-03-02T10:00:00.000Z",
    locale: "sv",
    channel: "phone",
    staffAssisted: false,
    participantCodeHmac: null,
    answers: { gender: "kvinna", satisfaction: 4, wishes: wish },
    rows: [
      { question: "gender", valueText: "kvinna", valueNum: null },
      { question: "satisfaction", valueText: "4", valueNum: 4 },
    ],
    ...overrides,
  };
}

const feedbackOf = (r: NewResponse) => [
  {
    source: "survey" as const,
    sourceRef: `response:${r.id}:wishes`,
    programId: null,
    activityId: null,
    text: String(r.answers.wishes),
    consentToQuote: false,
  },
];

const count = async (table: string, where: Record<string, unknown> = {}) =>
  Number((await db(table).where(where).count<{ n: number }[]>("* as n"))[0].n);

describe("a batch of submissions", () => {
  it("stores the new ones with their answer rows and feedback, and reports stored and repeated ids as duplicates", async () => {
    const earlier = randomUUID();
    expect(await insertSubmissions([response(earlier, "Först")], feedbackOf)).toEqual(["stored"]);
    const a = randomUUID();
    const b = randomUUID();
    const results = await insertSubmissions(
      [response(a, "A"), response(earlier, "Ändrad"), response(b, "B"), response(a, "A igen")],
      feedbackOf,
    );
    expect(results).toEqual(["stored", "duplicate", "stored", "duplicate"]);
    expect(await count("responses")).toBe(3);
    expect(await count("response_answers")).toBe(6);
    expect(await count("response_answers", { response_id: earlier })).toBe(2);
    // The repeated id changed nothing: its first answers and its first feedback stay.
    const first = await db("responses").where({ id: earlier }).first();
    expect(JSON.parse(first.answers).wishes).toBe("Först");
    expect((await db("feedback").orderBy("id")).map((f: { text: string }) => f.text)).toEqual(["Först", "A", "B"]);
    const rows = await db("response_answers").where({ response_id: a }).orderBy("question");
    expect(
      rows.map((r: { question: string; value_text: string; value_num: number | null; campaign_id: number }) => [
        r.question,
        r.value_text,
        r.value_num,
        r.campaign_id,
      ]),
    ).toEqual([
      ["gender", "kvinna", null, campaignId],
      ["satisfaction", "4", 4, campaignId],
    ]);
  });

  it("writes nothing of a batch when any part of it fails", async () => {
    const good = randomUUID();
    const bad = randomUUID();
    // A survey version that does not exist: the response row's foreign key fails after the good one was written.
    await expect(
      insertSubmissions([response(good, "Bra"), response(bad, "Fel", { surveyVersionId: 999_999 })], feedbackOf),
    ).rejects.toThrow();
    expect(await count("responses")).toBe(0);
    expect(await count("response_answers")).toBe(0);
    expect(await count("feedback")).toBe(0);
    // The next batch stores as usual, and none of the failed batch's rows come back with it.
    expect(await insertSubmissions([response(good, "Bra")], feedbackOf)).toEqual(["stored"]);
    expect(await count("responses")).toBe(1);
    expect(await count("response_answers")).toBe(2);
    expect(await count("feedback")).toBe(1);
  });

  it.skipIf(isPostgres())(
    "leaves SQLite's checkpoints to a connection of their own, its automatic one only a net (decision 0056)",
    async () => {
      await insertSubmissions([response(randomUUID(), "Mer kaffe")], feedbackOf);
      const [{ wal_autocheckpoint }] = await db.raw("pragma wal_autocheckpoint");
      expect(wal_autocheckpoint).toBe(BACKSTOP_AUTOCHECKPOINT);
      expect(BACKSTOP_AUTOCHECKPOINT).toBeGreaterThan(1000);
    },
  );
});
