import { beforeEach, describe, expect, it } from "vitest";
import { loader as pageLoader } from "~/routes/staff.outcomes";
import { loader as csvLoader } from "~/routes/staff.outcomes[.]csv";
import {
  dataOf,
  db,
  get,
  makePrograms,
  makeStaff,
  resetDatabase,
  sessionCookie,
  settle,
  statusOf,
} from "../support/fixtures";
import { makeCampaign } from "../support/surveys";
import { storeResponses } from "../support/outcomes";

const ctx = { context: { clientAddress: "198.51.100.7" }, params: {} };
let bf: number;
let fot: number;
let wave: number;
let fotWave: number;
let activity: number;

beforeEach(async () => {
  await resetDatabase();
  [{ id: bf }, { id: fot }] = await makePrograms();
  wave = await makeCampaign({ programId: bf, code: "W1" });
  fotWave = await makeCampaign({ programId: fot, code: "W2" });
  activity = await makeCampaign({ programId: bf, code: "AKT", surveyKey: "aktivitet" });
  // 12 people: 5 say "ja", 7 "nej"; 3 women (a group under 5), 9 men.
  await storeResponses(
    wave,
    Array.from({ length: 12 }, (_, i) => ({
      answers: {
        program: "bostad_forst",
        gender: i < 3 ? "kvinna" : "man",
        support_daytime: i < 5 ? "ja" : "nej",
        free_text: i === 0 ? '=HYPERLINK("http://evil")' : undefined,
      },
    })),
  );
});

async function as(role: "admin" | "coordinator" | "case_manager" | "researcher" | "facilitator", programIds: number[]) {
  return sessionCookie(await makeStaff({ role, programIds }));
}

const page = async (query: string, cookie: string) =>
  settle(() => pageLoader({ request: get(`/staff/outcomes${query}`, { cookie }), ...ctx } as never));
const csv = async (query: string, cookie: string) =>
  settle(() => csvLoader({ request: get(`/staff/outcomes.csv${query}`, { cookie }), ...ctx } as never));

describe("/staff/outcomes", () => {
  it("is for admins, coordinators, researchers and case managers; a facilitator gets 403, a visitor the login", async () => {
    for (const role of ["admin", "coordinator", "researcher", "case_manager"] as const)
      expect(statusOf(await page(`?campaign=${wave}`, await as(role, [bf]))), role).toBe(200);
    const refused = await page(`?campaign=${wave}`, await as("facilitator", [bf, fot]));
    expect(statusOf(refused)).toBe(403);
    const defaults = dataOf<{ params: { campaignIds: number[] } }>(await page("", await as("admin", [])));
    expect(defaults.params.campaignIds).toEqual([wave]);
    const anonymous = await settle(() => pageLoader({ request: get(`/staff/outcomes`), ...ctx } as never));
    expect(statusOf(anonymous)).toBe(302);
  });

  it("opens on the survey with waves big enough to show, not on an activity survey answered twice since", async () => {
    await storeResponses(
      activity,
      [0, 1].map(() => ({ answers: { rating: 5 } })),
      "aktivitet",
    );
    const admin = await as("admin", []);
    const defaults = dataOf<{ params: { campaignIds: number[] } }>(await page("", admin));
    expect(defaults.params.campaignIds).toEqual([wave]);
    // Once the activity survey has answers enough to show, it is the most recent one.
    await storeResponses(
      activity,
      [0, 1, 2].map(() => ({ answers: { rating: 4 } })),
      "aktivitet",
    );
    const later = dataOf<{ params: { campaignIds: number[] } }>(await page("", admin));
    expect(later.params.campaignIds).toEqual([activity]);
  });

  it("shows the figures with small counts hidden, free text never", async () => {
    type Out = {
      report: {
        measures: {
          tag: string;
          waves: { all: { positive: unknown }; groups: { respondents: unknown; positive: unknown }[] }[];
        }[];
      };
    };
    const cookie = await as("coordinator", [bf, fot]);
    const plain = dataOf<Out>(await page(`?campaign=${wave}`, cookie));
    const daytime = plain.report.measures.find((m) => m.tag === "support_need_daytime")!;
    expect(daytime.waves[0].all.positive).toEqual({ n: 5, status: "shown" });
    const split = dataOf<Out>(await page(`?campaign=${wave}&by=gender`, cookie));
    const women = split.report.measures.find((m) => m.tag === "support_need_daytime")!.waves[0].groups[0];
    expect(women.respondents).toEqual({ n: null, status: "small" });
    expect(women.positive).toEqual({ n: null, status: "small" });
    expect(JSON.stringify(split)).not.toContain("HYPERLINK");
  });

  it("answers bad queries with a Swedish message and a 4xx, never a 500", async () => {
    const cookie = await as("case_manager", [bf]);
    const cases: [string, number, string][] = [
      [`?campaign=${wave}&by=age`, 400, "errForm"],
      [`?campaign=abc`, 400, "errForm"],
      [`?campaign=${wave}&campaign=${activity}`, 400, "errMixedSurveys"],
      [`?campaign=999999`, 404, "errUnknownCampaign"],
      [`?campaign=${fotWave}`, 404, "errUnknownCampaign"],
      [`?campaign=${wave}&program=${fot}`, 404, "errUnknownProgram"],
      [`?campaign=${wave}&since=${wave}`, 400, "errBadCompare"],
      [`?campaign=${activity}&by=gender`, 400, "errBreakdownNotAsked"],
      [`?${Array.from({ length: 11 }, (_, i) => `campaign=${i + 1}`).join("&")}`, 400, "errTooManyCampaigns"],
      [`?campaign=1%27%20or%201=1`, 400, "errForm"],
    ];
    for (const [query, status, error] of cases) {
      const out = await page(query, cookie);
      expect(statusOf(out), query).toBe(status);
      expect(dataOf<{ error: string }>(out).error, query).toBe(error);
    }
  });
});

describe("/staff/outcomes.csv", () => {
  it("is Excel-safe: BOM, semicolons, decimal comma, protected counts; the export is audited", async () => {
    const cookie = await as("researcher", [bf, fot]);
    const out = await csv(`?campaign=${wave}`, cookie);
    const res = out.value as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n")[0]).toContain("Mått;Omgång;Grupp");
    // 7 of 12 said "nej": 58,3 per cent with a decimal comma; split by gender, the women (3) are hidden.
    expect(text).toMatch(/;Alla;Svar;Nej;7;12;58,3;/);
    const split = (await ((await csv(`?campaign=${wave}&by=gender`, cookie)).value as Response).text()).split("\r\n");
    expect(split.find((l) => l.includes("dagarna;") && l.includes(";Kvinna;Svar;Ja;"))).toMatch(
      /;Kvinna;Svar;Ja;färre än 5;färre än 5;;/,
    );
    const entries = await db("audit_log").where({ action: "outcomes.csv_export" });
    expect(entries).toHaveLength(2);
  });

  it("refuses a query without waves or with another programme's wave, in Swedish", async () => {
    const cookie = await as("case_manager", [bf]);
    const none = (await csv("", cookie)).value as Response;
    expect(none.status).toBe(400);
    expect(await none.text()).toBe("Välj minst en omgång.");
    const other = (await csv(`?campaign=${fotWave}`, cookie)).value as Response;
    expect(other.status).toBe(404);
  });
});
