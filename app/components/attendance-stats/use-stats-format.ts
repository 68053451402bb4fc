import { attendance as attendanceStrings } from "~/i18n/strings/attendance";
import { useLocale, useStrings } from "~/i18n/use-strings";
import type { ChartSeries } from "~/components/attendance-chart.client";
import { PALETTE } from "~/components/chart-colors";
import type { GenderCounts } from "~/outcomes/attendance-rules";
import { genderColumns, type AttendanceProtection, type AttendanceStats } from "~/outcomes/attendance-stats";
import { PUBLISHED_GENDERS, protectedShare, type ProtectedCell } from "~/privacy/small-counts";

/** What every section of the statistics page gets: the exact figures and what print may show of them. */
export interface StatsSectionProps {
  stats: AttendanceStats;
  protection: AttendanceProtection;
}

/** The page's words and number formats, shared by its sections. */
export function useStatsFormat() {
  const t = useStrings(attendanceStrings);
  const locale = useLocale();
  const genderLabels = PUBLISHED_GENDERS.map((g) => t[g]);
  const num = (n: number) => n.toLocaleString(locale === "sv" ? "sv-SE" : "en-GB");
  return {
    t,
    locale,
    genderLabels,
    /** The gender columns and the total, as every count table has them. */
    columns: [...genderLabels, t.total],
    num,
    pct: (n: number | null) => (n === null ? "–" : `${num(n)} %`),
    weekday: (n: number) => t[`wd${n}` as keyof typeof t],
    genderSeries: (rows: GenderCounts[]): ChartSeries[] =>
      PUBLISHED_GENDERS.map((g, i) => ({
        label: t[g],
        data: rows.map((r) => genderColumns(r)[i]),
        color: PALETTE[i],
      })),
    /** A share on screen: staff see the exact figures, whatever print hides. */
    exactShare: (cell: ProtectedCell, total: ProtectedCell) =>
      protectedShare({ value: cell.value, status: "shown" }, { value: total.value, status: "shown" }),
  };
}
