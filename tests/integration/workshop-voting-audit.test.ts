import { beforeEach, describe, expect, it } from "vitest";
import { action as votingAction } from "~/routes/staff.workshops.$id.voting";
import { action as proposalsAction } from "~/routes/staff.workshops.$id.proposals";
import { action as proposalAction } from "~/routes/staff.workshops.proposals.$pid";
import { createProposal } from "~/models/proposal.server";
import { addParticipantNote } from "~/models/workshop-note.server";
import { castVote, closeVoting, getOpenVoting, openVoting, withdrawVote } from "~/models/workshop-vote.server";
import { createPaperParticipant, ensureDeviceParticipant } from "~/models/workshop-participant.server";
import { listAudit } from "~/models/audit.server";
import { newDeviceToken } from "~/workshops/device.server";
import { dataOf, db, postForm, resetDatabase, settle, statusOf } from "../support/fixtures";
import { makeFacilitatedWorkshop } from "../support/workshops";

const ctx = { context: { clientAddress: "198.51.100.7" } };

beforeEach(resetDatabase);

/** A session in the fantasy phase with two notes to vote on, and a facilitator. */
async function session() {
  const { workshop, facilitator, cookie } = await makeFacilitatedWorkshop("fantasi");
  const notes = [];
  for (const text of ["Filmkväll", "Ett eget kök"]) {
    const added = await addParticipantNote({
      workshopId: workshop.id,
      token: newDeviceToken(),
      phase: "fantasi",
      text,
    });
    if (!added.ok) throw new Error("expected a note");
    notes.push(added.note);
  }
  const by = { actor: { id: facilitator.id, email: facilitator.email }, ip: "198.51.100.7" };
  return { workshop, facilitator, notes, by, cookie };
}

/** An open voting with `dots` each, opened by the facilitator, and a paper participant's first dot to place. */
async function paperBallot(
  { workshop, facilitator, notes, by }: Omit<Awaited<ReturnType<typeof session>>, "cookie">,
  dots: number,
) {
  const voting = await openVoting({
    workshopId: workshop.id,
    target: "fantasy_notes",
    dots,
    openedBy: facilitator.id,
    by,
  });
  const paper = await createPaperParticipant({ workshopId: workshop.id, nickname: "Utan telefon 1" });
  const vote = { votingId: voting.id, participantId: paper.id, itemType: "note" as const, itemId: notes[0].id };
  return { voting, paper, vote, votedBy: { ...by, workshopId: workshop.id } };
}

async function auditActions(): Promise<string[]> {
  return (await listAudit({ action: "workshop." })).entries.map((e) => e.action).reverse();
}

async function count(table: string): Promise<number> {
  const [{ n }] = await db(table).count<{ n: number | string }[]>("* as n");
  return Number(n);
}

/** Runs `fn` while `table` is gone, so any write to it fails inside the transaction. */
async function withoutTable<T>(table: string, fn: () => Promise<T>): Promise<unknown> {
  await db.schema.renameTable(table, `${table}_away`);
  try {
    return (await settle(fn)).value;
  } finally {
    await db.schema.renameTable(`${table}_away`, table);
  }
}

