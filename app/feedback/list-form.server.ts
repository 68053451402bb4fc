import type { ActionFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { rolesFor } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { requireForm } from "~/http/body.server";
import { refuseLeftOutFields } from "~/http/errors.server";
import { clientAddress } from "~/http/context";
import { parseForm } from "~/http/parse-form";
import { localeFromRequest } from "~/i18n/locale";
import { feedbackStaff } from "~/i18n/strings/feedback";

/**
 * The start of every action on the feedback area's own lists (themes, names to mask): the guard, the form read
 * through the page's intents, the strings in the page's language and the client's address for the audit.
 */
export async function readFeedbackListForm<S extends z.ZodTypeAny>(
  { request, context }: ActionFunctionArgs,
  intents: S,
) {
  const staff = await requireStaff(request, { roles: rolesFor("feedback") });
  const form = await requireForm(request);
  const parsed = parseForm(form, intents);
  refuseLeftOutFields(parsed);
  return {
    staff,
    form,
    t: feedbackStaff[localeFromRequest(request)],
    ip: clientAddress(context),
    parsed,
  };
}
