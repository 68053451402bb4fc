import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/http/errors.server";
import { findWorkshopByCode } from "~/models/workshop.server";
import { boardAccess, boardSnapshot, publicState } from "~/workshops/board.server";

/**
 * Polled every few seconds: by the board (with its key or the facilitator's login) for the whole board,
 * by phones for the phase and the open voting only. Plain JSON over fetch passes the CSP and the
 * compression middleware, where a server-sent event stream would be buffered.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const headers = { "Cache-Control": "no-store" };
  const workshop = await findWorkshopByCode({ code: params.code ?? "" });
  if (!workshop) throw notFound();
  if (new URL(request.url).searchParams.has("board")) {
    if (!(await boardAccess(request, workshop))) return data({ error: "forbidden" }, { status: 403, headers });
    return Response.json(await boardSnapshot(request, workshop), { headers });
  }
  return Response.json(await publicState(workshop.code), { headers });
}
