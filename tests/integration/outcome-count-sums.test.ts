import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  countOutcomesDirectly,
  loadOutcomeCounts,
  outcomeCountsSettled,
  type CountRequest,
  type OutcomeCounts,
} from "~/models/outcome-counts.server";
import { insertResponses, markPartial, type AnswerRow, type NewResponse } from "~/models/response.server";
import type { GroupValues } from "~/models/outcome.server";
import { currentSurvey } from "~/surveys/registry.server";
import { makePrograms, resetDatabase } from "../support/fixtures";
import { makeCampaign } from "../support/surveys";

/**
 * The stored per-campaign sums (migration 0038, decision 0049) against the figures' direct SQL on the same fixture:
 * every view (whole wave, split by every axis, within one programme, both) must give identical counts, the first
 * time (counted and stored), the second (read from the sums), and after every kind of write to the responses.
 */

const AXES = [
  { key: "gender", questions: ["gender"] },
  { key: "program", questions: ["program"] },
];

const request = (campaignIds: number[], split: boolean, program: string | null): CountRequest => ({
  campaignIds,
  axes: AXES,
  split,
  filter: program ? { axis: "program", values: [program] } : null,
  values: ["support_daytime", "support_loneliness", "satisfaction", "activities", "barriers"],
  respondents: ["activities", "barriers"],
  scales: [{ tag: "loneliness_ucla3", questions: ["ucla_companionship", "ucla_left_out", "ucla_isolated"] }],
});

const VIEWS: [boolean, string | null][] = [
  [false, null],
  [true, null],
  [false, "bostad_forst"],
  [true, "fot"],
];

/**
 * Every list as its margins in one order, so two results compare as sets of rows: split counts (the direct path's
 * every combination of axes, or the stored sums' one axis at a time, decision 0051) become the whole wave's count and
 * each axis' group counts, which is all the figures publish. Zero counts are left out (no row is no count).
 */
function normalised(c: OutcomeCounts) {
  type Row = {
    campaignId: number;
    n: number;
    group?: string | null;
    groups?: GroupValues | null;
    onlyAxis?: string | null;
  };
  const margins = <T extends Row>(xs: T[]) => {
    const sums = new Map<string, number>();
    const add = (x: T, place: unknown) => {
      const { n, group: _group, groups: _groups, onlyAxis: _onlyAxis, ...rest } = x;
      const key = JSON.stringify({ ...rest, place });
      sums.set(key, (sums.get(key) ?? 0) + n);
    };
    for (const x of xs) {
      if (x.onlyAxis === "whole" || (!x.onlyAxis && !x.groups)) add(x, "whole");
      else if (x.onlyAxis) add(x, [x.onlyAxis, x.groups?.[x.onlyAxis] ?? null]);
      else {
        add(x, "whole");
        for (const [axis, value] of Object.entries(x.groups!)) add(x, [axis, value]);
      }
    }
    return [...sums]
      .filter(([, n]) => n !== 0)
      .map(([key, n]) => `${key}=${n}`)
      .sort();
  };
  return {
    valueCounts: margins(c.valueCounts),
    respondentCounts: margins(c.respondentCounts),
    responseCounts: margins(c.responseCounts),
    scaleCounts: Object.fromEntries([...c.scaleCounts].map(([tag, rows]) => [tag, margins(rows)])),
  };
}

let versionId: number;
let waves: { a: number; b: number };

