import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { rolesFor } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { FormAlert, errorText } from "~/components/forms";
import { ProgramNameField } from "~/components/program-name-field";
import { useProgramUseWords } from "~/components/program-use";
import { requireForm } from "~/http/body.server";
import { clientAddress } from "~/http/context";
import { parseForm } from "~/http/parse-form";
import { format } from "~/i18n/define";
import { pageTitle } from "~/i18n/meta";
import { programs as programStrings } from "~/i18n/strings/programs";
import { useStrings } from "~/i18n/use-strings";
import { addProgram, listProgramsForAdmin } from "~/models/program.server";
import { addProgramSchema } from "~/programs/program-form";
import { ColumnHeads } from "~/components/table-heads";

export const meta = pageTitle(programStrings, "listTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { roles: rolesFor("programs") });
  return { programs: await listProgramsForAdmin() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("programs") });
  const form = await requireForm(request, { maxBytes: 16 * 1024 });
  // What was typed comes back in the field, so a refused name is corrected, not typed again.
  const typed = (form.get("name") ?? "").slice(0, 200);
  const parsed = parseForm(form, addProgramSchema, { fallback: "errName" });
  if (!parsed.ok) return data({ errors: parsed.errors, typed }, { status: 422 });
  const result = await addProgram({ name: parsed.value.name, actor: staff, ip: clientAddress(context) });
  if (!result.ok) return data({ errors: { name: "errTaken" }, typed }, { status: 409 });
  return redirect(`/staff/programs?added=${result.id}`, 303);
}

export default function Programs() {
  const { programs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const t = useStrings(programStrings);
  const describeUse = useProgramUseWords();
  const err = errorText(t, result?.errors);
  const added = programs.find((p) => String(p.id) === params.get("added"));
  const deleted = params.get("deleted") === "1";
  return (
    <div className="page">
      <h1>{t.listTitle}</h1>
      <p className="lead">{t.listLead}</p>
      <FormAlert tone="ok">
        {added && !result ? format(t.added, { name: added.name }) : deleted && !result ? t.deleted : null}
      </FormAlert>
      <div className="table-wrap">
        <table className="responsive">
          <caption className="visually-hidden">{t.listTitle}</caption>
          <ColumnHeads columns={[t.colName, t.colStatus, t.colUse]} />
          <tbody>
            {programs.map((p) => {
              const words = describeUse(p.use);
              return (
                <tr key={p.id}>
                  <th scope="row" data-label={t.colName}>
                    <Link to={`/staff/programs/${p.id}`} aria-label={format(t.change, { name: p.name })}>
                      {p.name}
                    </Link>
                  </th>
                  <td data-label={t.colStatus}>
                    {p.archived ? <span className="tag">{t.archived}</span> : <span className="tag">{t.active}</span>}
                  </td>
                  <td data-label={t.colUse}>{words.length > 0 ? words.join(", ") : t.noUse}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="add-program" className="stack">
        <h2 id="add-program">{t.addTitle}</h2>
        <FormAlert focus>{result?.errors ? t.errForm : null}</FormAlert>
        <Form method="post" className="stack" noValidate key={params.get("added") ?? "new"}>
          <ProgramNameField hint={t.nameHint} defaultValue={result?.typed} error={err("name")} />
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t.add}
          </button>
        </Form>
      </section>
    </div>
  );
}
