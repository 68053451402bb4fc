import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getStaff } from "~/auth/guards.server";
import { capabilitiesOf } from "~/auth/capabilities";
import { staff as staffStrings } from "~/i18n/strings/staff";
import { common } from "~/i18n/strings/common";
import { useStrings } from "~/i18n/use-strings";

/** The staff area's frame: a menu of what the logged-in role can reach. Each page guards itself. */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await getStaff(request);
  if (!staff) return { links: [] as { key: string; href: string }[] };
  return {
    links: capabilitiesOf(staff.role)
      .filter((c) => c.ready)
      .map(({ key, href }) => ({ key, href })),
  };
}

export default function StaffLayout() {
  const { links } = useLoaderData<typeof loader>();
  return (
    <>
      <StaffNav links={links} />
      <Outlet />
    </>
  );
}

/** A 403 or 404 inside /staff keeps the staff menu; the layout's own data is there unless it failed itself. */
export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>("routes/staff");
  return (
    <>
      <StaffNav links={data?.links ?? []} />
      <GeneralErrorBoundary home="/staff" />
    </>
  );
}

function StaffNav({ links }: { links: { key: string; href: string }[] }) {
  const t = useStrings(staffStrings);
  const c = useStrings(common);
  return (
    <>
      {links.length > 0 ? (
        <nav aria-label={t.startTitle} className="staff-nav no-print">
          <ul>
            <li>
              <NavLink to="/staff" end>
                {c.staffStart}
              </NavLink>
            </li>
            {links.map((link) => (
              <li key={link.key}>
                <NavLink to={link.href}>{t[`nav_${link.key}` as keyof typeof t]}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </>
  );
}
