import { AttendanceChart } from "~/components/attendance-chart.client";
import { CountTable } from "~/components/count-table";
import { ChartBox } from "./chart-box";
import { useStatsFormat, type StatsSectionProps } from "./use-stats-format";

export function SpecialsSection({ stats, protection }: StatsSectionProps) {
  const { t, columns, genderSeries } = useStatsFormat();
  return (
    <section className="stats-section">
      <h2 id="s-special">{t.specials}</h2>
      {stats.specials.length === 0 ? (
        <p>{t.noSpecials}</p>
      ) : (
        <>
          <ChartBox title={t.specials}>
            {() => (
              <AttendanceChart
                kind="bar"
                stacked
                title={t.specials}
                labels={stats.specials.map((s) => `${s.label} ${s.date}`)}
                series={genderSeries(stats.specials)}
                unit={t.visits}
              />
            )}
          </ChartBox>
          <CountTable
            caption={t.specials}
            rowHeader={t.activity}
            columns={columns}
            rows={stats.specials.map((s, i) => ({
              key: `${s.date}-${s.label}`,
              label: `${s.label}, ${s.date}`,
              cells: protection.specials.rows[i],
            }))}
            totals={protection.specials.totals}
            totalLabel={t.total}
            totalFirst
          />
        </>
      )}
    </section>
  );
}
