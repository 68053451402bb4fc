import type { LoaderFunctionArgs } from "@remix-run/node";
import { clientAddress } from "~/http/context";
import { localeFromRequest } from "~/i18n/locale";
import { audit } from "~/models/audit.server";
import { buildProtocol, protocolDocx } from "~/reports/workshop-protocol.server";
import { requireStaffWorkshop } from "~/workshops/staff.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { staff, workshop } = await requireStaffWorkshop(request, params.id);
  const buffer = await protocolDocx(await buildProtocol(workshop), localeFromRequest(request));
  await audit({
    actor: staff,
    action: "workshop.protocol_export",
    entityType: "workshop",
    entityId: workshop.id,
    ip: clientAddress(context),
    details: { format: "docx" },
  });
  const name = `protokoll-framtidsverkstad-${workshop.heldOn}.docx`;
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}
