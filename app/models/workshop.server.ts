import { randomBytes } from "node:crypto";
import type { Knex } from "knex";
import { db, nowIso } from "~/db.server";
import { audit, type ChangedBy } from "~/models/audit.server";
import type { Scope } from "~/auth/scope";
import { whereInScope } from "~/models/scope.server";
import { normalizeJoinCode, uniqueJoinCode } from "~/surveys/join-code.server";
import type { Phase } from "~/workshops/rules";

export interface Workshop {
  id: number;
  code: string;
  title: string;
  heldOn: string;
  place: string;
  programId: number | null;
  phase: Phase;
  boardKey: string;
  /** New phone notes wait for the facilitator's review before they show. */
  holdNotes: boolean;
  facilitatorId: number | null;
  createdAt: string;
  updatedAt: string;
  followsIds: number[];
}

interface WorkshopRow {
  id: number;
  code: string;
  title: string;
  held_on: string;
  place: string;
  program_id: number | null;
  phase: Phase;
  board_key: string;
  hold_notes?: boolean | number;
  facilitator_id: number | null;
  created_at: string;
  updated_at: string;
}

function toWorkshop(row: WorkshopRow, followsIds: number[]): Workshop {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    heldOn: row.held_on,
    place: row.place,
    programId: row.program_id,
    phase: row.phase,
    boardKey: row.board_key,
    holdNotes: Boolean(row.hold_notes),
    facilitatorId: row.facilitator_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    followsIds,
  };
}

async function withFollows(rows: WorkshopRow[], trx: Knex = db): Promise<Workshop[]> {
  const ids = rows.map((r) => r.id);
  const links: { workshop_id: number; follows_id: number }[] = ids.length
    ? await trx("workshop_followups").whereIn("workshop_id", ids).orderBy("follows_id")
    : [];
  return rows.map((r) =>
    toWorkshop(
      r,
      links.filter((l) => l.workshop_id === r.id).map((l) => l.follows_id),
    ),
  );
}

export interface NewWorkshop {
  title: string;
  heldOn: string;
  place: string;
  programId: number | null;
  followsIds: number[];
  facilitatorId: number | null;
  /** Only the demo data picks its code (FRAMTID); everyone else gets an easy random one. */
  code?: string;
  phase?: Phase;
}

export async function workshopCodeTaken({ code }: { code: string }, trx: Knex = db): Promise<boolean> {
  return Boolean(await trx("workshops").where({ code }).first("id"));
}

export async function createWorkshop(input: NewWorkshop, trx: Knex = db): Promise<Workshop> {
  const code = input.code ?? (await uniqueJoinCode((c) => workshopCodeTaken({ code: c }, trx)));
  const now = nowIso();
  const [{ id }] = await trx("workshops")
    .insert({
      code,
      title: input.title,
      held_on: input.heldOn,
      place: input.place,
      program_id: input.programId,
      phase: input.phase ?? "forberedelse",
      board_key: randomBytes(18).toString("base64url"),
      facilitator_id: input.facilitatorId,
      created_at: now,
      updated_at: now,
    })
    .returning("id");
  const follows = [...new Set(input.followsIds)].filter((f) => f !== id);
  if (follows.length > 0)
    await trx("workshop_followups").insert(follows.map((f) => ({ workshop_id: id, follows_id: f })));
  return (await getWorkshop({ id }, trx))!;
}

export async function getWorkshop({ id }: { id: number }, trx: Knex = db): Promise<Workshop | null> {
  const row: WorkshopRow | undefined = await trx("workshops").where({ id }).first();
  return row ? (await withFollows([row], trx))[0] : null;
}

/** By what a participant typed or scanned: case, spaces and dashes do not matter. */
export async function findWorkshopByCode({ code }: { code: string }): Promise<Workshop | null> {
  const normalized = normalizeJoinCode(code);
  if (normalized === "") return null;
  const row: WorkshopRow | undefined = await db("workshops").where({ code: normalized }).first();
  return row ? (await withFollows([row]))[0] : null;
}

/** Newest first; with `scope`, only the sessions that scope sees (see app/auth/scope.ts). */
export async function listWorkshops({ scope }: { scope?: Scope } = {}): Promise<Workshop[]> {
  const rows: WorkshopRow[] = await whereInScope(db("workshops"), "program_id", scope)
    .select("*")
    .orderBy([
      { column: "held_on", order: "desc" },
      { column: "id", order: "desc" },
    ]);
  return withFollows(rows);
}

export async function updateWorkshopDetails({
  id,
  title,
  heldOn,
  place,
  programId,
  followsIds,
  by,
}: {
  id: number;
  title: string;
  heldOn: string;
  place: string;
  programId: number | null;
  followsIds: number[];
  /** Who changes it: the audit entry is written in the same transaction. */
  by?: ChangedBy;
}): Promise<void> {
  await db.transaction(async (trx) => {
    if (by) await audit({ ...by, action: "workshop.update", entityType: "workshop", entityId: id }, trx);
    await trx("workshops")
      .where({ id })
      .update({ title, held_on: heldOn, place, program_id: programId, updated_at: nowIso() });
    await trx("workshop_followups").where({ workshop_id: id }).delete();
    const follows = [...new Set(followsIds)].filter((f) => f !== id);
    if (follows.length > 0)
      await trx("workshop_followups").insert(follows.map((f) => ({ workshop_id: id, follows_id: f })));
  });
}

export async function setWorkshopPhase({ id, phase }: { id: number; phase: Phase }, trx: Knex = db): Promise<void> {
  await trx("workshops").where({ id }).update({ phase, updated_at: nowIso() });
}

export async function setHoldNotes({ id, hold }: { id: number; hold: boolean }, trx: Knex = db): Promise<void> {
  await trx("workshops").where({ id }).update({ hold_notes: hold, updated_at: nowIso() });
}

/** Sessions listed by ids, in date order (for follow-up lists). */
/** The workshops among `ids` within `scope` (undefined: all), oldest first. */
export async function listWorkshopsByIds({ ids, scope }: { ids: number[]; scope?: Scope }): Promise<Workshop[]> {
  if (ids.length === 0) return [];
  const rows: WorkshopRow[] = await whereInScope(db("workshops"), "program_id", scope)
    .whereIn("id", ids)
    .orderBy("held_on");
  return withFollows(rows);
}
