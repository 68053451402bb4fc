import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/guards.server";
import { CATALOGUE_EDITORS, rolesFor } from "~/auth/capabilities";
import { loadStatsPage } from "~/activities/attendance-statistics.server";
import { AttendanceNav } from "~/components/attendance-nav";
import { ActivitySection } from "~/components/attendance-stats/activity-section";
import { EnrolmentSection } from "~/components/attendance-stats/enrolment-section";
import { FirstTimeSection } from "~/components/attendance-stats/first-time-section";
import { GenderSection } from "~/components/attendance-stats/gender-section";
import { MonthSection } from "~/components/attendance-stats/month-section";
import { PerDaySection } from "~/components/attendance-stats/per-day-section";
import { SpecialsSection } from "~/components/attendance-stats/specials-section";
import { StatsFilterForm } from "~/components/attendance-stats/stats-filter-form";
import { StatsSummary } from "~/components/attendance-stats/stats-summary";
import { UniqueSection } from "~/components/attendance-stats/unique-section";
import { WeekdaySection } from "~/components/attendance-stats/weekday-section";
import { PersonsReachedSection } from "~/components/persons-reached-section";
import { localeFromRequest } from "~/i18n/locale";
import { pageTitle } from "~/i18n/meta";
import { attendance as attendanceStrings } from "~/i18n/strings/attendance";
import { useStrings } from "~/i18n/use-strings";
import { todayInStockholm } from "~/outcomes/calendar";
import styles from "~/styles/attendance.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(attendanceStrings, "statsTitle");

/** `?from=YYYY-MM-DD&to=YYYY-MM-DD&program=ID`: a query that cannot be used is a 400 with a plain message. */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("attendance") });
  const page = await loadStatsPage({
    staff,
    params: new URL(request.url).searchParams,
    today: todayInStockholm(),
    locale: localeFromRequest(request),
  });
  const out = { ...page, canEdit: CATALOGUE_EDITORS.includes(staff.role) };
  return page.error ? data(out, { status: 400 }) : out;
}

export default function AttendanceStatsPage() {
  const { error, filter, programs, canEdit, stats, protection, reach, selection } = useLoaderData<typeof loader>();
  const t = useStrings(attendanceStrings);
  return (
    <div className="page attendance">
      <AttendanceNav canEdit={canEdit} />
      <h1>{t.statsTitle}</h1>
      <p className="lead exact-only">{t.statsLead}</p>
      <p className="print-only">{t.printNote}</p>
      <StatsFilterForm filter={filter} programs={programs} error={error} />
      {stats && protection && selection ? (
        <>
          <StatsSummary stats={stats} protection={protection} selection={selection} />
          <MonthSection stats={stats} protection={protection} />
          <PerDaySection perDay={stats.perDay} />
          <SpecialsSection stats={stats} protection={protection} />
          <ActivitySection stats={stats} protection={protection} />
          <WeekdaySection stats={stats} protection={protection} />
          <GenderSection stats={stats} protection={protection} />
          <FirstTimeSection stats={stats} protection={protection} />
          {reach ? (
            <PersonsReachedSection
              reach={reach.figures}
              programs={reach.programs}
              chosen={
                selection.programName === null
                  ? null
                  : {
                      name: selection.programName,
                      allProgramsHref: `?${new URLSearchParams({ from: filter.from, to: filter.to })}#s-persons`,
                    }
              }
            />
          ) : null}
          <UniqueSection stats={stats} protection={protection} />
          <EnrolmentSection stats={stats} protection={protection} selection={selection} />
          <p className="muted exact-only">{t.smallRuleNote}</p>
        </>
      ) : null}
    </div>
  );
}
