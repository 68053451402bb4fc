import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { requireStaff } from "~/auth/guards.server";
import { CATALOGUE_EDITORS, rolesFor } from "~/auth/capabilities";
import { defaultFrom, loadAttendanceStatistics } from "~/activities/attendance-statistics.server";
import { PersonsReachedSection } from "~/components/persons-reached-section";
import { PrintBars } from "~/components/print-bars";
import type { GenderCounts } from "~/outcomes/attendance-rules";
import { genderColumns } from "~/outcomes/attendance-stats";
import { todayInStockholm } from "~/outcomes/calendar";
import { PUBLISHED_GENDERS, protectedLabel, protectedShare, type ProtectedCell } from "~/privacy/small-counts";
import { AttendanceNav } from "~/components/attendance-nav";
import { AttendanceChart, type ChartSeries } from "~/components/attendance-chart.client";
import { PALETTE } from "~/components/chart-colors";
import { ClientOnly } from "~/components/client-only";
import { CountCell, CountTable, TableWrap } from "~/components/count-table";
import { format } from "~/i18n/define";
import { localeFromRequest } from "~/i18n/locale";
import { attendance as attendanceStrings } from "~/i18n/strings/attendance";
import { useLocale, useStrings } from "~/i18n/use-strings";
import styles from "~/styles/attendance.css";
import { pageTitle } from "~/i18n/meta";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(attendanceStrings, "statsTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("attendance") });
  const url = new URL(request.url);
  const today = todayInStockholm();
  const from = url.searchParams.get("from") || defaultFrom(today);
  const to = url.searchParams.get("to") || today;
  const rawProgram = url.searchParams.get("program") || "";
  const canEdit = CATALOGUE_EDITORS.includes(staff.role);
  const t = attendanceStrings[localeFromRequest(request)];
  const result = await loadAttendanceStatistics({ staff, from, to, rawProgram, dropInLabel: t.dropInShort });
  const page = { ...result, filter: { from, to, program: rawProgram }, canEdit };
  return result.error ? data(page, { status: 400 }) : page;
}

const GENDER_COLORS = PALETTE;

function ChartBox({ title, children }: { title: string; children: () => ReactNode }) {
  const t = useStrings(attendanceStrings);
  return (
    <div className="chart-box no-print">
      <ClientOnly fallback={<div className="chart-box__fallback">{t.chartFallback}</div>}>{children}</ClientOnly>
      <span className="visually-hidden">{title}</span>
    </div>
  );
}

