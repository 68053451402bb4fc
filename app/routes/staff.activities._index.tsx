import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/guards.server";
import { CATALOGUE_EDITORS, rolesFor } from "~/auth/capabilities";
import { recordScope } from "~/auth/scope";
import { listActivities, type Activity } from "~/models/activity.server";
import { attendance as attendanceStrings } from "~/i18n/strings/attendance";
import { useStrings } from "~/i18n/use-strings";
import styles from "~/styles/attendance.css";
import { pageTitle } from "~/i18n/meta";
import { ColumnHeads } from "~/components/table-heads";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(attendanceStrings, "navActivities");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("activities") });
  const all = await listActivities({ includeArchived: true, scope: recordScope(staff, "shared") });
  return {
    active: all.filter((a) => !a.archived),
    archived: all.filter((a) => a.archived),
    canEdit: CATALOGUE_EDITORS.includes(staff.role),
  };
}

export default function Activities() {
  const { active, archived, canEdit } = useLoaderData<typeof loader>();
  const t = useStrings(attendanceStrings);
  const schedule = (a: Activity) =>
    a.schedule.length === 0
      ? "–"
      : a.schedule
          .map((s) => `${t[`wd${s.weekday}` as keyof typeof t]} ${s.startsAt}${s.endsAt ? `–${s.endsAt}` : ""}`)
          .join(", ");
  const table = (rows: Activity[], caption: string) => (
    <div className="table-wrap">
      <table className="responsive activity-list">
        <caption className="visually-hidden">{caption}</caption>
        <ColumnHeads columns={[t.name, t.place, t.schedule, t.kind, t.countsAttendance]} />
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              <td data-label={t.name}>{canEdit ? <Link to={`/staff/activities/${a.id}`}>{a.name}</Link> : a.name}</td>
              <td data-label={t.place}>{a.place || "–"}</td>
              <td data-label={t.schedule}>{schedule(a)}</td>
              <td data-label={t.kind}>
                {t[`kind_${a.kind}`]} <span className="tag">{t[`scope_${a.scope}`]}</span>
              </td>
              <td data-label={t.countsAttendance}>{a.countsAttendance ? t.yes : t.no}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <div className="page">
      <h1>{t.activitiesTitle}</h1>
      <p className="lead">{t.activitiesLead}</p>
      <p className="actions">
        {canEdit ? (
          <Link to="/staff/activities/new" className="button">
            {t.newActivity}
          </Link>
        ) : null}
        <Link to="/staff/attendance" className="button button--secondary">
          {t.registerTitle}
        </Link>
      </p>
      {table(active, t.activitiesTitle)}
      {archived.length > 0 ? (
        <>
          <h2>{t.archivedTitle}</h2>
          {table(archived, t.archivedTitle)}
        </>
      ) : null}
    </div>
  );
}
