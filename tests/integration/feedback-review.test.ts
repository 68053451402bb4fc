import { beforeEach, describe, expect, it } from "vitest";
import { listAudit } from "~/models/audit.server";
import { recordFeedback } from "~/models/feedback-intake.server";
import { ensureDefaultThemes, listThemes } from "~/models/feedback-theme.server";
import { addRedactionName } from "~/models/redaction-name.server";
import { loader as inboxLoader } from "~/routes/staff.feedback._index";
import { action as itemAction, loader as itemLoader } from "~/routes/staff.feedback.$id";
import { action as noteAction } from "~/routes/staff.feedback.new";
import { action as quoteAction, loader as quoteLoader } from "~/routes/staff.quotes.$id";
import { loader as quotesLoader } from "~/routes/staff.quotes._index";
import { action as tyckTillAction } from "~/routes/tyck-till";
import { action as namesAction } from "~/routes/staff.feedback.names";
import { action as themesAction, loader as themesLoader } from "~/routes/staff.feedback.themes";
import {
  db,
  dataOf,
  get,
  makePrograms,
  makeStaff,
  postForm,
  resetDatabase,
  sessionCookie,
  settle,
  statusOf,
  locationOf,
  makeActivity,
  loadRoute,
} from "../support/fixtures";

const ctx = { context: { clientAddress: "198.51.100.7" } };

async function count(table: string, where: Record<string, unknown> = {}): Promise<number> {
  const [{ n }] = await db(table).where(where).count<{ n: number | string }[]>("* as n");
  return Number(n);
}

beforeEach(async () => {
  await resetDatabase();
  await ensureDefaultThemes();
});

async function setup() {
  const [a, b] = await makePrograms();
  const admin = await makeStaff({ role: "admin", programIds: [] });
  const coordinator = await makeStaff({ role: "coordinator", programIds: [a.id, b.id] });
  const cmA = await makeStaff({ role: "case_manager", programIds: [a.id] });
  const cmB = await makeStaff({ role: "case_manager", programIds: [b.id] });
  const researcher = await makeStaff({ role: "researcher", programIds: [a.id, b.id] });
  const facilitator = await makeStaff({ role: "facilitator", programIds: [a.id, b.id] });
  const inA = await recordFeedback({
    source: "form",
    programId: a.id,
    text: "Ring Kalle på 070-123 45 67, pnr 811218-9876",
    contact: "Kalle 070-123 45 67",
    consentToQuote: true,
  });
  const inB = await recordFeedback({
    source: "survey",
    sourceRef: "r:1:q",
    programId: b.id,
    text: "Mer yoga i FoT",
    consentToQuote: false,
  });
  const unknown = await recordFeedback({
    source: "form",
    programId: null,
    text: "Öppet på lördagar?",
    consentToQuote: false,
  });
  await addRedactionName({ name: "Kalle", actor: admin, ip: "x" });
  return {
    a,
    b,
    admin,
    coordinator,
    cmA,
    cmB,
    researcher,
    facilitator,
    ids: { inA: inA.id, inB: inB.id, unknown: unknown.id },
    cookie: {
      admin: await sessionCookie(admin),
      coordinator: await sessionCookie(coordinator),
      cmA: await sessionCookie(cmA),
      cmB: await sessionCookie(cmB),
      researcher: await sessionCookie(researcher),
      facilitator: await sessionCookie(facilitator),
    },
  };
}

type Inbox = {
  items: { id: number; excerpt: string; flagged: boolean }[];
  total: number;
  themes: { name: string; count: number }[];
};

const inbox = async (cookie: string, query = "") => loadRoute(inboxLoader, `/staff/feedback${query}`, { cookie });
const item = async (cookie: string, id: number) =>
  loadRoute(itemLoader, `/staff/feedback/${id}`, { cookie, params: { id: String(id) } });
const post = async (cookie: string, id: number, fields: Record<string, string | string[]>, origin?: string) =>
  settle(() =>
    itemAction({
      request: postForm(`/staff/feedback/${id}`, fields, { cookie, origin }),
      params: { id: String(id) },
      ...ctx,
    }),
  );

