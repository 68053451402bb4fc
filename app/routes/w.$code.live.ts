import type { LoaderFunctionArgs } from "@remix-run/node";
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
    // A real 403, not Remix's data(): in a resource route Remix 2.17 drops the status of data() (200 + the body).
    if (!(await boardAccess(request, workshop))) return Response.json({ error: "forbidden" }, { status: 403, headers });
    return Response.json(await boardSnapshot(request, workshop), { headers });
  }
  return Response.json(await publicState(workshop.code), { headers });
}
