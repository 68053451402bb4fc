import type { MeasureFigures, GroupFigure } from "~/outcomes/figures";
import type { OutcomeReport } from "~/outcomes/load-outcomes.server";
import {
  countLabel,
  describeChange,
  describeMean,
  describeNotScored,
  describePaired,
  describeShare,
  formatNumber,
  percent,
} from "~/outcomes/wording";
import { format } from "~/i18n/define";
import { outcomes as outcomeStrings } from "~/i18n/strings/outcomes";
import { useLocale, useStrings } from "~/i18n/use-strings";
import { AttendanceChart, type ChartSeries } from "./attendance-chart.client";
import { PALETTE } from "./chart-colors";
import { ClientOnly } from "./client-only";
import { TableWrap } from "./count-table";

type Report = Pick<OutcomeReport, "waves" | "breakdown" | "compare">;

/** One measure: the figure in words, the change, a chart and its data table (the table is the accessible version). */
export function OutcomeMeasure({ m, report }: { m: MeasureFigures; report: Report }) {
  const t = useStrings(outcomeStrings);
  const locale = useLocale();
  const waveTitle = (id: number) => report.waves.find((w) => w.id === id)?.title ?? String(id);
  const latest = m.waves[m.waves.length - 1];
  const groupLabel = (g: GroupFigure) =>
    g.group === null ? t.everyone : (report.breakdown?.groups.find((x) => x.key === g.group)?.label[locale] ?? g.group);
  const headingId = `m-${m.tag}`;
  const sentences: string[] = [];
  if (m.kind === "choices") {
    const best = [...latest.all.distribution]
      .filter((d) => d.count.n !== null && d.share !== null && d.count.n > 0)
      .sort((a, b) => (b.share ?? 0) - (a.share ?? 0))[0];
    if (best && latest.all.respondents.n)
      sentences.push(
        format(t.mostCommon, {
          wave: waveTitle(latest.campaignId),
          choice: best.label[locale],
          pct: percent(best.share!, locale),
          n: formatNumber(best.count.n!, locale),
          total: formatNumber(latest.all.respondents.n, locale),
        }),
      );
    else sentences.push(describeShare(m, latest.all, locale));
  } else {
    sentences.push(endSentence(`${waveTitle(latest.campaignId)}: ${describeShare(m, latest.all, locale)}`));
    const mean = describeMean(latest.all, locale);
    if (mean) sentences.push(endSentence(mean));
    const notScored = describeNotScored(latest.all, locale);
    if (notScored) sentences.push(notScored);
  }
  const change = m.change ? describeChange(m.change, waveTitle(m.change.fromCampaignId), locale) : null;
  // Waves where the breakdown could not be protected (decision 0039): every group figure hidden, said so.
  const groupsHidden = report.breakdown
    ? m.waves.filter(
        (w) =>
          w.all.respondents.n !== 0 &&
          w.groups.length > 0 &&
          w.groups.every(
            (g) => g.respondents.status !== "shown" && g.distribution.every((d) => d.count.status !== "shown"),
          ),
      )
    : [];
  const paired = m.paired ? describePaired(m.paired, locale) : null;

  return (
    <section className="outcome" aria-labelledby={headingId}>
      <h2 id={headingId}>{m.name[locale]}</h2>
      <p className="outcome__figure">{sentences.join(" ")}</p>
      {change ? <p className="outcome__change">{endSentence(capitalise(change))}</p> : null}
      {paired ? <p className="outcome__change">{endSentence(paired)}</p> : null}
      {groupsHidden.map((w) => (
        <p key={w.campaignId} className="hint">
          {format(t.groupsHidden, { wave: waveTitle(w.campaignId) })}
        </p>
      ))}
      <div className="outcome__body">
        <OutcomeChart m={m} report={report} groupLabel={groupLabel} waveTitle={waveTitle} />
        <OutcomeTable m={m} report={report} groupLabel={groupLabel} waveTitle={waveTitle} />
      </div>
      <details className="outcome__source">
        <summary>{t.source}</summary>
        <p>
          {m.questions.length > 1 ? t.measureForMany : t.measureFor}{" "}
          {m.questions.map((q) => `”${q.title[locale]}”`).join(", ")}
        </p>
        <p>{m.source[locale]}</p>
      </details>
    </section>
  );
}

