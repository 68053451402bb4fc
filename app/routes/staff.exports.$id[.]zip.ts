import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { rolesFor } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { openExportDownload } from "~/exports/exports.server";
import { clientAddress } from "~/http/context";
import { parseId } from "~/http/params";
import { attachmentDisposition } from "~/privacy/csv";

const MESSAGES = {
  404: "Exporten finns inte, eller så är den inte din.",
  409: "Exporten skapas fortfarande. Försök igen om en stund.",
  410: "Filen finns inte längre. Skapa exporten igen.",
} as const;

/** The export's ZIP, streamed from disk; only its creator may download it, and every download is audited. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("exports") });
  const id = parseId(params.id);
  const opened = await openExportDownload(staff, id, clientAddress(context));
  if (!opened.ok) {
    // A resource route: a short plain-text answer, in Swedish, rather than an HTML page.
    return new Response(`${MESSAGES[opened.status]}\n`, {
      status: opened.status,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  return new Response(createReadableStreamFromReadable(opened.stream), {
    status: 200,
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": attachmentDisposition(`forskningsexport-${id}.zip`),
      ...(opened.record.sizeBytes !== null ? { "Content-Length": String(opened.record.sizeBytes) } : {}),
      "Cache-Control": "no-store",
    },
  });
}
