import type { ActionFunctionArgs } from "@remix-run/node";
import { rolesFor } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { requireForm } from "~/http/body.server";
import { clientAddress } from "~/http/context";
import { parseId } from "~/http/params";
import { localeFromRequest } from "~/i18n/locale";
import { feedbackStaff } from "~/i18n/strings/feedback";

/**
 * What an intent on one feedback record (an item, a quote) needs from its request: the form, and the record's id,
 * the staff member (of the page's roles), their address and the page's strings.
 *
 *   const { form, ctx } = await feedbackIntentRequest(args, "quotes");
 *   return quoteIntent(form, ctx);
 */
export async function feedbackIntentRequest(
  { request, params, context }: ActionFunctionArgs,
  capability: "feedback" | "quotes",
) {
  const staff = await requireStaff(request, { roles: rolesFor(capability) });
  const form = await requireForm(request, { maxBytes: 64 * 1024 });
  return {
    form,
    ctx: {
      id: parseId(params.id),
      viewer: staff,
      ip: clientAddress(context),
      t: feedbackStaff[localeFromRequest(request)],
    },
  };
}
