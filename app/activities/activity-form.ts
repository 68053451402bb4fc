import { z } from "zod";
import type { NewActivity, ScheduleSlot } from "~/models/activity.server";
import { isIsoDate } from "~/http/params";
import { leftOutAsEmpty, parseForm } from "~/http/parse-form";

export const SCHEDULE_ROWS = 4;
export const ACTIVITY_KINDS = ["regular", "special"] as const;
export const ACTIVITY_SCOPES = ["mallis", "city"] as const;

export type ActivityFormErrors = Partial<
  Record<"name" | "place" | "description" | "kind" | "scope" | "startsOn" | "programId" | "schedule", string>
>;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const ROWS = Array.from({ length: SCHEDULE_ROWS }, (_, i) => i);

/** The details; `programIds` are the programmes the staff member may choose. */
function detailsSchema(programIds: number[]) {
  return z.object({
    name: z.string().trim().min(1, "errName").max(200, "errName"),
    place: z.string().trim().max(200, "errPlace"),
    description: z.string().trim().max(2000, "errDescription"),
    // Radio groups: with nothing chosen the browser sends nothing, and the person is told to choose.
    kind: leftOutAsEmpty(z.enum(ACTIVITY_KINDS, { message: "errKind" })),
    scope: leftOutAsEmpty(z.enum(ACTIVITY_SCOPES, { message: "errScope" })),
    countsAttendance: z.boolean(),
    startsOn: z
      .string()
      .trim()
      .refine((v) => v === "" || isIsoDate(v), "errStartsOn")
      .transform((v) => (v === "" ? null : v)),
    programId: z
      .string()
      .trim()
      .refine((v) => v === "" || programIds.includes(Number(v)), "errProgram")
      .transform((v) => (v === "" ? null : Number(v))),
  });
}

/**
 * The weekly slots, rows `weekday0`/`startsAt0`/`endsAt0` …; a row without a weekday, or left out of the post, is
 * no slot (the rows are a list of up to SCHEDULE_ROWS, not fields a post must carry).
 */
const scheduleSchema = z
  .object(
    Object.fromEntries(
      ROWS.flatMap((i) => [`weekday${i}`, `startsAt${i}`, `endsAt${i}`]).map((name) => [
        name,
        leftOutAsEmpty(z.string().trim()),
      ]),
    ) as Record<string, z.ZodString>,
  )
  .transform((row, ctx) => {
    const schedule: ScheduleSlot[] = [];
    for (const i of ROWS) {
      const [day, startsAt, endsAt] = [row[`weekday${i}`], row[`startsAt${i}`], row[`endsAt${i}`]];
      if (day === "") continue;
      const weekday = Number(day);
      const valid =
        Number.isInteger(weekday) &&
        weekday >= 1 &&
        weekday <= 7 &&
        TIME.test(startsAt) &&
        (endsAt === "" || (TIME.test(endsAt) && endsAt > startsAt));
      if (!valid) ctx.addIssue({ code: "custom", path: ["schedule"], message: "errSchedule" });
      else schedule.push({ weekday, startsAt, endsAt: endsAt === "" ? null : endsAt });
    }
    return schedule;
  });

/**
 * Reads the catalogue form: details plus up to SCHEDULE_ROWS weekly slots. Every error comes back at once, the
 * schedule's with the details', as string keys of the attendance strings.
 */
export function parseActivityForm(
  form: URLSearchParams | FormData,
  programIds: number[],
): { ok: true; value: NewActivity } | { ok: false; errors: ActivityFormErrors; missing: string[] } {
  const details = parseForm(form, detailsSchema(programIds));
  const schedule = parseForm(form, scheduleSchema);
  if (details.ok && schedule.ok) return { ok: true, value: { ...details.value, schedule: schedule.value } };
  return {
    ok: false,
    errors: { ...(details.ok ? {} : details.errors), ...(schedule.ok ? {} : schedule.errors) },
    missing: [...(details.ok ? [] : details.missing), ...(schedule.ok ? [] : schedule.missing)],
  };
}
