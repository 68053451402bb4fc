import { beforeEach, describe, expect, it } from "vitest";
import { createWorkshop, setWorkshopPhase } from "~/models/workshop.server";
import { addParticipantNote, createTheme, listNotes, updateNote } from "~/models/workshop-note.server";
import {
  castVote,
  closeVoting,
  openVoting,
  withdrawVote,
  votingResults,
  ballotFor,
} from "~/models/workshop-vote.server";
import { createPaperParticipant, ensureDeviceParticipant } from "~/models/workshop-participant.server";
import { newDeviceToken } from "~/workshops/device.server";
import { db, makePrograms, makeStaff, resetDatabase } from "../support/fixtures";

beforeEach(resetDatabase);

async function session(phase: "forberedelse" | "kritik" | "fantasi" = "kritik") {
  const programs = await makePrograms();
  const facilitator = await makeStaff({ role: "facilitator", programIds: [programs[0].id] });
  const workshop = await createWorkshop({
    title: "Test",
    heldOn: "2025-05-01",
    place: "Mallis",
    programId: programs[0].id,
    followsIds: [],
    facilitatorId: facilitator.id,
    phase,
  });
  return { workshop, facilitator, programs };
}

describe("phase rules for notes", () => {
  it("takes a note in the phase the phone showed, and refuses it once the facilitator has moved on", async () => {
    const { workshop } = await session("kritik");
    const token = newDeviceToken();
    const first = await addParticipantNote({
      workshopId: workshop.id,
      token,
      phase: "kritik",
      text: "För kort öppettid",
    });
    expect(first.ok).toBe(true);
    await setWorkshopPhase({ id: workshop.id, phase: "fantasi" });
    const late = await addParticipantNote({ workshopId: workshop.id, token, phase: "kritik", text: "Sent svar" });
    expect(late).toEqual({ ok: false, problem: "phaseMoved", currentPhase: "fantasi" });
    const notes = await listNotes({ workshopId: workshop.id });
    expect(notes.map((n) => [n.phase, n.text])).toEqual([["kritik", "För kort öppettid"]]);
  });

  it("refuses notes before the start and after the end, and the facilitator can move back", async () => {
    const { workshop } = await session("forberedelse");
    const token = newDeviceToken();
    expect(
      await addParticipantNote({ workshopId: workshop.id, token, phase: "forberedelse", text: "x" }),
    ).toMatchObject({ ok: false, problem: "notWriting" });
    await setWorkshopPhase({ id: workshop.id, phase: "avslutad" });
    expect(await addParticipantNote({ workshopId: workshop.id, token, phase: "avslutad", text: "x" })).toMatchObject({
      ok: false,
      problem: "ended",
    });
    await setWorkshopPhase({ id: workshop.id, phase: "forverkligande" });
    expect(
      await addParticipantNote({
        workshopId: workshop.id,
        token,
        phase: "forverkligande",
        text: "Vi ordnar en filmkväll",
      }),
    ).toMatchObject({ ok: true });
    expect(await listNotes({ workshopId: workshop.id })).toHaveLength(1);
  });

  it("keeps hidden notes, marked, and leaves them out of the board's list", async () => {
    const { workshop } = await session("kritik");
    const result = await addParticipantNote({
      workshopId: workshop.id,
      token: newDeviceToken(),
      phase: "kritik",
      text: "<b>fet</b>",
    });
    if (!result.ok) throw new Error("expected a note");
    await updateNote({ id: result.note.id, workshopId: workshop.id, hidden: true });
    expect(await listNotes({ workshopId: workshop.id, includeHidden: false })).toEqual([]);
    const all = await listNotes({ workshopId: workshop.id });
    expect(all[0]).toMatchObject({ hidden: true, text: "<b>fet</b>" });
  });
});

