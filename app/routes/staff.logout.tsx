import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clientAddress } from "~/http/context";
import { getStaff } from "~/auth/guards.server";
import { assertSameOrigin } from "~/auth/origin.server";
import { endSession } from "~/auth/session.server";
import { audit } from "~/models/audit.server";

export async function loader() {
  return redirect("/staff");
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const staff = await getStaff(request);
  if (staff)
    await audit({
      actor: staff,
      action: "logout",
      entityType: "staff",
      entityId: staff.id,
      ip: clientAddress(context),
    });
  return redirect("/staff/login?loggedOut=1", { headers: { "Set-Cookie": await endSession(request, "logout") } });
}
