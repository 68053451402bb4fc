import { beforeEach, describe, expect, it } from "vitest";
import { loader as boardLoader } from "~/routes/w.$code.board";
import { loader as liveLoader } from "~/routes/w.$code.live";
import { loader as controlLoader } from "~/routes/staff.workshops.$id._index";
import { loader as newLoader, action as newAction } from "~/routes/staff.workshops.new";
import { loader as editLoader } from "~/routes/staff.workshops.$id.edit";
import { action as votingAction } from "~/routes/staff.workshops.$id.voting";
import { loader as protocolLoader } from "~/routes/staff.workshops.$id.protocol";
import { loader as docxLoader } from "~/routes/staff.workshops.$id.protocol[.]docx";
import { loader as proposalLoader } from "~/routes/staff.workshops.proposals.$pid";
import { createWorkshop, getWorkshop } from "~/models/workshop.server";
import { addFacilitatorNote, createTheme, listNotes } from "~/models/workshop-note.server";
import { castVote, closeVoting, getOpenVoting, getVoting, openVoting } from "~/models/workshop-vote.server";
import { createPaperParticipant } from "~/models/workshop-participant.server";
import { createProposal } from "~/models/proposal.server";
import { addRedactionName } from "~/models/redaction-name.server";
import { listAudit } from "~/models/audit.server";
import {
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
  loadRoute,
} from "../support/fixtures";
import { readZipEntry } from "../support/zip";
import type { Phase } from "~/workshops/rules";

const ctx = { context: { clientAddress: "198.51.100.7" } };

beforeEach(resetDatabase);

/** Two sessions in two programmes, and a facilitator for each. */
async function setup(phase: Phase = "fantasi") {
  const programs = await makePrograms();
  const mine = await makeStaff({ role: "facilitator", programIds: [programs[0].id] });
  const theirs = await makeStaff({ role: "facilitator", programIds: [programs[1].id] });
  const own = await createWorkshop({
    title: "Vår verkstad",
    heldOn: "2025-05-20",
    place: "Mallis",
    programId: programs[0].id,
    followsIds: [],
    facilitatorId: mine.id,
    phase,
  });
  const other = await createWorkshop({
    title: "Deras verkstad",
    heldOn: "2025-05-21",
    place: "Mallis",
    programId: programs[1].id,
    followsIds: [],
    facilitatorId: theirs.id,
    phase,
  });
  return { programs, mine, theirs, own, other, cookie: await sessionCookie(mine) };
}

describe("actions stay inside the session in the URL", () => {
  it("answers 404 when a facilitator tries to close another programme's voting through their own session, and leaves it open", async () => {
    const { own, other, theirs, cookie } = await setup();
    const foreign = await openVoting({ workshopId: other.id, target: "fantasy_notes", dots: 3, openedBy: theirs.id });
    const attempt = await settle(() =>
      votingAction({
        request: postForm(
          `/staff/workshops/${own.id}/voting`,
          { intent: "close", votingId: String(foreign.id) },
          { cookie },
        ),
        params: { id: String(own.id) },
        ...ctx,
      }),
    );
    expect(statusOf(attempt)).toBe(404);
    expect((await getVoting({ id: foreign.id }))?.closedAt).toBeNull();
    expect((await getOpenVoting({ workshopId: other.id }))?.id).toBe(foreign.id);
    expect((await listAudit({ action: "workshop.voting_close" })).entries).toHaveLength(0);
  });

  it("closes the session's own voting once, and a second click is harmless", async () => {
    const { own, mine, cookie } = await setup();
    const voting = await openVoting({ workshopId: own.id, target: "fantasy_notes", dots: 3, openedBy: mine.id });
    const close = () =>
      settle(() =>
        votingAction({
          request: postForm(
            `/staff/workshops/${own.id}/voting`,
            { intent: "close", votingId: String(voting.id) },
            { cookie },
          ),
          params: { id: String(own.id) },
          ...ctx,
        }),
      );
    expect(statusOf(await close())).toBe(200);
    expect((await getVoting({ id: voting.id }))?.closedAt).not.toBeNull();
    expect(statusOf(await close())).toBe(200);
    expect((await listAudit({ action: "workshop.voting_close" })).entries).toHaveLength(1);
  });

  it("the model only closes a voting of the session it is given", async () => {
    const { own, other, theirs } = await setup();
    const foreign = await openVoting({ workshopId: other.id, target: "fantasy_notes", dots: 3, openedBy: theirs.id });
    expect(await closeVoting({ id: foreign.id, workshopId: own.id })).toBe(false);
    expect((await getVoting({ id: foreign.id }))?.closedAt).toBeNull();
    expect(await closeVoting({ id: foreign.id, workshopId: other.id })).toBe(true);
  });

  it("answers 404 for malformed ids in the URL", async () => {
    const { cookie } = await setup();
    for (const id of ["abc", "0", "-3", "1.5", ""]) {
      expect(statusOf(await loadRoute(controlLoader, `/staff/workshops/${id}`, { cookie, params: { id } }))).toBe(404);
      expect(
        statusOf(await loadRoute(proposalLoader, `/staff/workshops/proposals/${id}`, { cookie, params: { pid: id } })),
      ).toBe(404);
    }
  });
});

