import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { refuseLeftOutFields } from "~/http/errors.server";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { clientAddress } from "~/http/context";
import { requireStaff } from "~/auth/guards.server";
import { rolesFor } from "~/auth/capabilities";
import { parseStaffForm } from "~/auth/staff-form.server";
import { createAccount } from "~/auth/staff-accounts.server";
import { requireForm } from "~/http/body.server";
import { listPrograms } from "~/models/program.server";
import { StaffForm } from "~/components/staff-form";
import { staff as staffStrings } from "~/i18n/strings/staff";
import { useStrings } from "~/i18n/use-strings";
import { pageTitle } from "~/i18n/meta";
import { FormAlert } from "~/components/forms";

export const meta = pageTitle(staffStrings, "newUserTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { roles: rolesFor("users") });
  return { programs: await listPrograms() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireStaff(request, { roles: rolesFor("users") });
  const form = await requireForm(request);
  const programs = await listPrograms();
  const parsed = parseStaffForm(
    form,
    programs.map((p) => p.id),
  );
  refuseLeftOutFields(parsed);
  const echo = {
    name: form.get("name")?.slice(0, 200) ?? "",
    email: form.get("email")?.slice(0, 254) ?? "",
    role: form.get("role") ?? "",
    programIds: form.getAll("programIds").map(Number),
  };
  if (!parsed.ok) return data({ created: null, errors: parsed.errors, echo }, { status: 422 });
  const result = await createAccount({ actor, value: parsed.value, ip: clientAddress(context) });
  if (!result.ok) return data({ created: null, errors: { email: result.error }, echo }, { status: 422 });
  return {
    created: { id: result.staff.id, name: result.staff.name, email: result.staff.email, password: result.password },
    errors: {},
    echo,
  };
}

export default function NewUser() {
  const { programs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useStrings(staffStrings);
  if (result?.created) {
    return (
      <div className="page page--narrow">
        <h1>{t.newUserTitle}</h1>
        <FormAlert tone="ok">
          <p>{t.created}</p>
          <p>
            {result.created.name} ({result.created.email})
          </p>
          <p>
            {t.temporaryPassword}: <span className="secret">{result.created.password}</span>
          </p>
        </FormAlert>
        <p className="actions">
          <Link to="/staff/users" className="button">
            {t.usersTitle}
          </Link>
          <Link to="/staff/users/new" className="button button--secondary" reloadDocument>
            {t.addUser}
          </Link>
        </p>
      </div>
    );
  }
  const echo = result?.echo;
  return (
    <div className="page page--narrow">
      <h1>{t.newUserTitle}</h1>
      <StaffForm
        programs={programs}
        defaults={{
          name: echo?.name ?? "",
          email: echo?.email ?? "",
          role: (echo?.role as never) ?? "",
          programIds: echo?.programIds ?? [],
          disabled: false,
        }}
        errors={result?.errors}
        showDisabled={false}
        submitLabel={t.save}
      />
    </div>
  );
}
