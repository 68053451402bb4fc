import { AttendanceChart } from "~/components/attendance-chart.client";
import { PALETTE } from "~/components/chart-colors";
import { TableWrap } from "~/components/count-table";
import { ColumnHeads, NumCell } from "~/components/table-heads";
import { format } from "~/i18n/define";
import type { AttendanceStats } from "~/outcomes/attendance-stats";
import { ChartBox } from "./chart-box";
import { useStatsFormat } from "./use-stats-format";

/** Participants per open day: a daily total describes no person, so it is never hidden. */
export function PerDaySection({ perDay }: { perDay: AttendanceStats["perDay"] }) {
  const { t, num } = useStatsFormat();
  return (
    <section className="stats-section">
      <h2 id="s-day">{t.perDay}</h2>
      {perDay ? (
        <>
          <p>
            {format(t.perDayText, {
              min: perDay.min,
              max: perDay.max,
              median: num(perDay.median),
              days: perDay.openingDays,
            })}
          </p>
          <ChartBox title={t.perDay}>
            {() => (
              <AttendanceChart
                kind="bar"
                title={t.perDay}
                labels={perDay.histogram.map((h) => String(h.participants))}
                series={[{ label: t.openingDays, data: perDay.histogram.map((h) => h.days), color: PALETTE[0] }]}
                unit={t.openingDays}
              />
            )}
          </ChartBox>
          <TableWrap label={t.perDay}>
            <table className="stats-table">
              <caption>{t.perDay}</caption>
              <ColumnHeads numeric={[t.min, t.median, t.max, t.openingDays]} />
              <tbody>
                <tr>
                  <NumCell label={t.min}>{perDay.min}</NumCell>
                  <NumCell label={t.median}>{num(perDay.median)}</NumCell>
                  <NumCell label={t.max}>{perDay.max}</NumCell>
                  <NumCell label={t.openingDays}>{perDay.openingDays}</NumCell>
                </tr>
              </tbody>
            </table>
          </TableWrap>
        </>
      ) : (
        <p>{t.noData}</p>
      )}
    </section>
  );
}
