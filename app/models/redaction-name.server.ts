import { db, nowIso } from "~/db.server";
import { audit } from "~/models/audit.server";

export interface RedactionName {
  id: number;
  name: string;
  createdAt: string;
}

/** The names staff want masked in free text wherever it is shown redacted. */
export async function listRedactionNames(): Promise<RedactionName[]> {
  const rows: { id: number; name: string; created_at: string }[] = await db("redaction_names").select("id", "name", "created_at").orderBy("name");
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at }));
}

/** Just the names, for `redact(text, { names })`. */
export async function redactionNames(): Promise<string[]> {
  const rows: { name: string }[] = await db("redaction_names").select("name");
  return rows.map((r) => r.name);
}

export async function addRedactionName({
  name,
  actor,
  ip,
}: {
  name: string;
  actor: { id: number; email: string };
  ip: string;
}): Promise<{ ok: true; id: number } | { ok: false; problem: "duplicate" }> {
  return db.transaction(async (trx) => {
    const existing = await trx("redaction_names").whereRaw("lower(name) = ?", [name.toLowerCase()]).first("id");
    if (existing) return { ok: false as const, problem: "duplicate" as const };
    const [{ id }] = await trx("redaction_names").insert({ name, created_by: actor.id, created_at: nowIso() }).returning("id");
    // The name itself stays out of the log: the log is wider read than the list.
    await audit({ actor, action: "redaction_name.add", entityType: "redaction_name", entityId: id, ip }, trx);
    return { ok: true as const, id };
  });
}

export async function removeRedactionName({ id, actor, ip }: { id: number; actor: { id: number; email: string }; ip: string }): Promise<boolean> {
  return db.transaction(async (trx) => {
    const removed = await trx("redaction_names").where({ id }).delete();
    if (removed === 0) return false;
    await audit({ actor, action: "redaction_name.remove", entityType: "redaction_name", entityId: id, ip }, trx);
    return true;
  });
}
