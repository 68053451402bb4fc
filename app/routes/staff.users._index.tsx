import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/guards.server";
import { rolesFor } from "~/auth/capabilities";
import { listStaff } from "~/models/staff.server";
import { listAllPrograms } from "~/models/program.server";
import { staff as staffStrings } from "~/i18n/strings/staff";
import { useStrings } from "~/i18n/use-strings";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle(staffStrings, "nav_users");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { roles: rolesFor("users") });
  const [users, programs] = await Promise.all([listStaff(), listAllPrograms()]);
  const names = new Map(programs.map((p) => [p.id, p.name]));
  return {
    users: users.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      disabled: u.disabled,
      programs: u.programIds.map((id) => names.get(id) ?? String(id)),
    })),
  };
}

export default function Users() {
  const { users } = useLoaderData<typeof loader>();
  const t = useStrings(staffStrings);
  return (
    <div className="page">
      <h1>{t.usersTitle}</h1>
      <p className="lead">{t.usersLead}</p>
      <p>
        <Link to="/staff/users/new" className="button">
          {t.addUser}
        </Link>
      </p>
      <div className="table-wrap">
        <table className="responsive">
          <caption className="visually-hidden">{t.usersTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{t.name}</th>
              <th scope="col">{t.email}</th>
              <th scope="col">{t.role}</th>
              <th scope="col">{t.programs}</th>
              <th scope="col">{t.status}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td data-label={t.name}>
                  <Link to={`/staff/users/${u.id}`}>{u.name}</Link>
                </td>
                <td data-label={t.email}>{u.email}</td>
                <td data-label={t.role}>{t[`role_${u.role}`]}</td>
                <td data-label={t.programs}>{u.programs.join(", ")}</td>
                <td data-label={t.status}>
                  {u.disabled ? (
                    <span className="tag tag--danger">{t.disabled}</span>
                  ) : (
                    <span className="tag">{t.active}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
