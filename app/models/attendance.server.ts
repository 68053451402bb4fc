import type { Knex } from "knex";
import { db, nowIso } from "~/db.server";
import type { Scope } from "~/auth/scope";
import { audit } from "~/models/audit.server";
import { whereInScope } from "~/models/scope.server";
import type { AttendanceInput, GenderCounts } from "~/outcomes/attendance-rules";
import type { ActivityKind } from "~/models/activity.server";

export interface Attendance extends GenderCounts {
  id: number;
  date: string;
  activityId: number | null;
  activityName: string | null;
  /** The activity's programme; null for drop-in visits and activities open to every programme. */
  programId: number | null;
  firstTime: number | null;
  note: string;
  source: string;
  codeCount: number;
  updatedAt: string;
}

interface AttendanceRow {
  id: number;
  date: string;
  activity_id: number | null;
  activity_name?: string | null;
  activity_program_id?: number | null;
  women: number;
  men: number;
  other: number;
  not_stated: number;
  first_time: number | null;
  note: string;
  source: string;
  updated_at: string;
  code_count?: number | string;
}

type Actor = { id: number; email: string };

/** One registration per activity and day; drop-in visits have their own slot. The unique index holds it. */
export function slotOf(activityId: number | null): string {
  return activityId === null ? "drop-in" : `a${activityId}`;
}

function toAttendance(r: AttendanceRow): Attendance {
  return {
    id: r.id,
    date: r.date,
    activityId: r.activity_id,
    activityName: r.activity_name ?? null,
    programId: r.activity_program_id ?? null,
    women: Number(r.women),
    men: Number(r.men),
    other: Number(r.other),
    notStated: Number(r.not_stated),
    firstTime: r.first_time === null ? null : Number(r.first_time),
    note: r.note,
    source: r.source,
    codeCount: Number(r.code_count ?? 0),
    updatedAt: r.updated_at,
  };
}

function baseQuery(knex: Knex = db) {
  return knex("attendance as t")
    .leftJoin("activities as a", "a.id", "t.activity_id")
    .select(
      "t.*",
      "a.name as activity_name",
      "a.program_id as activity_program_id",
      knex("attendance_codes as c").count("*").whereRaw("c.attendance_id = t.id").as("code_count"),
    );
}

export async function getAttendance({ id, scope }: { id: number; scope?: Scope }): Promise<Attendance | null> {
  const row: AttendanceRow | undefined = await whereInScope(
    baseQuery().where("t.id", id),
    "a.program_id",
    scope,
  ).first();
  return row ? toAttendance(row) : null;
}

export async function findAttendance({
  date,
  activityId,
  scope,
}: {
  date: string;
  activityId: number | null;
  scope?: Scope;
}): Promise<Attendance | null> {
  const query = baseQuery().where({ "t.date": date, "t.slot": slotOf(activityId) });
  const row: AttendanceRow | undefined = await whereInScope(query, "a.program_id", scope).first();
  return row ? toAttendance(row) : null;
}

/** A day's registrations; with `scope`, only those of activities that scope sees. */
export async function listAttendanceForDate({ date, scope }: { date: string; scope?: Scope }): Promise<Attendance[]> {
  const rows: AttendanceRow[] = await whereInScope(baseQuery().where("t.date", date), "a.program_id", scope).orderBy(
    "t.id",
  );
  return rows.map(toAttendance);
}

function columns(input: AttendanceInput) {
  return {
    women: input.women,
    men: input.men,
    other: input.other,
    not_stated: input.notStated,
    first_time: input.firstTime,
    note: input.note,
  };
}

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === "23505" || (e?.code === "SQLITE_CONSTRAINT" && /UNIQUE/i.test(e.message ?? ""));
}

export type RegisterResult = { ok: true; id: number } | { ok: false; error: "duplicate"; existingId: number };

/**
 * Registers one activity's (or the drop-in's) attendance on one day. A second registration for the
 * same slot is refused with the first one's id, so the person can correct that instead; the unique
 * index makes this hold under concurrent requests on both databases.
 */
