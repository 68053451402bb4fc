import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
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
    <div className="page">
      <h1>{t.listTitle}</h1>
      <p className="lead">{t.listLead}</p>
      {canManage ? (
        <p>
          <Link to="/staff/campaigns/new" className="button">
            {t.newCampaign}
          </Link>
        </p>
      ) : null}
      {campaigns.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden">{t.listTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t.title}</th>
                <th scope="col">{t.code}</th>
                <th scope="col">{t.program}</th>
                <th scope="col">{t.opensOn}</th>
                <th scope="col">{t.closesOn}</th>
                <th scope="col">{t.state}</th>
                <th scope="col">{t.responses}</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => (
                <tr key={c.id}>
                  <td data-label={t.title}>
                    <Link to={`/staff/campaigns/${c.id}`}>{c.title}</Link>
                  </td>
                  <td data-label={t.code}>
                    <code>{c.code}</code>
                  </td>
                  <td data-label={t.program}>{c.programName}</td>
                  <td data-label={t.opensOn}>{c.opensOn}</td>
                  <td data-label={t.closesOn}>{c.closesOn}</td>
                  <td data-label={t.state}>
                    <span className="tag">{t[`state_${c.state}`]}</span>
                  </td>
                  <td data-label={t.responses}>{c.responses}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
