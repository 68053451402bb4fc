import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { isoDate } from "~/http/params";
import { formatStockholmTime } from "~/outcomes/calendar";
import { requireStaff } from "~/auth/guards.server";
import { rolesFor } from "~/auth/capabilities";
import { listAudit, listAuditActions } from "~/models/audit.server";
import { Field, SelectField, labelledOptions } from "~/components/forms";
import { DataTable } from "~/components/list-page";
import { format } from "~/i18n/define";
import { staff as staffStrings } from "~/i18n/strings/staff";
import { security as securityStrings } from "~/i18n/strings/security";
import { auditActions, auditRecords, labelFor } from "~/i18n/strings/audit";
import { useStrings } from "~/i18n/use-strings";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle(staffStrings, "nav_audit");

const PAGE_SIZE = 50;
const filterSchema = z.object({
  action: z.string().max(64).optional().catch(undefined),
  actor: z.string().max(254).optional().catch(undefined),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { roles: rolesFor("audit") });
  const url = new URL(request.url);
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ""));
  const filter = filterSchema.parse(raw);
  const [{ entries, total }, actions] = await Promise.all([
    listAudit({ ...filter, limit: PAGE_SIZE, offset: (filter.page - 1) * PAGE_SIZE }),
    listAuditActions(),
  ]);
  return { entries, total, actions, filter, pageSize: PAGE_SIZE };
}

export default function Audit() {
  const { entries, total, actions, filter, pageSize } = useLoaderData<typeof loader>();
  const t = useStrings(staffStrings);
  const s = useStrings(securityStrings);
  const actionLabels = useStrings(auditActions);
  const recordLabels = useStrings(auditRecords);
  const pageLink = (page: number) => {
    const params = new URLSearchParams();
    for (const key of ["action", "actor", "from", "to"] as const)
      if (filter[key]) params.set(key, filter[key] as string);
    params.set("page", String(page));
    return `?${params}`;
  };
  const filterField = (name: "action" | "actor" | "from" | "to") => ({
    id: `f-${name}`,
    name,
    defaultValue: filter[name] ?? "",
  });
  return (
    <div className="page">
      <h1>{t.auditTitle}</h1>
      <p className="lead">{t.auditLead}</p>
      <Form method="get" className="filters">
        <SelectField
          label={t.action}
          {...filterField("action")}
          empty={t.all}
          options={labelledOptions(
            [...actions].sort((a, b) => labelFor(actionLabels, a).localeCompare(labelFor(actionLabels, b), "sv")),
            (a) => labelFor(actionLabels, a),
          )}
        />
        <Field label={t.actor} {...filterField("actor")} type="search" maxLength={254} />
        <Field label={t.from} {...filterField("from")} type="date" />
        <Field label={t.to} {...filterField("to")} type="date" />
        <button type="submit" className="button">
          {t.filter}
        </button>
      </Form>
      <p role="status">{format(t.shownOf, { shown: entries.length, total })}</p>
      {entries.length === 0 ? (
        <p>{t.noEntries}</p>
      ) : (
        <DataTable
          caption={t.auditTitle}
          rows={entries}
          columns={[
            { label: t.when, whole: true, cell: (e) => <time dateTime={e.at}>{formatStockholmTime(e.at)}</time> },
            { label: t.actor, cell: (e) => e.actorEmail ?? "–" },
            {
              label: t.action,
              cell: (e) => (
                <>
                  <span title={e.action}>{labelFor(actionLabels, e.action)}</span>
                  {e.repeatCount > 1 ? (
                    <>
                      {" "}
                      <span className="tag">
                        {format(s.auditRepeated, {
                          count: e.repeatCount,
                          last: e.lastAt ? formatStockholmTime(e.lastAt) : "",
                        })}
                      </span>
                    </>
                  ) : null}
                </>
              ),
            },
            {
              label: t.what,
              cell: (e) => (e.entityType ? `${labelFor(recordLabels, e.entityType)} ${e.entityId ?? ""}`.trim() : "–"),
            },
            { label: t.address, whole: true, cell: (e) => e.ip ?? "–" },
            { label: t.details, cell: (e) => (e.details ? <code>{JSON.stringify(e.details)}</code> : "–") },
          ]}
        />
      )}
      <nav className="pager" aria-label={t.auditTitle}>
        {filter.page > 1 ? <Link to={pageLink(filter.page - 1)}>{t.previousPage}</Link> : null}
        {filter.page * pageSize < total ? <Link to={pageLink(filter.page + 1)}>{t.nextPage}</Link> : null}
      </nav>
    </div>
  );
}
