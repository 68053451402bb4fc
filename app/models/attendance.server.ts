import type { Knex } from "knex";
import { db, nowIso } from "~/db.server";
import type { Scope } from "~/auth/scope";
import { audit } from "~/models/audit.server";
import { redactionNames } from "~/models/redaction-name.server";
import { redactText } from "~/privacy/redact";
import { whereInScope } from "~/models/scope.server";
import { MAX_COUNT, totalOf, type AttendanceInput, type GenderCounts } from "~/outcomes/attendance-rules";
import {
  addVisitors,
  codedCountsOf,
  genderCountsOf,
  refreshVisitDates,
  visitorsByHmac,
  type CodeRef,
  type StatedFacts,
  type VisitorSource,
} from "~/models/visitor.server";
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

/** A registration's figures and note, its counts as numbers. */
function figuresOf(r: AttendanceRow) {
  return {
    women: Number(r.women),
    men: Number(r.men),
    other: Number(r.other),
    notStated: Number(r.not_stated),
    firstTime: r.first_time === null ? null : Number(r.first_time),
    note: r.note,
  };
}

function toAttendance(r: AttendanceRow): Attendance {
  return {
    id: r.id,
    date: r.date,
    activityId: r.activity_id,
    activityName: r.activity_name ?? null,
    programId: r.activity_program_id ?? null,
    ...figuresOf(r),
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

/**
 * A note is masked like feedback before it is stored (identity numbers, phone numbers, e-mail addresses, listed
 * names): it is copied into the audit log, and the form asks for no such thing anyway.
 */
async function withRedactedNote<T extends { note: string }>(input: T): Promise<T> {
  if (input.note.trim() === "") return input;
  return { ...input, note: redactText(input.note, { names: await redactionNames() }) };
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

export type CodedRegistrationError =
  { ok: false; error: "unknownCodes"; codes: string[] } | { ok: false; error: "tooMany"; total: number };

export type RegisterResult =
  { ok: true; id: number } | { ok: false; error: "duplicate"; existingId: number } | CodedRegistrationError;

/** Codes of a registration, with what first-time visitors stated (keyed by the canonical code). */
export interface CodedVisitors {
  codes: CodeRef[];
  newVisitors?: Map<string, StatedFacts>;
  source?: VisitorSource;
}

type Resolved = { ok: true; coded: GenderCounts; hmacs: string[] } | CodedRegistrationError;

/**
 * Looks the codes up in the register, adds the first-time visitors that came with stated facts, and gives
 * the coded visitors' gender counts. A code the register does not know and that came without facts stops
 * the registration: the caller asks about it.
 */
async function resolveCodes(trx: Knex, coded: CodedVisitors | undefined): Promise<Resolved> {
  const codes = coded?.codes ?? [];
  const known = await visitorsByHmac(
    trx,
    codes.map((c) => c.hmac),
  );
  const unknown = codes.filter((c) => !known.has(c.hmac));
  const missing = unknown.filter((c) => !coded?.newVisitors?.has(c.code));
  if (missing.length > 0) return { ok: false, error: "unknownCodes", codes: missing.map((c) => c.code) };
  const added = unknown.map((c) => ({
    hmac: c.hmac,
    ...coded!.newVisitors!.get(c.code)!,
    source: coded?.source ?? "staff",
  }));
  await addVisitors(trx, added);
  return { ok: true, coded: genderCountsOf([...known.values(), ...added]), hmacs: codes.map((c) => c.hmac) };
}

function plus(a: GenderCounts, b: GenderCounts): GenderCounts {
  return {
    women: a.women + b.women,
    men: a.men + b.men,
    other: a.other + b.other,
    notStated: a.notStated + b.notStated,
  };
}

/** First-time visitors among a registration's codes: those whose first visit is its date. */
async function codedFirstTimers(trx: Knex, hmacs: string[], date: string): Promise<number> {
  if (hmacs.length === 0) return 0;
  const [row] = await trx("visitors")
    .whereIn("code_hmac", hmacs)
    .where("first_visit_on", date)
    .count<{ n: number | string }[]>("* as n");
  return Number(row?.n ?? 0);
}

/**
 * A registration's stored figures are everyone who came: the counts typed for visitors without a code plus
 * the coded visitors by the gender they stated in the register. New visitors are those typed as such plus
 * the coded ones whose first visit this is (null only when neither is known).
 */
async function storeCodedFigures(
  trx: Knex,
  id: number,
  { input, coded, hmacs }: { input: AttendanceInput; coded: GenderCounts; hmacs: string[] },
): Promise<void> {
  await refreshVisitDates(trx, hmacs);
  const codedNew = await codedFirstTimers(trx, hmacs, input.date);
  const totals = plus(input, coded);
  await trx("attendance")
    .where({ id })
    .update({
      women: totals.women,
      men: totals.men,
      other: totals.other,
      not_stated: totals.notStated,
      first_time: input.firstTime === null && hmacs.length === 0 ? null : (input.firstTime ?? 0) + codedNew,
    });
}

/**
 * Registers one activity's (or the drop-in's) attendance on one day. A second registration for the
 * same slot is refused with the first one's id, so the person can correct that instead; the unique
 * index makes this hold under concurrent requests on both databases. `input`'s counts are the visitors
 * without a code; the coded ones are added by the register.
 */
export async function registerAttendance({
  actor,
  ip,
  input,
  coded,
  source = "form",
}: {
  actor: Actor | null;
  ip: string;
  input: AttendanceInput;
  coded?: CodedVisitors;
  source?: "form" | "import" | "demo" | "kiosk";
}): Promise<RegisterResult> {
  input = await withRedactedNote(input);
  const slot = slotOf(input.activityId);
  try {
    return await db.transaction(async (trx) => {
      const existing = await trx("attendance").where({ date: input.date, slot }).first("id");
      if (existing) return { ok: false as const, error: "duplicate" as const, existingId: existing.id as number };
      const resolved = await resolveCodes(trx, coded);
      if (!resolved.ok) return rollback(trx, resolved);
      const total = totalOf(input) + totalOf(resolved.coded);
      if (total > MAX_COUNT) return rollback(trx, { ok: false, error: "tooMany", total });
      const id = await insertOne(trx, { actor, input, source });
      await insertCodes(trx, id, resolved.hmacs);
      await storeCodedFigures(trx, id, { input, coded: resolved.coded, hmacs: resolved.hmacs });
      await audit(
        {
          actor,
          actorEmail: actor ? undefined : "kiosk",
          action: "attendance.register",
          entityType: "attendance",
          entityId: id,
          ip,
          details: { date: input.date, activityId: input.activityId, codes: resolved.hmacs.length },
        },
        trx,
      );
      return { ok: true as const, id };
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    if (!isUniqueViolation(error)) throw error;
    const existing = await findAttendance({ date: input.date, activityId: input.activityId });
    if (!existing) throw error;
    return { ok: false, error: "duplicate", existingId: existing.id };
  }
}

/** Thrown inside a transaction to undo what it wrote (new visitors) and hand a refusal to the caller. */
class Rollback extends Error {
  constructor(readonly result: CodedRegistrationError) {
    super(result.error);
  }
}

function rollback(_trx: Knex, result: CodedRegistrationError): never {
  throw new Rollback(result);
}

/** A new registration's row: its day, activity and slot, its figures, where it came from and who made it when. */
function newRow(input: AttendanceInput, source: string, actor: Actor | null, now: string) {
  return {
    date: input.date,
    activity_id: input.activityId,
    slot: slotOf(input.activityId),
    ...columns(input),
    source,
    created_by: actor?.id ?? null,
    created_at: now,
    updated_by: actor?.id ?? null,
    updated_at: now,
  };
}

async function insertOne(
  trx: Knex,
  { actor, input, source }: { actor: Actor | null; input: AttendanceInput; source: string },
): Promise<number> {
  const [row] = await trx("attendance")
    .insert(newRow(input, source, actor, nowIso()))
    .returning("id");
  return typeof row === "object" ? (row as { id: number }).id : (row as number);
}

async function insertCodes(trx: Knex, attendanceId: number, codeHmacs: string[]): Promise<void> {
  const unique = [...new Set(codeHmacs)];
  if (unique.length > 0) {
    await trx("attendance_codes").insert(unique.map((code_hmac) => ({ attendance_id: attendanceId, code_hmac })));
  }
}

export type CorrectResult = { ok: true } | { ok: false; error: "notFound" } | CodedRegistrationError;

/**
 * Corrects counts, first-time visitors, note and (when given) participant codes. Date and activity
 * stay: a registration in the wrong slot is corrected to zero and registered again. `input`'s counts are
 * the visitors without a code; the coded ones (the new codes, or the ones already linked when `coded` is
 * left out) are added by the register. The audit entry keeps both the old and the new figures.
 */
export async function correctAttendance({
  actor,
  ip,
  id,
  input,
  coded,
}: {
  actor: Actor;
  ip: string;
  id: number;
  input: AttendanceInput;
  coded?: CodedVisitors;
}): Promise<CorrectResult> {
  input = await withRedactedNote(input);
  try {
    return await db.transaction(async (trx) => {
      const before: AttendanceRow | undefined = await trx("attendance").where({ id }).first();
      if (!before) return { ok: false as const, error: "notFound" as const };
      const previous: string[] = (await trx("attendance_codes").where({ attendance_id: id }).select("code_hmac")).map(
        (r: { code_hmac: string }) => r.code_hmac,
      );
      let hmacs = previous;
      let codedCounts: GenderCounts;
      if (coded) {
        const resolved = await resolveCodes(trx, coded);
        if (!resolved.ok) return rollback(trx, resolved);
        await trx("attendance_codes").where({ attendance_id: id }).delete();
        await insertCodes(trx, id, resolved.hmacs);
        hmacs = resolved.hmacs;
        codedCounts = resolved.coded;
      } else {
        codedCounts = await codedCountsOf(trx, id);
      }
      const total = totalOf(input) + totalOf(codedCounts);
      if (total > MAX_COUNT) return rollback(trx, { ok: false, error: "tooMany", total });
      await trx("attendance")
        .where({ id })
        .update({ ...columns(input), updated_by: actor.id, updated_at: nowIso() });
      await storeCodedFigures(trx, id, { input: { ...input, date: before.date }, coded: codedCounts, hmacs });
      // Visitors no longer linked here may have had their first or last visit on this day.
      await refreshVisitDates(trx, previous);
      const after: AttendanceRow = await trx("attendance").where({ id }).first();
      await audit(
        {
          actor,
          action: "attendance.correct",
          entityType: "attendance",
          entityId: id,
          ip,
          details: {
            date: before.date,
            before: figuresOf(before),
            after: figuresOf(after),
            ...(coded ? { codes: hmacs.length } : {}),
          },
        },
        trx,
      );
      return { ok: true as const };
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
}

/** The coded visitors of one registration by gender, for showing how many of its count came with a code. */
export async function codedCountsOfAttendance({
  id,
}: {
  id: number;
}): Promise<GenderCounts & { linked: number; firstTimers: number }> {
  return codedCountsOf(db, id);
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
  | { ok: true; count: number }
  | { ok: false; duplicates: { line: number; date: string; activityId: number | null }[] }
  | { ok: false; duplicates: []; codeProblem: { line: number; error: CodedRegistrationError } };

/** All rows or none: any row whose slot is already taken (or repeated in the file) stops the whole import. */
export async function importAttendance({
  actor,
  ip,
  rows,
  fileName,
}: {
  actor: Actor;
  ip: string;
  rows: { line: number; input: AttendanceInput; codes?: CodeRef[] }[];
  fileName: string;
}): Promise<ImportResult> {
  const names = await redactionNames();
  rows = rows.map((r) => ({ ...r, input: { ...r.input, note: redactText(r.input.note, { names }) } }));
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
      const plain = rows.filter((r) => !r.codes || r.codes.length === 0);
      await trx.batchInsert(
        "attendance",
        plain.map((r) => newRow(r.input, "import", actor, now)),
        200,
      );
      // Rows with codes go one by one: each needs its id for the links and the register for its counts.
      let codes = 0;
      for (const r of rows.filter((row) => row.codes && row.codes.length > 0)) {
        const resolved = await resolveCodes(trx, { codes: r.codes!, source: "import" });
        if (!resolved.ok) throw new ImportRowRefused(r.line, resolved);
        if (totalOf(r.input) + totalOf(resolved.coded) > MAX_COUNT)
          throw new ImportRowRefused(r.line, {
            ok: false,
            error: "tooMany",
            total: totalOf(r.input) + totalOf(resolved.coded),
          });
        const id = await insertOne(trx, { actor, input: r.input, source: "import" });
        await insertCodes(trx, id, resolved.hmacs);
        await storeCodedFigures(trx, id, { input: r.input, coded: resolved.coded, hmacs: resolved.hmacs });
        codes += resolved.hmacs.length;
      }
      await audit(
        {
          actor,
          action: "attendance.import",
          entityType: "attendance",
          ip,
          details: { rows: rows.length, codes, file: fileName.slice(0, 200) },
        },
        trx,
      );
      return { ok: true as const, count: rows.length };
    });
  } catch (error) {
    if (error instanceof ImportRowRefused)
      return { ok: false, duplicates: [], codeProblem: { line: error.line, error: error.result } };
    if (!isUniqueViolation(error)) throw error;
    return { ok: false, duplicates: [] };
  }
}

class ImportRowRefused extends Error {
  constructor(
    readonly line: number,
    readonly result: CodedRegistrationError,
  ) {
    super(result.error);
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
      rows.map((r) => newRow(r.input, "demo", null, now)),
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

/**
 * `programIds`: whose activities to count, undefined for every programme. `shared` (default true): also the
 * activities open to every programme and drop-in visits, which belong to everyone and cannot be split by
 * programme (decision 0012). A single programme's own figures are `{ programIds: [id], shared: false }`.
 */
export type Period = { from: string; to: string; programIds?: number[]; shared?: boolean };

/** The period's registrations with their activities, scoped as `Period` says: the statistics' one reading. */
export function periodQuery({ from, to, programIds, shared = true }: Period) {
  const q = db("attendance as t")
    .leftJoin("activities as a", "a.id", "t.activity_id")
    .where("t.date", ">=", from)
    .where("t.date", "<=", to);
  if (programIds && shared) q.where((w) => w.whereIn("a.program_id", programIds).orWhereNull("a.program_id"));
  else if (programIds) q.whereIn("a.program_id", programIds);
  else if (!shared) q.whereNotNull("a.program_id");
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
