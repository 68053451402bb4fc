import type { ActionFunctionArgs } from "@remix-run/node";
import { surveyForesight } from "~/surveys/participant-page.server";

// With scripts, the survey's first page asks here for the rest of what lies ahead (see surveyForesight).
export async function action({ request, params }: ActionFunctionArgs) {
  const foresight = await surveyForesight(request, params.code ?? "");
  const headers = { "Cache-Control": "no-store" };
  if (!foresight) return Response.json({ error: "not-found" }, { status: 404, headers });
  return new Response(foresight, { headers: { ...headers, "Content-Type": "application/json; charset=utf-8" } });
}
