import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getStaff } from "~/auth/guards.server";
import { capabilitiesOf } from "~/auth/capabilities";
import { StaffMenu } from "~/components/staff-menu";

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
      <StaffMenu links={links} />
      <Outlet />
    </>
  );
}

/** A 403 or 404 inside /staff keeps the staff menu; the layout's own data is there unless it failed itself. */
export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>("routes/staff");
  return (
    <>
      <StaffMenu links={data?.links ?? []} />
      <GeneralErrorBoundary home="/staff" />
    </>
  );
}