describe("voting changes and their audit entries share one transaction", () => {
  it("audits what the facilitator does on the voting page, naming the session", async () => {
    const { workshop, notes, cookie } = await session();
    const post = (fields: Record<string, string>) =>
      settle(() =>
        votingAction({
          request: postForm(`/staff/workshops/${workshop.id}/voting`, fields, { cookie }),
          params: { id: String(workshop.id) },
          ...ctx,
        }),
      );
    expect(statusOf(await post({ intent: "open", target: "fantasy_notes", dots: "2" }))).toBe(200);
    const voting = (await getOpenVoting({ workshopId: workshop.id }))!;
    const paper = await createPaperParticipant({ workshopId: workshop.id, nickname: "Utan telefon 1" });
    const dot = { participantId: String(paper.id), itemType: "note", itemId: String(notes[0].id) };
    expect(dataOf(await post({ intent: "vote", ...dot }))).toMatchObject({ ok: true });
    expect(dataOf(await post({ intent: "unvote", ...dot }))).toMatchObject({ ok: true });
    // Taking back a dot that is not there changes nothing, and nothing is logged.
    expect(statusOf(await post({ intent: "unvote", ...dot }))).toBe(409);
    expect(statusOf(await post({ intent: "close", votingId: String(voting.id) }))).toBe(200);
    // A second close of the same voting changes nothing either.
    expect(statusOf(await post({ intent: "close", votingId: String(voting.id) }))).toBe(200);

    expect(await auditActions()).toEqual([
      "workshop.voting_open",
      "workshop.vote_for",
      "workshop.unvote_for",
      "workshop.voting_close",
    ]);
    const entries = (await listAudit({ action: "workshop." })).entries;
    expect(entries.every((e) => e.entityType === "workshop" && e.entityId === String(workshop.id))).toBe(true);
    expect(entries.every((e) => e.ip === "198.51.100.7")).toBe(true);
    expect(entries.find((e) => e.action === "workshop.vote_for")?.details).toEqual({
      votingId: voting.id,
      participantId: paper.id,
    });
  });

  it("keeps no change when its audit entry cannot be written", async () => {
    const { workshop, facilitator, notes, by } = await session();
    const failedOpen = await withoutTable("audit_log", () =>
      openVoting({ workshopId: workshop.id, target: "fantasy_notes", dots: 3, openedBy: facilitator.id, by }),
    );
    expect(failedOpen).toBeInstanceOf(Error);
    expect(await getOpenVoting({ workshopId: workshop.id })).toBeNull();

    const { voting, paper, vote, votedBy } = await paperBallot({ workshop, facilitator, notes, by }, 3);

    expect(await withoutTable("audit_log", () => castVote({ ...vote, by: votedBy }))).toBeInstanceOf(Error);
    expect(await count("workshop_votes")).toBe(0);
    expect(Number((await db("workshop_ballots").where({ participant_id: paper.id }).first("used"))?.used ?? 0)).toBe(0);

    expect((await castVote({ ...vote, by: votedBy })).ok).toBe(true);
    expect(await withoutTable("audit_log", () => withdrawVote({ ...vote, by: votedBy }))).toBeInstanceOf(Error);
    expect(await count("workshop_votes")).toBe(1);

    expect(
      await withoutTable("audit_log", () => closeVoting({ id: voting.id, workshopId: workshop.id, by })),
    ).toBeInstanceOf(Error);
    expect((await getOpenVoting({ workshopId: workshop.id }))?.id).toBe(voting.id);

    expect(await auditActions()).toEqual(["workshop.voting_open", "workshop.vote_for"]);
  });

  it("writes no audit entry when the change fails or is refused", async () => {
    const { workshop, facilitator, notes, by } = await session();
    const { voting, vote, votedBy } = await paperBallot({ workshop, facilitator, notes, by }, 1);

    expect(await withoutTable("workshop_votes", () => castVote({ ...vote, by: votedBy }))).toBeInstanceOf(Error);
    expect(await auditActions()).toEqual(["workshop.voting_open"]);

    expect((await castVote({ ...vote, by: votedBy })).ok).toBe(true);
    expect(await castVote({ ...vote, itemId: notes[1].id, by: votedBy })).toMatchObject({
      ok: false,
      problem: "noDotsLeft",
    });
    expect(await withdrawVote({ ...vote, itemId: notes[1].id, by: votedBy })).toMatchObject({
      ok: false,
      problem: "noDotHere",
    });
    // A participant's own dot from a phone is not staff's doing: never in the audit log.
    const phone = await ensureDeviceParticipant({ workshopId: workshop.id, token: newDeviceToken() });
    expect((await castVote({ ...vote, participantId: phone.id })).ok).toBe(true);

    expect(
      await withoutTable("workshop_votings", () => closeVoting({ id: voting.id, workshopId: workshop.id, by })),
    ).toBeInstanceOf(Error);
    expect(await auditActions()).toEqual(["workshop.voting_open", "workshop.vote_for"]);
  });
});

describe("a new proposal and its audit entry share one transaction", () => {
  it("audits a proposal made on the page, and stores none when the entry cannot be written", async () => {
    const { workshop, facilitator, by, cookie } = await session();
    const post = (fields: Record<string, string>) =>
      settle(() =>
        proposalsAction({
          request: postForm(`/staff/workshops/${workshop.id}/proposals`, fields, { cookie }),
          params: { id: String(workshop.id) },
          ...ctx,
        }),
      );
    const made = await post({ intent: "create", title: "Filmkväll", what: "Film på torsdagar", who: "", dueOn: "" });
    const id = dataOf<{ proposalId: number }>(made).proposalId;
    const entries = (await listAudit({ action: "proposal." })).entries;
    expect(entries.map((e) => [e.action, e.entityId, e.details])).toEqual([
      ["proposal.create", String(id), { workshopId: workshop.id }],
    ]);

    const refused = await post({ intent: "create", title: "", what: "Något", who: "", dueOn: "30/6", source: "" });
    expect(statusOf(refused)).toBe(422);
    expect(dataOf(refused)).toMatchObject({
      errors: { title: "errProposalTitle", dueOn: "errProposalDue" },
      values: { what: "Något", dueOn: "30/6" },
    });

    const failed = await withoutTable("audit_log", () =>
      createProposal({
        workshopId: workshop.id,
        title: "Soffor",
        what: "Hemtrevligt",
        who: "",
        dueOn: null,
        createdBy: facilitator.id,
        by,
      }),
    );
    expect(failed).toBeInstanceOf(Error);
    expect(await count("proposals")).toBe(1);
    expect(await count("proposal_status_changes")).toBe(1);
    expect((await listAudit({ action: "proposal." })).total).toBe(1);
  });

  it("sends back what was typed into a refused edit, with the field's error key", async () => {
    const { workshop, facilitator, cookie } = await session();
    const id = await createProposal({
      workshopId: workshop.id,
      title: "Filmkväll",
      what: "Film",
      who: "",
      dueOn: null,
      createdBy: facilitator.id,
    });
    const edit = (fields: Record<string, string>) =>
      settle(() =>
        proposalAction({
          request: postForm(`/staff/workshops/proposals/${id}`, { intent: "edit", ...fields }, { cookie }),
          params: { pid: String(id) },
          ...ctx,
        }),
      );
    const refused = await edit({ title: "Filmkväll varje vecka", what: " ", who: "Mallis", dueOn: "" });
    expect(statusOf(refused)).toBe(422);
    expect(dataOf(refused)).toMatchObject({
      errors: { what: "errProposalWhat" },
      values: { title: "Filmkväll varje vecka", who: "Mallis" },
    });
    expect(statusOf(await edit({ title: "Filmkväll varje vecka", what: "Film", who: "", dueOn: "2026-01-31" }))).toBe(
      200,
    );
    expect((await listAudit({ action: "proposal.update" })).total).toBe(1);
  });
});
