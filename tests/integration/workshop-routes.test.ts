import { beforeEach, describe, expect, it } from "vitest";
import { loader as participantLoader, action as participantAction } from "~/routes/w.$code._index";
import { loader as boardLoader } from "~/routes/w.$code.board";
import { loader as liveLoader } from "~/routes/w.$code.live";
import { loader as listLoader } from "~/routes/staff.workshops._index";
import { action as newAction } from "~/routes/staff.workshops.new";
import { action as editAction, loader as editLoader } from "~/routes/staff.workshops.$id.edit";
import { action as controlAction } from "~/routes/staff.workshops.$id._index";
import { action as votingAction } from "~/routes/staff.workshops.$id.voting";
import { action as proposalsAction, loader as proposalsLoader } from "~/routes/staff.workshops.$id.proposals";
import { loader as docxLoader } from "~/routes/staff.workshops.$id.protocol[.]docx";
import { loader as forslagLoader } from "~/routes/forslag";
import { createWorkshop, findWorkshopByCode, getWorkshop } from "~/models/workshop.server";
import { listNotes } from "~/models/workshop-note.server";
import { proposalHistory } from "~/models/proposal.server";
import { listAudit } from "~/models/audit.server";
import { seedDemo } from "../../db/seeds/demo/index";
import {
  dataOf,
  db,
  get,
  makeStaff,
  postForm,
  resetDatabase,
  sessionCookie,
  settle,
  statusOf,
  locationOf,
  headersOf,
  loadRoute,
} from "../support/fixtures";
import { readZipEntry } from "../support/zip";
import { makeFacilitatedWorkshop } from "../support/workshops";

const ctx = { context: { clientAddress: "198.51.100.7" } };

beforeEach(resetDatabase);

const setup = makeFacilitatedWorkshop;

function deviceCookieFrom(outcome: { value: unknown }): string {
  const header = headersOf(outcome).get("Set-Cookie") ?? "";
  expect(header).toMatch(/^wdev=[A-Za-z0-9_-]{32,}; Path=\/w;.*HttpOnly; SameSite=Lax/);
  return header.split(";")[0];
}

const post = (code: string, fields: Record<string, string>, cookie?: string) =>
  settle(() => participantAction({ request: postForm(`/w/${code}`, fields, { cookie }), params: { code }, ...ctx }));

