import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ListPage } from "~/components/list-page";
import { can, rolesFor } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { programScope } from "~/auth/scope";
import { listCampaigns } from "~/models/campaign.server";
import { campaignState } from "~/surveys/campaign-state";
import { campaigns as strings } from "~/i18n/strings/campaigns";
import { useStrings } from "~/i18n/use-strings";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle(strings, "listTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("campaigns") });
  const list = await listCampaigns({ programIds: programScope(staff) });
  return {
    canManage: can(staff.role, "campaigns.manage"),
    campaigns: list.map((c) => ({
      id: c.id,
      code: c.code,
      title: c.title,
      programName: c.programName,
      opensOn: c.opensOn,
      closesOn: c.closesOn,
      responses: c.responses,
      state: campaignState(c),
    })),
  };
}

export default function Campaigns() {
  const { campaigns, canManage } = useLoaderData<typeof loader>();
  const t = useStrings(strings);
  return (
    <ListPage
      title={t.listTitle}
      lead={t.listLead}
      action={canManage ? { to: "/staff/campaigns/new", label: t.newCampaign } : null}
      empty={t.none}
      rows={campaigns}
      columns={[
        { label: t.title, cell: (c) => <Link to={`/staff/campaigns/${c.id}`}>{c.title}</Link> },
        { label: t.code, cell: (c) => <code>{c.code}</code>, whole: true },
        { label: t.program, cell: (c) => c.programName },
        { label: t.opensOn, cell: (c) => c.opensOn, whole: true },
        { label: t.closesOn, cell: (c) => c.closesOn, whole: true },
        { label: t.state, cell: (c) => <span className="tag">{t[`state_${c.state}`]}</span> },
        { label: t.responses, cell: (c) => c.responses },
      ]}
    />
  );
}
