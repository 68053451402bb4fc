import { AttendanceChart } from "~/components/attendance-chart.client";
import { CountTable } from "~/components/count-table";
import { PrintBars } from "~/components/print-bars";
import { ChartBox } from "./chart-box";
import { useStatsFormat, type StatsSectionProps } from "./use-stats-format";

export function ActivitySection({ stats, protection }: StatsSectionProps) {
  const { t, columns, num, genderSeries } = useStatsFormat();
  return (
    <section className="stats-section">
      <h2 id="s-activity">{t.perActivity}</h2>
      <ChartBox title={t.perActivity} bars={stats.perActivity.length}>
        {() => (
          <AttendanceChart
            kind="bar"
            stacked
            horizontal
            title={t.perActivity}
            labels={stats.perActivity.map((a) => a.label)}
            series={genderSeries(stats.perActivity)}
            unit={t.visits}
          />
        )}
      </ChartBox>
      <PrintBars
        title={t.perActivity}
        bars={stats.perActivity.map((a, i) => ({ label: a.label, cell: protection.perActivity.rows[i].at(-1)! }))}
      />
      <CountTable
        caption={t.perActivity}
        rowHeader={t.activity}
        columns={columns}
        rows={stats.perActivity.map((a, i) => ({
          key: a.key,
          label: a.label,
          cells: protection.perActivity.rows[i],
          extra: [a.registrations, num(a.average)],
        }))}
        totals={protection.perActivity.totals}
        totalLabel={t.total}
        totalFirst
        extra={[t.registrations, t.average]}
      />
    </section>
  );
}
