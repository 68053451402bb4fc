import { beforeEach, describe, expect, it } from "vitest";
import { recordFeedback } from "~/models/feedback-intake.server";
import { loader as inboxLoader } from "~/routes/staff.feedback._index";
import { action as itemAction } from "~/routes/staff.feedback.$id";
import { action as noteAction, loader as noteLoader } from "~/routes/staff.feedback.new";
import { action as campaignAction, loader as campaignLoader } from "~/routes/staff.campaigns.new";
import { loader as importLoader } from "~/routes/staff.campaigns.import";
import { action as quoteAction, loader as quoteLoader } from "~/routes/staff.quotes.$id";
import {
  ROUTE_CONTEXT,
  dataOf,
  db,
  loadRoute,
  locationOf,
  makeActivity,
  postForm,
  programsWithStaff,
  resetDatabase,
  settle,
  signedInStaff,
  statusOf,
} from "../support/fixtures";

// The activity pickers and the import page's programmes go through the policy layer, in SQL (issue 9; decision
// 0046): a staff member picks among the activities of their programmes and those tied to no programme (the
// "shared" rule), and an activity outside that, posted by hand, is refused with a plain Swedish message.

let bf: number;
let fot: number;
let cookie: string;
let admin: string;
const ids: Record<"bf" | "fot" | "open", number> = { bf: 0, fot: 0, open: 0 };

beforeEach(async () => {
  await resetDatabase();
  ({ bf, fot, cookie } = await programsWithStaff("coordinator"));
  admin = (await signedInStaff("admin")).cookie;
  ids.bf = await makeActivity({ name: "Sygrupp BF", programId: bf });
  ids.fot = await makeActivity({ name: "Matlagning FoT", programId: fot });
  ids.open = await makeActivity({ name: "Öppen Mallis", programId: null });
});

const names = (out: { value: unknown }) =>
  dataOf<{ activities: { name: string }[] }>(out)
    .activities.map((a) => a.name)
    .sort();
const IN_SCOPE = ["Sygrupp BF", "Öppen Mallis"];
const EVERY = ["Matlagning FoT", "Sygrupp BF", "Öppen Mallis"];

const activityOf = async (id: string) =>
  (
    await db("quotes")
      .where({ id: Number(id) })
      .first()
  ).activity_id;
const count = async (table: string) => Number((await db(table).count<{ n: number | string }[]>("* as n"))[0].n);
const post = (action: (args: never) => unknown, path: string, fields: Record<string, string>, params = {}) =>
  settle(async () => action({ request: postForm(path, fields, { cookie }), params, context: ROUTE_CONTEXT } as never));

describe("the activity pickers list only the activities a staff member may pick", () => {
  it("on a new note, a new campaign, a quote and the inbox filter: own programmes' and those with none", async () => {
    expect(names(await loadRoute(noteLoader, "/staff/feedback/new", { cookie }))).toEqual(IN_SCOPE);
    expect(names(await loadRoute(campaignLoader, "/staff/campaigns/new", { cookie }))).toEqual(IN_SCOPE);
    expect(names(await loadRoute(inboxLoader, "/staff/feedback", { cookie }))).toEqual(IN_SCOPE);
    const feedback = await recordFeedback({ source: "form", programId: bf, text: "Mer sygrupp", consentToQuote: true });
    const proposed = await post(
      itemAction,
      `/staff/feedback/${feedback.id}`,
      { intent: "quote" },
      { id: `${feedback.id}` },
    );
    const quoteId = locationOf(proposed)!.split("/").pop()!;
    const quote = await loadRoute(quoteLoader, `/staff/quotes/${quoteId}`, { cookie, params: { id: quoteId } });
    expect(names(quote)).toEqual(IN_SCOPE);
  });

  it("lists every activity to an admin", async () => {
    expect(names(await loadRoute(noteLoader, "/staff/feedback/new", { cookie: admin }))).toEqual(EVERY);
    expect(names(await loadRoute(inboxLoader, "/staff/feedback", { cookie: admin }))).toEqual(EVERY);
  });
});