describe("participant page", () => {
  it("404s an unknown code, redirects a lower-case code, and shows a plain ended page with 410", async () => {
    const { workshop, cookie } = await setup();
    expect(statusOf(await loadRoute(participantLoader, "/w/NOPE2", { params: { code: "NOPE2" } }))).toBe(404);
    const lower = await loadRoute(participantLoader, `/w/${workshop.code.toLowerCase()}`, {
      params: { code: workshop.code.toLowerCase() },
    });
    expect(statusOf(lower)).toBe(302);
    const end = (fields: Record<string, string>) =>
      settle(() =>
        controlAction({
          request: postForm(
            `/staff/workshops/${workshop.id}`,
            { intent: "phase", phase: "avslutad", ...fields },
            { cookie },
          ),
          params: { id: String(workshop.id) },
          ...ctx,
        }),
      );
    // "Avslutad" asks first: nothing changes until the second submit says yes.
    expect(dataOf(await end({}))).toMatchObject({ ok: true, confirm: "end" });
    expect((await getWorkshop({ id: workshop.id }))?.phase).toBe("kritik");
    expect((await listAudit({ action: "workshop.phase" })).total).toBe(0);
    expect(dataOf(await end({ confirm: "yes" }))).toMatchObject({ ok: true, message: "phaseChanged" });
    expect((await getWorkshop({ id: workshop.id }))?.phase).toBe("avslutad");
    const ended = await loadRoute(participantLoader, `/w/${workshop.code}`, { params: { code: workshop.code } });
    expect(statusOf(ended)).toBe(410);
    expect(dataOf(ended)).toMatchObject({ ended: true });
    const late = await post(workshop.code, { intent: "note", phase: "kritik", text: "Hej" });
    expect(statusOf(late)).toBe(410);
  });

  it("refuses empty, too long and late notes plainly, keeping the text, and stores nothing", async () => {
    const { workshop, cookie } = await setup("kritik");
    const empty = await post(workshop.code, { intent: "note", phase: "kritik", text: "   " });
    expect(statusOf(empty)).toBe(422);
    expect(dataOf(empty)).toMatchObject({ ok: false, problem: "empty" });
    const long = await post(workshop.code, { intent: "note", phase: "kritik", text: "å".repeat(301) });
    expect(statusOf(long)).toBe(422);
    expect(dataOf(long)).toMatchObject({ problem: "tooLong", length: 301, text: "å".repeat(301) });

    const first = await post(workshop.code, { intent: "note", phase: "kritik", text: "<script>alert(1)</script>" });
    expect(statusOf(first)).toBe(200);
    const device = deviceCookieFrom(first);
    await settle(() =>
      controlAction({
        request: postForm(`/staff/workshops/${workshop.id}`, { intent: "phase", phase: "fantasi" }, { cookie }),
        params: { id: String(workshop.id) },
        ...ctx,
      }),
    );
    const late = await post(
      workshop.code,
      { intent: "note", phase: "kritik", text: "Skrevs innan fasen bytte" },
      device,
    );
    expect(statusOf(late)).toBe(409);
    expect(dataOf(late)).toMatchObject({ ok: false, problem: "phaseMoved", text: "Skrevs innan fasen bytte" });
    const notes = await listNotes({ workshopId: workshop.id });
    expect(notes.map((n) => n.text)).toEqual(["<script>alert(1)</script>"]);

    const page = await loadRoute(participantLoader, `/w/${workshop.code}`, {
      cookie: device,
      params: { code: workshop.code },
    });
    expect(dataOf(page)).toMatchObject({ phase: "fantasi", myNotes: [] });
  });

  it("holds the dot budget when one phone taps many times at once through the page", async () => {
    const { workshop, cookie } = await setup("fantasi");
    const first = await post(workshop.code, { intent: "note", phase: "fantasi", text: "Öppet på kvällen" });
    const device = deviceCookieFrom(first);
    const [note] = await listNotes({ workshopId: workshop.id });
    const opened = await settle(() =>
      votingAction({
        request: postForm(
          `/staff/workshops/${workshop.id}/voting`,
          { intent: "open", target: "fantasy_notes", dots: "4" },
          { cookie },
        ),
        params: { id: String(workshop.id) },
        ...ctx,
      }),
    );
    expect(statusOf(opened)).toBe(200);
    const page = dataOf<{ voting: { id: number; remaining: number } }>(
      await loadRoute(participantLoader, `/w/${workshop.code}`, { cookie: device, params: { code: workshop.code } }),
    );
    expect(page.voting.remaining).toBe(4);
    const fields = { intent: "vote", votingId: String(page.voting.id), itemType: "note", itemId: String(note.id) };
    const taps = await Promise.all(Array.from({ length: 16 }, () => post(workshop.code, fields, device)));
    expect(taps.filter((t) => statusOf(t) === 200)).toHaveLength(4);
    const refused = taps.filter((t) => statusOf(t) === 409).map((t) => dataOf(t));
    expect(refused).toHaveLength(12);
    expect(refused.every((r) => r.problem === "noDotsLeft" && r.remaining === 0)).toBe(true);
    const [{ n }] = await db("workshop_votes").count<{ n: number | string }[]>("* as n");
    expect(Number(n)).toBe(4);

    // Another phone has its own budget; after closing, votes are refused with the dots left shown.
    const other = await post(workshop.code, fields);
    expect(statusOf(other)).toBe(200);
    expect(dataOf(other)).toMatchObject({ ok: true, remaining: 3 });
    await settle(() =>
      votingAction({
        request: postForm(
          `/staff/workshops/${workshop.id}/voting`,
          { intent: "close", votingId: String(page.voting.id) },
          { cookie },
        ),
        params: { id: String(workshop.id) },
        ...ctx,
      }),
    );
    const closed = await post(workshop.code, fields, device);
    expect(statusOf(closed)).toBe(409);
    expect(dataOf(closed)).toMatchObject({ problem: "closed" });
  });
});

