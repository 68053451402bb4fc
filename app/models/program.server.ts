import type { Knex } from "knex";
import { db, nowIso } from "~/db.server";
import { audited, type ChangedBy } from "./audit.server";

export interface Program {
  id: number;
  slug: string;
  name: string;
  /** Archived: gone from pickers, kept in history (statistics, reports, scopes). */
  archived: boolean;
}

interface ProgramRow {
  id: number;
  slug: string;
  name: string;
  archived_at: string | null;
}

const COLUMNS = ["id", "slug", "name", "archived_at"];

const toProgram = (r: ProgramRow): Program => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  archived: r.archived_at !== null,
});

/**
 * The programmes one may pick for something new: the active ones, and those in `keep` even when archived (the
 * record being edited keeps its own programme). `within`: only these ids (a staff member's own programmes).
 */
export async function listPrograms({
  keep = [],
  within,
}: { keep?: readonly number[]; within?: readonly number[] } = {}): Promise<Program[]> {
  const query = db("programs")
    .select(COLUMNS)
    .where((w) => {
      w.whereNull("archived_at");
      if (keep.length > 0) w.orWhereIn("id", keep);
    })
    .orderBy("id");
  if (within) query.whereIn("id", within.length > 0 ? [...within] : [-1]);
  const rows: ProgramRow[] = await query;
  return rows.map(toProgram);
}

/** Every programme, archived ones included: for history (statistics, reports, names of old records). */
export async function listAllPrograms(): Promise<Program[]> {
  const rows: ProgramRow[] = await db("programs").select(COLUMNS).orderBy("id");
  return rows.map(toProgram);
}

export async function createProgram({ slug, name }: { slug: string; name: string }): Promise<Program> {
  const [row] = await db("programs").insert({ slug, name, created_at: nowIso() }).returning(COLUMNS);
  return toProgram(row as ProgramRow);
}

/** The programmes with these ids, archived ones included unless `activeOnly` (a picker). */
export async function findProgramsByIds({
  ids,
  activeOnly = false,
}: {
  ids: readonly number[];
  activeOnly?: boolean;
}): Promise<Program[]> {
  if (ids.length === 0) return [];
  const q = db("programs").select(COLUMNS).whereIn("id", ids).orderBy("id");
  if (activeOnly) q.whereNull("archived_at");
  return ((await q) as ProgramRow[]).map(toProgram);
}

// ---- The admin page (issue 10, point 15) ----

/**
 * Everything that refers to a programme, by table and column. A programme that any of these name holds data:
 * it may be archived, never deleted. A report's programmes are rows of `report_programs` (decision 0037).
 */
export const PROGRAM_REFERENCES = [
  { key: "activities", table: "activities" },
  { key: "enrolments", table: "enrolments" },
  { key: "campaigns", table: "campaigns" },
  { key: "workshops", table: "workshops" },
  { key: "feedback", table: "feedback" },
  { key: "quotes", table: "quotes" },
  { key: "visitors", table: "visitors" },
  { key: "staff", table: "staff_programs" },
  { key: "reports", table: "report_programs" },
] as const;

export type ProgramUseKey = (typeof PROGRAM_REFERENCES)[number]["key"];
export type ProgramUse = Partial<Record<ProgramUseKey, number>>;

export interface AdminProgram extends Program {
  version: number;
  createdAt: string;
  archivedAt: string | null;
  /** What refers to it, by kind; empty when nothing does (only then may it be deleted). */
  use: ProgramUse;
}

async function usesOf(q: Knex | Knex.Transaction, ids: readonly number[]): Promise<Map<number, ProgramUse>> {
  const uses = new Map<number, ProgramUse>(ids.map((id) => [id, {}]));
  if (ids.length === 0) return uses;
  for (const { key, table } of PROGRAM_REFERENCES) {
    const rows = (await q(table)
      .whereIn("program_id", ids)
      .groupBy("program_id")
      .select("program_id")
      .count("* as n")) as { program_id: number; n: number | string }[];
    for (const r of rows) {
      const use = uses.get(Number(r.program_id));
      if (use && Number(r.n) > 0) use[key] = Number(r.n);
    }
  }
  return uses;
}

interface AdminRow extends ProgramRow {
  version: number | string;
  created_at: string;
}

function toAdmin(r: AdminRow, use: ProgramUse): AdminProgram {
  return {
    ...toProgram(r),
    version: Number(r.version),
    createdAt: r.created_at,
    archivedAt: r.archived_at,
    use,
  };
}

const ADMIN_COLUMNS = [...COLUMNS, "version", "created_at"];

/** Every programme with what refers to it: active ones first, then archived, each by name. */
export async function listProgramsForAdmin(): Promise<AdminProgram[]> {
  const rows: AdminRow[] = await db("programs").select(ADMIN_COLUMNS);
  const uses = await usesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows
    .map((r) => toAdmin(r, uses.get(r.id) ?? {}))
    .sort((a, b) => Number(a.archived) - Number(b.archived) || a.name.localeCompare(b.name, "sv"));
}

