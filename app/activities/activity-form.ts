import { z } from "zod";
import type { NewActivity, ScheduleSlot } from "~/models/activity.server";
import { isIsoDate } from "~/http/params";

export const SCHEDULE_ROWS = 4;

export type ActivityFormErrors = Partial<
  Record<"name" | "place" | "description" | "kind" | "scope" | "startsOn" | "programId" | "schedule", string>
>;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const schema = z.object({
  name: z.string().trim().min(1, "errName").max(200, "errName"),
  place: z.string().trim().max(200, "errPlace"),
  description: z.string().trim().max(2000, "errDescription"),
  kind: z.enum(["regular", "special"], { message: "errKind" }),
  scope: z.enum(["mallis", "city"], { message: "errScope" }),
  startsOn: z
    .string()
    .trim()
    .refine((v) => v === "" || isIsoDate(v), "errStartsOn"),
  programId: z.string().trim(),
});

/** Reads the catalogue form: details plus up to SCHEDULE_ROWS weekly slots (an empty weekday drops a row). */
export function parseActivityForm(
  form: URLSearchParams,
  programIds: number[],
): { ok: true; value: NewActivity } | { ok: false; errors: ActivityFormErrors } {
  const errors: ActivityFormErrors = {};
  const parsed = schema.safeParse({
    name: form.get("name") ?? "",
    place: form.get("place") ?? "",
    description: form.get("description") ?? "",
    kind: form.get("kind") ?? "",
    scope: form.get("scope") ?? "",
    startsOn: form.get("startsOn") ?? "",
    programId: form.get("programId") ?? "",
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path[0] as keyof ActivityFormErrors] ??= issue.message;
  }
  let programId: number | null = null;
  const rawProgram = (form.get("programId") ?? "").trim();
  if (rawProgram !== "") {
    programId = Number(rawProgram);
    if (!programIds.includes(programId)) errors.programId = "errProgram";
  }
  const schedule: ScheduleSlot[] = [];
  for (let i = 0; i < SCHEDULE_ROWS; i++) {
    const day = (form.get(`weekday${i}`) ?? "").trim();
    if (day === "") continue;
    const weekday = Number(day);
    const startsAt = (form.get(`startsAt${i}`) ?? "").trim();
    const endsAt = (form.get(`endsAt${i}`) ?? "").trim();
    if (
      !Number.isInteger(weekday) ||
      weekday < 1 ||
      weekday > 7 ||
      !TIME.test(startsAt) ||
      (endsAt !== "" && (!TIME.test(endsAt) || endsAt <= startsAt))
    ) {
      errors.schedule = "errSchedule";
      continue;
    }
    schedule.push({ weekday, startsAt, endsAt: endsAt === "" ? null : endsAt });
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const v = parsed.data;
  return {
    ok: true,
    value: {
      name: v.name,
      place: v.place,
      description: v.description,
      kind: v.kind,
      scope: v.scope,
      countsAttendance: form.get("countsAttendance") === "on" || form.get("countsAttendance") === "1",
      startsOn: v.startsOn === "" ? null : v.startsOn,
      programId,
      schedule,
    },
  };
}
