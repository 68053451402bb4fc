import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound } from "~/http/errors.server";
import { getReportVersion, listReportVersions } from "~/models/report.server";
import { formatStockholmTime } from "~/outcomes/calendar";
import { requireReport } from "~/reports/report-page.server";
import { resolveSections } from "~/reports/resolve";
import { ReportSections } from "~/components/report-view";
import { format } from "~/i18n/define";
import { reports as strings } from "~/i18n/strings/reports";
import { useStrings } from "~/i18n/use-strings";
import { pageTitle } from "~/i18n/meta";
import styles from "~/styles/reports.css";
import { ColumnHeads } from "~/components/table-heads";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(strings, "versionsTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { report } = await requireReport(request, params.id);
  const url = new URL(request.url);
  const raw = url.searchParams.get("version");
  const versions = (await listReportVersions({ id: report.id })).map((v) => ({
    ...v,
    createdAt: formatStockholmTime(v.createdAt),
  }));
  let shown = null;
  if (raw !== null) {
    const n = Number(raw);
    if (!/^\d{1,9}$/.test(raw)) throw notFound();
    const version = await getReportVersion({ id: report.id, version: n });
    if (!version) throw notFound();
    const { draft, sections } = version.snapshot;
    shown = {
      version: n,
      view: { sections: resolveSections(draft, sections), figures: draft.figures, tables: draft.tables, charts: {} },
    };
  }
  return { id: report.id, title: report.title, versions, shown };
}

export default function ReportVersions() {
  const { id, title, versions, shown } = useLoaderData<typeof loader>();
  const t = useStrings(strings);
  return (
    <div className="page report-page">
      <p>
        <Link to={`/staff/reports/${id}`}>{t.cancel}</Link>
      </p>
      <h1>{t.versionsTitle}</h1>
      <p className="muted">{title}</p>
      <p>{t.versionsLead}</p>
      <div className="table-wrap">
        <table className="responsive">
          <caption className="visually-hidden">{t.versionsTitle}</caption>
          <ColumnHeads columns={[t.colVersion, t.colAction, t.colWho, t.colWhen]} />
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <td data-label={t.colVersion}>
                  <Link to={`?version=${v.version}`} aria-label={format(t.versionTitle, { n: v.version })}>
                    {v.version}
                  </Link>
                </td>
                <td data-label={t.colAction}>
                  {t[`action_${v.action}` as keyof typeof t] ?? v.action}
                  {v.sectionKey ? ` (${v.sectionKey})` : ""}
                </td>
                <td data-label={t.colWho}>{v.createdByName ?? "–"}</td>
                <td data-label={t.colWhen}>{v.createdAt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown ? (
        <section aria-labelledby="visad-version">
          <h2 id="visad-version">{format(t.versionTitle, { n: shown.version })}</h2>
          <ReportSections data={shown.view} chartSrc={() => ""} headingLevel={3} />
        </section>
      ) : null}
    </div>
  );
}
