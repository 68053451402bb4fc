import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/guards.server";
import { CATALOGUE_EDITORS, can, capabilitiesOf } from "~/auth/capabilities";
import { findProgramsByIds } from "~/models/program.server";
import { format } from "~/i18n/define";
import { staff as staffStrings } from "~/i18n/strings/staff";
import { security as securityStrings } from "~/i18n/strings/security";
import { useStrings } from "~/i18n/use-strings";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle(staffStrings, "pageStart");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const programs = await findProgramsByIds({ ids: staff.programIds });
  return {
    role: staff.role,
    programs: programs.map((p) => p.name),
    capabilities: capabilitiesOf(staff.role).map(({ key, href, ready }) => ({
      key,
      href,
      ready,
      // What the role can do there: a researcher follows surveys but does not create them.
      text:
        key === "campaigns" && !can(staff.role, "campaigns.manage")
          ? ("cap_campaigns_view" as const)
          : key === "activities" && !CATALOGUE_EDITORS.includes(staff.role)
            ? ("cap_activities_view" as const)
            : (`cap_${key}` as const),
    })),
  };
}

export default function StaffStart() {
  const { role, programs, capabilities } = useLoaderData<typeof loader>();
  const t = useStrings(staffStrings);
  const sec = useStrings(securityStrings);
  return (
    <div className="page">
      <h1>{t.startTitle}</h1>
      <p className="lead">{format(t.startLead, { role: t[`role_${role}`] })}</p>
      <ul className="cards">
        {capabilities.map((c) => (
          <li key={c.key} className="card">
            <h2 className="h3">
              {c.ready ? (
                <a className="card__link" href={c.href}>
                  {t[`nav_${c.key}`]}
                </a>
              ) : (
                <>
                  {t[`nav_${c.key}`]} <span className="tag">{t.comingSoon}</span>
                </>
              )}
            </h2>
            <p>{t[c.text]}</p>
          </li>
        ))}
      </ul>
      <p className="muted" style={{ marginTop: "1.5rem" }}>
        {programs.length > 0 ? format(t.yourPrograms, { programs: programs.join(", ") }) : t.noPrograms}
      </p>
      <p>
        <a href="/staff/password">{sec.passwordTitle}</a>
      </p>
    </div>
  );
}