describe("the board follows programme scoping", () => {
  it("refuses staff of another programme (page and live feed) but lets the key and the session's own staff in", async () => {
    const { own, theirs, cookie } = await setup("kritik");
    const theirCookie = await sessionCookie(theirs);
    const foreignPage = await loadRoute(boardLoader, `/w/${own.code}/board`, {
      cookie: theirCookie,
      params: { code: own.code },
    });
    expect(statusOf(foreignPage)).toBe(403);
    const foreignLive = await loadRoute(liveLoader, `/w/${own.code}/live?board=1`, {
      cookie: theirCookie,
      params: { code: own.code },
    });
    expect(statusOf(foreignLive)).toBe(403);

    const withKey = await loadRoute(boardLoader, `/w/${own.code}/board?key=${encodeURIComponent(own.boardKey)}`, {
      params: { code: own.code },
    });
    expect(statusOf(withKey)).toBe(200);
    const ownPage = await loadRoute(boardLoader, `/w/${own.code}/board`, { cookie, params: { code: own.code } });
    expect(statusOf(ownPage)).toBe(200);
    const ownLive = (await liveLoader({
      request: get(`/w/${own.code}/live?board=1`, { cookie }),
      params: { code: own.code },
      ...ctx,
    })) as Response;
    expect(ownLive.status).toBe(200);
    expect((await ownLive.json()).title).toBe("Vår verkstad");
  });

  it("lets an admin with no programmes of their own open any board", async () => {
    const { own } = await setup("kritik");
    const admin = await makeStaff({ role: "admin", programIds: [] });
    const cookie = await sessionCookie(admin);
    const page = await loadRoute(boardLoader, `/w/${own.code}/board`, { cookie, params: { code: own.code } });
    expect(statusOf(page)).toBe(200);
  });
});

describe("admins see every programme's sessions", () => {
  it("opens, lists programmes for and creates sessions in programmes the admin is not a member of", async () => {
    const { programs, own } = await setup();
    const admin = await makeStaff({ role: "admin", programIds: [] });
    const cookie = await sessionCookie(admin);
    expect(
      statusOf(
        await loadRoute(controlLoader, `/staff/workshops/${own.id}`, { cookie, params: { id: String(own.id) } }),
      ),
    ).toBe(200);
    const edit = dataOf<{ programs: { id: number }[] }>(
      await loadRoute(editLoader, `/staff/workshops/${own.id}/edit`, { cookie, params: { id: String(own.id) } }),
    );
    expect(edit.programs.map((p) => p.id)).toEqual(programs.map((p) => p.id));
    const fresh = dataOf<{ programs: { id: number }[] }>(
      await loadRoute(newLoader, "/staff/workshops/new", { cookie }),
    );
    expect(fresh.programs.map((p) => p.id)).toEqual(programs.map((p) => p.id));
    const created = await settle(() =>
      newAction({
        request: postForm(
          "/staff/workshops/new",
          { title: "Adminverkstad", heldOn: "2025-09-01", place: "Mallis", programId: String(programs[1].id) },
          { cookie },
        ),
        params: {},
        ...ctx,
      }),
    );
    expect(statusOf(created)).toBe(302);
    const id = Number(locationOf(created)!.split("/").pop());
    expect((await getWorkshop({ id }))?.programId).toBe(programs[1].id);
  });

  it("still hides another programme's session from a coordinator and offers only their own programmes", async () => {
    const { programs, other } = await setup();
    const coordinator = await makeStaff({ role: "coordinator", programIds: [programs[0].id] });
    const cookie = await sessionCookie(coordinator);
    expect(
      statusOf(
        await loadRoute(controlLoader, `/staff/workshops/${other.id}`, { cookie, params: { id: String(other.id) } }),
      ),
    ).toBe(404);
    const fresh = dataOf<{ programs: { id: number }[] }>(
      await loadRoute(newLoader, "/staff/workshops/new", { cookie }),
    );
    expect(fresh.programs.map((p) => p.id)).toEqual([programs[0].id]);
  });
});

