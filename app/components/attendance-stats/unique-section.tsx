import { AttendanceChart } from "~/components/attendance-chart.client";
import { PALETTE } from "~/components/chart-colors";
import { CountTable } from "~/components/count-table";
import { format } from "~/i18n/define";
import { protectedLabel } from "~/privacy/small-counts";
import { ChartBox } from "./chart-box";
import { useStatsFormat, type StatsSectionProps } from "./use-stats-format";

/** Distinct participant codes, per month and over the period. */
export function UniqueSection({ stats, protection }: StatsSectionProps) {
  const { t, locale } = useStatsFormat();
  return (
    <section className="stats-section">
      <h2 id="s-unique">{t.uniqueTitle}</h2>
      {stats.unique.people === 0 ? (
        <p>{t.uniqueNone}</p>
      ) : (
        <>
          <p className="exact-only">
            {format(t.uniqueText, {
              people: stats.unique.people,
              registrations: stats.unique.registrationsWithCodes,
              visits: stats.unique.visitsWithCodes,
            })}
          </p>
          <p className="print-only">
            {format(t.uniqueText, {
              people: protectedLabel(protection.uniqueTotal, locale),
              registrations: stats.unique.registrationsWithCodes,
              visits: protectedLabel(protection.codedVisits, locale),
            })}
          </p>
          <ChartBox title={t.uniqueTitle}>
            {() => (
              <AttendanceChart
                kind="bar"
                title={t.uniqueTitle}
                labels={stats.unique.byMonth.map((m) => m.month)}
                series={[{ label: t.people, data: stats.unique.byMonth.map((m) => m.people), color: PALETTE[2] }]}
                unit={t.people}
              />
            )}
          </ChartBox>
          <CountTable
            caption={t.uniqueTitle}
            rowHeader={t.month}
            columns={[t.people]}
            rows={stats.unique.byMonth.map((m, i) => ({
              key: m.month,
              label: m.month,
              cells: [protection.uniqueByMonth.cells[i]],
            }))}
          />
        </>
      )}
    </section>
  );
}
