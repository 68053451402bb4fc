import type { Knex } from "knex";
import { db, nowIso } from "~/db.server";
import { addDays } from "~/outcomes/calendar";

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorEmail: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
  /** Repeated refusals collapse into one entry: how many there were, and when the last one was. */
  repeatCount: number;
  lastAt: string | null;
}

export interface AuditInput {
  actor?: { id: number; email: string } | null;
  /** For events without a logged-in actor, such as a failed login. */
  actorEmail?: string;
  action: string;
  entityType?: string;
  entityId?: string | number;
  ip?: string;
  details?: Record<string, unknown>;
}

/** The one way to write an event to the audit log. Nothing edits or deletes an entry; only the count of a collapsed refusal (auditRepeated) grows. */
export async function audit(input: AuditInput, trx = db): Promise<void> {
  await trx("audit_log").insert({
    at: nowIso(),
    actor_id: input.actor?.id ?? null,
    actor_email: (input.actor?.email ?? input.actorEmail ?? null)?.slice(0, 254) ?? null,
    action: input.action,
    entity_type: input.entityType ?? null,
    entity_id: input.entityId === undefined ? null : String(input.entityId),
    ip: input.ip?.slice(0, 64) ?? null,
    details: input.details ? JSON.stringify(input.details) : null,
  });
}

/** Who makes a change, and from where: what a model function needs to audit it. */
export interface ChangedBy {
  actor: { id: number; email: string };
  ip: string;
}

/**
 * A change and its audit entry in one transaction: both are written or neither. The entry may depend on what
 * the change returned (a new id, say); return `null` from it when the change turned out to change nothing.
 * Inside a transaction already, pass it as `trx` and the entry joins it.
 */
export async function audited<T>(
  entry: AuditInput | ((result: T) => AuditInput | null),
  change: (trx: Knex.Transaction) => Promise<T>,
  trx?: Knex.Transaction,
): Promise<T> {
  const run = async (t: Knex.Transaction) => {
    const result = await change(t);
    const input = typeof entry === "function" ? entry(result) : entry;
    if (input) await audit(input, t);
    return result;
  };
  return trx ? run(trx) : db.transaction(run);
}

/** Repeats of one refusal (same action, who, what, address) within this window share one row. */
export const REPEAT_WINDOW_MS = 15 * 60 * 1000;
/** Counts of repeats are written at most this often per row, so a loop costs memory, not database writes. */
const FLUSH_EVERY_MS = 2000;

interface PendingRepeat {
  rowId: number;
  windowEndsAt: number;
  pending: number;
  lastAt: string;
  timer: ReturnType<typeof setTimeout> | null;
}
const repeats = new Map<string, PendingRepeat>();

/**
 * Writes a refusal (blocked login, 403, out-of-scope 404) to the audit log, collapsing repeats: the first one in
 * a window inserts a row, later ones add to its count. A loop of refusals so writes one row, not thousands.
 */
export async function auditRepeated(input: AuditInput, { now = Date.now() }: { now?: number } = {}): Promise<void> {
  const row = {
    actor_id: input.actor?.id ?? null,
    actor_email: (input.actor?.email ?? input.actorEmail ?? null)?.slice(0, 254) ?? null,
    action: input.action,
    entity_type: input.entityType ?? null,
    entity_id: input.entityId === undefined ? null : String(input.entityId).slice(0, 64),
    ip: input.ip?.slice(0, 64) ?? null,
  };
  const key = JSON.stringify(row);
  const at = new Date(now).toISOString();
  const known = repeats.get(key);
  if (known && now < known.windowEndsAt) {
    known.pending += 1;
    known.lastAt = at;
    known.timer ??= setTimeout(() => void flushRepeat(key), FLUSH_EVERY_MS);
    known.timer.unref?.();
    return;
  }
  if (known) await flushRepeat(key);
  // Another process (or an earlier start) may have opened a row for this window already.
  const query = db("audit_log")
    .where({ action: row.action })
    .where("at", ">=", new Date(now - REPEAT_WINDOW_MS).toISOString());
  for (const column of ["actor_id", "actor_email", "entity_type", "entity_id", "ip"] as const) {
    if (row[column] === null) query.whereNull(column);
    else query.where(column, row[column]);
  }
  const open: { id: number; at: string } | undefined = await query.orderBy("id", "desc").first("id", "at");
  if (open) {
    await db("audit_log").where({ id: open.id }).update({ last_at: at }).increment("repeat_count", 1);
    repeats.set(key, {
      rowId: open.id,
      windowEndsAt: Date.parse(open.at) + REPEAT_WINDOW_MS,
      pending: 0,
      lastAt: at,
      timer: null,
    });
    return;
  }
  const [{ id }] = await db("audit_log")
    .insert({ ...row, at, details: input.details ? JSON.stringify(input.details) : null })
    .returning("id");
  repeats.set(key, { rowId: id, windowEndsAt: now + REPEAT_WINDOW_MS, pending: 0, lastAt: at, timer: null });
  if (repeats.size > 10_000) for (const [k, v] of repeats) if (v.windowEndsAt <= now) repeats.delete(k);
}

async function flushRepeat(key: string): Promise<void> {
  const known = repeats.get(key);
  if (!known) return;
  if (known.timer) clearTimeout(known.timer);
  known.timer = null;
  const count = known.pending;
  if (count === 0) return;
  known.pending = 0;
  await db("audit_log").where({ id: known.rowId }).update({ last_at: known.lastAt }).increment("repeat_count", count);
}

/** Writes every pending repeat count; called at shutdown and by tests. */
export async function flushAuditRepeats(): Promise<void> {
  await Promise.all([...repeats.keys()].map(flushRepeat));
}

/** Forgets what this process remembers of open repeat windows (tests that empty the database). */
export function forgetAuditRepeats(): void {
  for (const known of repeats.values()) if (known.timer) clearTimeout(known.timer);
  repeats.clear();
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  entityType?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

interface AuditRow {
  id: number;
  at: string;
  actor_id: number | null;
  actor_email: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  ip: string | null;
  details: string | null;
  repeat_count: number | string | null;
  last_at: string | null;
}

export async function listAudit(filter: AuditFilter): Promise<{ entries: AuditEntry[]; total: number }> {
  const query = db("audit_log");
  if (filter.action) query.where("action", "like", `${filter.action}%`);
  if (filter.actor) query.whereRaw("lower(actor_email) like ?", [`%${filter.actor.toLowerCase()}%`]);
  if (filter.entityType) query.where("entity_type", filter.entityType);
  if (filter.from) query.where("at", ">=", filter.from);
  if (filter.to) query.where("at", "<", addDays(filter.to, 1));
  const [{ n }] = await query.clone().count<{ n: number | string }[]>("* as n");
  const rows: AuditRow[] = await query
    .select("*")
    .orderBy("id", "desc")
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0);
  return { entries: rows.map(toEntry), total: Number(n) };
}

export async function listAuditActions(): Promise<string[]> {
  const rows: { action: string }[] = await db("audit_log").distinct("action").orderBy("action");
  return rows.map((r) => r.action);
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    ip: row.ip,
    details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null,
    repeatCount: Number(row.repeat_count ?? 1),
    lastAt: row.last_at,
  };
}
