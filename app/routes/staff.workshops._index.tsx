import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireWorkshopStaff, visibleWorkshops } from "~/workshops/staff.server";
import { workshopStaff } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";
import styles from "~/styles/workshops.css";
import { pageTitle } from "~/i18n/meta";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(workshopStaff, "listTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireWorkshopStaff(request);
  const workshops = await visibleWorkshops(staff);
  return {
    workshops: workshops.map((w) => ({
      id: w.id,
      title: w.title,
      heldOn: w.heldOn,
      place: w.place,
      phase: w.phase,
      code: w.code,
    })),
  };
}

export default function Workshops() {
  const { workshops } = useLoaderData<typeof loader>();
  const t = useStrings(workshopStaff);
  return (
    <div className="page">
      <h1>{t.listTitle}</h1>
      <p className="lead">{t.listLead}</p>
      <p>
        <Link to="/staff/workshops/new" className="button">
          {t.newWorkshop}
        </Link>
      </p>
      {workshops.length === 0 ? (
        <p>{t.noWorkshops}</p>
      ) : (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden">{t.listTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t.colTitle}</th>
                <th scope="col">{t.colDate}</th>
                <th scope="col">{t.colPlace}</th>
                <th scope="col">{t.colPhase}</th>
                <th scope="col">{t.colCode}</th>
              </tr>
            </thead>
            <tbody>
              {workshops.map((w) => (
                <tr key={w.id}>
                  <td data-label={t.colTitle}>
                    <Link to={`/staff/workshops/${w.id}`}>{w.title}</Link>
                  </td>
                  <td data-label={t.colDate}>{w.heldOn}</td>
                  <td data-label={t.colPlace}>{w.place}</td>
                  <td data-label={t.colPhase}>{t[`phase_${w.phase}`]}</td>
                  <td data-label={t.colCode}>
                    <code>{w.code}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
