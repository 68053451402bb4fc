import { programScope } from "~/auth/scope";
import type { Locale } from "~/i18n/locale";
import { attendance as attendanceStrings } from "~/i18n/strings/attendance";
import { countUniqueParticipants, listAttendanceFacts } from "~/models/attendance.server";
import { enrolmentOn } from "~/models/enrolment.server";
import { personsReached } from "~/models/persons-reached.server";
import { listAllPrograms } from "~/models/program.server";
import type { StaffUser } from "~/models/staff.server";
import {
  computeAttendanceStats,
  publishAttendanceStats,
  readAttendanceProtection,
  type AttendanceStats,
} from "~/outcomes/attendance-stats";
import { publishPersonsReached, readPersonsReached, type PersonsReachedFigures } from "~/outcomes/persons-reached";
import { cellKey, type Publication } from "~/privacy/small-counts";
import { programsInView } from "./programs.server";
import { parseStatsQuery, type StatsQuery } from "./stats-query";

/**
 * What the figures on the statistics page are about (decision 0012):
 * - no programme chosen: every visit the person may see, shared activities and drop-in included;
 * - one programme: only the activities that belong to it. Drop-in and activities open to all cannot be split by
 *   programme (a registration counts heads, not programmes), so they are left out and the page says so;
 * - enrolment is compared only with visits of the same people: one programme's own activities, or every visit
 *   when every programme is in view. Never one programme's enrolment against everyone's visits;
 * - persons reached counts the people behind the same visits as the tables (decision 0027), so the page is one
 *   publication whose linked figures are protected together.
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

type Viewer = Pick<StaffUser, "role" | "programIds">;

/** The statistics page's data from its query string: the filter as typed, and the figures or a plain reason. */
export async function loadStatsPage({
  staff,
  params,
  today,
  locale,
}: {
  staff: Viewer;
  params: URLSearchParams;
  today: string;
  locale: Locale;
}) {
  const { filter, query, error } = parseStatsQuery(params, today);
  const programs = await programsInView(staff);
  const refused = { programs, stats: null, protection: null, reach: null, selection: null } as const;
  if (!query) return { ...refused, filter, error };
  // Only a programme the staff member may see; another one's id is refused like an unknown one.
  if (query.programId !== null && !programs.some((p) => p.id === query.programId)) {
    return { ...refused, filter, error: "program" as const };
  }
  const figures = await loadAttendanceStatistics({
    staff,
    query,
    programs,
    dropInLabel: attendanceStrings[locale].dropInShort,
  });
  return { ...figures, filter, programs, error: null };
}

async function loadAttendanceStatistics({
  staff,
  query: { from, to, programId },
  programs,
  dropInLabel,
}: {
  staff: Viewer;
  query: StatsQuery;
  programs: { id: number; name: string }[];
  dropInLabel: string;
}) {
  const scope = programScope(staff);
  const everyProgram = scope === undefined || (await listAllPrograms()).every((p) => scope.includes(p.id));
  const chosen = programs.find((p) => p.id === programId) ?? null;
  const period = chosen
    ? { from, to, programIds: [chosen.id], shared: false }
    : { from, to, programIds: scope, shared: true };
  const enrolmentComparable = chosen !== null || everyProgram;
  const [facts, unique, enrolment, reach] = await Promise.all([
    listAttendanceFacts(period),
    countUniqueParticipants(period),
    enrolmentComparable ? enrolmentOn({ date: to, programIds: chosen ? [chosen.id] : undefined }) : Promise.resolve([]),
    personsReached(period),
  ]);
  const stats = computeAttendanceStats({ facts, from, to, unique, enrolment, dropInLabel });
  const selection: StatsSelection = {
    programId: chosen?.id ?? null,
    programName: chosen?.name ?? null,
    programNames: chosen ? [chosen.name] : programs.map((p) => p.name),
    everyProgram,
    enrolmentComparable,
  };
  const published = publishStatsPage(stats, reach.figures).protect();
  return {
    stats,
    protection: readAttendanceProtection(published),
    reach: { figures: readPersonsReached(published, reach.figures), programs: reach.programs },
    selection,
  };
}

/**
 * Everything the page publishes, as one publication to protect in one pass. Persons reached counts the same
 * registrations as the tables, so its visits are the page's visits and its people with a code are the page's
 * distinct codes: the same numbers, linked, whichever programme is chosen.
 */
export function publishStatsPage(stats: AttendanceStats, reach: PersonsReachedFigures): Publication {
  const publication = publishAttendanceStats(stats);
  publishPersonsReached(publication, reach, { visitsTotal: cellKey("visits", "all"), codedTotal: "unique|people" });
  return publication;
}
