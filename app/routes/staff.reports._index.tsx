import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { rolesFor } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { programScope } from "~/auth/scope";
import { listReports } from "~/models/report.server";
import { formatStockholmTime } from "~/outcomes/calendar";
import { reports as strings } from "~/i18n/strings/reports";
import { useStrings } from "~/i18n/use-strings";

export const meta: MetaFunction = () => [{ title: `${strings.sv.listTitle} – Deltagarröst` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("reports") });
  const scope = programScope(staff);
  const all = await listReports();
  return {
    reports: all
      .filter((r) => !scope || r.programIds.every((p) => scope.includes(p)))
      .map((r) => ({ ...r, updatedAt: formatStockholmTime(r.updatedAt) })),
  };
}

export default function Reports() {
  const { reports } = useLoaderData<typeof loader>();
  const t = useStrings(strings);
  return (
    <div className="page">
      <h1>{t.listTitle}</h1>
      <p className="lead">{t.listLead}</p>
      <p>
        <Link to="/staff/reports/new" className="button">
          {t.newReport}
        </Link>
      </p>
      {reports.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden">{t.listTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t.colTitle}</th>
                <th scope="col">{t.colPeriod}</th>
                <th scope="col">{t.colStatus}</th>
                <th scope="col">{t.colUpdated}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id}>
                  <td data-label={t.colTitle}>
                    <Link to={`/staff/reports/${r.id}`}>{r.title}</Link>
                  </td>
                  <td data-label={t.colPeriod}>
                    {r.from} – {r.to}
                  </td>
                  <td data-label={t.colStatus}>
                    <span className="tag">{t[`status_${r.status}`]}</span>
                  </td>
                  <td data-label={t.colUpdated}>{r.updatedAt}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
