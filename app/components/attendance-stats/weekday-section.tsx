import { AttendanceChart } from "~/components/attendance-chart.client";
import { CountTable } from "~/components/count-table";
import { PrintBars } from "~/components/print-bars";
import { format } from "~/i18n/define";
import { protectedLabel, type ProtectedCell } from "~/privacy/small-counts";
import { ChartBox } from "./chart-box";
import { useStatsFormat, type StatsSectionProps } from "./use-stats-format";

const zeroCell: ProtectedCell = { value: 0, status: "shown" };
const sumOf = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Regular days by weekday; the note says how many visits (the special occasions) are not in it. */
export function WeekdaySection({ stats, protection }: StatsSectionProps) {
  const { t, locale, columns, num, weekday, genderSeries } = useStatsFormat();
  return (
    <section className="stats-section">
      <h2 id="s-weekday">{t.perWeekday}</h2>
      <ChartBox title={t.perWeekday}>
        {() => (
          <AttendanceChart
            kind="bar"
            stacked
            title={t.perWeekday}
            labels={stats.perWeekday.map((w) => weekday(w.weekday))}
            series={genderSeries(stats.perWeekday)}
            unit={t.visits}
          />
        )}
      </ChartBox>
      <p>
        <span className="exact-only">
          {format(t.weekdayNote, { specials: stats.total.total - sumOf(stats.perWeekday.map((w) => w.total)) })}
        </span>
        <span className="print-only">
          {format(t.weekdayNote, {
            specials: protectedLabel(protection.specials.totals?.at(-1) ?? zeroCell, locale),
          })}
        </span>
      </p>
      <PrintBars
        title={t.perWeekday}
        bars={stats.perWeekday.map((w, i) => ({
          label: weekday(w.weekday),
          cell: protection.perWeekday.rows[i].at(-1)!,
        }))}
      />
      <CountTable
        caption={t.perWeekday}
        rowHeader={t.weekday}
        columns={columns}
        rows={stats.perWeekday.map((w, i) => ({
          key: String(w.weekday),
          label: weekday(w.weekday),
          cells: protection.perWeekday.rows[i],
          extra: [w.openingDays, num(w.average)],
        }))}
        totals={protection.perWeekday.totals}
        totalLabel={t.total}
        totalFirst
        extra={[t.openingDays, t.averagePerDay]}
      />
    </section>
  );
}
