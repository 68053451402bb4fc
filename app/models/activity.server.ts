import type { Knex } from "knex";
import { db, nowIso } from "~/db.server";
import type { Scope } from "~/auth/scope";
import { audited, type ChangedBy } from "~/models/audit.server";
import { whereInScope } from "~/models/scope.server";

export type ActivityKind = "regular" | "special";
export type ActivityScope = "mallis" | "city";

export interface ScheduleSlot {
  weekday: number;
  startsAt: string;
  endsAt: string | null;
}

export interface Activity {
  id: number;
  name: string;
  place: string;
  description: string;
  kind: ActivityKind;
  scope: ActivityScope;
  countsAttendance: boolean;
  startsOn: string | null;
  /** Null: open to every programme. */
  programId: number | null;
  archived: boolean;
  schedule: ScheduleSlot[];
}

interface ActivityRow {
  id: number;
  name: string;
  place: string;
  description: string;
  kind: ActivityKind;
  scope: ActivityScope;
  counts_attendance: boolean | number;
  starts_on: string | null;
  program_id?: number | null;
  archived_at: string | null;
}

/** The catalogue; with `scope`, only the activities that scope sees (see app/auth/scope.ts). */
export async function listActivities({
  includeArchived = false,
  scope,
}: { includeArchived?: boolean; scope?: Scope } = {}): Promise<Activity[]> {
  const query = db("activities")
    .select("*")
    .orderBy([{ column: "scope" }, { column: "name" }]);
  if (!includeArchived) query.whereNull("archived_at");
  whereInScope(query, "program_id", scope);
  const rows: ActivityRow[] = await query;
  return withSchedules(rows);
}

export async function getActivity({ id, scope }: { id: number; scope?: Scope }): Promise<Activity | null> {
  const row: ActivityRow | undefined = await whereInScope(db("activities").where({ id }), "program_id", scope).first();
  return row ? (await withSchedules([row]))[0] : null;
}

export interface NewActivity {
  name: string;
  place: string;
  description?: string;
  kind: ActivityKind;
  scope: ActivityScope;
  countsAttendance: boolean;
  startsOn?: string | null;
  programId?: number | null;
  schedule: ScheduleSlot[];
}

/** An activity's details as its row holds them (the schedule has its own table). */
function detailColumns(input: NewActivity) {
  return {
    name: input.name,
    place: input.place,
    description: input.description ?? "",
    kind: input.kind,
    scope: input.scope,
    counts_attendance: input.countsAttendance,
    starts_on: input.startsOn ?? null,
    program_id: input.programId ?? null,
  };
}

async function insertSchedule(trx: Knex, activityId: number, schedule: ScheduleSlot[]): Promise<void> {
  if (schedule.length === 0) return;
  await trx("activity_schedules").insert(
    schedule.map((s) => ({ activity_id: activityId, weekday: s.weekday, starts_at: s.startsAt, ends_at: s.endsAt })),
  );
}

export async function createActivity(input: NewActivity, trx: Knex = db): Promise<number> {
  const now = nowIso();
  const [{ id }] = await trx("activities")
    .insert({ ...detailColumns(input), created_at: now, updated_at: now })
    .returning("id");
  await insertSchedule(trx, id, input.schedule);
  return id;
}

async function withSchedules(rows: ActivityRow[]): Promise<Activity[]> {
  const ids = rows.map((r) => r.id);
  const slots: { activity_id: number; weekday: number; starts_at: string; ends_at: string | null }[] = ids.length
    ? await db("activity_schedules").whereIn("activity_id", ids).orderBy(["weekday", "starts_at"])
    : [];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    place: r.place,
    description: r.description,
    kind: r.kind,
    scope: r.scope,
    countsAttendance: Boolean(r.counts_attendance),
    startsOn: r.starts_on,
    programId: r.program_id ?? null,
    archived: r.archived_at !== null,
    schedule: slots
      .filter((s) => s.activity_id === r.id)
      .map((s) => ({ weekday: s.weekday, startsAt: s.starts_at, endsAt: s.ends_at })),
  }));
}

/** Replaces an activity's details and weekly schedule in one go. */
export async function updateActivity(
  { id, value }: { id: number; value: NewActivity },
  trx: Knex = db,
): Promise<boolean> {
  return trx.transaction(async (tx) => {
    const changed = await tx("activities")
      .where({ id })
      .update({ ...detailColumns(value), updated_at: nowIso() });
    if (changed === 0) return false;
    await tx("activity_schedules").where({ activity_id: id }).delete();
    await insertSchedule(tx, id, value.schedule);
    return true;
  });
}

/** Activities are archived, never deleted: attendance and reports keep pointing at them. */
export async function setActivityArchived(
  { id, archived }: { id: number; archived: boolean },
  trx: Knex = db,
): Promise<boolean> {
  const now = nowIso();
  const changed = await trx("activities")
    .where({ id })
    .update({ archived_at: archived ? now : null, updated_at: now });
  return changed > 0;
}

// --- changes made by staff, each audited in its own transaction ------------------------------------------------

export function addActivity({ value, by }: { value: NewActivity; by: ChangedBy }): Promise<number> {
  return audited(
    (id: number) => ({
      ...by,
      action: "activity.create",
      entityType: "activity",
      entityId: id,
      details: { name: value.name },
    }),
    (trx) => createActivity(value, trx),
  );
}

export function editActivity({ before, value, by }: { before: Activity; value: NewActivity; by: ChangedBy }) {
  const { archived: _a, id, ...old } = before;
  return audited(
    (changed: boolean) =>
      changed
        ? {
            ...by,
            action: "activity.update",
            entityType: "activity",
            entityId: id,
            details: { before: old, after: value },
          }
        : null,
    (trx) => updateActivity({ id, value }, trx),
  );
}

export function archiveActivity({ id, archived, by }: { id: number; archived: boolean; by: ChangedBy }) {
  return audited(
    (changed: boolean) =>
      changed
        ? { ...by, action: `activity.${archived ? "archive" : "unarchive"}`, entityType: "activity", entityId: id }
        : null,
    (trx) => setActivityArchived({ id, archived }, trx),
  );
}
