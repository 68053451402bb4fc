import { beforeEach, describe, expect, it } from "vitest";
import { listAudit } from "~/models/audit.server";
import { loader as listLoader } from "~/routes/staff.campaigns._index";
import { action as newAction, loader as newLoader } from "~/routes/staff.campaigns.new";
import { loader as detailLoader } from "~/routes/staff.campaigns.$id._index";
import { loader as posterLoader } from "~/routes/staff.campaigns.$id.poster";
import { loader as surveyPageLoader } from "~/routes/s.$code";
import {
  dataOf,
  db,
  makePrograms,
  makeStaff,
  postForm,
  resetDatabase,
  sessionCookie,
  settle,
  statusOf,
  locationOf,
  loadRoute,
} from "../support/fixtures";
import { makeCampaign, newId, submit, VALID_ANSWERS } from "../support/surveys";

const ctx = { context: { clientAddress: "192.0.2.10" } };
let programs: Awaited<ReturnType<typeof makePrograms>>;

beforeEach(async () => {
  await resetDatabase();
  programs = await makePrograms();
});

const form = (over: Record<string, string> = {}) => ({
  surveyKey: "brukarenkat",
  title: "Brukarenkät 2027",
  programId: String(programs[0].id),
  activityId: "",
  opensOn: "2027-04-01",
  closesOn: "2027-05-31",
  mode: "anonymous",
  ...over,
});

describe("creating a campaign", () => {
  it("gives a coordinator an easy code and the link, and audits it", async () => {
    const coordinator = await makeStaff({ role: "coordinator", programIds: [programs[0].id] });
    const cookie = await sessionCookie(coordinator);
    const out = await settle(() =>
      newAction({
        request: postForm("/staff/campaigns/new", form({ kiosk: "on", mode: "participant_code" }), { cookie }),
        params: {},
        ...ctx,
      }),
    );
    expect(statusOf(out)).toBe(302);
    const row = await db("campaigns").first();
    expect(row.code).toMatch(/^[A-HJ-NP-Z2-9]{5}$/);
    expect(row).toMatchObject({
      title: "Brukarenkät 2027",
      mode: "participant_code",
      opens_on: "2027-04-01",
      closes_on: "2027-05-31",
    });
    expect(Boolean(row.kiosk)).toBe(true);
    expect(locationOf(out)).toBe(`/staff/campaigns/${row.id}`);
    expect((await listAudit({ action: "campaign.create" })).entries[0]).toMatchObject({ actorId: coordinator.id });
  });

  it("refuses bad dates, another programme, an unknown survey; and case managers and researchers may not create", async () => {
    const coordinator = await makeStaff({ role: "coordinator", programIds: [programs[0].id] });
    const cookie = await sessionCookie(coordinator);
    const bad = await settle(() =>
      newAction({
        request: postForm(
          "/staff/campaigns/new",
          form({ closesOn: "2027-01-01", programId: String(programs[1].id), surveyKey: "hemlig", title: "" }),
          { cookie },
        ),
        params: {},
        ...ctx,
      }),
    );
    expect(statusOf(bad)).toBe(422);
    expect(dataOf<{ errors: Record<string, string> }>(bad).errors).toEqual({ closesOn: "errDates", title: "errTitle" });
    const bad2 = await settle(() =>
      newAction({
        request: postForm("/staff/campaigns/new", form({ programId: String(programs[1].id), surveyKey: "hemlig" }), {
          cookie,
        }),
        params: {},
        ...ctx,
      }),
    );
    expect(dataOf<{ errors: Record<string, string> }>(bad2).errors).toEqual({
      programId: "errProgram",
      surveyKey: "errSurvey",
    });
    for (const role of ["case_manager", "researcher"] as const) {
      const other = await sessionCookie(await makeStaff({ role, programIds: [programs[0].id] }));
      expect(statusOf(await loadRoute(newLoader, "/staff/campaigns/new", { cookie: other }))).toBe(403);
    }
    expect(
      await db("campaigns")
        .count<{ n: number }[]>("* as n")
        .then((r) => Number(r[0].n)),
    ).toBe(0);
  });
});