describe("board", () => {
  it("needs the facilitator's login or the board key, and shows notes as text without hidden ones", async () => {
    const { workshop, cookie } = await setup("kritik");
    await post(workshop.code, { intent: "note", phase: "kritik", text: "<img src=x onerror=alert(1)>" });
    await post(workshop.code, { intent: "note", phase: "kritik", text: "Dold lapp" });
    const notes = await listNotes({ workshopId: workshop.id });
    await settle(() =>
      controlAction({
        request: postForm(
          `/staff/workshops/${workshop.id}`,
          { intent: "save-note", noteId: String(notes[1].id), text: "Dold lapp", themeId: "", hidden: "on" },
          { cookie },
        ),
        params: { id: String(workshop.id) },
        ...ctx,
      }),
    );
    const anonymous = await loadRoute(boardLoader, `/w/${workshop.code}/board`, { params: { code: workshop.code } });
    expect(statusOf(anonymous)).toBe(302);
    const wrong = await loadRoute(boardLoader, `/w/${workshop.code}/board?key=nope`, {
      params: { code: workshop.code },
    });
    expect(statusOf(wrong)).toBe(403);
    const withKey = await loadRoute(boardLoader, `/w/${workshop.code}/board?key=${workshop.boardKey}`, {
      params: { code: workshop.code },
    });
    expect(statusOf(withKey)).toBe(200);
    const live = (await liveLoader({
      request: get(`/w/${workshop.code}/live?board=1`, { cookie }),
      params: { code: workshop.code },
      ...ctx,
    })) as Response;
    expect(live.headers.get("Cache-Control")).toBe("no-store");
    const snapshot = await live.json();
    expect(snapshot.groups.flatMap((g: { notes: { text: string }[] }) => g.notes.map((n) => n.text))).toEqual([
      "<img src=x onerror=alert(1)>",
    ]);
    const publicLive = (await liveLoader({
      request: get(`/w/${workshop.code}/live?board=1&key=bad`),
      params: { code: workshop.code },
      ...ctx,
    })) as unknown;
    // A real Response with a real status: Remix drops the status of data() returned from a resource route.
    expect(publicLive).toBeInstanceOf(Response);
    expect((publicLive as Response).status).toBe(403);
    const phones = (await liveLoader({
      request: get(`/w/${workshop.code}/live`),
      params: { code: workshop.code },
      ...ctx,
    })) as Response;
    expect(await phones.json()).toEqual({ phase: "kritik", votingId: null });
  });
});