describe("programme scoping", () => {
  it("shows each case manager only their programmes, coordinators also the unplaced items, admins everything", async () => {
    const s = await setup();
    const ids = async (cookie: string) =>
      dataOf<Inbox>(await inbox(cookie))
        .items.map((i) => i.id)
        .sort();
    expect(await ids(s.cookie.cmA)).toEqual([s.ids.inA]);
    expect(await ids(s.cookie.cmB)).toEqual([s.ids.inB]);
    expect(await ids(s.cookie.coordinator)).toEqual([s.ids.inA, s.ids.inB, s.ids.unknown].sort());
    expect(await ids(s.cookie.admin)).toEqual([s.ids.inA, s.ids.inB, s.ids.unknown].sort());
  });

  it("refuses researchers and facilitators with 403, and sends anonymous visitors to the login", async () => {
    const s = await setup();
    expect(statusOf(await inbox(s.cookie.researcher))).toBe(403);
    expect(statusOf(await inbox(s.cookie.facilitator))).toBe(403);
    expect(statusOf(await item(s.cookie.facilitator, s.ids.inA))).toBe(403);
    expect(
      statusOf(
        await settle(() =>
          quotesLoader({ request: get("/staff/quotes", { cookie: s.cookie.researcher }), params: {}, ...ctx }),
        ),
      ),
    ).toBe(403);
    expect(statusOf(await loadRoute(inboxLoader, "/staff/feedback"))).toBe(302);
  });

  it("answers 404 when a case manager opens or changes another programme's item by id, as for an unknown id", async () => {
    const s = await setup();
    const other = await item(s.cookie.cmA, s.ids.inB);
    expect(other.thrown).toBe(true);
    expect(statusOf(other)).toBe(404);
    expect(statusOf(await item(s.cookie.cmA, 999999))).toBe(404);
    expect(statusOf(await item(s.cookie.cmA, s.ids.unknown))).toBe(404);
    for (const fields of [
      { intent: "status", status: "klar" },
      { intent: "comment", body: "x" },
      { intent: "read-raw" },
      { intent: "quote" },
    ] as Record<string, string>[]) {
      expect(statusOf(await post(s.cookie.cmA, s.ids.inB, fields)), fields.intent).toBe(404);
    }
    const row = await db("feedback").where({ id: s.ids.inB }).first();
    expect(row.status).toBe("ny");
    expect(await count("feedback_comments")).toBe(0);
    expect(await count("quotes")).toBe(0);
    expect((await listAudit({ action: "feedback.read_raw" })).total).toBe(0);
  });

  it("refuses a staff POST from a foreign origin with 403 and changes nothing", async () => {
    const s = await setup();
    const out = await post(s.cookie.cmA, s.ids.inA, { intent: "status", status: "klar" }, "https://evil.example");
    expect(statusOf(out)).toBe(403);
    expect((await db("feedback").where({ id: s.ids.inA }).first()).status).toBe("ny");
  });

  it("does not let a case manager write a staff note into a programme that is not theirs", async () => {
    const s = await setup();
    const out = await settle(() =>
      noteAction({
        request: postForm(
          "/staff/feedback/new",
          { text: "Anteckning", programId: String(s.b.id), activityId: "", consentNote: "" },
          { cookie: s.cookie.cmA },
        ),
        params: {},
        ...ctx,
      }),
    );
    expect(statusOf(out)).toBe(422);
    expect(await count("feedback", { source: "staff" })).toBe(0);
    const ok = await settle(() =>
      noteAction({
        request: postForm(
          "/staff/feedback/new",
          {
            text: "Vill börja i sygruppen",
            programId: String(s.a.id),
            activityId: "",
            consent: "on",
            consentNote: "Sa ja i samtalet",
          },
          { cookie: s.cookie.cmA },
        ),
        params: {},
        ...ctx,
      }),
    );
    expect(statusOf(ok)).toBe(302);
    const note = await db("feedback").where({ source: "staff" }).first();
    expect(note).toMatchObject({ created_by: s.cmA.id, program_id: s.a.id, text: "Vill börja i sygruppen" });
    expect(Boolean(note.consent_to_quote)).toBe(true);
  });
});

