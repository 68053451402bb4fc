import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isPostgres } from "~/db.server";
import { countResponsesPerCampaign, listOutcomeCampaigns, surveyVersionsOf } from "~/models/outcome.server";
import { countPairedChange } from "~/models/outcome-pairs.server";
import { db, makePrograms, resetDatabase } from "../support/fixtures";
import { makeCampaign } from "../support/surveys";
import { people, storeResponses } from "../support/outcomes";

/**
 * The outcome page counts every wave's responses (its wave list) and the chosen waves' respondents, without partial
 * responses (decision 0032). Those counts must come from an index alone: reading each response's row for its
 * `partial` flag took 1.1–1.6 s at 100 000 responses, nearly all of the page (decision 0045, migration 0036). The
 * plan is SQLite's; PostgreSQL chooses its own by its statistics, so there the figures are checked only.
 */
let campaignId: number;

beforeEach(async () => {
  await resetDatabase();
  const [program] = await makePrograms();
  campaignId = await makeCampaign({ programId: program.id, code: "PLAN" });
  await storeResponses(
    campaignId,
    people(6, (i) => ({ program: "bostad_forst", gender: i < 3 ? "kvinna" : "man", support_daytime: "ja" })).map(
      (answers) => ({ answers }),
    ),
  );
});

const statements: { sql: string; bindings: unknown[] }[] = [];
const record = (q: { sql: string; bindings?: unknown[] }) =>
  statements.push({ sql: q.sql, bindings: q.bindings ?? [] });
afterEach(() => {
  db.removeListener("query", record);
  statements.length = 0;
});

/** The plan lines SQLite gives for every statement `run` sends. */
async function plansOf(run: () => Promise<unknown>): Promise<string[]> {
  db.on("query", record);
  await run();
  db.removeListener("query", record);
  const lines: string[] = [];
  for (const s of statements.splice(0)) {
    const rows: { detail: string }[] = await db.raw(`explain query plan ${s.sql}`, s.bindings as never[]);
    lines.push(...rows.map((r) => r.detail));
  }
  return lines;
}

/** Plan lines that read the responses table itself rather than an index of it. */
const readsResponseRows = (lines: string[]) =>
  lines.filter((l) => /\b(SCAN|SEARCH) (r|responses)\b/.test(l) && !l.includes("COVERING INDEX"));

describe("outcome counts come from indexes", () => {
  it("counts respondents per wave without partial responses", async () => {
    expect(await countResponsesPerCampaign({ campaignIds: [campaignId] })).toEqual([{ campaignId, n: 6 }]);
    const waves = await listOutcomeCampaigns({});
    expect(waves.find((w) => w.id === campaignId)?.responses).toBe(6);
  });

  it.skipIf(isPostgres())(
    "reads no response row for the wave list, the respondents or the survey versions",
    async () => {
      const lines = await plansOf(async () => {
        await listOutcomeCampaigns({});
        await countResponsesPerCampaign({ campaignIds: [campaignId] });
        await surveyVersionsOf({ campaignIds: [campaignId] });
      });
      expect(lines.some((l) => l.includes("responses_campaign_version_partial_index"))).toBe(true);
      expect(readsResponseRows(lines)).toEqual([]);
    },
  );

  it.skipIf(isPostgres())(
    "finds paired change's pairs (each code's latest full response) from an index, reading no response row",
    async () => {
      const later = await makeCampaign({ programId: (await db("programs").first("id")).id, code: "PLAN2" });
      const lines = await plansOf(() =>
        countPairedChange({
          firstCampaignId: campaignId,
          secondCampaignId: later,
          measures: [{ key: "daytime", questions: ["support_daytime"], kind: "answer" }],
        }),
      );
      // Without migration 0040's index every coded response's row (its answers as JSON) was read, twice.
      expect(lines.some((l) => l.includes("responses_campaign_code_latest_index"))).toBe(true);
      expect(readsResponseRows(lines)).toEqual([]);
      // The pairs' answer rows are picked out of the waves' answer index by an IN list (a lookup per row), never by
      // a join a planner without statistics (a live database has none) could make a scan of the pairs per row.
      const answers = lines.findIndex((l) => /^SEARCH a USING COVERING INDEX response_answers_/.test(l));
      expect(lines[answers + 1]).toMatch(/^LIST SUBQUERY/);
    },
  );
});
