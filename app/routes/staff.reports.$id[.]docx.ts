import type { LoaderFunctionArgs } from "@remix-run/node";
import { clientAddress } from "~/http/context";
import { audit } from "~/models/audit.server";
import { todayInStockholm } from "~/outcomes/calendar";
import { reportDocx } from "~/reports/report-docx.server";
import { requireReport } from "~/reports/report-page.server";
import { resolveSections } from "~/reports/resolve";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { staff, report } = await requireReport(request, params.id);
  const buffer = await reportDocx({
    title: report.title,
    from: report.from,
    to: report.to,
    programNames: report.draft.programNames,
    status: report.status,
    dated: report.finalisedAt ? todayInStockholm(new Date(report.finalisedAt)) : todayInStockholm(),
    draft: report.draft,
    sections: resolveSections(report.draft, report.sections),
  });
  await audit({
    actor: staff,
    action: "report.download",
    entityType: "report",
    entityId: report.id,
    ip: clientAddress(context),
    details: { format: "docx", version: report.version, status: report.status },
  });
  const name = `uppfoljning-${report.from}-${report.to}${report.status === "final" ? "" : "-utkast"}.docx`;
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}