describe("the campaign page", () => {
  it("counts responses per day; case managers read single responses with question texts, which is audited", async () => {
    const id = await makeCampaign({ programId: programs[0].id, code: "TEST" });
    await submit("TEST", { id: newId(), answers: { ...VALID_ANSWERS, wishes: "<b>Mer</b> yoga" } });
    await submit("TEST", { id: newId(), answers: VALID_ANSWERS });
    const cm = await makeStaff({ role: "case_manager", programIds: [programs[0].id] });
    const cookie = await sessionCookie(cm);
    const summary = dataOf<{ total: number; perDay: [string, number][]; single: unknown[]; mayRead: boolean }>(
      await loadRoute(detailLoader, `/staff/campaigns/${id}`, { cookie, params: { id: String(id) } }),
    );
    expect(summary.total).toBe(2);
    expect(summary.perDay[0][1]).toBe(2);
    expect(summary.mayRead).toBe(true);
    expect(summary.single).toEqual([]);
    expect((await listAudit({ action: "responses.read" })).total).toBe(0);

    const read = dataOf<{ single: { answers: { title: string; answer: string }[] }[] }>(
      await loadRoute(detailLoader, `/staff/campaigns/${id}?visa=svar`, { cookie, params: { id: String(id) } }),
    );
    expect(read.single).toHaveLength(2);
    const withWish = read.single.find((r) => r.answers.some((a) => a.title === "Vad vill du göra mer av?"))!;
    expect(withWish.answers).toEqual(
      expect.arrayContaining([
        { question: "gender", title: "Vilket kön har du?", answer: "Kvinna" },
        { question: "wishes", title: "Vad vill du göra mer av?", answer: "<b>Mer</b> yoga" },
      ]),
    );
    expect((await listAudit({ action: "responses.read" })).entries[0]).toMatchObject({
      actorId: cm.id,
      entityId: String(id),
    });
  });

  it("shows researchers counts only, and hides other programmes' campaigns (404)", async () => {
    const id = await makeCampaign({ programId: programs[0].id, code: "TEST" });
    await submit("TEST", { id: newId(), answers: VALID_ANSWERS });
    const researcher = await sessionCookie(await makeStaff({ role: "researcher", programIds: [programs[0].id] }));
    const asResearcher = dataOf<{ total: number; single: unknown[]; mayRead: boolean }>(
      await loadRoute(detailLoader, `/staff/campaigns/${id}?visa=svar`, {
        cookie: researcher,
        params: { id: String(id) },
      }),
    );
    expect(asResearcher).toMatchObject({ total: 1, single: [], mayRead: false });
    const otherCm = await sessionCookie(await makeStaff({ role: "case_manager", programIds: [programs[1].id] }));
    expect(
      statusOf(
        await loadRoute(detailLoader, `/staff/campaigns/${id}`, { cookie: otherCm, params: { id: String(id) } }),
      ),
    ).toBe(404);
    expect(
      statusOf(
        await loadRoute(posterLoader, `/staff/campaigns/${id}/poster`, { cookie: otherCm, params: { id: String(id) } }),
      ),
    ).toBe(404);
    const list = dataOf<{ campaigns: unknown[] }>(await loadRoute(listLoader, "/staff/campaigns", { cookie: otherCm }));
    expect(list.campaigns).toEqual([]);
  });

  it("makes a poster with a QR code for the short link", async () => {
    const id = await makeCampaign({ programId: programs[0].id, code: "AB3CD" });
    const admin = await sessionCookie(await makeStaff({ role: "admin", programIds: [] }));
    const poster = dataOf<{ link: string; svg: string; code: string }>(
      await loadRoute(posterLoader, `/staff/campaigns/${id}/poster`, { cookie: admin, params: { id: String(id) } }),
    );
    expect(poster.link).toBe("http://127.0.0.1:3000/s/AB3CD");
    expect(poster.svg).toMatch(/^<svg/);
    expect(poster.code).toBe("AB3CD");
  });
});

describe("GET /s/:code", () => {
  it("gives the survey for an open campaign, 410 for a closed one, 404 for an unknown code; codes are typed loosely", async () => {
    await makeCampaign({ programId: programs[0].id, code: "OPEN2" });
    await makeCampaign({ programId: programs[0].id, code: "SHUT2", opensOn: "2020-01-01", closesOn: "2020-02-01" });
    const open = await loadRoute(surveyPageLoader, "/s/open2", { params: { code: "open2" } });
    expect(statusOf(open)).toBe(200);
    expect(dataOf<{ code: string; view: { kind: string; state: { version: string } } }>(open)).toMatchObject({
      code: "OPEN2",
      view: { kind: "question", state: { version: expect.stringMatching(/^[0-9a-f]{64}$/) } },
    });
    expect(statusOf(await loadRoute(surveyPageLoader, "/s/SHUT2", { params: { code: "SHUT2" } }))).toBe(410);
    expect(statusOf(await loadRoute(surveyPageLoader, "/s/NOPE", { params: { code: "NOPE" } }))).toBe(404);
  });
});
