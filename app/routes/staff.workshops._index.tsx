import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ListPage } from "~/components/list-page";
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
    <ListPage
      title={t.listTitle}
      lead={t.listLead}
      action={{ to: "/staff/workshops/new", label: t.newWorkshop }}
      empty={t.noWorkshops}
      rows={workshops}
      columns={[
        { label: t.colTitle, cell: (w) => <Link to={`/staff/workshops/${w.id}`}>{w.title}</Link> },
        { label: t.colDate, cell: (w) => w.heldOn, whole: true },
        { label: t.colPlace, cell: (w) => w.place },
        { label: t.colPhase, cell: (w) => t[`phase_${w.phase}`] },
        { label: t.colCode, cell: (w) => <code>{w.code}</code>, whole: true },
      ]}
    />
  );
}
