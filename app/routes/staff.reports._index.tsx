import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ListPage } from "~/components/list-page";
import { rolesFor } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { listReports } from "~/models/report.server";
import { reportScope } from "~/reports/report-service.server";
import { formatStockholmTime } from "~/outcomes/calendar";
import { reports as strings } from "~/i18n/strings/reports";
import { useStrings } from "~/i18n/use-strings";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle(strings, "listTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("reports") });
  const reports = await listReports({ scope: reportScope(staff) });
  return { reports: reports.map((r) => ({ ...r, updatedAt: formatStockholmTime(r.updatedAt) })) };
}

export default function Reports() {
  const { reports } = useLoaderData<typeof loader>();
  const t = useStrings(strings);
  return (
    <ListPage
      title={t.listTitle}
      lead={t.listLead}
      action={{ to: "/staff/reports/new", label: t.newReport }}
      empty={t.none}
      rows={reports}
      columns={[
        { label: t.colTitle, cell: (r) => <Link to={`/staff/reports/${r.id}`}>{r.title}</Link> },
        { label: t.colPeriod, cell: (r) => `${r.from} – ${r.to}`, whole: true },
        { label: t.colStatus, cell: (r) => <span className="tag">{t[`status_${r.status}`]}</span> },
        { label: t.colUpdated, cell: (r) => r.updatedAt, whole: true },
      ]}
    />
  );
}
