import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { clientAddress } from "~/http/context";
import { parseId } from "~/http/params";
import { requireStaff } from "~/auth/guards.server";
import { rolesFor } from "~/auth/capabilities";
import { parseStaffForm } from "~/auth/staff-form.server";
import { resetPassword, updateAccount } from "~/auth/staff-accounts.server";
import { requireForm } from "~/http/body.server";
import { badRequest, notFound } from "~/http/errors.server";
import { getStaffById } from "~/models/staff.server";
import { listPrograms } from "~/models/program.server";
import { StaffForm } from "~/components/staff-form";
import { format } from "~/i18n/define";
import { staff as staffStrings } from "~/i18n/strings/staff";
import { useStrings } from "~/i18n/use-strings";

export const meta: MetaFunction = () => [{ title: "Ändra personal – Deltagarröst" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, { roles: rolesFor("users") });
  const user = await getStaffById({ id: parseId(params.id) });
  if (!user) throw notFound();
  return {
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      programIds: user.programIds,
      disabled: user.disabled,
    },
    programs: await listPrograms(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireStaff(request, { roles: rolesFor("users") });
  const id = parseId(params.id);
  const form = await requireForm(request);
  const ip = clientAddress(context);
  const intent = form.get("intent");
  if (intent === "reset-password") {
    const result = await resetPassword({ actor, id, ip });
    if (!result.ok) throw notFound();
    return { password: result.password, errors: {} };
  }
  if (intent !== "save") throw badRequest();
  const programs = await listPrograms();
  const parsed = parseStaffForm(
    form,
    programs.map((p) => p.id),
  );
  if (!parsed.ok) return data({ password: null, errors: parsed.errors }, { status: 422 });
  const result = await updateAccount({ actor, id, value: parsed.value, ip });
  if (!result.ok) {
    if (result.error === "notFound") throw notFound();
    return data(
      { password: null, errors: result.error === "errSelf" ? { disabled: "errSelf" } : { email: result.error } },
      { status: 422 },
    );
  }
  return redirect(`/staff/users/${id}?saved=1`);
}

export default function EditUser() {
  const { user, programs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useStrings(staffStrings);
  return (
    <div className="page page--narrow">
      <h1>{format(t.editUserTitle, { name: user.name })}</h1>
      {params.has("saved") && !result ? (
        <p className="alert alert--ok" role="status">
          {t.saved}
        </p>
      ) : null}
      {result?.password ? (
        <div className="alert alert--ok" role="status">
          <p>{format(t.passwordReset, { name: user.name })}</p>
          <p>
            <span className="secret">{result.password}</span>
          </p>
        </div>
      ) : null}
      <StaffForm
        key={user.id}
        programs={programs}
        defaults={user}
        errors={result?.errors}
        showDisabled
        submitLabel={t.save}
      />
      <h2>{t.resetPassword}</h2>
      <Form method="post">
        <p className="hint" id="reset-hint">
          {t.resetPasswordHint}
        </p>
        <button
          type="submit"
          name="intent"
          value="reset-password"
          className="button button--secondary"
          aria-describedby="reset-hint"
        >
          {t.resetPassword}
        </button>
      </Form>
    </div>
  );
}
