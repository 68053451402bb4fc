import { z } from "zod";
import { parseForm } from "~/http/parse-form";
import { isIsoDate } from "~/outcomes/calendar";

/**
 * The statistics page's query string (`?from=YYYY-MM-DD&to=YYYY-MM-DD&program=ID`), read through the form
 * toolkit. An empty or absent date is the default period (the last twelve months up to today); anything that
 * is not a real date, a period that ends before it starts or spans more than ten years is "period", and a
 * programme that is not a number is "program" (one the person may not see is refused the same way, later,
 * against their programmes). Never a 500.
 */
export type StatsFilterError = "period" | "program";

/** The filter as the form shows it back. */
export interface StatsFilter {
  from: string;
  to: string;
  program: string;
}

export interface StatsQuery {
  from: string;
  to: string;
  programId: number | null;
}

/** A value longer than this is no date and no programme id: refused before it is looked at. */
const MAX_VALUE = 40;
/** At most ten years at a time: enough for any report, and the month table stays readable. */
const MAX_YEARS = 10;

/** The first day of the month eleven months before today's: twelve calendar months up to today. */
export function defaultFrom(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 11;
  const d = new Date(Date.UTC(y, m - 1, 1));
  return d.toISOString().slice(0, 10);
}

const text = (error: string) => z.string().max(MAX_VALUE, error).optional();

function dayOr(fallback: string) {
  return text("errPeriod")
    .transform((v) => v?.trim() || fallback)
    .refine(isIsoDate, "errPeriod");
}

export function statsQuerySchema(today: string) {
  return z
    .object({
      from: dayOr(defaultFrom(today)),
      to: dayOr(today),
      program: text("errProgram")
        .transform((v) => v?.trim() ?? "")
        .refine((v) => v === "" || /^\d{1,9}$/.test(v), "errProgram")
        .transform((v) => (v === "" ? null : Number(v))),
    })
    .superRefine((q, ctx) => {
      if (q.from > q.to || Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4)) > MAX_YEARS) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["from"], message: "errPeriod" });
      }
    });
}

/** The query, or the reason it cannot be used; `filter` is what was typed, to show back in the form. */
export function parseStatsQuery(
  params: URLSearchParams,
  today: string,
): { filter: StatsFilter; query: StatsQuery | null; error: StatsFilterError | null } {
  const raw = (name: string) => (params.get(name) ?? "").slice(0, MAX_VALUE);
  const parsed = parseForm(params, statsQuerySchema(today), { fallback: "errPeriod" });
  if (!parsed.ok) {
    const filter = { from: raw("from") || defaultFrom(today), to: raw("to") || today, program: raw("program") };
    const period = parsed.errors.from || parsed.errors.to || parsed.errors.form;
    return { filter, query: null, error: period ? "period" : "program" };
  }
  const { from, to, program } = parsed.value;
  return {
    filter: { from, to, program: program === null ? "" : String(program) },
    query: { from, to, programId: program },
    error: null,
  };
}
