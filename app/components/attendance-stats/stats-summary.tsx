import type { StatsSelection } from "~/activities/attendance-statistics.server";
import { format } from "~/i18n/define";
import { protectedLabel } from "~/privacy/small-counts";
import { useStatsFormat, type StatsSectionProps } from "./use-stats-format";

/** What the page is about (period and programmes, said in words) and its totals; print repeats the period. */
export function StatsSummary({ stats, protection, selection }: StatsSectionProps & { selection: StatsSelection }) {
  const { t, locale } = useStatsFormat();
  const summary = (visits: string | number) =>
    format(t.periodSummary, {
      from: stats.period.from,
      to: stats.period.to,
      visits,
      registrations: stats.registrations,
      days: stats.perDay?.openingDays ?? 0,
    });
  return (
    <>
      <p className="print-only print-heading">
        {format(t.printHeading, { from: stats.period.from, to: stats.period.to })}
      </p>
      <p className="selection-note">
        {selection.programName === null
          ? selection.everyProgram
            ? t.selectionAll
            : format(t.selectionMine, { programs: selection.programNames.join(", ") })
          : format(stats.registrations === 0 ? t.selectionProgramNone : t.selectionProgram, {
              program: selection.programName,
            })}
      </p>
      <p role="status">
        <span className="exact-only">{summary(stats.total.total)}</span>
        <span className="print-only">{summary(protectedLabel(protection.byGender.total, locale))}</span>
      </p>
      {stats.registrations === 0 ? <p>{t.noData}</p> : null}
    </>
  );
}