describe("staff pages", () => {
  it("let a facilitator create a session with an easy code, and refuse a case manager", async () => {
    const { programs, cookie, workshop } = await setup();
    const cm = await makeStaff({ role: "case_manager", programIds: [programs[0].id] });
    const cmCookie = await sessionCookie(cm);
    expect(statusOf(await loadRoute(listLoader, "/staff/workshops", { cookie: cmCookie }))).toBe(403);
    const bad = await settle(() =>
      newAction({
        request: postForm(
          "/staff/workshops/new",
          { title: "", heldOn: "2025-13-40", place: "", programId: "" },
          { cookie },
        ),
        params: {},
        ...ctx,
      }),
    );
    expect(statusOf(bad)).toBe(422);
    expect(dataOf<{ errors: Record<string, string> }>(bad).errors).toMatchObject({
      title: "errTitle",
      heldOn: "errDate",
    });
    const created = await settle(() =>
      newAction({
        request: postForm(
          "/staff/workshops/new",
          {
            title: "Uppföljning",
            heldOn: "2025-09-01",
            place: "Mallis",
            programId: String(programs[0].id),
            followsIds: String(workshop.id),
          },
          { cookie },
        ),
        params: {},
        ...ctx,
      }),
    );
    expect(statusOf(created)).toBe(302);
    const id = Number(locationOf(created)!.split("/").pop());
    const saved = await getWorkshop({ id });
    expect(saved).toMatchObject({ title: "Uppföljning", phase: "forberedelse", followsIds: [workshop.id] });
    expect(saved!.code).toMatch(/^[A-HJ-NP-Z2-9]{5}$/);
    expect((await findWorkshopByCode({ code: saved!.code.toLowerCase() }))?.id).toBe(id);
    expect((await listAudit({ action: "workshop.create" })).entries).toHaveLength(1);
  });

  it("sends a note to the quote bank only with consent, once", async () => {
    const { workshop, cookie, facilitator } = await setup("kritik");
    await post(workshop.code, { intent: "note", phase: "kritik", text: "Här kan man göra saker." });
    const [note] = await listNotes({ workshopId: workshop.id });
    const send = (fields: Record<string, string>) =>
      settle(() =>
        controlAction({
          request: postForm(`/staff/workshops/${workshop.id}`, fields, { cookie }),
          params: { id: String(workshop.id) },
          ...ctx,
        }),
      );
    expect(statusOf(await send({ intent: "quote-note", noteId: String(note.id) }))).toBe(422);
    expect(Number((await db("feedback").count("* as n"))[0].n)).toBe(0);
    expect(statusOf(await send({ intent: "quote-note", noteId: String(note.id), consent: "on" }))).toBe(200);
    expect(statusOf(await send({ intent: "quote-note", noteId: String(note.id), consent: "on" }))).toBe(200);
    const rows = await db("feedback").select("*");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      source: "workshop",
      source_ref: `workshop-note:${note.id}`,
      text: "Här kan man göra saker.",
      consent_note: "Muntligt samtycke vid framtidsverkstad 2025-05-20",
      created_by: facilitator.id,
    });
    expect(Boolean(rows[0].consent_to_quote)).toBe(true);
    const ref = "4b0c4b8e-6b0f-4a53-9d7e-0a7c2b9e8f11";
    await send({ intent: "quote-said", text: "Man ska inte ge upp på oss.", consent: "on", ref });
    await send({ intent: "quote-said", text: "Man ska inte ge upp på oss.", consent: "on", ref });
    expect(
      await db("feedback")
        .where({ source_ref: `workshop-said:${workshop.id}:${ref}` })
        .select("id"),
    ).toHaveLength(1);
  });

  it("keeps every status change with who, when and a comment, needs a reason for 'ej genomförbar', and /forslag shows the newest first without names", async () => {
    const { workshop, cookie, facilitator } = await setup("forverkligande");
    const act = (fields: Record<string, string>) =>
      settle(() =>
        proposalsAction({
          request: postForm(`/staff/workshops/${workshop.id}/proposals`, fields, { cookie }),
          params: { id: String(workshop.id) },
          ...ctx,
        }),
      );
    const a = dataOf<{ proposalId: number }>(
      await act({
        intent: "create",
        title: "Filmkväll",
        what: "Film varje torsdag",
        who: "Anna Andersson",
        dueOn: "2025-06-30",
        source: "",
      }),
    ).proposalId;
    const b = dataOf<{ proposalId: number }>(
      await act({ intent: "create", title: "Gratis SL-kort", what: "Till alla", who: "", dueOn: "", source: "" }),
    ).proposalId;
    expect(statusOf(await act({ intent: "create", title: "", what: "", who: "", dueOn: "30/6" }))).toBe(422);
    const noReason = await act({ intent: "status", proposalId: String(b), status: "ej_genomforbar", comment: "  " });
    expect(statusOf(noReason)).toBe(422);
    expect(dataOf(noReason)).toMatchObject({ error: "errReason" });
    expect(
      statusOf(
        await act({ intent: "status", proposalId: String(a), status: "planerad", comment: "Vi börjar i juni." }),
      ),
    ).toBe(200);
    // /forslag lists the newest change first; a change in the same millisecond falls back to the later proposal
    // first, so no pause is needed between the two changes.
    expect(
      statusOf(
        await act({
          intent: "status",
          proposalId: String(b),
          status: "ej_genomforbar",
          comment: "Det finns inga pengar till det.",
        }),
      ),
    ).toBe(200);
    const history = await proposalHistory({ id: b });
    expect(history.map((h) => [h.status, h.comment, h.changedBy])).toEqual([
      ["foreslagen", "", facilitator.id],
      ["ej_genomforbar", "Det finns inga pengar till det.", facilitator.id],
    ]);
    expect(history[1].changedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const page = dataOf<{ proposals: Record<string, unknown>[] }>(await loadRoute(forslagLoader, "/forslag"));
    expect(page.proposals.map((p) => [p.title, p.status, p.comment])).toEqual([
      ["Gratis SL-kort", "ej_genomforbar", "Det finns inga pengar till det."],
      ["Filmkväll", "planerad", "Vi börjar i juni."],
    ]);
    expect(JSON.stringify(page)).not.toContain("Anna Andersson");

    const docx = (await docxLoader({
      request: get(`/staff/workshops/${workshop.id}/protocol.docx`, { cookie }),
      params: { id: String(workshop.id) },
      ...ctx,
    })) as Response;
    expect(docx.headers.get("Content-Type")).toContain("wordprocessingml");
    const xml = readZipEntry(Buffer.from(await docx.arrayBuffer()), "word/document.xml");
    expect(xml).toContain("Filmkväll");
    expect(xml).toContain("Gratis SL-kort");
    expect(xml).toContain("Handlingsplan");
    expect((await listAudit({ action: "workshop.protocol_export" })).entries).toHaveLength(1);
  });

  it("lists the proposals of the sessions a follow-up session follows", async () => {
    const { workshop, cookie, programs, facilitator } = await setup("forverkligande");
    await settle(() =>
      proposalsAction({
        request: postForm(
          `/staff/workshops/${workshop.id}/proposals`,
          { intent: "create", title: "Soffor", what: "Hemtrevligt", who: "", dueOn: "" },
          { cookie },
        ),
        params: { id: String(workshop.id) },
        ...ctx,
      }),
    );
    const followUp = await createWorkshop({
      title: "Uppföljning",
      heldOn: "2025-10-01",
      place: "Mallis",
      programId: programs[0].id,
      followsIds: [workshop.id],
      facilitatorId: facilitator.id,
    });
    const data = dataOf<{ earlier: { title: string; id: number }[] }>(
      await loadRoute(proposalsLoader, `/staff/workshops/${followUp.id}/proposals`, {
        cookie,
        params: { id: String(followUp.id) },
      }),
    );
    expect(data.earlier.map((p) => p.title)).toEqual(["Soffor"]);
    const update = await settle(() =>
      proposalsAction({
        request: postForm(
          `/staff/workshops/${followUp.id}/proposals`,
          { intent: "status", proposalId: String(data.earlier[0].id), status: "genomford", comment: "Klart!" },
          { cookie },
        ),
        params: { id: String(followUp.id) },
        ...ctx,
      }),
    );
    expect(statusOf(update)).toBe(200);
  });
});