describe("redacted lists and audited raw reads", () => {
  it("never sends the raw text or the contact with the list or the item page", async () => {
    const s = await setup();
    const list = dataOf<Inbox>(await inbox(s.cookie.cmA));
    expect(list.items[0].excerpt).toBe("Ring [namn] på [telefon], pnr [personnummer]");
    const page = dataOf<Record<string, unknown>>(await item(s.cookie.cmA, s.ids.inA));
    const json = JSON.stringify(page) + JSON.stringify(list);
    for (const secret of ["070-123 45 67", "811218-9876", "Kalle"]) expect(json).not.toContain(secret);
    expect((await listAudit({ action: "feedback.read_raw" })).total).toBe(0);
  });

  it("gives the raw text and contact on a deliberate POST, and writes who read what to the audit log", async () => {
    const s = await setup();
    const out = await post(s.cookie.cmA, s.ids.inA, { intent: "read-raw" });
    expect(statusOf(out)).toBe(200);
    expect(dataOf<{ raw: { text: string; contact: string } }>(out).raw).toEqual({
      text: "Ring Kalle på 070-123 45 67, pnr 811218-9876",
      contact: "Kalle 070-123 45 67",
    });
    const { entries } = await listAudit({ action: "feedback.read_raw" });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: s.cmA.id,
      actorEmail: s.cmA.email,
      entityType: "feedback",
      entityId: String(s.ids.inA),
      ip: "198.51.100.7",
    });
    expect(JSON.stringify(entries[0].details)).not.toContain("070");
    await post(s.cookie.cmA, s.ids.inA, { intent: "read-raw" });
    expect((await listAudit({ action: "feedback.read_raw" })).total).toBe(2);
  });

  it("marks a new item as read by a POST from the opened page, never by the loader", async () => {
    const s = await setup();
    await item(s.cookie.cmA, s.ids.inA);
    expect((await db("feedback").where({ id: s.ids.inA }).first()).status).toBe("ny");
    await post(s.cookie.cmA, s.ids.inA, { intent: "read" });
    expect((await db("feedback").where({ id: s.ids.inA }).first()).status).toBe("last");
  });
});

describe("review: status, assignment, themes, comments, flags", () => {
  it("changes status, assigns within the programme, sets themes and counts them, with an audit entry each", async () => {
    const s = await setup();
    const themes = await listThemes();
    const ensamhet = themes.find((t) => t.name === "ensamhet")!;
    const sl = themes.find((t) => t.name === "SL-kort")!;
    const hinder = themes.find((t) => t.name === "hinder")!;
    expect(sl.parentId).toBe(hinder.id);
    expect(statusOf(await post(s.cookie.cmA, s.ids.inA, { intent: "status", status: "foljs_upp" }))).toBe(302);
    expect(statusOf(await post(s.cookie.cmA, s.ids.inA, { intent: "assign", assignee: String(s.cmA.id) }))).toBe(302);
    expect(statusOf(await post(s.cookie.cmA, s.ids.inA, { intent: "assign", assignee: String(s.cmB.id) }))).toBe(422);
    expect(
      statusOf(
        await post(s.cookie.cmA, s.ids.inA, { intent: "themes", themeIds: [String(ensamhet.id), String(sl.id)] }),
      ),
    ).toBe(302);
    expect(statusOf(await post(s.cookie.cmA, s.ids.inA, { intent: "comment", body: "  " }))).toBe(422);
    expect(statusOf(await post(s.cookie.cmA, s.ids.inA, { intent: "comment", body: "Ringde, bokat möte." }))).toBe(302);
    const row = await db("feedback").where({ id: s.ids.inA }).first();
    expect(row).toMatchObject({ status: "foljs_upp", assigned_to: s.cmA.id });
    const list = dataOf<Inbox>(await inbox(s.cookie.cmA));
    expect(list.themes.find((t) => t.name === "ensamhet")?.count).toBe(1);
    expect(list.themes.find((t) => t.name === "förslag")?.count).toBe(0);
    // a parent theme finds its sub-themes
    expect(dataOf<Inbox>(await inbox(s.cookie.cmA, `?theme=${hinder.id}`)).total).toBe(1);
    expect(dataOf<Inbox>(await inbox(s.cookie.cmA, "?status=klar")).total).toBe(0);
    const actions = (await listAudit({ entityType: "feedback" })).entries.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["feedback.status", "feedback.assign", "feedback.themes", "feedback.comment"]),
    );
  });

  it("flags risky text at the top, needs a comment to clear it, and does not raise it again", async () => {
    const s = await setup();
    const risky = await recordFeedback({
      source: "form",
      programId: s.a.id,
      text: "Jag orkar inte leva längre",
      consentToQuote: false,
      createdAt: "2020-01-01T00:00:00.000Z",
    });
    const list = dataOf<Inbox>(await inbox(s.cookie.cmA));
    expect(list.items[0]).toMatchObject({ id: risky.id, flagged: true });
    expect(dataOf<Inbox>(await inbox(s.cookie.cmA, "?flagged=1")).items.map((i) => i.id)).toEqual([risky.id]);

    const refused = await post(s.cookie.cmA, risky.id, { intent: "unflag", comment: "" });
    expect(statusOf(refused)).toBe(422);
    expect(dataOf<{ error: string }>(refused).error).toContain("Skriv vad som har gjorts");
    expect(Boolean((await db("feedback").where({ id: risky.id }).first()).flagged)).toBe(true);

    expect(
      statusOf(
        await post(s.cookie.cmA, risky.id, {
          intent: "unflag",
          comment: "Pratat med personen, kontakt med psykiatrin.",
        }),
      ),
    ).toBe(302);
    expect(Boolean((await db("feedback").where({ id: risky.id }).first()).flagged)).toBe(false);
    expect(await db("feedback_comments").where({ feedback_id: risky.id, kind: "flag_cleared" }).first()).toMatchObject({
      author_id: s.cmA.id,
    });
    const again = dataOf<Inbox>(await inbox(s.cookie.cmA));
    expect(again.items.find((i) => i.id === risky.id)?.flagged).toBe(false);

    expect(statusOf(await post(s.cookie.cmA, s.ids.inA, { intent: "flag", comment: "" }))).toBe(302);
    expect(dataOf<Inbox>(await inbox(s.cookie.cmA)).items[0]).toMatchObject({ id: s.ids.inA, flagged: true });
    expect((await listAudit({ action: "feedback.unflag" })).total).toBe(1);
  });
});