export async function registerAttendance({
  actor,
  ip,
  input,
  codeHmacs = [],
  source = "form",
}: {
  actor: Actor;
  ip: string;
  input: AttendanceInput;
  codeHmacs?: string[];
  source?: "form" | "import" | "demo";
}): Promise<RegisterResult> {
  const slot = slotOf(input.activityId);
  try {
    return await db.transaction(async (trx) => {
      const existing = await trx("attendance").where({ date: input.date, slot }).first("id");
      if (existing) return { ok: false as const, error: "duplicate" as const, existingId: existing.id as number };
      const id = await insertOne(trx, { actor, input, source });
      await insertCodes(trx, id, codeHmacs);
      await audit(
        {
          actor,
          action: "attendance.register",
          entityType: "attendance",
          entityId: id,
          ip,
          details: { date: input.date, activityId: input.activityId, codes: codeHmacs.length },
        },
        trx,
      );
      return { ok: true as const, id };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await findAttendance({ date: input.date, activityId: input.activityId });
    if (!existing) throw error;
    return { ok: false, error: "duplicate", existingId: existing.id };
  }
}

async function insertOne(
  trx: Knex,
  { actor, input, source }: { actor: Actor | null; input: AttendanceInput; source: string },
): Promise<number> {
  const now = nowIso();
  const [row] = await trx("attendance")
    .insert({
      date: input.date,
      activity_id: input.activityId,
      slot: slotOf(input.activityId),
      ...columns(input),
      source,
      created_by: actor?.id ?? null,
      created_at: now,
      updated_by: actor?.id ?? null,
      updated_at: now,
    })
    .returning("id");
  return typeof row === "object" ? (row as { id: number }).id : (row as number);
}

async function insertCodes(trx: Knex, attendanceId: number, codeHmacs: string[]): Promise<void> {
  const unique = [...new Set(codeHmacs)];
  if (unique.length > 0) {
    await trx("attendance_codes").insert(unique.map((code_hmac) => ({ attendance_id: attendanceId, code_hmac })));
  }
}

/**
 * Corrects counts, first-time visitors, note and (when given) participant codes. Date and activity
 * stay: a registration in the wrong slot is corrected to zero and registered again. The audit entry
 * keeps both the old and the new figures.
 */
export async function correctAttendance({
  actor,
  ip,
  id,
  input,
  codeHmacs,
}: {
  actor: Actor;
  ip: string;
  id: number;
  input: AttendanceInput;
  codeHmacs?: string[];
}): Promise<boolean> {
  return db.transaction(async (trx) => {
    const before: AttendanceRow | undefined = await trx("attendance").where({ id }).first();
    if (!before) return false;
    await trx("attendance")
      .where({ id })
      .update({ ...columns(input), updated_by: actor.id, updated_at: nowIso() });
    if (codeHmacs) {
      await trx("attendance_codes").where({ attendance_id: id }).delete();
      await insertCodes(trx, id, codeHmacs);
    }
    const pick = (r: {
      women: number;
      men: number;
      other: number;
      not_stated: number;
      first_time: number | null;
      note: string;
    }) => ({
      women: Number(r.women),
      men: Number(r.men),
      other: Number(r.other),
      notStated: Number(r.not_stated),
      firstTime: r.first_time === null ? null : Number(r.first_time),
      note: r.note,
    });
    await audit(
      {
        actor,
        action: "attendance.correct",
        entityType: "attendance",
        entityId: id,
        ip,
        details: {
          date: before.date,
          before: pick(before),
          after: pick(columns(input)),
          ...(codeHmacs ? { codes: codeHmacs.length } : {}),
        },
      },
      trx,
    );
    return true;
  });
}

/** Which of these (date, activity) pairs already have a registration, as "date|activityId" ("null" for drop-in). */
export async function findTakenSlots({
  pairs,
}: {
  pairs: { date: string; activityId: number | null }[];
}): Promise<Set<string>> {
  const dates = [...new Set(pairs.map((p) => p.date))];
  const taken = new Set<string>();
  for (let i = 0; i < dates.length; i += 500) {
    const rows: { date: string; activity_id: number | null }[] = await db("attendance")
      .whereIn("date", dates.slice(i, i + 500))
      .select("date", "activity_id");
    for (const r of rows) taken.add(`${r.date}|${r.activity_id}`);
  }
  return taken;
}

export type ImportResult =
  { ok: true; count: number } | { ok: false; duplicates: { line: number; date: string; activityId: number | null }[] };

/** All rows or none: any row whose slot is already taken (or repeated in the file) stops the whole import. */
export async function importAttendance({
  actor,
  ip,
  rows,
  fileName,
}: {
  actor: Actor;
  ip: string;
  rows: { line: number; input: AttendanceInput }[];
  fileName: string;
}): Promise<ImportResult> {
  try {
    return await db.transaction(async (trx) => {
      const duplicates: { line: number; date: string; activityId: number | null }[] = [];
      const seen = new Set<string>();
      const dates = [...new Set(rows.map((r) => r.input.date))];
      const taken = new Set<string>();
      for (let i = 0; i < dates.length; i += 500) {
        const existing: { date: string; slot: string }[] = await trx("attendance")
          .whereIn("date", dates.slice(i, i + 500))
          .select("date", "slot");
        for (const e of existing) taken.add(`${e.date}|${e.slot}`);
      }
      for (const r of rows) {
        const key = `${r.input.date}|${slotOf(r.input.activityId)}`;
        if (taken.has(key) || seen.has(key))
          duplicates.push({ line: r.line, date: r.input.date, activityId: r.input.activityId });
        seen.add(key);
      }
      if (duplicates.length > 0) return { ok: false as const, duplicates };
      const now = nowIso();
      await trx.batchInsert(
        "attendance",
        rows.map((r) => ({
          date: r.input.date,
          activity_id: r.input.activityId,
          slot: slotOf(r.input.activityId),
          ...columns(r.input),
          source: "import",
          created_by: actor.id,
          created_at: now,
          updated_by: actor.id,
          updated_at: now,
        })),
        200,
      );
      await audit(
        {
          actor,
          action: "attendance.import",
          entityType: "attendance",
          ip,
          details: { rows: rows.length, file: fileName.slice(0, 200) },
        },
        trx,
      );
      return { ok: true as const, count: rows.length };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { ok: false, duplicates: [] };
  }
}

/** Demo data in bulk: no audit entries, batched so a few thousand rows go in within a second. */
export async function insertAttendanceBatch({
  rows,
}: {
  rows: { input: AttendanceInput; codeHmacs?: string[] }[];
}): Promise<void> {
  await db.transaction(async (trx) => {
    const now = nowIso();
    await trx.batchInsert(
      "attendance",
      rows.map((r) => ({
        date: r.input.date,
        activity_id: r.input.activityId,
        slot: slotOf(r.input.activityId),
        ...columns(r.input),
        source: "demo",
        created_at: now,
        updated_at: now,
      })),
      200,
    );
    const withCodes = rows.filter((r) => r.codeHmacs && r.codeHmacs.length > 0);
    if (withCodes.length === 0) return;
    const ids = new Map<string, number>();
    const dates = [...new Set(withCodes.map((r) => r.input.date))];
    for (let i = 0; i < dates.length; i += 500) {
      const found: { id: number; date: string; slot: string }[] = await trx("attendance")
        .whereIn("date", dates.slice(i, i + 500))
        .select("id", "date", "slot");
      for (const f of found) ids.set(`${f.date}|${f.slot}`, f.id);
    }
    const codeRows = withCodes.flatMap((r) => {
      const id = ids.get(`${r.input.date}|${slotOf(r.input.activityId)}`)!;
      return [...new Set(r.codeHmacs)].map((code_hmac) => ({ attendance_id: id, code_hmac }));
    });
    await trx.batchInsert("attendance_codes", codeRows, 300);
  });
}

/** What the statistics are computed from: every registration in the period, with its activity. */
export interface AttendanceFact extends GenderCounts {
  date: string;
  activityId: number | null;
  activityName: string | null;
  kind: ActivityKind | null;
  firstTime: number | null;
  codeCount: number;
}

type Period = { from: string; to: string; programIds?: number[] };

/**
 * `programIds`: whose figures to count, undefined for every programme. A programme's figures are its own
 * activities, those open to all, and drop-in visits.
 */
function periodQuery({ from, to, programIds }: Period) {
  const q = db("attendance as t")
    .leftJoin("activities as a", "a.id", "t.activity_id")
    .where("t.date", ">=", from)
    .where("t.date", "<=", to);
  if (programIds) q.where((w) => w.whereIn("a.program_id", programIds).orWhereNull("a.program_id"));
  return q;
}

export async function listAttendanceFacts(period: Period): Promise<AttendanceFact[]> {
  const rows: (AttendanceRow & { kind: ActivityKind | null })[] = await periodQuery(period)
    .select(
      "t.*",
      "a.name as activity_name",
      "a.kind",
      db("attendance_codes as c").count("*").whereRaw("c.attendance_id = t.id").as("code_count"),
    )
    .orderBy(["t.date", "t.id"]);
  return rows.map((r) => ({ ...toAttendance(r), kind: r.kind ?? null }));
}

/** Distinct participant codes per month and over the whole period; never the codes themselves. */
export async function countUniqueParticipants(period: Period): Promise<{
  total: number;
  byMonth: { month: string; people: number }[];
}> {
  const [totalRow] = await periodQuery(period)
    .join("attendance_codes as c", "c.attendance_id", "t.id")
    .countDistinct<{ n: number | string }[]>("c.code_hmac as n");
  const monthRows = (await periodQuery(period)
    .join("attendance_codes as c", "c.attendance_id", "t.id")
    .select(db.raw("substr(t.date, 1, 7) as month"))
    .countDistinct("c.code_hmac as n")
    .groupByRaw("substr(t.date, 1, 7)")
    .orderBy("month")) as unknown as { month: string; n: number | string }[];
  return { total: Number(totalRow?.n ?? 0), byMonth: monthRows.map((r) => ({ month: r.month, people: Number(r.n) })) };
}
