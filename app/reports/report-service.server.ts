import { z } from "zod";
import { parseForm } from "~/http/parse-form";
import { isIsoDate } from "~/http/params";
import { programsInView } from "~/activities/programs.server";
import { rolesFor } from "~/auth/capabilities";
import { recordScope, type Scope } from "~/auth/scope";
import { findProgramsByIds } from "~/models/program.server";
import {
  createReport,
  getReport,
  latestEditedTexts,
  replaceDraft,
  setChosenQuotes,
  type ChangeResult,
  type ReportRecord,
} from "~/models/report.server";
import type { StaffUser } from "~/models/staff.server";
import { buildDraft } from "./draft";
import { CARRIED_SECTIONS, type Draft } from "./draft-types";
import { gatherReportInput, periodQuotes } from "./report-input.server";
import { staleness } from "./resolve";
import { QUOTES_MAX } from "./sections/voices";

export const TITLE_MAX = 200;
export const SECTION_TEXT_MAX = 20_000;
export const MAX_PERIOD_YEARS = 5;

type Staff = Pick<StaffUser, "id" | "email" | "role" | "programIds">;

/** The programmes a staff member may write a report on. */
export async function reportablePrograms(staff: Staff): Promise<{ id: number; name: string }[]> {
  return (await programsInView(staff)).map((p) => ({ id: p.id, name: p.name }));
}

export type NewReportErrors = Partial<Record<"title" | "from" | "to" | "programId", string>>;

const newReportSchema = z.object({
  title: z.string().trim().min(1, "errTitle").max(TITLE_MAX, "errTitleLong"),
  from: z.string().trim().refine(isIsoDate, "errDate"),
  to: z.string().trim().refine(isIsoDate, "errDate"),
  programId: z
    .array(z.string().regex(/^\d{1,9}$/, "errProgram"))
    .min(1, "errProgramNone")
    .max(20, "errProgram"),
});

/** Checks the form for a new report; messages are string keys of the reports strings. */
export function parseNewReport(
  form: URLSearchParams,
  allowedProgramIds: number[],
):
  | { ok: true; value: { title: string; from: string; to: string; programIds: number[] } }
  | { ok: false; errors: NewReportErrors } {
  const parsed = parseForm(form, newReportSchema);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const errors: NewReportErrors = {};
  const { title, from, to } = parsed.value;
  const programIds = [...new Set(parsed.value.programId.map(Number))].sort((a, b) => a - b);
  if (to < from) errors.to = "errOrder";
  else if (yearsBetween(from, to) > MAX_PERIOD_YEARS) errors.to = "errTooLong";
  if (programIds.some((id) => !allowedProgramIds.includes(id))) errors.programId = "errProgram";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { title, from, to, programIds } };
}

function yearsBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / (365.25 * 86_400_000);
}

async function draftFor(report: {
  from: string;
  to: string;
  programIds: number[];
  chosenQuoteIds: number[] | null;
}): Promise<Draft> {
  const programs = (await findProgramsByIds({ ids: report.programIds })).map((p) => ({ id: p.id, name: p.name }));
  return buildDraft(
    await gatherReportInput({ from: report.from, to: report.to, programs, chosenQuoteIds: report.chosenQuoteIds }),
  );
}

/** A new report drafted from the data; the background texts start from the latest earlier report. */
export async function draftNewReport({
  value,
  actor,
  ip,
}: {
  value: { title: string; from: string; to: string; programIds: number[] };
  actor: Staff;
  ip: string;
}): Promise<number> {
  const draft = await draftFor({ ...value, chosenQuoteIds: null });
  const carried = await latestEditedTexts({ programIds: value.programIds, keys: CARRIED_SECTIONS });
  return createReport({ ...value, draft, carried, actor, ip });
}

/**
 * Whose reports a staff member reads: those every programme of which they work in (admins: all). A report is
 * never without a programme; if one were, the "shared" rule would show it to everyone who writes reports.
 */
export function reportScope(staff: Pick<StaffUser, "role" | "programIds">): Scope {
  return recordScope(staff, "shared", rolesFor("reports"));
}

/** The report if the staff member may see every programme it covers; null otherwise (404 to them). */
export function reportFor(staff: Staff, id: number): Promise<ReportRecord | null> {
  return getReport({ id, scope: reportScope(staff) });
}

/** Fresh figures from today's data; edited sections keep their text and are marked if their figures moved. */
export async function regenerateReport({
  report,
  expectedVersion,
  actor,
  ip,
}: {
  report: ReportRecord;
  expectedVersion: number;
  actor: Staff;
  ip: string;
}): Promise<ChangeResult> {
  if (report.status !== "draft") return { ok: false, problem: "final" };
  const draft = await draftFor(report);
  return replaceDraft({
    id: report.id,
    draft,
    staleness: staleness(draft, report.sections),
    expectedVersion,
    actor,
    ip,
  });
}

/** The coordinator's choice of quotes (two to four, from the approved ones of the period). */
export async function chooseQuotes({
  report,
  quoteIds,
  expectedVersion,
  actor,
  ip,
}: {
  report: ReportRecord;
  quoteIds: number[];
  expectedVersion: number;
  actor: Staff;
  ip: string;
}): Promise<ChangeResult | { ok: false; problem: "too-many" | "unknown-quote" }> {
  if (report.status !== "draft") return { ok: false, problem: "final" };
  if (quoteIds.length > QUOTES_MAX) return { ok: false, problem: "too-many" };
  const draft = await draftFor({ ...report, chosenQuoteIds: quoteIds });
  const available = await availableQuotes(report);
  if (quoteIds.some((id) => !available.some((q) => q.id === id))) return { ok: false, problem: "unknown-quote" };
  return setChosenQuotes({ id: report.id, quoteIds, draft, expectedVersion, actor, ip });
}

/** The approved, consented quotes of the report's period and programmes, redacted. */
export function availableQuotes(report: { from: string; to: string; programIds: number[] }) {
  return periodQuotes(report);
}