export default function AttendanceStatsPage() {
  const { error, filter, programs, canEdit, stats, protection, reach, selection } = useLoaderData<typeof loader>();
  const t = useStrings(attendanceStrings);
  const locale = useLocale();
  const genderLabels = PUBLISHED_GENDERS.map((g) => t[g]);
  const genderSeries = (rows: GenderCounts[]): ChartSeries[] =>
    PUBLISHED_GENDERS.map((g, i) => ({
      label: t[g],
      data: rows.map((r) => genderColumns(r)[i]),
      color: GENDER_COLORS[i],
    }));
  const wd = (n: number) => t[`wd${n}` as keyof typeof t];
  const num = (n: number) => n.toLocaleString(locale === "sv" ? "sv-SE" : "en-GB");
  const pct = (n: number | null) => (n === null ? "–" : `${num(n)} %`);
  const exactShare = (cell: ProtectedCell, total: ProtectedCell) =>
    protectedShare({ value: cell.value, status: "shown" }, { value: total.value, status: "shown" });
  const columns = [...genderLabels, t.total];

  return (
    <div className="page attendance">
      <AttendanceNav canEdit={canEdit} />
      <h1>{t.statsTitle}</h1>
      <p className="lead exact-only">{t.statsLead}</p>
      <p className="print-only">{t.printNote}</p>
      <Form method="get" className="filters no-print">
        <div className="field">
          <label htmlFor="from">{t.from}</label>
          <input id="from" name="from" type="date" defaultValue={filter.from} />
        </div>
        <div className="field">
          <label htmlFor="to">{t.to}</label>
          <input id="to" name="to" type="date" defaultValue={filter.to} />
        </div>
        <div className="field">
          <label htmlFor="program">{t.program}</label>
          <select id="program" name="program" defaultValue={filter.program}>
            <option value="">{t.allPrograms}</option>
            {programs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="button">
            {t.show}
          </button>
          <PrintButton label={t.print} />
        </div>
      </Form>
      {error || !stats || !protection || !selection ? (
        <p className="alert alert--error" role="alert">
          {error === "program" ? t.errProgramChoice : t.errPeriod}
        </p>
      ) : (
        <>
          <p className="print-only print-heading">
            {format(t.printHeading, { from: stats.period.from, to: stats.period.to })}
          </p>
          <p className="selection-note">
            {selection.programName === null
              ? selection.everyProgram
                ? t.selectionAll
                : format(t.selectionMine, { programs: selection.programNames.join(", ") })
              : format(stats.registrations === 0 ? t.selectionProgramNone : t.selectionProgram, {
                  program: selection.programName,
                })}
          </p>
          <p role="status">
            <span className="exact-only">
              {format(t.periodSummary, {
                from: stats.period.from,
                to: stats.period.to,
                visits: stats.total.total,
                registrations: stats.registrations,
                days: stats.perDay?.openingDays ?? 0,
              })}
            </span>
            <span className="print-only">
              {format(t.periodSummary, {
                from: stats.period.from,
                to: stats.period.to,
                visits: protectedLabel(protection.byGender.total, locale),
                registrations: stats.registrations,
                days: stats.perDay?.openingDays ?? 0,
              })}
            </span>
          </p>
          {stats.registrations === 0 ? <p>{t.noData}</p> : null}

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

          <section className="stats-section">
            <h2 id="s-day">{t.perDay}</h2>
            {stats.perDay ? (
              <>
                <p>
                  {format(t.perDayText, {
                    min: stats.perDay.min,
                    max: stats.perDay.max,
                    median: num(stats.perDay.median),
                    days: stats.perDay.openingDays,
                  })}
                </p>
                <ChartBox title={t.perDay}>
                  {() => (
                    <AttendanceChart
                      kind="bar"
                      title={t.perDay}
                      labels={stats.perDay!.histogram.map((h) => String(h.participants))}
                      series={[
                        { label: t.openingDays, data: stats.perDay!.histogram.map((h) => h.days), color: PALETTE[0] },
                      ]}
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
                          {stats.perDay.min}
                        </td>
                        <td className="num" data-label={t.median}>
                          {num(stats.perDay.median)}
                        </td>
                        <td className="num" data-label={t.max}>
                          {stats.perDay.max}
                        </td>
                        <td className="num" data-label={t.openingDays}>
                          {stats.perDay.openingDays}
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

          <section className="stats-section">
            <h2 id="s-activity">{t.perActivity}</h2>
            <ChartBox title={t.perActivity}>
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

          <section className="stats-section">
            <h2 id="s-weekday">{t.perWeekday}</h2>
            <ChartBox title={t.perWeekday}>
              {() => (
                <AttendanceChart
                  kind="bar"
                  stacked
                  title={t.perWeekday}
                  labels={stats.perWeekday.map((w) => wd(w.weekday))}
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
                label: wd(w.weekday),
                cell: protection.perWeekday.rows[i].at(-1)!,
              }))}
            />
            <CountTable
              caption={t.perWeekday}
              rowHeader={t.weekday}
              columns={columns}
              rows={stats.perWeekday.map((w, i) => ({
                key: String(w.weekday),
                label: wd(w.weekday),
                cells: protection.perWeekday.rows[i],
                extra: [w.openingDays, num(w.average)],
              }))}
              totals={protection.perWeekday.totals}
              totalLabel={t.total}
              totalFirst
              extra={[t.openingDays, t.averagePerDay]}
            />
          </section>

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
                <thead>
                  <tr>
                    <th scope="col">{t.gender}</th>
                    <th scope="col" className="num">
                      {t.visits}
                    </th>
                    <th scope="col" className="num">
                      {t.share}
                    </th>
                  </tr>
                </thead>
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

          <section className="stats-section">
            <h2 id="s-first">{t.firstTimeTitle}</h2>
            {stats.firstTime.registrationsWithFigure === 0 ? (
              <p>{t.firstTimeUnknown}</p>
            ) : (
              <>
                <p className="exact-only">
                  {format(t.firstTimeText, {
                    count: stats.firstTime.visitors,
                    registrations: stats.firstTime.registrationsWithFigure,
                    all: stats.registrations,
                  })}
                </p>
                <p className="print-only">
                  {format(t.firstTimeText, {
                    count: protectedLabel(protection.firstTime, locale),
                    registrations: stats.firstTime.registrationsWithFigure,
                    all: stats.registrations,
                  })}
                </p>
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

          {reach ? <PersonsReachedSection reach={reach.figures} programs={reach.programs} /> : null}

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

          <section className="stats-section">
            <h2 id="s-reach">{t.reachTitle}</h2>
            {!selection.enrolmentComparable ? (
              <p>{t.reachNotComparable}</p>
            ) : stats.reach.enrolled.total === 0 ? (
              <p>{t.reachNone}</p>
            ) : (
              <>
                <p className="exact-only">
                  {format(t.reachAsOf, {
                    date: stats.reach.enrolled.asOf ?? "",
                    programs: stats.reach.enrolled.programs.join(", "),
                    total: stats.reach.enrolled.total,
                  })}
                  {stats.reach.uniqueShare !== null
                    ? ` ${format(t.reachUnique, { share: num(stats.reach.uniqueShare) })}`
                    : ""}
                </p>
                <p className="print-only">
                  {format(t.reachAsOf, {
                    date: stats.reach.enrolled.asOf ?? "",
                    programs: stats.reach.enrolled.programs.join(", "),
                    total: protectedLabel(protection.enrolled.total, locale),
                  })}
                  {stats.reach.uniqueShare !== null &&
                  protectedShare(protection.uniqueTotal, protection.enrolled.total) !== null
                    ? ` ${format(t.reachUnique, { share: num(stats.reach.uniqueShare) })}`
                    : ""}
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
                    <thead>
                      <tr>
                        <th scope="col">{t.gender}</th>
                        <th scope="col" className="num">
                          {t.enrolled}
                        </th>
                        <th scope="col" className="num">
                          {t.enrolledShare}
                        </th>
                        <th scope="col" className="num">
                          {t.visits}
                        </th>
                        <th scope="col" className="num">
                          {t.visitsShare}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {PUBLISHED_GENDERS.map((g, i) => {
                        const enrolled = protection.enrolled.cells[i];
                        const visits = protection.byGender.cells[i];
                        return (
                          <tr key={g}>
                            <th scope="row">{t[g]}</th>
                            <CountCell cell={enrolled} label={t.enrolled} />
                            <td className="num" data-label={t.enrolledShare}>
                              <span className="exact-only">{pct(exactShare(enrolled, protection.enrolled.total))}</span>
                              <span className="print-only">
                                {pct(protectedShare(enrolled, protection.enrolled.total))}
                              </span>
                            </td>
                            <CountCell cell={visits} label={t.visits} />
                            <td className="num" data-label={t.visitsShare}>
                              <span className="exact-only">{pct(exactShare(visits, protection.byGender.total))}</span>
                              <span className="print-only">
                                {pct(protectedShare(visits, protection.byGender.total))}
                              </span>
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
          <p className="muted exact-only">{t.smallRuleNote}</p>
        </>
      )}
    </div>
  );
}

const zeroCell: ProtectedCell = { value: 0, status: "shown" };
const sumOf = (values: number[]) => values.reduce((a, b) => a + b, 0);

function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="button button--secondary" onClick={() => window.print()}>
      {label}
    </button>
  );
}
