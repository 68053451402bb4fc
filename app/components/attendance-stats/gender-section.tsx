import { AttendanceChart } from "~/components/attendance-chart.client";
import { PALETTE } from "~/components/chart-colors";
import { CountCell, TableWrap } from "~/components/count-table";
import { ColumnHeads } from "~/components/table-heads";
import { genderColumns } from "~/outcomes/attendance-stats";
import { PUBLISHED_GENDERS, protectedShare } from "~/privacy/small-counts";
import { ChartBox } from "./chart-box";
import { useStatsFormat, type StatsSectionProps } from "./use-stats-format";

export function GenderSection({ stats, protection }: StatsSectionProps) {
  const { t, genderLabels, pct, exactShare } = useStatsFormat();
  return (
    <section className="stats-section">
      <h2 id="s-gender">{t.byGender}</h2>
      <ChartBox title={t.byGender}>
        {() => (
          <AttendanceChart
            kind="doughnut"
            title={t.byGender}
            labels={genderLabels}
            series={[{ label: t.visits, data: genderColumns(stats.total), color: PALETTE[0] }]}
          />
        )}
      </ChartBox>
      <TableWrap label={t.byGender}>
        <table className="stats-table">
          <caption>{t.byGender}</caption>
          <ColumnHeads columns={[t.gender]} numeric={[t.visits, t.share]} />
          <tbody>
            {PUBLISHED_GENDERS.map((g, i) => {
              const cell = protection.byGender.cells[i];
              return (
                <tr key={g}>
                  <th scope="row">{t[g]}</th>
                  <CountCell cell={cell} label={t.visits} />
                  <td className="num" data-label={t.share}>
                    <span className="exact-only">{pct(exactShare(cell, protection.byGender.total))}</span>
                    <span className="print-only">{pct(protectedShare(cell, protection.byGender.total))}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t.total}</th>
              <CountCell cell={protection.byGender.total} label={t.visits} />
              <td className="num" data-label={t.share}>
                {stats.total.total > 0 ? "100 %" : "–"}
              </td>
            </tr>
          </tfoot>
        </table>
      </TableWrap>
    </section>
  );
}
