import { createHmac } from "node:crypto";
import type { Knex } from "knex";
import { serverSecret } from "~/auth/secret.server";
import { db, isPostgres, nowIso } from "~/db.server";
import { recordFeedback } from "~/models/feedback-intake.server";
import { ensureDeviceParticipant } from "~/models/workshop-participant.server";
import { NOTE_LIMITS, type NoteLimitProblem } from "~/workshops/note-limits";
import { isWritingPhase, type Phase, type WritingPhase } from "~/workshops/rules";

export interface WorkshopNote {
  id: number;
  workshopId: number;
  phase: WritingPhase;
  participantId: number | null;
  nickname: string | null;
  text: string;
  themeId: number | null;
  hidden: boolean;
  /** Waiting for the facilitator's review: shows nowhere public until approved. */
  held: boolean;
  channel: "phone" | "facilitator" | "paper";
  feedbackId: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface WorkshopTheme {
  id: number;
  workshopId: number;
  phase: WritingPhase;
  title: string;
}

interface NoteRow {
  id: number;
  workshop_id: number;
  phase: WritingPhase;
  participant_id: number | null;
  nickname?: string | null;
  text: string;
  theme_id: number | null;
  hidden: boolean | number;
  held?: boolean | number;
  channel: "phone" | "facilitator" | "paper";
  feedback_id: number | null;
  created_at: string;
  updated_at: string;
}

const toNote = (r: NoteRow): WorkshopNote => ({
  id: r.id,
  workshopId: r.workshop_id,
  phase: r.phase,
  participantId: r.participant_id,
  nickname: r.nickname ?? null,
  text: r.text,
  themeId: r.theme_id,
  hidden: Boolean(r.hidden),
  held: Boolean(r.held),
  channel: r.channel,
  feedbackId: r.feedback_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export type ParticipantNoteResult =
  | { ok: true; note: WorkshopNote; participantId: number; held: boolean }
  | { ok: false; problem: "phaseMoved" | "notWriting" | "ended" | NoteLimitProblem; currentPhase: Phase };

/** A keyed hash of the client address: notes per address can be counted without storing the address. */
export function noteAddressKey(address: string): string {
  return createHmac("sha256", serverSecret())
    .update(`workshop-note-address:v1:${address}`)
    .digest("base64url")
    .slice(0, 22);
}

async function countNotes(trx: Knex, where: (q: Knex.QueryBuilder) => void): Promise<number> {
  const query = trx("workshop_notes").count({ n: "*" });
  where(query);
  const row = (await query.first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

/**
 * A note from a phone. `phase` is the phase the person's page showed: if the facilitator has moved on since,
 * the note is refused so it does not land under the wrong question. Checked in the same transaction as the insert.
 */
export async function addParticipantNote({
  workshopId,
  token,
  phase,
  text,
  address = "unknown",
  now = new Date(),
}: {
  workshopId: number;
  token: string;
  phase: string;
  text: string;
  /** The client address as the server saw it (TRUST_PROXY-aware); only a keyed hash of it is stored. */
  address?: string;
  now?: Date;
}): Promise<ParticipantNoteResult> {
  return db.transaction(async (trx) => {
    // Lock the session row on PostgreSQL so concurrent notes are counted one after another (SQLite's write
    // transactions are serial already).
    const workshopQuery = trx("workshops").where({ id: workshopId }).first("phase", "hold_notes");
    if (isPostgres(trx)) workshopQuery.forUpdate();
    const workshop: { phase: Phase; hold_notes: boolean | number } | undefined = await workshopQuery;
    if (!workshop) throw new Error("unknown workshop");
    const currentPhase = workshop.phase;
    if (currentPhase === "avslutad") return { ok: false as const, problem: "ended" as const, currentPhase };
    if (!isWritingPhase(currentPhase)) return { ok: false as const, problem: "notWriting" as const, currentPhase };
    if (phase !== currentPhase) return { ok: false as const, problem: "phaseMoved" as const, currentPhase };
    const addressKey = noteAddressKey(address);
    const sessionCount = await countNotes(trx, (q) => q.where({ workshop_id: workshopId, channel: "phone" }));
    if (sessionCount >= NOTE_LIMITS.perSession)
      return { ok: false as const, problem: "sessionLimit" as const, currentPhase };
    const since = new Date(now.getTime() - NOTE_LIMITS.addressWindowMinutes * 60_000).toISOString();
    const addressCount = await countNotes(trx, (q) =>
      q.where({ workshop_id: workshopId, address_key: addressKey }).andWhere("created_at", ">", since),
    );
    if (addressCount >= NOTE_LIMITS.perAddressInWindow)
      return { ok: false as const, problem: "addressLimit" as const, currentPhase };
    const participant = await ensureDeviceParticipant({ workshopId, token }, trx);
    const deviceCount = await countNotes(trx, (q) =>
      q.where({ workshop_id: workshopId, participant_id: participant.id, phase: currentPhase }),
    );
    if (deviceCount >= NOTE_LIMITS.perDevicePerPhase)
      return { ok: false as const, problem: "deviceLimit" as const, currentPhase };
    const held = Boolean(workshop.hold_notes);
    const note = await insertNote(trx, {
      workshopId,
      phase: currentPhase,
      participantId: participant.id,
      text,
      channel: "phone",
      enteredBy: null,
      held,
      addressKey,
      createdAt: now.toISOString(),
    });
    return { ok: true as const, note, participantId: participant.id, held };
  });
}

/** A note the facilitator types in for someone, or from a paper card; any writing phase. */
export async function addFacilitatorNote(
  {
    workshopId,
    phase,
    text,
    channel,
    enteredBy,
    themeId = null,
  }: {
    workshopId: number;
    phase: WritingPhase;
    text: string;
    channel: "facilitator" | "paper";
    enteredBy: number;
    themeId?: number | null;
  },
  trx: Knex = db,
): Promise<WorkshopNote> {
  return trx.transaction((trx) =>
    insertNote(trx, { workshopId, phase, participantId: null, text, channel, enteredBy, themeId }),
  );
}

async function insertNote(
  trx: Knex,
  input: {
    workshopId: number;
    phase: WritingPhase;
    participantId: number | null;
    text: string;
    channel: WorkshopNote["channel"];
    enteredBy: number | null;
    themeId?: number | null;
    createdAt?: string;
    held?: boolean;
    addressKey?: string | null;
  },
): Promise<WorkshopNote> {
  const now = input.createdAt ?? nowIso();
  const [row] = await trx("workshop_notes")
    .insert({
      workshop_id: input.workshopId,
      phase: input.phase,
      participant_id: input.participantId,
      text: input.text,
      theme_id: input.themeId ?? null,
      hidden: false,
      held: input.held ?? false,
      address_key: input.addressKey ?? null,
      channel: input.channel,
      entered_by: input.enteredBy,
      created_at: now,
      updated_at: now,
    })
    .returning("*");
  return toNote(row as NoteRow);
}

/** For the demo seed: notes with a given time and theme. */
export async function seedNote(input: {
  workshopId: number;
  phase: WritingPhase;
  participantId: number | null;
  text: string;
  themeId: number | null;
  channel: WorkshopNote["channel"];
  createdAt: string;
  hidden?: boolean;
}): Promise<WorkshopNote> {
  const note = await insertNote(db, { ...input, enteredBy: null });
  if (input.hidden) await db("workshop_notes").where({ id: note.id }).update({ hidden: true });
  return note;
}

export async function listNotes({
  workshopId,
  phase,
  includeHidden = true,
}: {
  workshopId: number;
  phase?: WritingPhase;
  includeHidden?: boolean;
}): Promise<WorkshopNote[]> {
  const query = db("workshop_notes as n")
    .leftJoin("workshop_participants as p", "p.id", "n.participant_id")
    .where("n.workshop_id", workshopId)
    .select("n.*", "p.nickname")
    .orderBy("n.id");
  if (phase) query.andWhere("n.phase", phase);
  if (!includeHidden) query.andWhere("n.hidden", false).andWhere("n.held", false);
  const rows: NoteRow[] = await query;
  return rows.map(toNote);
}

export async function listNotesOfParticipant({
  participantId,
  phase,
}: {
  participantId: number;
  phase: WritingPhase;
}): Promise<WorkshopNote[]> {
  const rows: NoteRow[] = await db("workshop_notes").where({ participant_id: participantId, phase }).orderBy("id");
  return rows.map(toNote);
}

export async function getNote({ id }: { id: number }): Promise<WorkshopNote | null> {
  const row: NoteRow | undefined = await db("workshop_notes").where({ id }).first();
  return row ? toNote(row) : null;
}

export async function updateNote(
  {
    id,
    workshopId,
    text,
    themeId,
    hidden,
  }: {
    id: number;
    workshopId: number;
    text?: string;
    themeId?: number | null;
    hidden?: boolean;
  },
  trx: Knex = db,
): Promise<boolean> {
  const patch: Record<string, unknown> = { updated_at: nowIso() };
  if (text !== undefined) patch.text = text;
  if (themeId !== undefined) patch.theme_id = themeId;
  if (hidden !== undefined) patch.hidden = hidden;
  const n = await trx("workshop_notes").where({ id, workshop_id: workshopId }).update(patch);
  return n > 0;
}

/** The facilitator's review of a held note: approve shows it on the board, hide keeps it off (as a hidden note). */
export async function reviewHeldNote(
  {
    id,
    workshopId,
    decision,
  }: {
    id: number;
    workshopId: number;
    decision: "approve" | "hide";
  },
  trx: Knex = db,
): Promise<boolean> {
  const patch: Record<string, unknown> = { held: false, updated_at: nowIso() };
  if (decision === "hide") patch.hidden = true;
  const n = await trx("workshop_notes").where({ id, workshop_id: workshopId, held: true }).update(patch);
  return n > 0;
}

/** Notes waiting for review, oldest first. */
export async function listHeldNotes({ workshopId }: { workshopId: number }): Promise<WorkshopNote[]> {
  const rows: NoteRow[] = await db("workshop_notes as n")
    .leftJoin("workshop_participants as p", "p.id", "n.participant_id")
    .where({ "n.workshop_id": workshopId, "n.held": true })
    .select("n.*", "p.nickname")
    .orderBy("n.id");
  return rows.map(toNote);
}

/** The newest change to any note of a session: lets the board's poll skip work when nothing moved. */
export async function lastNoteChange({ workshopId }: { workshopId: number }): Promise<string | null> {
  const row = (await db("workshop_notes").where({ workshop_id: workshopId }).max("updated_at as at").first()) as
    { at: string | null } | undefined;
  return row?.at ?? null;
}

export async function createTheme(
  {
    workshopId,
    phase,
    title,
  }: {
    workshopId: number;
    phase: WritingPhase;
    title: string;
  },
  trx: Knex = db,
): Promise<WorkshopTheme> {
  const [{ id }] = await trx("workshop_themes")
    .insert({ workshop_id: workshopId, phase, title, created_at: nowIso() })
    .returning("id");
  return { id, workshopId, phase, title };
}

export async function renameTheme(
  {
    id,
    workshopId,
    title,
  }: {
    id: number;
    workshopId: number;
    title: string;
  },
  trx: Knex = db,
): Promise<boolean> {
  return (await trx("workshop_themes").where({ id, workshop_id: workshopId }).update({ title })) > 0;
}

/** Removing a theme keeps its notes; they just lose the grouping. */
export async function deleteTheme(
  { id, workshopId }: { id: number; workshopId: number },
  trx: Knex = db,
): Promise<boolean> {
  return trx.transaction(async (tx) => {
    await tx("workshop_notes")
      .where({ theme_id: id, workshop_id: workshopId })
      .update({ theme_id: null, updated_at: nowIso() });
    return (await tx("workshop_themes").where({ id, workshop_id: workshopId }).delete()) > 0;
  });
}

export async function listThemes({
  workshopId,
  phase,
}: {
  workshopId: number;
  phase?: WritingPhase;
}): Promise<WorkshopTheme[]> {
  const query = db("workshop_themes").where({ workshop_id: workshopId }).orderBy("id");
  if (phase) query.andWhere({ phase });
  const rows: { id: number; workshop_id: number; phase: WritingPhase; title: string }[] = await query;
  return rows.map((r) => ({ id: r.id, workshopId: r.workshop_id, phase: r.phase, title: r.title }));
}

/**
 * Sends a note (or something said, typed in) to the feedback inbox as a possible quote, with the person's
 * recorded verbal consent. Idempotent: the same note twice gives one feedback item.
 */
export async function sendToQuoteBank(
  {
    workshopId,
    programId,
    noteId,
    spokenRef,
    text,
    consentNote,
    createdBy,
  }: {
    workshopId: number;
    programId: number | null;
    noteId?: number;
    /** For something said: a one-off reference from the form, so a double submit stores it once. */
    spokenRef?: string;
    text: string;
    consentNote: string;
    createdBy: number;
  },
  trx: Knex = db,
): Promise<{ feedbackId: number; created: boolean }> {
  return trx.transaction(async (tx) => {
    const sourceRef = noteId ? `workshop-note:${noteId}` : `workshop-said:${workshopId}:${spokenRef}`;
    const { id, created } = await recordFeedback(
      { source: "workshop", sourceRef, programId, text, consentToQuote: true, consentNote, createdBy },
      tx,
    );
    if (noteId) await tx("workshop_notes").where({ id: noteId, workshop_id: workshopId }).update({ feedback_id: id });
    return { feedbackId: id, created };
  });
}
