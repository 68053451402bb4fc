import type { Knex } from "knex";
import { db, nowIso } from "~/db.server";
import { isUniqueViolation, slotOf } from "~/models/attendance.server";
import { addVisitors, refreshVisitDates, visitorsByHmac, type CodeRef } from "~/models/visitor.server";
import { MAX_COUNT, type Gender } from "~/outcomes/attendance-rules";

export interface CheckInInput {
  /** The id the tablet gave this check-in: the same id again is the same check-in. */
  id: string;
  deviceId: string;
  date: string;
  activityId: number | null;
  /** Null: a visit without a code, of the stated `gender`. */
  code: CodeRef | null;
  gender: Gender | null;
  /** A first-timer's stated programme (null: none); undefined when the question was not answered. */
  programId?: number | null;
}

export type CheckInResult =
  | { status: "stored" }
  | { status: "duplicate" }
  /** The code is not in the register: the first-timer's two questions are needed. Nothing was stored. */
  | { status: "needsFacts" }
  | { status: "full" };

const COLUMN: Record<Gender, string> = { women: "women", men: "men", other: "other", notStated: "not_stated" };

/**
 * One person checking in on the tablet: adds them to the day's registration of the activity (creating it when
 * it is the day's first), by code (counted by the register) or without one (counted by the stated gender).
 * Stored once per check-in id, so a retry from the device's outbox after a dropped connection changes nothing;
 * a person who checks in twice to the same activity and day is counted once.
 */
export async function storeCheckIn(input: CheckInInput): Promise<CheckInResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction((trx) => checkIn(trx, input));
    } catch (error) {
      // Two tablets creating the day's registration at once, or the same id sent twice at once: try again.
      if (attempt < 2 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

async function checkIn(trx: Knex, input: CheckInInput): Promise<CheckInResult> {
  if (await trx("kiosk_checkins").where({ id: input.id }).first("id")) return { status: "duplicate" };
  let gender = input.gender;
  if (input.code) {
    const known = (await visitorsByHmac(trx, [input.code.hmac])).get(input.code.hmac);
    if (known) gender = known.gender;
    else if (input.gender && input.programId !== undefined) {
      await addVisitors(trx, [
        { hmac: input.code.hmac, gender: input.gender, programId: input.programId, source: "kiosk" },
      ]);
    } else return { status: "needsFacts" };
  }
  if (!gender) return { status: "needsFacts" };

  const slot = slotOf(input.activityId);
  let registration: { id: number; total: number } | undefined = await trx("attendance")
    .where({ date: input.date, slot })
    .first("id", trx.raw("women + men + other + not_stated as total"));
  if (!registration) {
    const now = nowIso();
    const [row] = await trx("attendance")
      .insert({
        date: input.date,
        activity_id: input.activityId,
        slot,
        source: "kiosk",
        created_at: now,
        updated_at: now,
      })
      .returning("id");
    registration = { id: typeof row === "object" ? (row as { id: number }).id : (row as number), total: 0 };
  }
  const attendanceId = registration.id;
  const record = () =>
    trx("kiosk_checkins").insert({
      id: input.id,
      attendance_id: attendanceId,
      device_id: input.deviceId,
      created_at: nowIso(),
    });

  if (input.code) {
    const linked = await trx("attendance_codes")
      .where({ attendance_id: attendanceId, code_hmac: input.code.hmac })
      .first();
    if (linked) {
      await record();
      return { status: "stored" };
    }
  }
  if (Number(registration.total) >= MAX_COUNT) return { status: "full" };
  await trx("attendance")
    .where({ id: attendanceId })
    .update({ [COLUMN[gender]]: trx.raw("?? + 1", [COLUMN[gender]]), updated_at: nowIso() });
  if (input.code) {
    await trx("attendance_codes").insert({ attendance_id: attendanceId, code_hmac: input.code.hmac });
    await refreshVisitDates(trx, [input.code.hmac]);
    const first = await trx("visitors").where({ code_hmac: input.code.hmac, first_visit_on: input.date }).first("id");
    if (first) {
      await trx("attendance")
        .where({ id: attendanceId })
        .update({ first_time: trx.raw("coalesce(first_time, 0) + 1") });
    }
  }
  await record();
  return { status: "stored" };
}