describe("the session protocol is redacted", () => {
  const SECRETS = ["811218-9876", "070-123 45 67", "kalle@example.se", "Kalle"];

  it("masks identity numbers, phone numbers, e-mail addresses and listed names in notes, vote items and the action plan, on the page and in the DOCX", async () => {
    const { own, mine, cookie } = await setup("fantasi");
    await addRedactionName({ name: "Kalle", actor: mine, ip: "198.51.100.7" });
    await createTheme({ workshopId: own.id, phase: "kritik", title: "Kalle vill ha mer tid" });
    await addFacilitatorNote({
      workshopId: own.id,
      phase: "kritik",
      text: "Mitt personnummer är 811218-9876",
      channel: "paper",
      enteredBy: mine.id,
    });
    await addFacilitatorNote({
      workshopId: own.id,
      phase: "fantasi",
      text: "Ring mig på 070-123 45 67",
      channel: "paper",
      enteredBy: mine.id,
    });
    await addFacilitatorNote({
      workshopId: own.id,
      phase: "fantasi",
      text: "Mejla kalle@example.se om filmkväll",
      channel: "paper",
      enteredBy: mine.id,
    });
    const visions = (await listNotes({ workshopId: own.id, phase: "fantasi" })).map((n) => n.id);
    const voting = await openVoting({ workshopId: own.id, target: "fantasy_notes", dots: 3, openedBy: mine.id });
    const paper = await createPaperParticipant({ workshopId: own.id, nickname: "Papper 1" });
    expect(
      (await castVote({ votingId: voting.id, participantId: paper.id, itemType: "note", itemId: visions[0] })).ok,
    ).toBe(true);
    expect(
      (await castVote({ votingId: voting.id, participantId: paper.id, itemType: "note", itemId: visions[1] })).ok,
    ).toBe(true);
    await createProposal({
      workshopId: own.id,
      noteId: visions[0],
      themeId: null,
      title: "Ring mig på 070-123 45 67",
      what: "Kalle ringer",
      who: "",
      dueOn: null,
      createdBy: mine.id,
    });

    const page = dataOf<{ protocol: unknown }>(
      await loadRoute(protocolLoader, `/staff/workshops/${own.id}/protocol`, {
        cookie,
        params: { id: String(own.id) },
      }),
    );
    const json = JSON.stringify(page.protocol);
    for (const secret of SECRETS) expect(json).not.toContain(secret);
    expect(json).toContain("Mitt personnummer är [personnummer]");
    expect(json).toContain("Ring mig på [telefon]");
    expect(json).toContain("Mejla [e-post] om filmkväll");
    expect(json).toContain("[namn] vill ha mer tid");
    const votes = (page.protocol as { votings: { items: { text: string }[] }[] }).votings[0].items
      .map((i) => i.text)
      .sort();
    expect(votes).toEqual(["Mejla [e-post] om filmkväll", "Ring mig på [telefon]"]);

    const docx = (await docxLoader({
      request: get(`/staff/workshops/${own.id}/protocol.docx`, { cookie }),
      params: { id: String(own.id) },
      ...ctx,
    })) as Response;
    const xml = readZipEntry(Buffer.from(await docx.arrayBuffer()), "word/document.xml")!;
    for (const secret of SECRETS) expect(xml).not.toContain(secret);
    expect(xml).toContain("Ring mig på [telefon]");
    expect(xml).toContain("Mejla [e-post] om filmkväll");
  });

  it("keeps the raw text in the staff control page, where the session is run live", async () => {
    const { own, mine, cookie } = await setup("fantasi");
    await addFacilitatorNote({
      workshopId: own.id,
      phase: "fantasi",
      text: "Ring mig på 070-123 45 67",
      channel: "paper",
      enteredBy: mine.id,
    });
    const control = dataOf<{ notes: { text: string }[] }>(
      await loadRoute(controlLoader, `/staff/workshops/${own.id}?fas=fantasi`, {
        cookie,
        params: { id: String(own.id) },
      }),
    );
    expect(control.notes.map((n) => n.text)).toEqual(["Ring mig på 070-123 45 67"]);
  });
});
