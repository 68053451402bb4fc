import { z } from "zod";
import { formToObject, leftOutAsEmpty, parseForm } from "~/http/parse-form";
import { GENDERS, type AttendanceError, type AttendanceInput } from "~/outcomes/attendance-rules";
import { parseCodeList, type CodeListError } from "~/privacy/participant-code";

/**
 * The attendance form (register and correct), read through the form toolkit: a whole number 0–999999 per gender
 * ("" counts as 0), an activity id or "drop-in", first-timers (blank: not asked), a note, and codes one per line.
 * Field values that cannot even be read become errors, never exceptions; the input still comes back with what
 * could be read, so the rules (`checkAttendance`) can add their own errors in the same answer.
 */

const COUNT = /^\d{1,6}$/;

// A count left out reads as blank, 0: the register's own rule (a correction asks for all four itself).
const count = (message: AttendanceError) =>
  leftOutAsEmpty(
    z
      .string()
      .trim()
      .refine((v) => v === "" || COUNT.test(v), message)
      .transform((v) => (v === "" ? 0 : Number(v))),
  );

// A radio group: with nothing chosen the browser sends nothing, and the person is told to choose.
const activityId = leftOutAsEmpty(
  z
    .string()
    .trim()
    .refine((v) => v === "drop-in" || (Number.isSafeInteger(Number(v)) && Number(v) > 0), "errActivity")
    .transform((v) => (v === "drop-in" ? null : Number(v))),
);

// Blank or left out: not asked.
const firstTime = leftOutAsEmpty(
  z
    .string()
    .trim()
    .refine((v) => v === "" || COUNT.test(v), "errFirstTime")
    .transform((v) => (v === "" ? null : Number(v))),
);

const fields = {
  date: z.string().trim(),
  activityId,
  women: count("errCount"),
  men: count("errCount"),
  other: count("errCount"),
  notStated: count("errCount"),
  firstTime,
  note: leftOutAsEmpty(z.string().trim()),
  codes: z.string().optional(),
};

export const attendanceFormSchema = z.object(fields);

/** The same fields, each falling back to what a blank field means: the input when some field is unreadable. */
const lenient = z.object({
  ...fields,
  date: fields.date.catch(""),
  activityId: activityId.catch(null),
  women: fields.women.catch(0),
  men: fields.men.catch(0),
  other: fields.other.catch(0),
  notStated: fields.notStated.catch(0),
  firstTime: firstTime.catch(null),
});

export interface ParsedAttendanceForm {
  input: AttendanceInput;
  /** Canonical codes, or null when the field is absent or blank. */
  codes: string[] | null;
  /** Which code (1-based) a code error is about. */
  codePosition?: number;
  /** Required fields the post left out (the date): answer 400, nothing is written. */
  missing: string[];
  errors: Partial<
    Record<"date" | "activityId" | "counts" | "firstTime" | "note" | "codes", AttendanceError | CodeListError>
  >;
}

export function parseAttendanceForm(form: URLSearchParams | FormData): ParsedAttendanceForm {
  const parsed = parseForm(form, attendanceFormSchema);
  const value = parsed.ok ? parsed.value : lenient.parse(formToObject(form, lenient));
  const errors: ParsedAttendanceForm["errors"] = {};
  if (!parsed.ok) {
    for (const [field, key] of Object.entries(parsed.errors)) {
      const name = (GENDERS as readonly string[]).includes(field) ? "counts" : field;
      if (key && (name === "activityId" || name === "counts" || name === "firstTime"))
        errors[name] ??= key as AttendanceError;
    }
  }
  const { codes: rawCodes, ...input } = value;
  let codes: string[] | null = null;
  let codePosition: number | undefined;
  if (rawCodes !== undefined && rawCodes.trim() !== "") {
    const list = parseCodeList(rawCodes, { separator: "lines" });
    codes = list.codes;
    if (list.error) {
      errors.codes = list.error;
      codePosition = list.position;
    }
  }
  return { input, codes, codePosition, errors, missing: parsed.ok ? [] : parsed.missing };
}
