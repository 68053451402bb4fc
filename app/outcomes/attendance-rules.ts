import { isIsoDate } from "~/http/params";

/** The four gender categories attendance is split by (DOMAIN.md: "uppdelat på kön"). */
export const GENDERS = ["women", "men", "other", "notStated"] as const;
export type Gender = (typeof GENDERS)[number];
export type GenderCounts = Record<Gender, number>;

/** More than this many at one activity on one day is a typing mistake, not a crowd. */
export const MAX_COUNT = 200;
export const MAX_NOTE = 1000;

export interface AttendanceInput extends GenderCounts {
  date: string;
  /** Null: the day's drop-in visits. */
  activityId: number | null;
  firstTime: number | null;
  note: string;
}

export interface ActivityFacts {
  id: number;
  countsAttendance: boolean;
  archived: boolean;
  startsOn: string | null;
}

export type AttendanceError =
  | "errDate"
  | "errFuture"
  | "errBeforeStart"
  | "errActivity"
  | "errNotCounted"
  | "errCount"
  | "errCountsMissing"
  | "errTooMany"
  | "errFirstTime"
  | "errNote";

export function totalOf(c: GenderCounts): number {
  return c.women + c.men + c.other + c.notStated;
}

/** A whole number 0–MAX_COUNT from text, "" as 0; anything else is null. */
export function parseCount(raw: string | null | undefined): number | null {
  const text = (raw ?? "").trim();
  if (text === "") return 0;
  if (!/^\d{1,6}$/.test(text)) return null;
  return Number(text);
}

/**
 * The rules every registration follows, from the form and from an import alike. `activity` is the
 * catalogue entry the input names (undefined: not found), or null for drop-in visits.
 */
export function checkAttendance(
  input: AttendanceInput,
  {
    activity,
    today,
    allowArchived = false,
  }: { activity: ActivityFacts | null | undefined; today: string; allowArchived?: boolean },
): AttendanceError[] {
  const errors: AttendanceError[] = [];
  if (!isIsoDate(input.date)) errors.push("errDate");
  else if (input.date > today) errors.push("errFuture");
  if (input.activityId !== null) {
    if (!activity) errors.push("errActivity");
    else {
      if (!activity.countsAttendance) errors.push("errNotCounted");
      // An archived activity keeps its old figures correctable, but takes no new ones.
      if (activity.archived && !allowArchived) errors.push("errActivity");
      if (activity.startsOn && isIsoDate(input.date) && input.date < activity.startsOn) errors.push("errBeforeStart");
    }
  }
  const counts = GENDERS.map((g) => input[g]);
  if (counts.some((n) => !Number.isInteger(n) || n < 0)) errors.push("errCount");
  else if (counts.some((n) => n > MAX_COUNT) || totalOf(input) > MAX_COUNT) errors.push("errTooMany");
  if (
    input.firstTime !== null &&
    (!Number.isInteger(input.firstTime) || input.firstTime < 0 || input.firstTime > totalOf(input))
  ) {
    errors.push("errFirstTime");
  }
  if (input.note.length > MAX_NOTE) errors.push("errNote");
  return [...new Set(errors)];
}

/** Maps rule errors to the form field they belong to. */
export function fieldOf(error: AttendanceError): "date" | "activityId" | "counts" | "firstTime" | "note" {
  switch (error) {
    case "errDate":
    case "errFuture":
    case "errBeforeStart":
      return "date";
    case "errActivity":
    case "errNotCounted":
      return "activityId";
    case "errFirstTime":
      return "firstTime";
    case "errNote":
      return "note";
    default:
      return "counts";
  }
}
