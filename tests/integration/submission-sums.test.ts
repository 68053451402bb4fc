import { beforeEach, describe, expect, it } from "vitest";
import {
  countOutcomesDirectly,
  loadOutcomeCounts,
  outcomeCountsSettled,
  type CountRequest,
} from "~/models/outcome-counts.server";
import { loader as paperLoader, action as paperAction } from "~/routes/staff.campaigns.$id.paper";
import { action as importAction } from "~/routes/staff.campaigns.import";
import {
  BASE,
  dataOf,
  db,
  get,
  locationOf,
  postForm,
  programsWithStaff,
  resetDatabase,
  settle,
  statusOf,
} from "../support/fixtures";
import { makeCampaign, newId, submit } from "../support/surveys";

/**
 * The stored outcome sums (migration 0038, decision 0049) after every way answers arrive, mixed: web submissions
 * sent together (the write queue stores them in shared transactions with prepared statements, decision 0052), a
 * retry of one, a refused one, paper questionnaires typed in by staff, and earlier waves imported from CSV files.
 * After each round the sums the outcome page reads must equal a recount from the answer rows themselves, here in
 * the test's own SQL, not only the figures' direct SQL.
 */

const context = { clientAddress: "198.51.100.21" };
let bf: number;
let cookie: string;
let wave: number;

beforeEach(async () => {
  await resetDatabase();
  ({ bf, cookie } = await programsWithStaff("coordinator"));
  wave = await makeCampaign({ programId: bf, code: "MIX" });
});

const VALUES = ["gender", "program", "support_daytime", "satisfaction", "activities", "barriers"];
const request = (campaignIds: number[], split: boolean): CountRequest => ({
  campaignIds,
  axes: [
    { key: "gender", questions: ["gender"] },
    { key: "program", questions: ["program"] },
  ],
  split,
  filter: null,
  values: VALUES,
  respondents: ["activities", "barriers"],
  scales: [{ tag: "loneliness_ucla3", questions: ["ucla_companionship", "ucla_left_out", "ucla_isolated"] }],
});

/** A person's answers on the phone; every seventh skips the daytime question, every fifth a loneliness item. */
function answers(i: number) {
  const a: Record<string, unknown> = {
    gender: ["kvinna", "man", "annan"][i % 3],
    program: ["bostad_forst", "fot"][i % 2],
    visits: "varje_vecka",
    activities: i % 2 ? ["yoga"] : ["yoga", "matlagning"],
    ucla_companionship: 1 + (i % 3),
    ucla_left_out: 1 + ((i + 1) % 3),
    satisfaction: 1 + (i % 5),
    barriers: ["dagsform"],
    wishes: `Önskan nummer ${i}`,
  };
  if (i % 7 !== 3) a.support_daytime = ["ja", "nej", "vet_inte"][i % 3];
  if (i % 5 !== 0) a.ucla_isolated = 1 + ((i + 2) % 3);
  return a;
}

async function paperEntry(fields: Record<string, string | string[]>) {
  const page = await settle(() =>
    paperLoader({
      request: get(`/staff/campaigns/${wave}/paper`, { cookie }),
      params: { id: String(wave) },
      context,
    } as never),
  );
  const { token } = dataOf<{ token: string }>(page);
  const sent = await settle(() =>
    paperAction({
      request: postForm(`/staff/campaigns/${wave}/paper`, { token, ...fields }, { cookie }),
      params: { id: String(wave) },
      context,
    } as never),
  );
  expect(statusOf(sent)).toBe(303);
}

async function importWave(title: string, csv: string): Promise<number> {
  const post = (intent: string, extra: Record<string, string>, file?: string) => {
    const form = new FormData();
    const fields = { surveyKey: "brukarenkat", title, opensOn: "2024-04-01", closesOn: "2024-04-30" };
    for (const [k, v] of Object.entries({ ...fields, programId: String(bf), intent, ...extra })) form.append(k, v);
    if (file !== undefined) form.append("file", new Blob([new TextEncoder().encode(file)]), "earlier.csv");
    const request = new Request(`${BASE}/staff/campaigns/import`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: BASE },
      body: form,
    });
    return settle(() => importAction({ request, params: {}, context } as never));
  };
  const checked = dataOf<{ csv: string; fileName: string; ready: number; check: { problems: unknown[] } }>(
    await post("check", {}, csv),
  );
  expect(checked.check.problems).toEqual([]);
  const done = await post("import", { csv: checked.csv, fileName: checked.fileName });
  expect(statusOf(done)).toBe(303);
  return Number(locationOf(done)!.match(/campaigns\/(\d+)/)![1]);
}

const CSV_2023 =
  "gender;program;activities;support_daytime;ucla_companionship;ucla_left_out;ucla_isolated;barriers;satisfaction\r\n" +
  "kvinna;bostad_forst;sygrupp|matlagning;ja;2;2;3;tider;4\r\n" +
  "man;fot;sygrupp;nej;1;1;1;;5\r\n" +
  "man;vet_inte;;vet_inte;3;;2;Min dagsform;3\r\n" +
  "annan;fot;matlagning;ja;;;;;2\r\n";
const CSV_2024 =
  "gender;program;support_daytime;satisfaction;ucla_companionship;ucla_left_out;ucla_isolated\r\n" +
  "kvinna;fot;ja;5;1;2;3\r\n" +
  "vill_inte;bostad_forst;nej;1;3;3;3\r\n";

