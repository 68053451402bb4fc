import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ListPage } from "~/components/list-page";
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
    <ListPage
      title={t.usersTitle}
      lead={t.usersLead}
      action={{ to: "/staff/users/new", label: t.addUser }}
      empty={null}
      rows={users}
      columns={[
        { label: t.name, cell: (u) => <Link to={`/staff/users/${u.id}`}>{u.name}</Link> },
        { label: t.email, cell: (u) => u.email },
        { label: t.role, cell: (u) => t[`role_${u.role}`] },
        { label: t.programs, cell: (u) => u.programs.join(", ") },
        {
          label: t.status,
          cell: (u) =>
            u.disabled ? (
              <span className="tag tag--danger">{t.disabled}</span>
            ) : (
              <span className="tag">{t.active}</span>
            ),
        },
      ]}
    />
  );
}