describe("dot voting", () => {
  async function fantasyVoting(dots = 5) {
    const ctx = await session("fantasi");
    const a = await addParticipantNote({
      workshopId: ctx.workshop.id,
      token: newDeviceToken(),
      phase: "fantasi",
      text: "Öppet på kvällarna",
    });
    const b = await addParticipantNote({
      workshopId: ctx.workshop.id,
      token: newDeviceToken(),
      phase: "fantasi",
      text: "Ett eget kök",
    });
    if (!a.ok || !b.ok) throw new Error("expected notes");
    const voting = await openVoting({
      workshopId: ctx.workshop.id,
      target: "fantasy_notes",
      dots,
      openedBy: ctx.facilitator.id,
    });
    return { ...ctx, voting, noteA: a.note, noteB: b.note };
  }

  it("never over-spends a budget under many concurrent taps", async () => {
    const { workshop, voting, noteA, noteB } = await fantasyVoting(5);
    const participant = await ensureDeviceParticipant({ workshopId: workshop.id, token: newDeviceToken() });
    const taps = Array.from({ length: 25 }, (_, i) =>
      castVote({
        votingId: voting.id,
        participantId: participant.id,
        itemType: "note",
        itemId: i % 2 ? noteA.id : noteB.id,
      }),
    );
    const results = await Promise.all(taps);
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.problem === "noDotsLeft" && r.remaining === 0)).toBe(
      true,
    );
    const [{ n }] = await db("workshop_votes")
      .where({ voting_id: voting.id, participant_id: participant.id })
      .count<{ n: number | string }[]>("* as n");
    expect(Number(n)).toBe(5);
    const ballot = await ballotFor({ voting, participantId: participant.id });
    expect(ballot.remaining).toBe(0);
  });

  it("keeps one budget per device even when several people tap at once", async () => {
    const { workshop, voting, noteA } = await fantasyVoting(3);
    const people = await Promise.all(
      Array.from({ length: 4 }, () => ensureDeviceParticipant({ workshopId: workshop.id, token: newDeviceToken() })),
    );
    const taps = people.flatMap((p) =>
      Array.from({ length: 6 }, () =>
        castVote({ votingId: voting.id, participantId: p.id, itemType: "note", itemId: noteA.id }),
      ),
    );
    await Promise.all(taps);
    const results = await votingResults({ voting });
    expect(results[0]).toMatchObject({ id: noteA.id, dots: 12 });
  });

  it("lets a participant put several dots on one note, take one back, and the facilitator vote for a paper participant", async () => {
    const { workshop, voting, noteA, noteB, facilitator } = await fantasyVoting(2);
    const phone = await ensureDeviceParticipant({ workshopId: workshop.id, token: newDeviceToken() });
    expect(
      await castVote({ votingId: voting.id, participantId: phone.id, itemType: "note", itemId: noteB.id }),
    ).toEqual({ ok: true, remaining: 1 });
    expect(
      await castVote({ votingId: voting.id, participantId: phone.id, itemType: "note", itemId: noteB.id }),
    ).toEqual({ ok: true, remaining: 0 });
    expect(
      await castVote({ votingId: voting.id, participantId: phone.id, itemType: "note", itemId: noteA.id }),
    ).toMatchObject({ ok: false, problem: "noDotsLeft" });
    expect(
      await withdrawVote({ votingId: voting.id, participantId: phone.id, itemType: "note", itemId: noteB.id }),
    ).toEqual({ ok: true, remaining: 1 });
    expect(
      await withdrawVote({ votingId: voting.id, participantId: phone.id, itemType: "note", itemId: noteA.id }),
    ).toMatchObject({ ok: false, problem: "noDotHere" });
    const paper = await createPaperParticipant({ workshopId: workshop.id, nickname: "Utan telefon 1" });
    expect(
      await castVote({
        votingId: voting.id,
        participantId: paper.id,
        itemType: "note",
        itemId: noteA.id,
        castBy: facilitator.id,
      }),
    ).toMatchObject({ ok: true });
    const ranked = await votingResults({ voting });
    expect(ranked.map((r) => [r.id, r.dots])).toEqual([
      [noteA.id, 1],
      [noteB.id, 1],
    ]);
  });

  it("refuses votes after closing and on hidden notes", async () => {
    const { workshop, voting, noteA, noteB } = await fantasyVoting(5);
    const phone = await ensureDeviceParticipant({ workshopId: workshop.id, token: newDeviceToken() });
    await updateNote({ id: noteB.id, workshopId: workshop.id, hidden: true });
    expect(
      await castVote({ votingId: voting.id, participantId: phone.id, itemType: "note", itemId: noteB.id }),
    ).toMatchObject({ ok: false, problem: "unknownItem", remaining: 5 });
    await castVote({ votingId: voting.id, participantId: phone.id, itemType: "note", itemId: noteA.id });
    await closeVoting({ id: voting.id, workshopId: workshop.id });
    expect(
      await castVote({ votingId: voting.id, participantId: phone.id, itemType: "note", itemId: noteA.id }),
    ).toEqual({ ok: false, problem: "closed", remaining: 4 });
    expect(
      await withdrawVote({ votingId: voting.id, participantId: phone.id, itemType: "note", itemId: noteA.id }),
    ).toMatchObject({ ok: false, problem: "closed" });
  });

  it("votes on critique themes", async () => {
    const { workshop, facilitator } = await session("kritik");
    const theme = await createTheme({ workshopId: workshop.id, phase: "kritik", title: "Öppettider" });
    const voting = await openVoting({
      workshopId: workshop.id,
      target: "critique_themes",
      dots: 5,
      openedBy: facilitator.id,
    });
    const phone = await ensureDeviceParticipant({ workshopId: workshop.id, token: newDeviceToken() });
    expect(
      await castVote({ votingId: voting.id, participantId: phone.id, itemType: "theme", itemId: theme.id }),
    ).toMatchObject({ ok: true, remaining: 4 });
    expect(
      await castVote({ votingId: voting.id, participantId: phone.id, itemType: "note", itemId: theme.id }),
    ).toMatchObject({ ok: false, problem: "unknownItem" });
  });
});
