import { beforeEach, describe, expect, it } from "vitest";
import { loader as paperLoader, action as paperAction } from "~/routes/staff.campaigns.$id.paper";
import { loader as campaignLoader } from "~/routes/staff.campaigns.$id._index";
import { loadOutcomeReport } from "~/outcomes/load-outcomes.server";
import { countAnswerValues } from "~/models/outcome.server";
import {
  dataOf,
  db,
  get,
  locationOf,
  programsWithStaff,
  postForm,
  resetDatabase,
  signedInStaff,
  settle,
  statusOf,
} from "../support/fixtures";
import { makeCampaign } from "../support/surveys";
import { randomUUID } from "node:crypto";

const context = { clientAddress: "198.51.100.9" };
let bf: number;
let fot: number;
let wave: number;
let cookie: string;

beforeEach(async () => {
  await resetDatabase();
  ({ bf, fot, cookie } = await programsWithStaff("coordinator"));
  wave = await makeCampaign({ programId: bf, code: "PAP" });
});

type PageData = {
  questions: { name: string; kind: string; conditional: boolean; required: boolean }[];
  token: string;
  refusal: string | null;
  saved: { duplicate: boolean; ignored: number } | null;
  paperCount: number;
};

const page = async (id = wave, query = "", c = cookie) =>
  settle(() =>
    paperLoader({
      request: get(`/staff/campaigns/${id}/paper${query}`, { cookie: c }),
      params: { id: String(id) },
      context,
    } as never),
  );
const send = async (fields: Record<string, string | string[]>, id = wave, c = cookie) =>
  settle(() =>
    paperAction({
      request: postForm(`/staff/campaigns/${id}/paper`, fields, { cookie: c }),
      params: { id: String(id) },
      context,
    } as never),
  );

const count = async (where: Record<string, unknown> = {}) => {
  const [{ n }] = await db("responses").where(where).count<{ n: number | string }[]>("* as n");
  return Number(n);
};

/** A filled-in questionnaire: every kind of question the brukarenkät has. */
const FILLED = {
  "q.program": "bostad_forst",
  "q.gender": "kvinna",
  "q.visits": "varje_vecka",
  "q.activities": ["sygrupp", "matlagning"],
  "q.support_daytime": "ja",
  "q.ucla_companionship": "2",
  "q.barriers": ["other"],
  "q.barriers.annat": "Trappan",
  "q.satisfaction": "4",
  "q.wishes": "Mer <b>yoga</b> =1+1",
};