describe("the tyck till form", () => {
  const send = (fields: Record<string, string> | string, origin?: string | null) =>
    settle(() => tyckTillAction({ request: postForm("/tyck-till", fields, { origin }), params: {}, ...ctx }));

  it("stores feedback with its programme, activity, contact and consent, then thanks", async () => {
    const [a] = await makePrograms();
    const activity = await makeActivity({ name: "Yoga", startsOn: undefined });
    const out = await send({
      text: "  Mer yoga!\r\nTack.  ",
      activityId: String(activity),
      programId: String(a.id),
      wantsContact: "on",
      contact: "Mona 070-1234567",
      consent: "on",
    });
    expect(statusOf(out)).toBe(302);
    expect(locationOf(out)).toBe("/tyck-till?tack=1&kontakt=1");
    const row = await db("feedback").first();
    expect(row).toMatchObject({
      source: "form",
      text: "Mer yoga!\nTack.",
      program_id: a.id,
      activity_id: activity,
      contact: "Mona 070-1234567",
      status: "ny",
    });
    expect(Boolean(row.consent_to_quote)).toBe(true);
  });

  it("says plainly that empty text is empty, keeping the other answers", async () => {
    const out = await send({ text: "   ", contact: "", activityId: "", programId: "" });
    expect(statusOf(out)).toBe(400);
    expect(dataOf<{ errors: { text: string } }>(out).errors.text).toBe(
      "Du har inte skrivit något. Skriv i rutan och tryck på Skicka igen.",
    );
    expect(await count("feedback")).toBe(0);
  });

  it("refuses 20 000 characters with the limit said plainly, and gives the text back", async () => {
    const long = "å".repeat(20_000);
    const out = await send({ text: long, activityId: "", programId: "" });
    expect(statusOf(out)).toBe(413);
    const result = dataOf<{ errors: { text: string }; values: { text: string } }>(out);
    expect(result.errors.text.replace(/\u00a0/g, " ")).toBe(
      "Texten är för lång. Du har skrivit 20 000 tecken. Det får vara högst 5 000 tecken. Gör texten kortare.",
    );
    expect(result.values.text).toBe(long);
    expect(await count("feedback")).toBe(0);
  });

  it("answers a body too large to read with the limit, not an error page", async () => {
    const out = await send({ text: "x".repeat(300 * 1024) });
    expect(statusOf(out)).toBe(413);
    expect(dataOf<{ errors: { text: string } }>(out).errors.text).toContain("Skriv en kortare text");
    expect(await count("feedback")).toBe(0);
  });

  it("asks for a name or number when contact is ticked without one, and refuses unknown choices", async () => {
    const contact = await send({ text: "Hej", wantsContact: "on", contact: "" });
    expect(statusOf(contact)).toBe(400);
    expect(dataOf<{ errors: { contact: string } }>(contact).errors.contact).toContain("namn eller telefonnummer");
    const choice = await send({ text: "Hej", activityId: "99999", programId: "abc" });
    expect(statusOf(choice)).toBe(400);
    expect(await count("feedback")).toBe(0);
  });

  it("keeps HTML as text and refuses a foreign origin", async () => {
    expect(statusOf(await send({ text: "<script>alert(1)</script>" }))).toBe(302);
    expect((await db("feedback").first()).text).toBe("<script>alert(1)</script>");
    expect(statusOf(await send({ text: "Hej" }, "https://evil.example"))).toBe(403);
    expect(await count("feedback")).toBe(1);
  });
});

