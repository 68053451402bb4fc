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

/** The one way to write to the audit log. The log is append-only: nothing here updates or deletes. */
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
  };
}
