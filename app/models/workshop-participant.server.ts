import { createHash } from "node:crypto";
import type { Knex } from "knex";
import { db, nowIso } from "~/db.server";

export interface WorkshopParticipant {
  id: number;
  workshopId: number;
  kind: "device" | "paper";
  nickname: string | null;
}

interface ParticipantRow {
  id: number;
  workshop_id: number;
  kind: "device" | "paper";
  nickname: string | null;
}

const toParticipant = (r: ParticipantRow): WorkshopParticipant => ({
  id: r.id,
  workshopId: r.workshop_id,
  kind: r.kind,
  nickname: r.nickname,
});

/** Only a hash of the device token is stored, so a copy of the database cannot be used to act as a phone. */
export function hashDeviceToken(token: string): string {
  return createHash("sha256").update(`workshop-device:v1:${token}`).digest("hex");
}

export async function findDeviceParticipant({
  workshopId,
  token,
}: {
  workshopId: number;
  token: string;
}): Promise<WorkshopParticipant | null> {
  const row: ParticipantRow | undefined = await db("workshop_participants")
    .where({ workshop_id: workshopId, token_hash: hashDeviceToken(token) })
    .first();
  return row ? toParticipant(row) : null;
}

/** The participant behind this phone in this session, made on first use; safe when two taps race. */
export async function ensureDeviceParticipant(
  { workshopId, token }: { workshopId: number; token: string },
  trx: Knex = db,
): Promise<WorkshopParticipant> {
  const tokenHash = hashDeviceToken(token);
  await trx("workshop_participants")
    .insert({ workshop_id: workshopId, kind: "device", token_hash: tokenHash, created_at: nowIso() })
    .onConflict(["workshop_id", "token_hash"])
    .ignore();
  const row: ParticipantRow = await trx("workshop_participants")
    .where({ workshop_id: workshopId, token_hash: tokenHash })
    .first();
  return toParticipant(row);
}

export async function setNickname({
  participantId,
  nickname,
}: {
  participantId: number;
  nickname: string | null;
}): Promise<void> {
  await db("workshop_participants").where({ id: participantId }).update({ nickname });
}

/** Someone without a phone, whose dots the facilitator places. */
export async function createPaperParticipant({
  workshopId,
  nickname,
}: {
  workshopId: number;
  nickname: string;
}): Promise<WorkshopParticipant> {
  const [{ id }] = await db("workshop_participants")
    .insert({ workshop_id: workshopId, kind: "paper", token_hash: null, nickname, created_at: nowIso() })
    .returning("id");
  return { id, workshopId, kind: "paper", nickname };
}

export async function listPaperParticipants({ workshopId }: { workshopId: number }): Promise<WorkshopParticipant[]> {
  const rows: ParticipantRow[] = await db("workshop_participants")
    .where({ workshop_id: workshopId, kind: "paper" })
    .orderBy("id");
  return rows.map(toParticipant);
}

export async function getParticipant({ id }: { id: number }): Promise<WorkshopParticipant | null> {
  const row: ParticipantRow | undefined = await db("workshop_participants").where({ id }).first();
  return row ? toParticipant(row) : null;
}

export async function countParticipants({ workshopId }: { workshopId: number }): Promise<number> {
  const [{ n }] = await db("workshop_participants")
    .where({ workshop_id: workshopId })
    .count<{ n: number | string }[]>("* as n");
  return Number(n);
}
