import { AttendanceChart } from "~/components/attendance-chart.client";
import { PALETTE } from "~/components/chart-colors";
import { CountTable } from "~/components/count-table";
import { format } from "~/i18n/define";
import { protectedLabel } from "~/privacy/small-counts";
import { ChartBox } from "./chart-box";
import { useStatsFormat, type StatsSectionProps } from "./use-stats-format";

/** New visitors as registered with the counts; a month without the figure is "unknown", never 0. */
export function FirstTimeSection({ stats, protection }: StatsSectionProps) {
  const { t, locale } = useStatsFormat();
  const text = (count: string | number) =>
    format(t.firstTimeText, {
      count,
      registrations: stats.firstTime.registrationsWithFigure,
      all: stats.registrations,
    });
  return (
    <section className="stats-section">
      <h2 id="s-first">{t.firstTimeTitle}</h2>
      {stats.firstTime.registrationsWithFigure === 0 ? (
        <p>{t.firstTimeUnknown}</p>
      ) : (
        <>
          <p className="exact-only">{text(stats.firstTime.visitors)}</p>
          <p className="print-only">{text(protectedLabel(protection.firstTime, locale))}</p>
          <ChartBox title={t.firstTimeTitle}>
            {() => (
              <AttendanceChart
                kind="line"
                title={t.firstTimeTitle}
                labels={stats.byMonth.map((m) => m.month)}
                series={[
                  {
                    label: t.firstTimeTitle,
                    data: stats.byMonth.map((m) => (m.firstTimeKnown > 0 ? m.firstTime : null)),
                    color: PALETTE[1],
                  },
                ]}
              />
            )}
          </ChartBox>
          <CountTable
            caption={t.firstTimeTitle}
            rowHeader={t.month}
            columns={[t.firstTimeTitle]}
            rows={stats.byMonth.map((m, i) => ({
              key: m.month,
              label: m.month,
              cells: [protection.firstTimeByMonth.cells[i]],
              displays: [m.firstTimeKnown === 0 ? t.unknown : undefined],
            }))}
            totals={[protection.firstTimeByMonth.total]}
            totalLabel={t.total}
          />
        </>
      )}
    </section>
  );
}
