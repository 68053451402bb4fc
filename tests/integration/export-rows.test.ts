import { beforeEach, describe, expect, it } from "vitest";
import { isPostgres } from "~/db.server";
import { readExportRows, type ExportSourceRow } from "~/models/export.server";
import { insertResponses } from "~/models/response.server";
import { loadSurveys } from "~/surveys/registry.server";
import { seedBrukarenkat } from "../support/export-data";
import { db, makePrograms, resetDatabase } from "../support/fixtures";
import { makeCampaign } from "../support/surveys";

beforeEach(async () => {
  await resetDatabase();
});

/** Every answer the brukarenkät's export reads, a free text and an "other" text among them. */
const KEYS = ["gender", "program", "activities", "free_text", "barriers-Comment", "not_answered"];

async function readAll(campaignIds: number[], batchSize: number): Promise<ExportSourceRow[]> {
  const rows: ExportSourceRow[] = [];
  for await (const batch of readExportRows({ campaignIds, answerKeys: KEYS, batchSize }))
    batch.forEach((row) => rows.push({ ...row }));
  return rows;
}

describe("the export's reads", () => {
  it("give every response of the waves once, as stored, in batches of any size", async () => {
    const [program] = await makePrograms();
    const one = await makeCampaign({ programId: program.id, code: "RAD1" });
    const two = await makeCampaign({ programId: program.id, code: "RAD2" });
    const ids = [
      ...(await seedBrukarenkat({ campaignId: one, count: 23, participants: ["a".repeat(64)] })),
      ...(await seedBrukarenkat({ campaignId: two, count: 9, seed: 2 })),
    ];
    // Ids a client could send that hold the separators SQLite packs rows with: read the plain way, all the same.
    const version = (await loadSurveys()).get("brukarenkat")!;
    const odd = ["odd\u001fid", "odd\u001eid"];
    await insertResponses(
      odd.map((id) => ({
        id,
        campaignId: one,
        surveyVersionId: version.versionId,
        submittedAt: "2026-03-05T10:00:00.000Z",
        locale: "sv",
        channel: "phone" as const,
        staffAssisted: true,
        participantCodeHmac: null,
        answers: { gender: "kvinna", free_text: 'rad ett\nrad två; "citat"' },
        rows: [],
      })),
    );
    const stored = (await db("responses").select("id", "answers", "staff_assisted")) as {
      id: string;
      answers: string;
      staff_assisted: number | boolean;
    }[];
    for (const batchSize of [1, 4, 500]) {
      const rows = await readAll([one, two], batchSize);
      expect(rows.map((r) => r.id).sort()).toEqual([...ids, ...odd].sort());
      expect(rows.filter((r) => r.campaignId === two)).toHaveLength(9);
      for (const r of rows) {
        const s = stored.find((x) => x.id === r.id)!;
        const answers = JSON.parse(s.answers) as Record<string, unknown>;
        expect(r.values).toEqual(KEYS.map((key) => answers[key] ?? null));
        expect(r.staffAssisted).toBe(Boolean(s.staff_assisted));
      }
      expect(rows.find((r) => r.id === odd[0])).toMatchObject({ staffAssisted: true, participantCodeHmac: null });
      expect(rows.filter((r) => r.participantCodeHmac === "a".repeat(64))).toHaveLength(1);
    }
  });

  it("give each answer's value as JavaScript parses it from the stored JSON, whatever the JSON holds", async () => {
    // Whatever reads the answers (decision 0044 tried SQLite's json_extract): escapes, numbers written any way,
    // nested lists and objects, nulls and missing keys must come out as JSON.parse of the whole answers gives them.
    const [program] = await makePrograms();
    const campaign = await makeCampaign({ programId: program.id, code: "RAD4" });
    const ids = await seedBrukarenkat({ campaignId: campaign, count: 7 });
    const stored = [
      String.raw`{"gender":"kvinn\u0061","program":1.0,"activities":["yoga","x\"y",["nested",2],{"a":null}],"free_text":"rad\nett \\ \"två\" \ud83d\ude00 åäö"}`,
      String.raw`{"gender":null,"program":1e2,"activities":[],"barriers-Comment":"=1+2","not_answered":false}`,
      String.raw`{"gender":-0.5,"program":12345678901234567890,"activities":"yoga","free_text":"","barriers-Comment":{"k":[1,"2"]}}`,
      `{ "gender" : "man" ,\n "activities" : [ "yoga" , "sygrupp" ] }`,
      `[]`,
      `{}`,
      `"text"`,
    ];
    for (const [i, answers] of stored.entries()) await db("responses").where({ id: ids[i] }).update({ answers });
    const rows = await readAll([campaign], 3);
    expect(rows).toHaveLength(stored.length);
    for (const r of rows) {
      const parsed = JSON.parse(stored[ids.indexOf(r.id)]) as unknown;
      const record = (parsed !== null && typeof parsed === "object" ? parsed : {}) as Record<string, unknown>;
      expect(r.values).toEqual(KEYS.map((key) => (Object.hasOwn(record, key) ? record[key] : null)));
    }
  });

  it("give answers under names objects and lists inherit (toString, __proto__, length) only when stored", async () => {
    // A reader that skips the own-property check for speed (decision 0054 measured one) would fail here.
    const [program] = await makePrograms();
    const campaign = await makeCampaign({ programId: program.id, code: "RAD6" });
    const ids = await seedBrukarenkat({ campaignId: campaign, count: 4 });
    const keys = ["toString", "__proto__", "constructor", "gender", "length", "0", "hasOwnProperty"];
    const stored = [
      `{"toString":"x","__proto__":{"a":1},"gender":"man","constructor":null}`,
      `{"gender":"kvinna","hasOwnProperty":[1]}`,
      `["a","b"]`,
      `"text"`,
    ];
    for (const [i, answers] of stored.entries()) await db("responses").where({ id: ids[i] }).update({ answers });
    const rows: ExportSourceRow[] = [];
    for await (const batch of readExportRows({ campaignIds: [campaign], answerKeys: keys, batchSize: 3 }))
      batch.forEach((row) => rows.push({ ...row }));
    expect(rows).toHaveLength(stored.length);
    for (const r of rows) {
      const parsed = JSON.parse(stored[ids.indexOf(r.id)]) as unknown;
      const record = (parsed !== null && typeof parsed === "object" ? parsed : {}) as Record<string, unknown>;
      expect(r.values).toEqual(keys.map((key) => (Object.hasOwn(record, key) ? record[key] : null)));
    }
    expect(rows.find((r) => r.id === ids[0])!.values.slice(0, 4)).toEqual(["x", { a: 1 }, null, "man"]);
    expect(rows.find((r) => r.id === ids[2])!.values).toEqual([null, null, null, null, 2, "a", null]);
  });

  it.skipIf(isPostgres())("read the short columns as the driver gives them, whatever SQLite stored", async () => {
    // The short columns come packed into one text (decision 0048): each must read as the plain row read it.
    const [program] = await makePrograms();
    const campaign = await makeCampaign({ programId: program.id, code: "RAD5" });
    const ids = await seedBrukarenkat({ campaignId: campaign, count: 8 });
    const odd: [string | number | Buffer, string | null][] = [
      [0, null],
      [1, ""],
      [2, "b".repeat(64)],
      [0.5, "c"],
      ["ja", null],
      ["", null],
      ["0", "x,y"],
      [Buffer.from([1]), null],
    ];
    for (const [i, [staff, hmac]] of odd.entries())
      await db.raw("UPDATE responses SET staff_assisted = ?, participant_code_hmac = ? WHERE id = ?", [
        staff,
        hmac,
        ids[i],
      ]);
    const stored = (await db("responses").select(
      "id",
      "submitted_at",
      "channel",
      "staff_assisted",
      "participant_code_hmac",
    )) as {
      id: string;
      submitted_at: string;
      channel: string;
      staff_assisted: unknown;
      participant_code_hmac: string | null;
    }[];
    for (const batchSize of [3, 500]) {
      const rows = await readAll([campaign], batchSize);
      expect(rows).toHaveLength(ids.length);
      for (const r of rows) {
        const s = stored.find((x) => x.id === r.id)!;
        expect(r).toMatchObject({
          submittedAt: s.submitted_at,
          channel: s.channel,
          staffAssisted: Boolean(s.staff_assisted),
          participantCodeHmac: s.participant_code_hmac,
        });
      }
    }
  });

  it.skipIf(isPostgres())("go on while the app's one SQLite connection is held by a writing transaction", async () => {
    // On SQLite the app has one read-write connection; an export reading through it would wait here until the
    // transaction ends (a submission waits the same way behind an export). Its own read-only connection does not.
    const [program] = await makePrograms();
    const campaign = await makeCampaign({ programId: program.id, code: "RAD3" });
    await seedBrukarenkat({ campaignId: campaign, count: 12 });
    const reads = readExportRows({ campaignIds: [campaign], answerKeys: KEYS, batchSize: 5 });
    let rows = 0;
    const first = await reads.next();
    if (!first.done) rows += first.value.size;
    await db.transaction(async (trx) => {
      await trx("responses").where({ campaign_id: campaign }).update({ locale: "en" });
      for (let next = await reads.next(); !next.done; next = await reads.next()) rows += next.value.size;
    });
    expect(rows).toBe(12);
  });
});
