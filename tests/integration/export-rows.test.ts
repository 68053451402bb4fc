import { beforeEach, describe, expect, it } from "vitest";
import { readExportRows, type ExportSourceRow } from "~/models/export.server";
import { insertResponses } from "~/models/response.server";
import { loadSurveys } from "~/surveys/registry.server";
import { seedBrukarenkat } from "../support/export-data";
import { db, makePrograms, resetDatabase } from "../support/fixtures";
import { makeCampaign } from "../support/surveys";

beforeEach(async () => {
  await resetDatabase();
});

async function readAll(campaignIds: number[], batchSize: number): Promise<ExportSourceRow[]> {
  const rows: ExportSourceRow[] = [];
  for await (const batch of readExportRows({ campaignIds, batchSize })) rows.push(...batch);
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
        expect(JSON.parse(r.answers)).toEqual(JSON.parse(s.answers));
        expect(r.staffAssisted).toBe(Boolean(s.staff_assisted));
      }
      expect(rows.find((r) => r.id === odd[0])).toMatchObject({ staffAssisted: true, participantCodeHmac: null });
      expect(rows.filter((r) => r.participantCodeHmac === "a".repeat(64))).toHaveLength(1);
    }
  });
});
