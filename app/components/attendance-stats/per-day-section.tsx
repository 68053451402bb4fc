import { AttendanceChart } from "~/components/attendance-chart.client";
import { PALETTE } from "~/components/chart-colors";
import { TableWrap } from "~/components/count-table";
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
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t.min}
                  </th>
                  <th scope="col" className="num">
                    {t.median}
                  </th>
                  <th scope="col" className="num">
                    {t.max}
                  </th>
                  <th scope="col" className="num">
                    {t.openingDays}
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <td className="num" data-label={t.min}>
                    {perDay.min}
                  </td>
                  <td className="num" data-label={t.median}>
                    {num(perDay.median)}
                  </td>
                  <td className="num" data-label={t.max}>
                    {perDay.max}
                  </td>
                  <td className="num" data-label={t.openingDays}>
                    {perDay.openingDays}
                  </td>
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
