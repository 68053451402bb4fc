import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { todayInStockholm } from "~/outcomes/calendar";
import { requireReport } from "~/reports/report-page.server";
import { resolveSections } from "~/reports/resolve";
import { dateText } from "~/reports/swedish";
import { figureNumbers, ReportSections } from "~/components/report-view";
import { reports as strings } from "~/i18n/strings/reports";
import { useStrings } from "~/i18n/use-strings";
import { titleFor } from "~/i18n/meta";
import styles from "~/styles/reports.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleFor(strings, matches, (t) => `${data ? data.title : t.listTitle} – ${t.printTitle}`);

/** The report laid out for A4 from the browser: title page, sections, tables and charts, the sources last. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { report } = await requireReport(request, params.id);
  const { draft } = report;
  return {
    id: report.id,
    title: report.title,
    version: report.version,
    period: `${dateText(report.from)} till ${dateText(report.to)}`,
    programNames: draft.programNames,
    dated: dateText(report.finalisedAt ? todayInStockholm(new Date(report.finalisedAt)) : todayInStockholm()),
    final: report.status === "final",
    view: {
      sections: resolveSections(draft, report.sections),
      figures: draft.figures,
      tables: draft.tables,
      charts: draft.charts,
    },
  };
}

export default function PrintReport() {
  const r = useLoaderData<typeof loader>();
  const t = useStrings(strings);
  const numbers = figureNumbers(r.view.sections);
  return (
    <div className="page report-page report-print">
      <p className="no-print">
        <Link to={`/staff/reports/${r.id}`}>{t.cancel}</Link>
      </p>
      <div className="report-title-page">
        <h1>{r.title}</h1>
        <p>Uppföljning av perioden {r.period}</p>
        <p>{r.programNames.join(", ")}</p>
        <p>
          {r.final ? t.status_final : t.status_draft} {r.dated}
        </p>
      </div>
      <ReportSections data={r.view} chartSrc={(key) => `/staff/reports/${r.id}/charts/${key}.png?v=${r.version}`} />
      <section className="report-figures" aria-labelledby="kallor">
        <h2 id="kallor">{t.figuresList}</h2>
        <p>{t.figuresListLead}</p>
        <ol>
          {[...numbers.entries()].map(([key, n]) => {
            const f = r.view.figures[key];
            return f ? (
              <li key={key} value={n}>
                <strong>{f.text}</strong>: {f.label}. {f.computation}. {t.figureFilters}: {f.filters}.
                {f.n !== null ? ` ${t.figureN}: ${f.n}.` : ""}
              </li>
            ) : null;
          })}
        </ol>
      </section>
    </div>
  );
}
