import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { rolesFor } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { exportVisibleTo } from "~/exports/exports.server";
import { toListItem } from "~/exports/list-item";
import { notFound } from "~/http/errors.server";
import { parseId } from "~/http/params";
import { localeFromRequest } from "~/i18n/locale";
import { listSurveys } from "~/surveys/registry.server";
import { format } from "~/i18n/define";
import { exportsStrings } from "~/i18n/strings/exports";
import { titleFor } from "~/i18n/meta";
import { useStrings } from "~/i18n/use-strings";
import { formatStockholmTime } from "~/outcomes/calendar";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleFor(exportsStrings, matches, (t) => format(t.detailTitle, { id: data?.item.id ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("exports") });
  const found = await exportVisibleTo(staff, parseId(params.id));
  if (!found) throw notFound();
  const locale = localeFromRequest(request);
  const titles = Object.fromEntries((await listSurveys()).map((s) => [s.key, s.title[locale]]));
  return {
    item: toListItem(found, titles),
    mine: found.createdBy === staff.id,
    again: new URL(request.url).searchParams.get("again") === "1",
  };
}

export default function ExportDetail() {
  const { item, mine, again } = useLoaderData<typeof loader>();
  const t = useStrings(exportsStrings);
  const revalidator = useRevalidator();
  const running = item.status === "running";
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1500);
    return () => window.clearInterval(timer);
  }, [running, revalidator]);
  const failure = item.error ? t[`failed_${item.error}` as keyof typeof t] : undefined;
  return (
    <div className="page page--narrow">
      <h1>{format(t.detailTitle, { id: item.id })}</h1>
      {again ? <p className="alert alert--info">{t.alreadyRunning}</p> : null}
      <div role="status">
        {running ? (
          <p className="alert alert--info">
            {t.running} <a href={`/staff/exports/${item.id}`}>{t.refresh}</a>
          </p>
        ) : item.status === "done" ? (
          <p className="alert alert--ok">{t.done}</p>
        ) : (
          <p className="alert alert--error">{failure ?? t.failed}</p>
        )}
      </div>
      <dl className="facts">
        <dt>{t.colCreated}</dt>
        <dd>{formatStockholmTime(item.createdAt)}</dd>
        <dt>{t.colSurvey}</dt>
        <dd>{item.surveyTitle}</dd>
        <dt>{t.summaryWaves}</dt>
        <dd>{item.waves}</dd>
        <dt>{t.colK}</dt>
        <dd>{item.k}</dd>
        <dt>{t.summaryFreeText}</dt>
        <dd>{item.freeText ? t.yes : t.no}</dd>
        {item.status === "done" ? (
          <>
            <dt>{t.summaryRows}</dt>
            <dd>{item.rowCount}</dd>
            <dt>{t.summaryColumns}</dt>
            <dd>{item.columnCount}</dd>
            <dt>{t.summarySuppressed}</dt>
            <dd>{item.suppressedCells}</dd>
            <dt>{t.summaryDropped}</dt>
            <dd>{item.droppedRows}</dd>
            <dt>{t.summarySize}</dt>
            <dd>{item.sizeBytes === null ? "–" : `${Math.max(1, Math.round(item.sizeBytes / 1024))} kB`}</dd>
            <dt>{t.summaryChecksum}</dt>
            <dd>
              <code className="break">{item.checksum}</code>
            </dd>
          </>
        ) : null}
      </dl>
      {item.status === "done" ? (
        mine ? (
          <>
            <p className="hint">{t.contents}</p>
            <p>
              <a className="button" href={`/staff/exports/${item.id}.zip`} download>
                {t.download}
              </a>
            </p>
          </>
        ) : (
          <p>{t.notYours}</p>
        )
      ) : null}
      <p>
        <Link to="/staff/exports">{t.back}</Link>
      </p>
    </div>
  );
}