describe("demo data", () => {
  it("has FRAMTID in the fantasy phase following an earlier closed session with votes and proposals in several statuses", async () => {
    await seedDemo();
    const framtid = await findWorkshopByCode({ code: "FRAMTID" });
    expect(framtid?.phase).toBe("fantasi");
    expect(framtid!.followsIds.length).toBeGreaterThanOrEqual(1);
    const earlier = await getWorkshop({ id: framtid!.followsIds[0] });
    expect(earlier?.phase).toBe("avslutad");
    const statuses = (await db("proposals").where({ workshop_id: earlier!.id }).distinct("status")).map(
      (r: { status: string }) => r.status,
    );
    expect(statuses.length).toBeGreaterThanOrEqual(4);
    expect(statuses).toContain("ej_genomforbar");
    const [{ n }] = await db("workshop_votes").count<{ n: number | string }[]>("* as n");
    expect(Number(n)).toBeGreaterThan(20);
    const page = await loadRoute(participantLoader, "/w/FRAMTID", { params: { code: "FRAMTID" } });
    expect(statusOf(page)).toBe(200);
  });
});

describe("editing a workshop whose programme was archived", () => {
  it("keeps the programme in the picker and on the workshop when the form is saved unchanged", async () => {
    const { programs, workshop, cookie } = await setup();
    await db("programs").where({ id: programs[0].id }).update({ archived_at: new Date().toISOString() });
    const params = { id: String(workshop.id) };

    const page = dataOf<{ programs: { id: number }[] }>(
      await settle(() =>
        editLoader({ request: get(`/staff/workshops/${workshop.id}/edit`, { cookie }), params, ...ctx }),
      ),
    );
    expect(page.programs.map((p) => p.id)).toContain(programs[0].id);

    const saved = await settle(() =>
      editAction({
        request: postForm(
          `/staff/workshops/${workshop.id}/edit`,
          { title: "Verkstad", heldOn: "2025-05-20", place: "Mallis", programId: String(programs[0].id) },
          { cookie },
        ),
        params,
        ...ctx,
      }),
    );
    expect(statusOf(saved)).toBe(302);
    expect((await getWorkshop({ id: workshop.id }))?.programId).toBe(programs[0].id);
  });
});