describe("an activity outside scope posted by hand", () => {
  it("is refused on a new note, and nothing is written", async () => {
    const note = { text: "Samtal i trapphuset", programId: String(bf), consentNote: "" };
    const out = await post(noteAction, "/staff/feedback/new", { ...note, activityId: String(ids.fot) });
    expect(statusOf(out)).toBe(422);
    expect(dataOf<{ errors: Record<string, string> }>(out).errors.activityId).toBe("errInvalid");
    expect(await count("feedback")).toBe(0);
    // The same note with an activity in scope, and with one tied to no programme, is saved.
    expect(statusOf(await post(noteAction, "/staff/feedback/new", { ...note, activityId: String(ids.bf) }))).toBe(302);
    expect(statusOf(await post(noteAction, "/staff/feedback/new", { ...note, activityId: String(ids.open) }))).toBe(
      302,
    );
    expect(await count("feedback")).toBe(2);
  });

  it("is refused on a new campaign, and nothing is written", async () => {
    const campaign = {
      surveyKey: "brukarenkat",
      title: "Brukarenkät 2027",
      programId: String(bf),
      opensOn: "2027-04-01",
      closesOn: "2027-05-31",
      mode: "anonymous",
    };
    const out = await post(campaignAction, "/staff/campaigns/new", { ...campaign, activityId: String(ids.fot) });
    expect(statusOf(out)).toBe(422);
    expect(dataOf<{ errors: Record<string, string> }>(out).errors.activityId).toBe("errActivity");
    expect(await count("campaigns")).toBe(0);
    expect(
      statusOf(await post(campaignAction, "/staff/campaigns/new", { ...campaign, activityId: String(ids.bf) })),
    ).toBe(302);
  });

  it("is refused on a quote with a plain Swedish message, and the quote keeps its activity", async () => {
    const feedback = await recordFeedback({ source: "form", programId: bf, text: "Mer sygrupp", consentToQuote: true });
    const proposed = await post(
      itemAction,
      `/staff/feedback/${feedback.id}`,
      { intent: "quote" },
      { id: `${feedback.id}` },
    );
    const id = locationOf(proposed)!.split("/").pop()!;
    const save = (activityId: number) =>
      post(
        quoteAction,
        `/staff/quotes/${id}`,
        { intent: "save", text: "Mer sygrupp", activityId: String(activityId), quoteDate: "2026-05-01" },
        { id },
      );
    const out = await save(ids.fot);
    expect(statusOf(out)).toBe(422);
    expect(dataOf<{ error: string }>(out).error).toBe("Det gick inte att spara. Välj i listorna och försök igen.");
    expect(await activityOf(id)).toBeNull();
    expect(statusOf(await save(ids.open))).toBe(302);
    expect(await activityOf(id)).toBe(ids.open);
    // A quote already tied to an activity outside scope keeps it: offered in the picker, and saved again as it is.
    await db("quotes")
      .where({ id: Number(id) })
      .update({ activity_id: ids.fot });
    const page = await loadRoute(quoteLoader, `/staff/quotes/${id}`, { cookie, params: { id } });
    expect(names(page)).toEqual(["Matlagning FoT", ...IN_SCOPE]);
    expect(statusOf(await save(ids.fot))).toBe(302);
    expect(await activityOf(id)).toBe(ids.fot);
  });
});

describe("the import page's programmes come from the policy layer", () => {
  it("lists a coordinator's own active programmes only, in SQL", async () => {
    const programmes = (out: { value: unknown }) =>
      dataOf<{ programs: { id: number }[] }>(out).programs.map((p) => p.id);
    expect(programmes(await loadRoute(importLoader, "/staff/campaigns/import", { cookie }))).toEqual([bf]);
    expect(programmes(await loadRoute(importLoader, "/staff/campaigns/import", { cookie: admin }))).toEqual([bf, fot]);
    await db("programs").where({ id: bf }).update({ archived_at: "2026-01-01T00:00:00.000Z" });
    expect(programmes(await loadRoute(importLoader, "/staff/campaigns/import", { cookie }))).toEqual([]);
    expect(programmes(await loadRoute(importLoader, "/staff/campaigns/import", { cookie: admin }))).toEqual([fot]);
  });

  it("asks the database for the staff member's programmes, not for every programme", async () => {
    const queries: string[] = [];
    const listen = (q: { sql: string }) => {
      if (/from ["`]?programs["`]?/i.test(q.sql)) queries.push(q.sql);
    };
    db.on("query", listen);
    try {
      expect(statusOf(await loadRoute(importLoader, "/staff/campaigns/import", { cookie }))).toBe(200);
    } finally {
      db.off("query", listen);
    }
    expect(queries.length).toBeGreaterThan(0);
    for (const sql of queries) expect(sql).toMatch(/["`]?id["`]? in \(/i);
  });
});
