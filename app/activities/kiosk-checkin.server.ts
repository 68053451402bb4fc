import { z } from "zod";
import { codeRefs } from "~/activities/coded-attendance.server";
import { isIsoDate } from "~/http/params";
import { getActivity } from "~/models/activity.server";
import { listPrograms } from "~/models/program.server";
import type { CheckInInput } from "~/models/kiosk-checkin.server";
import { addDays, todayInStockholm } from "~/outcomes/calendar";
import { checkAttendance, GENDERS, type Gender } from "~/outcomes/attendance-rules";
import { canonicalCode, isParticipantCode } from "~/privacy/participant-code";

/** How late a check-in from the device's outbox may still arrive (a tablet offline over a long weekend). */
export const OUTBOX_DAYS = 7;

export const checkInBody = z.object({
  id: z.string().regex(/^[0-9a-f-]{36}$/i),
  deviceId: z.string().regex(/^[0-9a-f-]{36}$/i),
  date: z.string().refine(isIsoDate),
  activityId: z.union([z.literal("drop-in"), z.number().int().positive()]),
  code: z.string().max(60).optional().nullable(),
  gender: z.enum(GENDERS).optional().nullable(),
  /** A first-timer's programme: an id, or "none"; absent when the question was not asked. */
  program: z
    .union([z.literal("none"), z.number().int().positive()])
    .optional()
    .nullable(),
  /** Sent again from the outbox: an unknown code without answers is then counted as a visit without a code. */
  queued: z.boolean().optional(),
});

export type CheckInProblem = "errCode" | "errDate" | "errActivity" | "errProgram" | "errBody";

/** Checks a check-in against the same rules as any registration; returns what the model stores. */
export async function toCheckInInput(
  body: z.output<typeof checkInBody>,
): Promise<{ ok: true; input: CheckInInput; queued: boolean } | { ok: false; problem: CheckInProblem }> {
  const today = todayInStockholm();
  if (body.date > today || body.date < addDays(today, -OUTBOX_DAYS)) return { ok: false, problem: "errDate" };
  const activityId = body.activityId === "drop-in" ? null : body.activityId;
  const activity = activityId === null ? null : await getActivity({ id: activityId });
  const input = { date: body.date, activityId, women: 0, men: 0, other: 0, notStated: 0, firstTime: null, note: "" };
  if (activityId !== null && (!activity || checkAttendance(input, { activity, today }).length > 0))
    return { ok: false, problem: "errActivity" };
  const rawCode = body.code?.trim() ?? "";
  if (rawCode !== "" && !isParticipantCode(rawCode)) return { ok: false, problem: "errCode" };
  let programId: number | null | undefined;
  if (body.program === "none") programId = null;
  else if (typeof body.program === "number") {
    if (!(await listPrograms()).some((p) => p.id === body.program)) return { ok: false, problem: "errProgram" };
    programId = body.program;
  }
  if (rawCode === "" && !body.gender) return { ok: false, problem: "errBody" };
  return {
    ok: true,
    queued: body.queued ?? false,
    input: {
      id: body.id.toLowerCase(),
      deviceId: body.deviceId.toLowerCase(),
      date: body.date,
      activityId,
      code: rawCode === "" ? null : codeRefs([canonicalCode(rawCode)])[0],
      gender: (body.gender ?? null) as Gender | null,
      programId,
    },
  };
}