function endSentence(s: string) {
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

interface Helpers {
  m: MeasureFigures;
  report: Report;
  groupLabel: (g: GroupFigure) => string;
  waveTitle: (id: number) => string;
}

function OutcomeChart({ m, report, groupLabel, waveTitle }: Helpers) {
  const t = useStrings(outcomeStrings);
  const locale = useLocale();
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  let labels: string[];
  let series: ChartSeries[];
  let title: string;
  if (m.kind === "choices") {
    title = format(t.chartChoices, { measure: m.name[locale] });
    labels = m.waves[0].all.distribution.map((d) => d.label[locale]);
    series = m.waves.map((w, i) => ({
      label: waveTitle(w.campaignId),
      data: w.all.distribution.map((d) => pct(d.share) as number),
      color: PALETTE[i % PALETTE.length],
    }));
  } else {
    title = format(t.chartTitle, { measure: m.name[locale] });
    labels = m.waves.map((w) => waveTitle(w.campaignId));
    const rows = report.breakdown ? m.waves[0].groups : [m.waves[0].all];
    series = rows.map((g, i) => ({
      label: groupLabel(g),
      data: m.waves.map(
        (w) => pct((g.group === null ? w.all : w.groups.find((x) => x.group === g.group))!.share) as number,
      ),
      color: PALETTE[i % PALETTE.length],
    }));
  }
  return (
    <div className="chart-box outcome__chart">
      <ClientOnly fallback={<div className="chart-box__fallback" />}>
        {() => (
          <AttendanceChart
            kind="bar"
            title={title}
            labels={labels}
            series={series}
            horizontal={m.kind === "choices"}
            unit="%"
          />
        )}
      </ClientOnly>
    </div>
  );
}

function OutcomeTable({ m, report, groupLabel, waveTitle }: Helpers) {
  const t = useStrings(outcomeStrings);
  const locale = useLocale();
  const categories = m.waves[0].all.distribution;
  const hasMean = m.kind === "mean" || m.kind === "scale_sum";
  const caption = format(t.table, { measure: m.name[locale] });
  const share = (v: number | null) => (v === null ? t.na : format(t.percent, { pct: percent(v, locale) }));
  return (
    <TableWrap label={caption}>
      <table className="stats-table outcome__table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.wave}</th>
            {report.breakdown ? <th scope="col">{t.group}</th> : null}
            {categories.map((c) => (
              <th key={c.value} scope="col" className="num">
                {c.label[locale]}
              </th>
            ))}
            <th scope="col" className="num">
              {t.answered}
            </th>
            {m.kind !== "choices" ? (
              <>
                <th scope="col" className="num">
                  {t.sharePct}
                </th>
                <th scope="col" className="num">
                  {t.interval}
                </th>
              </>
            ) : null}
            {hasMean ? (
              <th scope="col" className="num">
                {t.mean}
              </th>
            ) : null}
            {m.kind === "scale_sum" ? (
              <th scope="col" className="num">
                {t.notScored}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {m.waves.flatMap((w) =>
            [w.all, ...w.groups].map((g) => (
              <tr key={`${w.campaignId}-${g.group ?? "all"}`} className={g.group === null ? "outcome__all" : undefined}>
                <th scope="row">{waveTitle(w.campaignId)}</th>
                {report.breakdown ? <td>{groupLabel(g)}</td> : null}
                {g.distribution.map((d) => (
                  <td key={d.value} className="num" data-status={d.count.status}>
                    {countLabel(d.count, locale)}
                    {m.kind === "choices" && d.share !== null ? ` (${share(d.share)})` : ""}
                  </td>
                ))}
                <td className="num" data-status={g.respondents.status}>
                  {countLabel(g.respondents, locale)}
                </td>
                {m.kind !== "choices" ? (
                  <>
                    <td className="num">{share(g.share)}</td>
                    <td className="num">
                      {g.interval
                        ? `${percent(g.interval.lower, locale)}–${percent(g.interval.upper, locale)} %`
                        : t.na}
                    </td>
                  </>
                ) : null}
                {hasMean ? (
                  <td className="num">
                    {g.mean
                      ? `${formatNumber(g.mean.mean, locale, 1)}${g.mean.interval ? ` (${formatNumber(g.mean.interval.lower, locale, 1)}–${formatNumber(g.mean.interval.upper, locale, 1)})` : ""}`
                      : t.na}
                  </td>
                ) : null}
                {m.kind === "scale_sum" && g.notScored ? (
                  <td className="num" data-status={g.notScored.status}>
                    {countLabel(g.notScored, locale)}
                  </td>
                ) : null}
              </tr>
            )),
          )}
        </tbody>
      </table>
    </TableWrap>
  );
}