describe("a paper questionnaire typed in by staff", { timeout: 60_000 }, () => {
  it("shows every question of the survey on one form, none obligatory, the conditional ones said so", async () => {
    const out = await page();
    expect(statusOf(out)).toBe(200);
    const d = dataOf<PageData>(out);
    expect(d.refusal).toBeNull();
    expect(d.questions.map((q) => q.name)).toEqual(
      expect.arrayContaining(["program", "activities", "satisfaction", "wishes"]),
    );
    expect(d.questions.length).toBeGreaterThan(20);
    expect(d.questions.every((q) => !q.required)).toBe(true);
    expect(d.questions.find((q) => q.name === "activities")?.conditional).toBe(true);
    expect(d.questions.find((q) => q.name === "program")?.conditional).toBe(false);
    expect(d.token).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("stores it once with channel paper through the web's validation, audited, even when sent twice", async () => {
    const { token } = dataOf<PageData>(await page());
    const first = await send({ token, ...FILLED });
    expect(statusOf(first)).toBe(303);
    expect(locationOf(first)).toBe(`/staff/campaigns/${wave}/paper?sparad=${token}`);
    const again = await send({ token, ...FILLED });
    expect(statusOf(again)).toBe(303);
    expect(locationOf(again)).toContain("igen=1");
    expect(await count({ campaign_id: wave, channel: "paper" })).toBe(1);

    const stored = await db("responses").where({ id: token }).first();
    expect(JSON.parse(stored.answers)).toEqual({
      program: "bostad_forst",
      gender: "kvinna",
      visits: "varje_vecka",
      activities: ["sygrupp", "matlagning"],
      support_daytime: "ja",
      ucla_companionship: 2,
      barriers: ["other"],
      "barriers-Comment": "Trappan",
      satisfaction: 4,
      wishes: "Mer <b>yoga</b> =1+1",
    });
    expect(Boolean(stored.staff_assisted)).toBe(false);
    const rows = await db("response_answers").where({ response_id: token }).orderBy("id");
    expect(rows.map((r) => [r.question, r.value_text, r.campaign_id])).toContainEqual([
      "ucla_companionship",
      "2",
      wave,
    ]);
    // The free text goes to the feedback inbox, as from the web.
    expect(
      await db("feedback")
        .where({ source_ref: `response:${token}:wishes` })
        .first(),
    ).toBeTruthy();
    const audits = await db("audit_log").where({ action: "response.paper" });
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0].details)).toMatchObject({ response: token });

    const confirmed = dataOf<PageData>(await page(wave, `?sparad=${token}`));
    expect(confirmed.saved).toEqual({ duplicate: false, ignored: 0 });
    expect(confirmed.paperCount).toBe(1);
    expect(confirmed.questions).toEqual([]);
  });

  it("leaves out answers the survey's own conditions hide, and says how many", async () => {
    const { token } = dataOf<PageData>(await page());
    // "Aldrig" hides the activities question: ticked on paper, it does not count.
    const out = await send({ token, "q.visits": "aldrig", "q.activities": ["sygrupp"], "q.support_daytime": "nej" });
    expect(statusOf(out)).toBe(303);
    expect(locationOf(out)).toContain("ej=1");
    const stored = await db("responses").where({ id: token }).first();
    expect(JSON.parse(stored.answers)).toEqual({ visits: "aldrig", support_daytime: "nej" });
  });

  it("refuses values that are not options, exclusive choices together, an empty form and a bad token, keeping what was typed", async () => {
    const { token } = dataOf<PageData>(await page());
    const bad = await send({
      token,
      "q.program": "<script>alert(1)</script>",
      "q.barriers": ["inget", "tider"],
      "q.wishes": "kvar",
    });
    expect(statusOf(bad)).toBe(422);
    const d = dataOf<{ formError: string; errors: Record<string, string>; echo: Record<string, string[]> }>(bad);
    expect(d.formError).toBe("errForm");
    expect(d.errors.program).toBe("Det svaret finns inte bland alternativen.");
    expect(d.errors.barriers).toMatch(/tillsammans med andra/);
    expect(d.echo["q.wishes"]).toEqual(["kvar"]);
    expect(statusOf(await send({ token, "q.satisfaction": "9" }))).toBe(422);
    const empty = await send({ token, "q.program": "" });
    expect(dataOf<{ formError: string }>(empty).formError).toBe("errEmpty");
    expect(dataOf<{ formError: string }>(await send({ token: "x", ...FILLED })).formError).toBe("errToken");
    expect(await count()).toBe(0);
    expect(await db("audit_log").where({ action: "response.paper" })).toHaveLength(0);
  });

  it("hashes a participant code in a code campaign and refuses a malformed one", async () => {
    const coded = await makeCampaign({ programId: bf, code: "KOD", mode: "participant_code" });
    const { token } = dataOf<PageData>(await page(coded));
    expect(statusOf(await send({ token, participantCode: "a!", "q.program": "fot" }, coded))).toBe(422);
    expect(statusOf(await send({ token, participantCode: "an07lu", "q.program": "fot" }, coded))).toBe(303);
    const stored = await db("responses").where({ id: token }).first();
    expect(stored.participant_code_hmac).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is for those who may read the campaign's responses, in their own programmes; closed waves take late paper", async () => {
    const researcher = (await signedInStaff("researcher", [bf])).cookie;
    expect(statusOf(await page(wave, "", researcher))).toBe(403);
    const other = (await signedInStaff("case_manager", [fot])).cookie;
    expect(statusOf(await page(wave, "", other))).toBe(404);
    expect(statusOf(await send({ token: randomUUID(), ...FILLED }, wave, other))).toBe(404);
    const cm = (await signedInStaff("case_manager", [bf])).cookie;
    expect(statusOf(await page(wave, "", cm))).toBe(200);

    const closed = await makeCampaign({ programId: bf, code: "GML", opensOn: "2024-03-01", closesOn: "2024-03-31" });
    const token = randomUUID();
    expect(statusOf(await send({ token, ...FILLED }, closed))).toBe(303);
    expect(Boolean((await db("responses").where({ id: token }).first()).late)).toBe(true);

    const future = await makeCampaign({ programId: bf, code: "SEN", opensOn: "2098-01-01", closesOn: "2098-12-31" });
    expect(dataOf<PageData>(await page(future)).refusal).toBe("errNotYetOpen");
    expect(statusOf(await send({ token: randomUUID(), ...FILLED }, future))).toBe(409);
  });

  it("counts on the campaign page and in the outcome figures, by channel too", async () => {
    for (let i = 0; i < 6; i++) {
      const { token } = dataOf<PageData>(await page());
      await send({ token, ...FILLED, "q.support_daytime": i < 4 ? "ja" : "nej" });
    }
    const campaignPage = dataOf<{ paper: { paperCount: number } }>(
      await settle(() =>
        campaignLoader({
          request: get(`/staff/campaigns/${wave}`, { cookie }),
          params: { id: String(wave) },
          context,
        } as never),
      ),
    );
    expect(campaignPage.paper.paperCount).toBe(6);

    const report = await loadOutcomeReport({ campaignIds: [wave], scope: undefined });
    expect(report.waves[0].responses.n).toBe(6);
    const daytime = report.measures.find((m) => m.tag === "support_need_daytime")!;
    expect(daytime.waves[0].all.respondents.n).toBe(6);
    // The channel breakdown's SQL sees them as paper.
    const byChannel = await countAnswerValues({
      campaignIds: [wave],
      groupBy: { kind: "channel" },
      questions: ["support_daytime"],
    });
    expect(byChannel.map((r) => [r.group, r.value, r.n]).sort()).toEqual([
      ["paper", "ja", 4],
      ["paper", "nej", 2],
    ]);
  });
});