/** The stored sums of a campaign by question and value, and its responses, straight from `outcome_counts`. */
async function storedSums(campaignId: number) {
  const values: { question: string; value_text: string; n: number | string }[] = await db("outcome_counts")
    .where({ campaign_id: campaignId, kind: "value" })
    .select("question", "value_text")
    .sum("n as n")
    .groupBy("question", "value_text");
  const [{ n: responses }] = await db("outcome_counts")
    .where({ campaign_id: campaignId, kind: "responses" })
    .sum<{ n: number | string | null }[]>("n as n");
  return {
    values: Object.fromEntries(values.map((r) => [`${r.question}=${r.value_text}`, Number(r.n)])),
    responses: Number(responses ?? 0),
  };
}

/** The same, counted again from the answer rows of the campaign's complete responses. */
async function recountedFromAnswerRows(campaignId: number) {
  const values: { question: string; value_text: string; n: number | string }[] = await db("response_answers as a")
    .join("responses as r", "r.id", "a.response_id")
    .where("r.campaign_id", campaignId)
    .where("r.partial", false)
    .whereIn("a.question", VALUES)
    .select("a.question", "a.value_text")
    .count("* as n")
    .groupBy("a.question", "a.value_text");
  const [{ n: responses }] = await db("responses")
    .where({ campaign_id: campaignId, partial: false })
    .count<{ n: number | string }[]>("* as n");
  return {
    values: Object.fromEntries(values.map((r) => [`${r.question}=${r.value_text}`, Number(r.n)])),
    responses: Number(responses),
  };
}

async function expectSumsRight(ids: number[]) {
  // The whole waves, read against the figures' direct SQL (the split pages read margins: decision 0051 and
  // outcome-count-sums.test.ts compare those); the stored rows themselves are checked against the answer rows below.
  for (const split of [false]) {
    const r = request(ids, split);
    const read = await loadOutcomeCounts(r, { singleAnswerAxes: true });
    // A wave counted in full for a page without a breakdown is stored after the page (decision 0055).
    await outcomeCountsSettled();
    const direct = await countOutcomesDirectly(r);
    const rows = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();
    expect(rows(read.valueCounts), `split ${split}`).toEqual(rows(direct.valueCounts));
    expect(rows(read.respondentCounts)).toEqual(rows(direct.respondentCounts));
    expect(rows(read.responseCounts)).toEqual(rows(direct.responseCounts));
    expect(rows(read.scaleCounts.get("loneliness_ucla3")!)).toEqual(rows(direct.scaleCounts.get("loneliness_ucla3")!));
  }
  for (const id of ids) {
    // The page read stored sums, counted at the campaign's current version…
    const v = await db("outcome_count_versions").where({ campaign_id: id }).first();
    expect(Number(v.counted_version), `campaign ${id}`).toBe(Number(v.version));
    // …and those sums are the answer rows' own counts.
    const recounted = await recountedFromAnswerRows(id);
    expect(Object.keys(recounted.values).length).toBeGreaterThan(0);
    expect(await storedSums(id), `campaign ${id}`).toEqual(recounted);
  }
}

const sendMany = (from: number, to: number) =>
  Promise.all(
    Array.from({ length: to - from }, (_, k) =>
      submit("MIX", { id: newId(), answers: answers(from + k), locale: "sv" }),
    ),
  );

describe("stored outcome sums after mixed writes", { timeout: 90_000 }, () => {
  it("equal a recount from the answer rows after submissions, paper entries and imports, before and after counting", async () => {
    // Round 1: phones together (shared transactions), a paper questionnaire, an earlier wave from a file.
    const first = await sendMany(0, 12);
    expect(first.map((r) => r.status)).toEqual(Array(12).fill(201));
    await paperEntry({
      "q.program": "fot",
      "q.gender": "man",
      "q.visits": "varje_vecka",
      "q.activities": ["sygrupp"],
      "q.support_daytime": "nej",
      "q.ucla_companionship": "3",
      "q.satisfaction": "2",
    });
    const wave2023 = await importWave("Brukarenkät 2023", CSV_2023);
    await expectSumsRight([wave, wave2023]);
    const counted = await db("outcome_count_versions").where({ campaign_id: wave }).first();

    // Round 2, after the sums were stored: more phones with a retry and a refused one among them, another paper
    // questionnaire, another earlier wave. The open wave's stored sums must not be read as they were.
    const retried = newId();
    const [again, refused, ...more] = await Promise.all([
      submit("MIX", { id: retried, answers: answers(40), locale: "sv" }),
      submit("MIX", { id: newId(), answers: { ...answers(41), satisfaction: 9 }, locale: "sv" }),
      ...Array.from({ length: 8 }, (_, k) => submit("MIX", { id: newId(), answers: answers(20 + k), locale: "sv" })),
    ]);
    expect(again.status).toBe(201);
    expect(refused.status).toBe(422);
    expect(more.map((r) => r.status)).toEqual(Array(8).fill(201));
    const retry = await submit("MIX", { id: retried, answers: answers(40), locale: "sv" });
    expect(retry.body).toEqual({ id: retried, status: "duplicate" });
    await paperEntry({ "q.program": "bostad_forst", "q.gender": "kvinna", "q.satisfaction": "5" });
    const wave2024 = await importWave("Brukarenkät 2024", CSV_2024);

    // Submissions are appends (decision 0055): the wave has grown since its sums were counted, and the next page adds
    // what arrived to them.
    const moved = await db("outcome_count_versions").where({ campaign_id: wave }).first();
    expect(Number(moved.grown)).toBeGreaterThan(Number(counted.counted_grown));
    const [{ n: responses }] = await db("responses").where({ campaign_id: wave }).count<{ n: number }[]>("* as n");
    // 12 + 1 paper, then 1 + 8 (the refused one stored nothing, the retry nothing more) + 1 paper.
    expect(Number(responses)).toBe(23);
    await expectSumsRight([wave, wave2023, wave2024]);
  });
});
