import { createHash, randomBytes } from "node:crypto";
import type { Knex } from "knex";
import { db, nowIso } from "~/db.server";

export type SessionEndReason = "logout" | "ended-by-admin" | "password-changed" | "expired";

export interface StaffSession {
  id: number;
  staffId: number;
  sessionVersion: number;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

interface SessionRow {
  id: number;
  token_hash: string;
  staff_id: number;
  session_version: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ended_at: string | null;
  ended_reason: string | null;
  ip: string | null;
  user_agent: string | null;
}

/** "Last seen" is written at most this often, so an ordinary page view costs a read, not a write. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function toSession(row: SessionRow): StaffSession {
  return {
    id: row.id,
    staffId: row.staff_id,
    sessionVersion: row.session_version,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    ip: row.ip,
    userAgent: row.user_agent,
  };
}

/** Starts a session; the returned token goes into the cookie and is never stored as such. */
export async function createStaffSession({
  staffId,
  sessionVersion,
  maxAgeSeconds,
  ip,
  userAgent,
  now = Date.now(),
}: {
  staffId: number;
  sessionVersion: number;
  maxAgeSeconds: number;
  ip?: string;
  userAgent?: string | null;
  now?: number;
}): Promise<{ token: string; session: StaffSession }> {
  const token = randomBytes(32).toString("base64url");
  const at = new Date(now).toISOString();
  const [{ id }] = await db("staff_sessions")
    .insert({
      token_hash: hashSessionToken(token),
      staff_id: staffId,
      session_version: sessionVersion,
      created_at: at,
      last_seen_at: at,
      expires_at: new Date(now + maxAgeSeconds * 1000).toISOString(),
      ip: ip?.slice(0, 64) ?? null,
      user_agent: userAgent?.slice(0, 200) ?? null,
    })
    .returning("id");
  const row: SessionRow = await db("staff_sessions").where({ id }).first();
  return { token, session: toSession(row) };
}

/** The open, unexpired session a token belongs to, or null; refreshes "last seen" now and then. */
export async function findOpenSession({
  token,
  now = Date.now(),
}: {
  token: string;
  now?: number;
}): Promise<StaffSession | null> {
  const row: SessionRow | undefined = await db("staff_sessions")
    .where({ token_hash: hashSessionToken(token) })
    .whereNull("ended_at")
    .first();
  if (!row) return null;
  const at = new Date(now).toISOString();
  if (row.expires_at <= at) {
    await db("staff_sessions")
      .where({ id: row.id })
      .whereNull("ended_at")
      .update({ ended_at: at, ended_reason: "expired" });
    return null;
  }
  if (now - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
    await db("staff_sessions").where({ id: row.id }).update({ last_seen_at: at });
    row.last_seen_at = at;
  }
  return toSession(row);
}

export async function endSessionByToken({ token, reason }: { token: string; reason: SessionEndReason }): Promise<void> {
  await db("staff_sessions")
    .where({ token_hash: hashSessionToken(token) })
    .whereNull("ended_at")
    .update({ ended_at: nowIso(), ended_reason: reason });
}

/** Ends one session of a person; false if there was no such open session. */
export async function endStaffSession(
  {
    staffId,
    sessionId,
    reason,
  }: {
    staffId: number;
    sessionId: number;
    reason: SessionEndReason;
  },
  trx: Knex = db,
): Promise<boolean> {
  const n = await trx("staff_sessions")
    .where({ id: sessionId, staff_id: staffId })
    .whereNull("ended_at")
    .update({ ended_at: nowIso(), ended_reason: reason });
  return n > 0;
}

/** Ends every open session of a person, except `exceptSessionId` if given; returns how many ended. */
export async function endAllStaffSessions(
  {
    staffId,
    reason,
    exceptSessionId,
  }: {
    staffId: number;
    reason: SessionEndReason;
    exceptSessionId?: number;
  },
  trx: Knex = db,
): Promise<number> {
  const query = trx("staff_sessions").where({ staff_id: staffId }).whereNull("ended_at");
  if (exceptSessionId !== undefined) query.whereNot({ id: exceptSessionId });
  return query.update({ ended_at: nowIso(), ended_reason: reason });
}

/** A person's sessions that are still open and unexpired, newest first. */
export async function listOpenSessions({
  staffId,
  now = Date.now(),
}: {
  staffId: number;
  now?: number;
}): Promise<StaffSession[]> {
  const rows: SessionRow[] = await db("staff_sessions")
    .where({ staff_id: staffId })
    .whereNull("ended_at")
    .where("expires_at", ">", new Date(now).toISOString())
    .orderBy("created_at", "desc");
  return rows.map(toSession);
}

/** Ended and expired sessions are of no use after a while. */
export async function pruneStaffSessions({ before }: { before: string }): Promise<void> {
  await db("staff_sessions").where("expires_at", "<", before).delete();
}