function person(i: number, campaignId: number): NewResponse {
  const rows: AnswerRow[] = [];
  const add = (question: string, value: string | number) =>
    rows.push({
      question,
      valueText: String(value),
      valueNum: typeof value === "number" ? value : null,
    });
  // Person 3 of every wave left gender out (a paper form), person 4 the programme.
  if (i % 7 !== 3) add("gender", ["kvinna", "man", "man", "annan", "vill_inte"][i % 5]);
  if (i % 7 !== 4) add("program", ["bostad_forst", "bostad_forst", "fot", "vet_inte"][i % 4]);
  add("support_daytime", ["ja", "nej", "vet_inte"][i % 3]);
  if (i % 4 !== 0) add("support_loneliness", ["ja", "nej"][i % 2]);
  add("satisfaction", 1 + (i % 5));
  add("activities", "sygrupp");
  if (i % 2 === 0) add("activities", "matlagning");
  if (i % 3 === 0) add("barriers", "tider");
  add("ucla_companionship", 1 + (i % 3));
  add("ucla_left_out", 1 + ((i + 1) % 3));
  // Every fifth person skipped an item: answered 2, not scored.
  if (i % 5 !== 0) add("ucla_isolated", 1 + ((i + 2) % 3));
  return {
    id: randomUUID(),
    campaignId,
    surveyVersionId: versionId,
    submittedAt: new Date(Date.UTC(2025, 3, 1, 10, 0, i)).toISOString(),
    locale: "sv",
    channel: (["phone", "phone", "kiosk", "staff", "paper"] as const)[i % 5],
    staffAssisted: false,
    participantCodeHmac: null,
    answers: {},
    rows,
  };
}

async function expectSameAsDirect(ids: number[]) {
  for (const [split, program] of VIEWS) {
    const r = request(ids, split, program);
    const direct = normalised(await countOutcomesDirectly(r));
    expect(direct.valueCounts.length).toBeGreaterThan(0);
    expect(normalised(await loadOutcomeCounts(r, { singleAnswerAxes: true })), `split ${split}, ${program}`).toEqual(
      direct,
    );
  }
}

async function versions() {
  const rows: { campaign_id: number; version: number; counted_version: number | null }[] = await db(
    "outcome_count_versions",
  ).select("campaign_id", "version", "counted_version");
  return new Map(rows.map((r) => [Number(r.campaign_id), { version: Number(r.version), counted: r.counted_version }]));
}

/** A campaign's version row as the appends see it (migration 0042). */
async function marks(campaignId: number) {
  const row = await db("outcome_count_versions").where({ campaign_id: campaignId }).first();
  return {
    version: Number(row.version),
    countedVersion: row.counted_version === null ? null : Number(row.counted_version),
    grown: Number(row.grown),
    countedGrown: row.counted_grown === null ? null : Number(row.counted_grown),
    responsesThrough: row.counted_responses_through === null ? null : Number(row.counted_responses_through),
    mergedRows: row.merged_rows === null ? null : Number(row.merged_rows),
  };
}

/** The stored sums of one wave's responses, whole wave: what the page reads as "N svar". */
async function storedResponses(campaignId: number) {
  const counts = await loadOutcomeCounts(request([campaignId], false, null), { singleAnswerAxes: true });
  return counts.responseCounts.find((c) => c.campaignId === campaignId)?.n ?? 0;
}

/** A kiosk's walked-away answers: stored and marked partial in the same transaction, as the survey route does. */
async function insertPartial(r: NewResponse) {
  await insertResponses([r], (inserted, trx) =>
    markPartial(
      inserted.map((x) => x.id),
      trx,
    ),
  );
}

beforeEach(async () => {
  await resetDatabase();
  const [bf] = await makePrograms();
  versionId = (await currentSurvey("brukarenkat"))!.versionId;
  waves = {
    a: await makeCampaign({ programId: bf.id, code: "S24" }),
    b: await makeCampaign({ programId: bf.id, code: "S25" }),
  };
  await insertResponses(Array.from({ length: 40 }, (_, i) => person(i, waves.a)));
  await insertResponses(Array.from({ length: 23 }, (_, i) => person(i + 100, waves.b)));
  // A shared tablet's walked-away answers: no answer rows, and no respondent of the wave.
  const partial = person(999, waves.b);
  await insertResponses([{ ...partial, rows: [] }]);
  await db("responses").where({ id: partial.id }).update({ partial: true });
});