describe("the quote bank", () => {
  const quotePost = (cookie: string, id: number, fields: Record<string, string | string[]>) =>
    settle(() =>
      quoteAction({ request: postForm(`/staff/quotes/${id}`, fields, { cookie }), params: { id: String(id) }, ...ctx }),
    );

  async function propose(cookie: string, feedbackId: number): Promise<number> {
    const out = await post(cookie, feedbackId, { intent: "quote" });
    expect(statusOf(out)).toBe(302);
    return Number(locationOf(out)!.split("/").pop());
  }

  it("makes a redacted candidate, lets staff mask more by hand, and approves with who and when", async () => {
    const s = await setup();
    const quoteId = await propose(s.cookie.cmA, s.ids.inA);
    const loaded = dataOf<{ quote: { text: string; status: string; consentToQuote: boolean } }>(
      await settle(() =>
        quoteLoader({
          request: get(`/staff/quotes/${quoteId}`, { cookie: s.cookie.cmA }),
          params: { id: String(quoteId) },
          ...ctx,
        }),
      ),
    );
    expect(loaded.quote).toMatchObject({
      text: "Ring [namn] på [telefon], pnr [personnummer]",
      status: "candidate",
      consentToQuote: true,
    });
    expect(await propose(s.cookie.cmA, s.ids.inA)).toBe(quoteId);

    const ensamhet = (await listThemes()).find((t) => t.name === "ensamhet")!;
    const saved = await quotePost(s.cookie.cmA, quoteId, {
      intent: "save",
      text: "Ring [namn], nummer 08-508 250 84",
      themeIds: [String(ensamhet.id)],
      activityId: "",
      quoteDate: "2026-03-01",
    });
    expect(statusOf(saved)).toBe(302);
    expect(await db("quotes").where({ id: quoteId }).first()).toMatchObject({
      text: "Ring [namn], nummer [telefon]",
      quote_date: "2026-03-01",
    });
    expect(
      statusOf(
        await quotePost(s.cookie.cmA, quoteId, {
          intent: "save",
          text: "x",
          themeIds: [],
          activityId: "",
          quoteDate: "2026-02-31",
        }),
      ),
    ).toBe(422);

    expect(statusOf(await quotePost(s.cookie.cmA, quoteId, { intent: "approve" }))).toBe(302);
    const row = await db("quotes").where({ id: quoteId }).first();
    expect(row).toMatchObject({ status: "approved", decided_by: s.cmA.id });
    expect(row.decided_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(
      statusOf(
        await quotePost(s.cookie.cmA, quoteId, {
          intent: "save",
          text: "ändrat",
          themeIds: [],
          activityId: "",
          quoteDate: "2026-03-01",
        }),
      ),
    ).toBe(409);
    expect((await listAudit({ action: "quote.approve" })).entries[0]).toMatchObject({
      actorId: s.cmA.id,
      entityId: String(quoteId),
    });
  });

  it("refuses to approve without consent, with a clear message", async () => {
    const s = await setup();
    const quoteId = await propose(s.cookie.cmB, s.ids.inB);
    const out = await quotePost(s.cookie.cmB, quoteId, { intent: "approve" });
    expect(statusOf(out)).toBe(422);
    expect(dataOf<{ error: string }>(out).error).toBe(
      "Citatet kan inte godkännas: personen har inte samtyckt till att bli citerad.",
    );
    expect((await db("quotes").where({ id: quoteId }).first()).status).toBe("candidate");
  });

  it("keeps a rejected quote rejected", async () => {
    const s = await setup();
    const quoteId = await propose(s.cookie.cmA, s.ids.inA);
    expect(statusOf(await quotePost(s.cookie.cmA, quoteId, { intent: "reject", note: "För personligt" }))).toBe(302);
    expect(statusOf(await quotePost(s.cookie.cmA, quoteId, { intent: "approve" }))).toBe(409);
    expect(statusOf(await quotePost(s.cookie.cmA, quoteId, { intent: "reject", note: "" }))).toBe(409);
    expect(await propose(s.cookie.cmA, s.ids.inA)).toBe(quoteId);
    expect(await db("quotes").where({ id: quoteId }).first()).toMatchObject({
      status: "rejected",
      decision_note: "För personligt",
    });
  });

  it("hides other programmes' quotes: 404 by id", async () => {
    const s = await setup();
    const quoteId = await propose(s.cookie.cmA, s.ids.inA);
    const out = await settle(() =>
      quoteLoader({
        request: get(`/staff/quotes/${quoteId}`, { cookie: s.cookie.cmB }),
        params: { id: String(quoteId) },
        ...ctx,
      }),
    );
    expect(statusOf(out)).toBe(404);
    expect(statusOf(await quotePost(s.cookie.cmB, quoteId, { intent: "approve" }))).toBe(404);
    const list = dataOf<{ quotes: unknown[] }>(
      await settle(() => quotesLoader({ request: get("/staff/quotes", { cookie: s.cookie.cmB }), params: {}, ...ctx })),
    );
    expect(list.quotes).toEqual([]);
  });
});

describe("the names list and the theme list", () => {
  it("masks a name as soon as staff add it to the list, and keeps the name out of the audit log", async () => {
    const s = await setup();
    await recordFeedback({
      source: "workshop",
      sourceRef: "w:1",
      programId: s.a.id,
      text: "Mona tyckte att fikat var bäst",
      consentToQuote: true,
    });
    const before = dataOf<Inbox>(await inbox(s.cookie.cmA)).items.map((i) => i.excerpt);
    expect(before).toContain("Mona tyckte att fikat var bäst");
    const add = () =>
      settle(() =>
        namesAction({
          request: postForm("/staff/feedback/names", { intent: "add", name: " Mona " }, { cookie: s.cookie.cmA }),
          params: {},
          ...ctx,
        }),
      );
    expect(statusOf(await add())).toBe(302);
    expect(statusOf(await add())).toBe(422);
    const after = dataOf<Inbox>(await inbox(s.cookie.cmA)).items.map((i) => i.excerpt);
    expect(after).toContain("[namn] tyckte att fikat var bäst");
    const { entries } = await listAudit({ action: "redaction_name.add" });
    expect(entries.length).toBeGreaterThan(0);
    expect(JSON.stringify(entries)).not.toContain("Mona");
  });

  it("adds sub-themes, refuses duplicates, and archives a theme so it is no longer offered", async () => {
    const s = await setup();
    const hinder = (await listThemes()).find((t) => t.name === "hinder")!;
    const post = (fields: Record<string, string>) =>
      settle(() =>
        themesAction({
          request: postForm("/staff/feedback/themes", fields, { cookie: s.cookie.coordinator }),
          params: {},
          ...ctx,
        }),
      );
    expect(statusOf(await post({ intent: "create", name: "trappor", parentId: String(hinder.id) }))).toBe(302);
    expect(statusOf(await post({ intent: "create", name: "Ensamhet", parentId: "" }))).toBe(422);
    const trappor = (await listThemes()).find((t) => t.name === "trappor")!;
    expect(trappor.parentId).toBe(hinder.id);
    expect(statusOf(await post({ intent: "archive", id: String(trappor.id) }))).toBe(302);
    expect((await listThemes()).some((t) => t.name === "trappor")).toBe(false);
    expect(statusOf(await post({ intent: "themes", themeIds: String(trappor.id) } as Record<string, string>))).toBe(
      400,
    );
    const refused = await settle(() =>
      itemAction({
        request: postForm(
          `/staff/feedback/${s.ids.inA}`,
          { intent: "themes", themeIds: String(trappor.id) },
          { cookie: s.cookie.coordinator },
        ),
        params: { id: String(s.ids.inA) },
        ...ctx,
      }),
    );
    expect(statusOf(refused)).toBe(422);
    const page = dataOf<{ themes: { name: string; count: number }[] }>(
      await settle(() =>
        themesLoader({ request: get("/staff/feedback/themes", { cookie: s.cookie.coordinator }), params: {}, ...ctx }),
      ),
    );
    expect(page.themes.find((t) => t.name === "trappor")).toMatchObject({ count: 0 });
  });
});
