import type { LoaderFunctionArgs } from "@remix-run/node";
import { rolesFor } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { clientAddress } from "~/http/context";
import { localeFromRequest } from "~/i18n/locale";
import { outcomes as outcomeStrings } from "~/i18n/strings/outcomes";
import { audit } from "~/models/audit.server";
import { outcomeCsvRows } from "~/outcomes/outcome-csv";
import { outcomePage } from "~/outcomes/outcome-page.server";
import { csvResponse } from "~/privacy/csv";

/** GET /staff/outcomes.csv with the page's query: the same figures as an Excel-safe CSV (DESIGN.md contract). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("outcomes") });
  const locale = localeFromRequest(request);
  const page = await outcomePage(staff, new URL(request.url), { defaults: false });
  if (!page.report) {
    const t = outcomeStrings[locale];
    const message = page.error ? t[page.error as keyof typeof t] : t.errNoCampaign;
    return new Response(message, {
      status: page.status === 200 ? 400 : page.status,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const report = page.report;
  await audit({
    actor: staff,
    action: "outcomes.csv_export",
    entityType: "campaign",
    entityId: report.waves[report.waves.length - 1].id,
    ip: clientAddress(context),
    details: { campaigns: report.waves.map((w) => w.id), by: page.params.by, program: page.params.programId },
  });
  const latest = report.waves[report.waves.length - 1];
  return csvResponse(outcomeCsvRows(report, locale), {
    fileName: `resultat-${report.survey.key}-${latest.opensOn.slice(0, 4)}.csv`,
    dialect: "excel-sv",
  });
}
