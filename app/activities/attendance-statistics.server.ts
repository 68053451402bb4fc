import { programScope } from "~/auth/scope";
import { isIsoDate } from "~/http/params";
import { countUniqueParticipants, listAttendanceFacts } from "~/models/attendance.server";
import { enrolmentOn } from "~/models/enrolment.server";
import { personsReached } from "~/models/persons-reached.server";
import { listPrograms } from "~/models/program.server";
import type { StaffUser } from "~/models/staff.server";
import { computeAttendanceStats, publishAttendanceStats, readAttendanceProtection } from "~/outcomes/attendance-stats";
import { publishPersonsReached, readPersonsReached } from "~/outcomes/persons-reached";
import { cellKey } from "~/privacy/small-counts";
import { programsFor } from "~/models/program.server";

/**
 * What the figures on the statistics page are about (decision 0012):
 * - no programme chosen: every visit the person may see, shared activities and drop-in included;
 * - one programme: only the activities that belong to it. Drop-in and activities open to all cannot be split by
 *   programme (a registration counts heads, not programmes), so they are left out and the page says so;
 * - enrolment is compared only with visits of the same people: one programme's own activities, or every visit
 *   when every programme is in view. Never one programme's enrolment against everyone's visits.
 */
export interface StatsSelection {
  programId: number | null;
  programName: string | null;
  /** The programmes in view: the chosen one, or all the person may see. */
  programNames: string[];
  /** Every programme of the partnership is in view, so shared visits can be set against their enrolment. */
  everyProgram: boolean;
  /** The enrolment is compared with these visits (false: the page says why not). */
  enrolmentComparable: boolean;
}

export type StatsFilterError = "period" | "program";

export function defaultFrom(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 11;
  const d = new Date(Date.UTC(y, m - 1, 1));
  return d.toISOString().slice(0, 10);
}

/** The filter as typed, checked: a plain reason when it cannot be used. */
export function checkStatsFilter({
  from,
  to,
  programId,
  programs,
}: {
  from: string;
  to: string;
  programId: number | null;
  programs: { id: number }[];
}): StatsFilterError | null {
  // At most ten years at a time: enough for any report, and the month table stays readable.
  if (!isIsoDate(from) || !isIsoDate(to) || from > to || Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 10) {
    return "period";
  }
  // Only a programme the staff member may see; another one's id is refused like an unknown one.
  if (programId !== null && !programs.some((p) => p.id === programId)) return "program";
  return null;
}

export async function loadAttendanceStatistics({
  staff,
  from,
  to,
  rawProgram,
  dropInLabel,
}: {
  staff: Pick<StaffUser, "role" | "programIds">;
  from: string;
  to: string;
  rawProgram: string;
  dropInLabel: string;
}) {
  const programs = await programsFor(staff);
  const programId = rawProgram === "" ? null : /^\d{1,9}$/.test(rawProgram) ? Number(rawProgram) : -1;
  const error = checkStatsFilter({ from, to, programId, programs });
  if (error) return { error, programs, stats: null, protection: null, reach: null, selection: null } as const;

  const scope = programScope(staff);
  const everyProgram = scope === undefined || (await listPrograms()).every((p) => scope.includes(p.id));
  const chosen = programs.find((p) => p.id === programId) ?? null;
  const period = chosen
    ? { from, to, programIds: [chosen.id], shared: false }
    : { from, to, programIds: scope, shared: true };
  const enrolmentComparable = chosen !== null || everyProgram;
  const [facts, unique, enrolment, reach] = await Promise.all([
    listAttendanceFacts(period),
    countUniqueParticipants(period),
    enrolmentComparable ? enrolmentOn({ date: to, programIds: chosen ? [chosen.id] : undefined }) : Promise.resolve([]),
    // Persons are split by the programme they stated, so reach always covers every visit in view.
    personsReached({ from, to, programIds: scope }),
  ]);
  const stats = computeAttendanceStats({ facts, from, to, unique, enrolment, dropInLabel });
  const selection: StatsSelection = {
    programId: chosen?.id ?? null,
    programName: chosen?.name ?? null,
    programNames: chosen ? [chosen.name] : programs.map((p) => p.name),
    everyProgram,
    enrolmentComparable,
  };
  // One pass over everything the page publishes. With every programme in view, persons reached counts the same
  // visits and the same distinct codes as the tables, so those figures are linked.
  const publication = publishAttendanceStats(stats);
  publishPersonsReached(
    publication,
    reach.figures,
    chosen ? {} : { visitsTotal: cellKey("visits", "all"), codedTotal: "unique|people" },
  );
  const published = publication.protect();
  return {
    error: null,
    programs,
    stats,
    protection: readAttendanceProtection(published),
    reach: { figures: readPersonsReached(published, reach.figures), programs: reach.programs },
    selection,
  } as const;
}