describe("stored outcome sums", () => {
  it("give exactly the direct SQL's counts in every view, counted once and then read", async () => {
    const ids = [waves.a, waves.b];
    await expectSameAsDirect(ids);
    const counted = await versions();
    expect(counted.get(waves.a)).toEqual({ version: 0, counted: 0 });
    // Read again: nothing is counted again (the versions and what was counted stay as they are).
    await expectSameAsDirect(ids);
    expect(await versions()).toEqual(counted);
    // The stored rows are sums, far fewer than the answer rows they replace.
    const [{ n }] = await db("outcome_counts").count("* as n");
    const [{ n: answers }] = await db("response_answers").count("* as n");
    expect(Number(n)).toBeGreaterThan(0);
    expect(Number(n)).toBeLessThan(Number(answers));
  });

  it("add a submission to the sums without counting the wave again, and only to that wave", async () => {
    const ids = [waves.a, waves.b];
    await expectSameAsDirect(ids);
    const before = await marks(waves.a);
    await insertResponses([person(41, waves.a)]);
    const after = await marks(waves.a);
    // An insert is an append: the version stays (no full count), the wave has grown (SQLite once per response,
    // PostgreSQL once per statement).
    expect(after.version).toBe(before.version);
    expect(after.grown).toBeGreaterThan(before.grown);
    expect(await marks(waves.b)).toMatchObject({ version: 0, grown: 0 });
    // A stored row made up on purpose (1 000 answers "5" to satisfaction) is still there after the append: the wave
    // was not counted again, only the new response was added to what was stored.
    const fives = async () => {
      const counts = await loadOutcomeCounts(request([waves.a], false, null), { singleAnswerAxes: true });
      return counts.valueCounts
        .filter((c) => c.question === "satisfaction" && c.value === "5")
        .reduce((n, c) => n + c.n, 0);
    };
    const direct = (await countOutcomesDirectly(request([waves.a], false, null))).valueCounts
      .filter((c) => c.question === "satisfaction" && c.value === "5")
      .reduce((n, c) => n + c.n, 0);
    await db("outcome_counts").insert({
      campaign_id: waves.a,
      kind: "value",
      question: "satisfaction",
      value_text: "5",
      ch: "phone",
      n: 1000,
    });
    expect(await fives()).toBe(direct + 1000);
    expect(await storedResponses(waves.a)).toBe(41);
    await db("outcome_counts").where({ campaign_id: waves.a, kind: "value", n: 1000 }).delete();
    await expectSameAsDirect(ids);
    expect(await marks(waves.a)).toMatchObject({ version: before.version, countedGrown: after.grown });
  });

  it("add each submission exactly once, whatever comes between the pages", async () => {
    const ids = [waves.a, waves.b];
    await expectSameAsDirect(ids);
    expect(await storedResponses(waves.a)).toBe(40);
    // One, then three in one batch, then a page read twice: the responses figure moves by exactly what arrived.
    await insertResponses([person(41, waves.a)]);
    expect(await storedResponses(waves.a)).toBe(41);
    expect(await storedResponses(waves.a)).toBe(41);
    await insertResponses([42, 43, 44].map((i) => person(i, waves.a)));
    await insertResponses([person(45, waves.b)]);
    await expectSameAsDirect(ids);
    expect(await storedResponses(waves.a)).toBe(44);
    // Pages and submissions at once (on SQLite they interleave statement by statement on the one connection).
    for (let round = 0; round < 4; round++) {
      await Promise.all([
        loadOutcomeCounts(request(ids, round % 2 === 0, null), { singleAnswerAxes: true }),
        insertResponses([person(50 + round, waves.a)]),
        loadOutcomeCounts(request(ids, round % 2 === 1, null), { singleAnswerAxes: true }),
        insertResponses([person(60 + round, waves.a), person(70 + round, waves.b)]),
      ]);
    }
    await expectSameAsDirect(ids);
    expect(await storedResponses(waves.a)).toBe(44 + 8);
    // And with updates among them (each one a full count of its wave), split and unsplit pages alike.
    for (let round = 0; round < 4; round++) {
      await Promise.all([
        loadOutcomeCounts(request(ids, round % 2 === 0, null), { singleAnswerAxes: true }),
        insertResponses([person(80 + round, waves.a)]),
        db("response_answers")
          .where({ campaign_id: round % 2 === 0 ? waves.a : waves.b, question: "satisfaction", value_text: "3" })
          .update({ value_text: "4", value_num: 4 }),
        loadOutcomeCounts(request(ids, round % 2 === 1, "fot"), { singleAnswerAxes: true }),
        insertResponses([person(90 + round, waves.b)]),
      ]);
    }
    await expectSameAsDirect(ids);
    expect(await storedResponses(waves.a)).toBe(44 + 8 + 4);
  });

  it("count a wave in full when its marks no longer say what was counted (rowids renumbered by a vacuum or a dump)", async () => {
    const ids = [waves.a, waves.b];
    await expectSameAsDirect(ids);
    // As after SQLite renumbered the rowids: the mark lies past responses that are not yet counted.
    const before = await marks(waves.a);
    await db("outcome_count_versions")
      .where({ campaign_id: waves.a })
      .update({ counted_responses_through: before.responsesThrough! + 1000 });
    await insertResponses([person(41, waves.a), person(42, waves.a)]);
    expect(await storedResponses(waves.a)).toBe(42);
    await expectSameAsDirect(ids);
    const after = await marks(waves.a);
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.responsesThrough).toBeLessThan(before.responsesThrough! + 1000);
  });

  it("add a partial response, and a response changed or deleted before any page counted it", async () => {
    const ids = [waves.a, waves.b];
    await expectSameAsDirect(ids);
    const version = (await marks(waves.b)).version;
    // The kiosk's partial answers: inserted and marked partial in one transaction. Not counted yet: no full count.
    await insertPartial(person(200, waves.b));
    // A response not yet counted, changed and one deleted: nothing the sums hold changed.
    const late = person(201, waves.b);
    const gone = person(202, waves.b);
    await insertResponses([late, gone]);
    await db("response_answers")
      .where({ response_id: late.id, question: "support_daytime" })
      .update({ value_text: "nej" });
    await db("response_answers").where({ response_id: gone.id }).delete();
    await db("responses").where({ id: gone.id }).delete();
    expect((await marks(waves.b)).version).toBe(version);
    await expectSameAsDirect(ids);
    expect(await storedResponses(waves.b)).toBe(23 + 1);
    expect((await marks(waves.b)).version).toBe(version);
  });

  it("count a wave again in full when a response already added is changed or deleted", async () => {
    const ids = [waves.a, waves.b];
    await expectSameAsDirect(ids);
    const added = person(41, waves.a);
    await insertResponses([added]);
    await expectSameAsDirect(ids);
    const version = (await marks(waves.a)).version;
    // Now counted: changing it moves the version, and the next page counts the wave in full.
    await db("response_answers")
      .where({ response_id: added.id, question: "support_daytime" })
      .update({ value_text: "vet_inte" });
    const moved = await marks(waves.a);
    expect(moved.version).toBeGreaterThan(version);
    expect(moved.responsesThrough).toBeNull();
    // Appended before that page: counted in the full count, not added twice.
    await insertResponses([person(42, waves.a)]);
    await expectSameAsDirect(ids);
    expect(await storedResponses(waves.a)).toBe(42);
    await insertResponses([person(43, waves.a)]);
    await db("responses").where({ id: added.id }).update({ partial: true });
    await expectSameAsDirect(ids);
    expect(await storedResponses(waves.a)).toBe(42);
    await insertResponses([person(44, waves.a)]);
    await expectSameAsDirect(ids);
    await db("response_answers").where({ response_id: added.id }).delete();
    await db("responses").where({ id: added.id }).delete();
    await expectSameAsDirect(ids);
    expect(await storedResponses(waves.a)).toBe(43);
  });

  it("count a wave that needs a full count in the page's own view when it has no breakdown, and store it after", async () => {
    const ids = [waves.a, waves.b];
    await expectSameAsDirect(ids);
    await db("response_answers")
      .where({ campaign_id: waves.a, question: "satisfaction", value_text: "2" })
      .update({ value_text: "3", value_num: 3 });
    const moved = await marks(waves.a);
    expect(moved.countedVersion).not.toBe(moved.version);
    // Within one programme, wave a counted directly and wave b read from its sums: the same counts.
    const r = request(ids, false, "bostad_forst");
    expect(normalised(await loadOutcomeCounts(r, { singleAnswerAxes: true }))).toEqual(
      normalised(await countOutcomesDirectly(r)),
    );
    // The full count by every axis was left for after the page, and stored then.
    await outcomeCountsSettled();
    const after = await marks(waves.a);
    expect(after.countedVersion).toBe(after.version);
    expect(after.countedGrown).toBe(after.grown);
    await expectSameAsDirect(ids);
  });

  it("merge the rows appends add once they outgrow the sums, with the same figures", async () => {
    const ids = [waves.a];
    await expectSameAsDirect(ids);
    const first = (await marks(waves.a)).mergedRows!;
    expect(first).toBeGreaterThan(0);
    let merged = false;
    for (let round = 0; round < 20 && !merged; round++) {
      await insertResponses(Array.from({ length: 30 }, (_, i) => person(300 + round * 30 + i, waves.a)));
      await expectSameAsDirect(ids);
      merged = (await marks(waves.a)).mergedRows !== first;
    }
    expect(merged).toBe(true);
    const [{ n }] = await db("outcome_counts").where({ campaign_id: waves.a }).count("* as n");
    expect(Number(n)).toBeLessThanOrEqual(2 * (await marks(waves.a)).mergedRows! + 1_000);
  });

  it("follow an answer changed, an answer deleted, a response deleted and a response marked partial", async () => {
    const ids = [waves.a, waves.b];
    await expectSameAsDirect(ids);
    await db("response_answers")
      .where({ campaign_id: waves.a, question: "support_daytime", value_text: "nej" })
      .update({ value_text: "ja" });
    await expectSameAsDirect(ids);
    await db("response_answers").where({ campaign_id: waves.b, question: "gender", value_text: "man" }).delete();
    await expectSameAsDirect(ids);
    const [first] = await db("responses").where({ campaign_id: waves.a }).orderBy("id").limit(1).select("id");
    await db("response_answers").where({ response_id: first.id }).delete();
    await db("responses").where({ id: first.id }).delete();
    await expectSameAsDirect(ids);
    await db("responses").where({ campaign_id: waves.b, channel: "kiosk" }).update({ partial: true });
    await expectSameAsDirect(ids);
  });

  it("keep sums counted for other questions apart, and count again when the version moved meanwhile", async () => {
    await expectSameAsDirect([waves.a]);
    // Another set of questions (a survey version with a renamed question) counts again and stores its own sums.
    const other = { ...request([waves.a], false, null), values: ["support_daytime"] };
    expect(normalised(await loadOutcomeCounts(other, { singleAnswerAxes: true }))).toEqual(
      normalised(await countOutcomesDirectly(other)),
    );
    // Sums whose version no longer matches (a write committed while they were counted) are never read.
    await db("outcome_count_versions").where({ campaign_id: waves.a }).update({ version: 7 });
    await db("outcome_counts").where({ campaign_id: waves.a, kind: "value" }).update({ n: 1000 });
    await expectSameAsDirect([waves.a]);
    expect((await versions()).get(waves.a)).toEqual({ version: 7, counted: 7 });
  });

  it("counts directly when a breakdown question could hold several answers per person", async () => {
    const r = request([waves.a], true, null);
    expect(normalised(await loadOutcomeCounts(r, { singleAnswerAxes: false }))).toEqual(
      normalised(await countOutcomesDirectly(r)),
    );
    expect(Number((await db("outcome_counts").count("* as n").first())!.n)).toBe(0);
  });
});
