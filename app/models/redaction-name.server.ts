import { db, nowIso } from "~/db.server";
import { audit } from "~/models/audit.server";

export interface RedactionName {
  id: number;
  name: string;
  createdAt: string;
}

/**
 * The names staff want masked. They are participants' real names, so a staff member lists (and may remove) only
 * those added by someone who shares one of their programmes; `programIds` undefined (admins) lists all.
 * Masking itself always uses every name.
 */
export async function listRedactionNames({ programIds }: { programIds?: number[] } = {}): Promise<{
  names: RedactionName[];
  total: number;
}> {
  const query = db("redaction_names as n").select("n.id", "n.name", "n.created_at").orderBy("n.name");
  if (programIds) query.whereExists(sharesProgram(programIds));
  const rows: { id: number; name: string; created_at: string }[] = await query;
  const [{ n }] = await db("redaction_names").count<{ n: number | string }[]>("* as n");
  return { names: rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at })), total: Number(n) };
}

function sharesProgram(programIds: number[]) {
  return db("staff_programs as sp")
    .select(db.raw("1"))
    .whereRaw("sp.staff_id = n.created_by")
    .whereIn("sp.program_id", programIds.length > 0 ? programIds : [-1]);
}

/** Compared as people read them: "Åsa" and "åsa" are the same name (SQLite's lower() folds only ASCII). */
const nameKey = (name: string) => name.normalize("NFC").toLocaleLowerCase("sv-SE");

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
    const all: { name: string }[] = await trx("redaction_names").select("name");
    if (all.some((r) => nameKey(r.name) === nameKey(name)))
      return { ok: false as const, problem: "duplicate" as const };
    const [{ id }] = await trx("redaction_names")
      .insert({ name, created_by: actor.id, created_at: nowIso() })
      .returning("id");
    // The name itself stays out of the log: the log is wider read than the list.
    await audit({ actor, action: "redaction_name.add", entityType: "redaction_name", entityId: id, ip }, trx);
    return { ok: true as const, id };
  });
}

export async function removeRedactionName({
  id,
  actor,
  ip,
  programIds,
}: {
  id: number;
  actor: { id: number; email: string };
  ip: string;
  programIds?: number[];
}): Promise<boolean> {
  return db.transaction(async (trx) => {
    const query = trx("redaction_names as n").where("n.id", id);
    if (programIds) query.whereExists(sharesProgram(programIds));
    const visible = await query.first("n.id");
    if (!visible) return false;
    const removed = await trx("redaction_names").where({ id }).delete();
    if (removed === 0) return false;
    await audit({ actor, action: "redaction_name.remove", entityType: "redaction_name", entityId: id, ip }, trx);
    return true;
  });
}
