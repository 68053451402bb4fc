import type { StatsSelection } from "~/activities/attendance-statistics.server";
import { AttendanceChart } from "~/components/attendance-chart.client";
import { PALETTE } from "~/components/chart-colors";
import { CountCell, TableWrap } from "~/components/count-table";
import { ColumnHeads } from "~/components/table-heads";
import { format } from "~/i18n/define";
import { PUBLISHED_GENDERS, protectedLabel, protectedShare } from "~/privacy/small-counts";
import { ChartBox } from "./chart-box";
import { useStatsFormat, type StatsSectionProps } from "./use-stats-format";

/** Visits set against the enrolment of the same programmes, by gender; only when they are the same people. */
export function EnrolmentSection({ stats, protection, selection }: StatsSectionProps & { selection: StatsSelection }) {
  const { t, locale, genderLabels, num, pct, exactShare } = useStatsFormat();
  const { enrolled } = stats.reach;
  const asOf = (total: string | number) =>
    format(t.reachAsOf, { date: enrolled.asOf ?? "", programs: enrolled.programs.join(", "), total });
  const unique =
    stats.reach.uniqueShare !== null ? ` ${format(t.reachUnique, { share: num(stats.reach.uniqueShare) })}` : "";
  return (
    <section className="stats-section">
      <h2 id="s-reach">{t.reachTitle}</h2>
      {!selection.enrolmentComparable ? (
        <p>{t.reachNotComparable}</p>
      ) : enrolled.total === 0 ? (
        <p>{t.reachNone}</p>
      ) : (
        <>
          <p className="exact-only">
            {asOf(enrolled.total)}
            {unique}
          </p>
          <p className="print-only">
            {asOf(protectedLabel(protection.enrolled.total, locale))}
            {protectedShare(protection.uniqueTotal, protection.enrolled.total) !== null ? unique : ""}
          </p>
          <ChartBox title={t.reachTitle}>
            {() => (
              <AttendanceChart
                kind="bar"
                title={t.reachTitle}
                labels={genderLabels}
                series={[
                  {
                    label: t.enrolledShare,
                    data: protection.enrolled.cells.map((c) => exactShare(c, protection.enrolled.total) ?? 0),
                    color: PALETTE[0],
                  },
                  {
                    label: t.visitsShare,
                    data: protection.byGender.cells.map((c) => exactShare(c, protection.byGender.total) ?? 0),
                    color: PALETTE[1],
                  },
                ]}
                unit="%"
              />
            )}
          </ChartBox>
          <TableWrap label={t.reachTitle}>
            <table className="stats-table">
              <caption>{t.reachTitle}</caption>
              <ColumnHeads columns={[t.gender]} numeric={[t.enrolled, t.enrolledShare, t.visits, t.visitsShare]} />
              <tbody>
                {PUBLISHED_GENDERS.map((g, i) => {
                  const enrolledCell = protection.enrolled.cells[i];
                  const visits = protection.byGender.cells[i];
                  return (
                    <tr key={g}>
                      <th scope="row">{t[g]}</th>
                      <CountCell cell={enrolledCell} label={t.enrolled} />
                      <td className="num" data-label={t.enrolledShare}>
                        <span className="exact-only">{pct(exactShare(enrolledCell, protection.enrolled.total))}</span>
                        <span className="print-only">
                          {pct(protectedShare(enrolledCell, protection.enrolled.total))}
                        </span>
                      </td>
                      <CountCell cell={visits} label={t.visits} />
                      <td className="num" data-label={t.visitsShare}>
                        <span className="exact-only">{pct(exactShare(visits, protection.byGender.total))}</span>
                        <span className="print-only">{pct(protectedShare(visits, protection.byGender.total))}</span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </section>
  );
}
