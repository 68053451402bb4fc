import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { clientAddress } from "~/http/context";
import { getStaffSession, requireStaff, safeRedirectTarget } from "~/auth/guards.server";
import { changeOwnPassword } from "~/auth/staff-accounts.server";
import { PASSWORD_MIN_LENGTH } from "~/auth/password.server";
import { z } from "zod";
import { requireForm } from "~/http/body.server";
import { httpError } from "~/http/errors.server";
import { parseForm } from "~/http/parse-form";
import { Field, FormAlert, errorText } from "~/components/forms";
import { format } from "~/i18n/define";
import { pageTitle } from "~/i18n/meta";
import { security as securityStrings } from "~/i18n/strings/security";
import { useStrings } from "~/i18n/use-strings";

export const meta = pageTitle(securityStrings, "passwordTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { allowTemporaryPassword: true });
  const url = new URL(request.url);
  return {
    mustChange: staff.mustChangePassword,
    redirectTo: safeRedirectTarget(url.searchParams.get("redirectTo")),
    changed: url.searchParams.has("changed"),
  };
}

// The rules (length, match, the current one right) are changeOwnPassword's; a form only brings the three texts.
const text = z.string().transform((v) => v.slice(0, 1024));
const passwordForm = z.object({ current: text, next: text, repeat: text });

export async function action({ request, context }: ActionFunctionArgs) {
  await requireStaff(request, { allowTemporaryPassword: true });
  const current = await getStaffSession(request);
  if (!current) throw redirect("/staff/login");
  const form = await requireForm(request, { maxBytes: 8 * 1024 });
  const parsed = parseForm(form, passwordForm);
  if (!parsed.ok) throw httpError(400, "bad-form");
  const result = await changeOwnPassword({
    staff: current.staff,
    sessionId: current.session.id,
    ...parsed.value,
    ip: clientAddress(context),
  });
  if (!result.ok) return data({ errors: result.errors as Record<string, string> }, { status: 422 });
  const back = safeRedirectTarget(form.get("redirectTo"), "/staff");
  if (current.staff.mustChangePassword) return redirect(back);
  return redirect("/staff/password?changed=1");
}

export default function ChangePassword() {
  const { mustChange, redirectTo, changed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useStrings(securityStrings);
  const err = errorText(t, result?.errors);
  const secret = (name: string, autoComplete: string) =>
    ({ name, type: "password", autoComplete, required: true, maxLength: 1024, error: err(name) }) as const;
  return (
    <div className="page page--narrow">
      <h1>{t.passwordTitle}</h1>
      <p className="lead">{mustChange ? t.passwordMustChange : t.passwordLead}</p>
      <FormAlert tone="ok">{changed && !result ? t.passwordChanged : null}</FormAlert>
      <FormAlert focus>{result?.errors ? t.errForm : null}</FormAlert>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field label={t.passwordCurrent} {...secret("current", "current-password")} />
        <Field
          label={t.passwordNew}
          {...secret("next", "new-password")}
          hint={format(t.passwordNewHint, { n: PASSWORD_MIN_LENGTH })}
        />
        <Field label={t.passwordRepeat} {...secret("repeat", "new-password")} />
        <button type="submit" className="button">
          {t.passwordSave}
        </button>
      </Form>
    </div>
  );
}
