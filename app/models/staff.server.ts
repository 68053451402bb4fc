import type { Knex } from "knex";
import { db, nowIso } from "~/db.server";
import type { Role } from "~/auth/roles";

export interface StaffUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  sessionVersion: number;
  /** A temporary password set by an admin: the next login must choose a new one. */
  mustChangePassword: boolean;
  programIds: number[];
  createdAt: string;
  updatedAt: string;
}

interface StaffRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  disabled: boolean | number;
  session_version: number;
  must_change_password?: boolean | number | null;
  created_at: string;
  updated_at: string;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

async function programIdsFor(staffIds: number[], trx: Knex = db): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  if (staffIds.length === 0) return map;
  const rows: { staff_id: number; program_id: number }[] = await trx("staff_programs")
    .select("staff_id", "program_id")
    .whereIn("staff_id", staffIds)
    .orderBy("program_id");
  for (const row of rows) map.set(row.staff_id, [...(map.get(row.staff_id) ?? []), row.program_id]);
  return map;
}

function toStaff(row: StaffRow, programIds: number[]): StaffUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: Boolean(row.disabled),
    sessionVersion: row.session_version,
    mustChangePassword: Boolean(row.must_change_password),
    programIds,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function getStaffById({ id }: { id: number }): Promise<StaffUser | null> {
  const row: StaffRow | undefined = await db("staff_users").where({ id }).first();
  if (!row) return null;
  return toStaff(row, (await programIdsFor([row.id])).get(row.id) ?? []);
}

/** For the login only: the row with its password hash. */
export async function findStaffCredentials({
  email,
}: {
  email: string;
}): Promise<(StaffUser & { passwordHash: string }) | null> {
  const row: StaffRow | undefined = await db("staff_users")
    .where({ email: normalizeEmail(email) })
    .first();
  if (!row) return null;
  return { ...toStaff(row, []), passwordHash: row.password_hash };
}

export async function listStaff(): Promise<StaffUser[]> {
  const rows: StaffRow[] = await db("staff_users")
    .select("*")
    .orderBy([{ column: "disabled" }, { column: "name" }]);
  const programs = await programIdsFor(rows.map((r) => r.id));
  return rows.map((r) => toStaff(r, programs.get(r.id) ?? []));
}

export async function countStaff(): Promise<number> {
  const [{ n }] = await db("staff_users").count<{ n: number | string }[]>("* as n");
  return Number(n);
}

export async function emailTaken({ email, exceptId }: { email: string; exceptId?: number }): Promise<boolean> {
  const query = db("staff_users").where({ email: normalizeEmail(email) });
  if (exceptId) query.whereNot({ id: exceptId });
  return Boolean(await query.first("id"));
}

export interface NewStaff {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  programIds: number[];
}

export async function createStaff(input: NewStaff, trx: Knex = db): Promise<StaffUser> {
  const now = nowIso();
  const [{ id }] = await trx("staff_users")
    .insert({
      email: normalizeEmail(input.email),
      name: input.name.trim(),
      role: input.role,
      password_hash: input.passwordHash,
      disabled: false,
      session_version: 1,
      created_at: now,
      updated_at: now,
    })
    .returning("id");
  await setPrograms(id, input.programIds, trx);
  const created = await trx("staff_users").where({ id }).first();
  return toStaff(
    created as StaffRow,
    [...input.programIds].sort((a, b) => a - b),
  );
}

export interface StaffChanges {
  name: string;
  email: string;
  role: Role;
  programIds: number[];
  disabled: boolean;
}

/** Inside a transaction already (an audited change), pass it as `trx`. */
export async function updateStaff(
  { id, changes }: { id: number; changes: StaffChanges },
  outer?: Knex.Transaction,
): Promise<void> {
  const run = async (trx: Knex.Transaction) => {
    const current: StaffRow | undefined = await trx("staff_users").where({ id }).first();
    if (!current) throw new Error(`staff ${id} not found`);
    const disabling = changes.disabled && !current.disabled;
    await trx("staff_users")
      .where({ id })
      .update({
        name: changes.name.trim(),
        email: normalizeEmail(changes.email),
        role: changes.role,
        disabled: changes.disabled,
        session_version: disabling ? current.session_version + 1 : current.session_version,
        updated_at: nowIso(),
      });
    await setPrograms(id, changes.programIds, trx);
  };
  await (outer ? run(outer) : db.transaction(run));
}

export async function setStaffPassword(
  { id, passwordHash }: { id: number; passwordHash: string },
  trx: Knex = db,
): Promise<void> {
  await trx("staff_users")
    .where({ id })
    .update({ password_hash: passwordHash, updated_at: nowIso() })
    .increment("session_version", 1);
}

/** Marks a password as temporary (set by an admin): the person must choose their own at the next login. */
export async function requirePasswordChange({ id }: { id: number }, trx: Knex = db): Promise<void> {
  await trx("staff_users").where({ id }).update({ must_change_password: true });
}

/** The person's own new password; their session version stays, so the session they are in goes on. */
export async function setOwnPassword(
  { id, passwordHash }: { id: number; passwordHash: string },
  trx: Knex = db,
): Promise<void> {
  await trx("staff_users")
    .where({ id })
    .update({ password_hash: passwordHash, must_change_password: false, updated_at: nowIso() });
}

/** For a password change: the stored hash of one person. */
export async function passwordHashOf({ id }: { id: number }): Promise<string | null> {
  const row: { password_hash: string } | undefined = await db("staff_users").where({ id }).first("password_hash");
  return row?.password_hash ?? null;
}

async function setPrograms(staffId: number, programIds: number[], trx: Knex): Promise<void> {
  await trx("staff_programs").where({ staff_id: staffId }).delete();
  const unique = [...new Set(programIds)];
  if (unique.length > 0) {
    await trx("staff_programs").insert(unique.map((program_id) => ({ staff_id: staffId, program_id })));
  }
}
