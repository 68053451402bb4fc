import { AttendanceChart } from "~/components/attendance-chart.client";
import { CountTable } from "~/components/count-table";
import { PrintBars } from "~/components/print-bars";
import { ChartBox } from "./chart-box";
import { useStatsFormat, type StatsSectionProps } from "./use-stats-format";

export function MonthSection({ stats, protection }: StatsSectionProps) {
  const { t, columns, genderSeries } = useStatsFormat();
  return (
    <section className="stats-section">
      <h2 id="s-month">{t.perMonth}</h2>
      <ChartBox title={t.perMonth}>
        {() => (
          <AttendanceChart
            kind="bar"
            stacked
            title={t.perMonth}
            labels={stats.byMonth.map((m) => m.month)}
            series={genderSeries(stats.byMonth)}
            unit={t.visits}
          />
        )}
      </ChartBox>
      <PrintBars
        title={t.perMonth}
        bars={stats.byMonth.map((m, i) => ({ label: m.month, cell: protection.byMonth.rows[i].at(-1)! }))}
      />
      <CountTable
        caption={t.perMonth}
        rowHeader={t.month}
        columns={columns}
        rows={stats.byMonth.map((m, i) => ({
          key: m.month,
          label: m.month,
          cells: protection.byMonth.rows[i],
          extra: [m.openingDays],
        }))}
        totals={protection.byMonth.totals}
        totalLabel={t.total}
        totalFirst
        extra={[t.openingDays]}
      />
    </section>
  );
}