export async function findProgramForAdmin({ id }: { id: number }): Promise<AdminProgram | null> {
  const row: AdminRow | undefined = await db("programs").where({ id }).first(ADMIN_COLUMNS);
  if (!row) return null;
  return toAdmin(row, (await usesOf(db, [id])).get(id) ?? {});
}

export const inUse = (use: ProgramUse) => Object.values(use).some((n) => (n ?? 0) > 0);

export type ProgramChange =
  { ok: true; id: number } | { ok: false; problem: "not-found" | "conflict" | "taken" | "in-use" | "unchanged" };

/** A name another programme has (case and spacing aside): two programmes of one name would be told apart by no one. */
async function nameTaken(trx: Knex.Transaction, name: string, exceptId?: number): Promise<boolean> {
  const rows: { id: number; name: string }[] = await trx("programs").select("id", "name");
  const key = nameKey(name);
  return rows.some((r) => r.id !== exceptId && nameKey(r.name) === key);
}

const nameKey = (name: string) => name.normalize("NFC").toLocaleLowerCase("sv").replace(/\s+/g, " ").trim();

/** "Försöks- och träningslägenheter" → "forsoks-och-traningslagenheter": the slug the CLI takes. */
export function slugOf(name: string): string {
  const slug = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 56);
  return slug || "program";
}

async function freeSlug(trx: Knex.Transaction, name: string): Promise<string> {
  const base = slugOf(name);
  const taken = new Set(
    ((await trx("programs").select("slug").where("slug", "like", `${base}%`)) as { slug: string }[]).map((r) => r.slug),
  );
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(slug)) return slug;
  }
}

/** A new, active programme, audited in the same transaction. */
export async function addProgram({ name, actor, ip }: { name: string } & ChangedBy): Promise<ProgramChange> {
  return db.transaction(async (trx) => {
    if (await nameTaken(trx, name)) return { ok: false, problem: "taken" } as const;
    const slug = await freeSlug(trx, name);
    const [row] = await trx("programs").insert({ slug, name, created_at: nowIso() }).returning(["id"]);
    const id = Number((row as { id: number }).id);
    return audited(
      { actor, ip, action: "program.create", entityType: "program", entityId: id, details: { name, slug } },
      async () => ({ ok: true, id }) as const,
      trx,
    );
  });
}

/**
 * One change to a programme seen at `expectedVersion`: refused with "conflict" when someone changed it since,
 * so a stale page never overwrites a newer name or state.
 */
async function changeProgram(
  { id, expectedVersion, actor, ip }: { id: number; expectedVersion: number } & ChangedBy,
  change: (
    trx: Knex.Transaction,
    current: AdminRow,
  ) => Promise<
    { ok: false; problem: "taken" | "in-use" | "unchanged" } | { action: string; details: Record<string, unknown> }
  >,
): Promise<ProgramChange> {
  return db.transaction(async (trx) => {
    const current: AdminRow | undefined = await trx("programs").where({ id }).first(ADMIN_COLUMNS);
    if (!current) return { ok: false, problem: "not-found" } as const;
    if (Number(current.version) !== expectedVersion) return { ok: false, problem: "conflict" } as const;
    const done = await change(trx, current);
    if ("ok" in done) return done;
    return audited(
      { actor, ip, action: done.action, entityType: "program", entityId: id, details: done.details },
      async () => ({ ok: true, id }) as const,
      trx,
    );
  });
}

const bump = (trx: Knex.Transaction, id: number, expectedVersion: number, changes: Record<string, unknown>) =>
  trx("programs")
    .where({ id, version: expectedVersion })
    .update({ ...changes, version: expectedVersion + 1 });

export async function renameProgram(
  input: { id: number; expectedVersion: number; name: string } & ChangedBy,
): Promise<ProgramChange> {
  return changeProgram(input, async (trx, current) => {
    if (current.name === input.name) return { ok: false, problem: "unchanged" };
    if (await nameTaken(trx, input.name, input.id)) return { ok: false, problem: "taken" };
    await bump(trx, input.id, input.expectedVersion, { name: input.name });
    return { action: "program.rename", details: { from: current.name, to: input.name } };
  });
}

/** Archive (gone from pickers, history kept) or bring back. */
export async function setProgramArchived(
  input: { id: number; expectedVersion: number; archived: boolean } & ChangedBy,
): Promise<ProgramChange> {
  return changeProgram(input, async (trx, current) => {
    if ((current.archived_at !== null) === input.archived) return { ok: false, problem: "unchanged" };
    await bump(trx, input.id, input.expectedVersion, { archived_at: input.archived ? nowIso() : null });
    return { action: input.archived ? "program.archive" : "program.restore", details: { name: current.name } };
  });
}

/** Only a programme nothing refers to (one added by mistake); one with data is archived instead. */
export async function deleteProgram(
  input: { id: number; expectedVersion: number } & ChangedBy,
): Promise<ProgramChange> {
  return changeProgram(input, async (trx, current) => {
    const use = (await usesOf(trx, [input.id])).get(input.id) ?? {};
    if (inUse(use)) return { ok: false, problem: "in-use" };
    await trx("programs").where({ id: input.id, version: input.expectedVersion }).delete();
    return { action: "program.delete", details: { name: current.name, slug: current.slug } };
  });
}
