import { listAttendanceFacts } from "~/models/attendance.server";
import { enrolmentOn } from "~/models/enrolment.server";
import { personsReached } from "~/models/persons-reached.server";
import { listOutcomeCampaigns } from "~/models/outcome.server";
import { loadOutcomeReport, OutcomeQueryError } from "~/outcomes/load-outcomes.server";
import { listApprovedQuotes } from "~/models/quote.server";
import { redactionNames } from "~/models/redaction-name.server";
import {
  countFeedbackBySource,
  countFeedbackByTheme,
  listReportActivities,
  listReportProposals,
  listReportWorkshops,
} from "~/models/report-source.server";
import { addDays, todayInStockholm } from "~/outcomes/calendar";
import { redact } from "~/privacy/redact";
import { previousPeriod } from "./draft-context";
import type { ReportInput } from "./report-input";

/** The UTC instant a Stockholm calendar day starts, so stored times are cut at local midnight. */
export function stockholmDayStartIso(date: string): string {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  for (const offsetHours of [2, 1]) {
    const t = new Date(midnightUtc - offsetHours * 3_600_000);
    if (todayInStockholm(t) === date && todayInStockholm(new Date(t.getTime() - 1)) !== date) return t.toISOString();
  }
  return new Date(midnightUtc).toISOString();
}

const stockholmDay = (iso: string) => todayInStockholm(new Date(iso));

/** The approved quotes of a period given with consent, masked: the only quotes a report may print. */
export async function periodQuotes({
  from,
  to,
  programIds,
  names,
}: {
  from: string;
  to: string;
  programIds: number[];
  names?: string[];
}): Promise<ReportInput["quotes"]> {
  const [quotes, masked] = await Promise.all([
    listApprovedQuotes({ programIds, from, to }),
    names ? Promise.resolve(names) : redactionNames(),
  ]);
  return quotes
    .filter((q) => q.consentToQuote)
    .map((q) => ({ id: q.id, text: redact(q.text, { names: masked }).text, date: q.quoteDate, source: q.source }));
}

/**
 * The user survey for the report: the latest brukarenkät wave of the programmes that closed by `to` (within
 * or before the period) and the wave before it, with every figure from the outcomes module, broken down by
 * gender for the equality analysis.
 */
export async function surveyForReport({
  to,
  programIds,
}: {
  to: string;
  programIds: number[];
}): Promise<ReportInput["survey"]> {
  const waves = (await listOutcomeCampaigns({ programIds }))
    .filter((c) => c.surveyKey === "brukarenkat" && c.closesOn <= to && c.responses > 0)
    .sort((a, b) => a.closesOn.localeCompare(b.closesOn) || a.id - b.id);
  const latest = waves.at(-1);
  if (!latest) return null;
  const previous = waves.length > 1 ? waves[waves.length - 2] : null;
  try {
    const report = await loadOutcomeReport({
      campaignIds: previous ? [previous.id, latest.id] : [latest.id],
      by: "gender",
      compareWith: previous?.id ?? null,
      scope: programIds,
    });
    const enrolment = await enrolmentOn({ date: latest.closesOn, programIds: [latest.programId] });
    const enrolled = enrolment.reduce((n, e) => n + e.women + e.men + e.other + e.notStated, 0);
    return { report, enrolled: enrolment.length > 0 ? enrolled : null };
  } catch (error) {
    // A wave the outcomes module cannot read (another survey's tags, say) is left out, not a failed report.
    if (error instanceof OutcomeQueryError) return null;
    throw error;
  }
}

/**
 * Gathers, through the models, everything a draft for `programs` over [from, to] is written from. Free
 * text is masked here (identity numbers, phone numbers, e-mail addresses, listed names) before it can
 * reach a report.
 */
export async function gatherReportInput({
  from,
  to,
  programs,
  chosenQuoteIds,
}: {
  from: string;
  to: string;
  programs: { id: number; name: string }[];
  chosenQuoteIds: number[] | null;
}): Promise<ReportInput> {
  const programIds = programs.map((p) => p.id);
  const previous = previousPeriod(from, to);
  const range = { programIds, fromIso: stockholmDayStartIso(from), toIso: stockholmDayStartIso(addDays(to, 1)) };
  const [facts, previousFacts, activities, enrolment, workshops, quotes, themes, sources, names, reach, survey] =
    await Promise.all([
      listAttendanceFacts({ from, to, programIds }),
      listAttendanceFacts({ ...previous, programIds }),
      listReportActivities(),
      enrolmentOn({ date: to, programIds }),
      listReportWorkshops({ programIds, to }),
      periodQuotes({ from, to, programIds }),
      countFeedbackByTheme(range),
      countFeedbackBySource(range),
      redactionNames(),
      personsReached({ from, to, programIds }),
      surveyForReport({ to, programIds }),
    ]);
  const mask = (text: string) => redact(text, { names }).text;
  const proposals = await listReportProposals({ workshopIds: workshops.map((w) => w.id) });
  return {
    period: { from, to },
    previous: { ...previous, facts: previousFacts },
    programs,
    facts,
    activities: activities.map((a) => ({
      id: a.id,
      name: a.name,
      kind: a.kind,
      scope: a.scope,
      countsAttendance: a.countsAttendance,
      startsOn: a.startsOn,
      archivedOn: a.archivedAt ? stockholmDay(a.archivedAt) : null,
    })),
    enrolment: enrolment.map((e) => ({
      programName: e.programName,
      onDate: e.onDate,
      women: e.women,
      men: e.men,
      other: e.other,
      notStated: e.notStated,
    })),
    workshops,
    proposals: proposals.map((p) => ({
      id: p.id,
      workshopId: p.workshopId,
      title: mask(p.title),
      createdOn: stockholmDay(p.createdAt),
      changes: p.changes.map((c) => ({ status: c.status, on: stockholmDay(c.at), comment: mask(c.comment) })),
    })),
    quotes,
    chosenQuoteIds,
    themes: themes.map((t) => ({ name: t.name, parent: t.parent, count: t.count })),
    feedbackSources: sources,
    reach: reach.figures,
    survey,
  };
}
