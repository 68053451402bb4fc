import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/http/errors.server";
import { chartPng } from "~/reports/chart-png.server";
import { requireReport } from "~/reports/report-page.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { report } = await requireReport(request, params.id);
  const chart = params.key ? report.draft.charts[params.key] : undefined;
  if (!chart || !Object.hasOwn(report.draft.charts, params.key!)) throw notFound();
  const png = await chartPng(chart);
  return new Response(new Uint8Array(png), {
    headers: { "Content-Type": "image/png", "Cache-Control": "private, no-store" },
  });
}
