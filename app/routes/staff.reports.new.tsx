import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { rolesFor } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { clientAddress } from "~/http/context";
import { requireForm } from "~/http/body.server";
import { todayInStockholm } from "~/outcomes/calendar";
import { draftNewReport, parseNewReport, reportablePrograms, TITLE_MAX } from "~/reports/report-service.server";
import { reports as strings } from "~/i18n/strings/reports";
import { useStrings } from "~/i18n/use-strings";
import { ChoiceGroup, Field, FormAlert, errorText, fieldProps } from "~/components/forms";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle(strings, "newTitle");

/** The last whole half-year before today: what a follow-up usually covers. */
function suggestedPeriod(today: string): { from: string; to: string } {
  const y = Number(today.slice(0, 4));
  const firstHalf = Number(today.slice(5, 7)) <= 6;
  return firstHalf ? { from: `${y - 1}-07-01`, to: `${y - 1}-12-31` } : { from: `${y}-01-01`, to: `${y}-06-30` };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("reports") });
  return { programs: await reportablePrograms(staff), suggested: suggestedPeriod(todayInStockholm()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("reports") });
  const form = await requireForm(request);
  const programs = await reportablePrograms(staff);
  const parsed = parseNewReport(
    form,
    programs.map((p) => p.id),
  );
  if (!parsed.ok) {
    return data(
      {
        errors: parsed.errors,
        echo: {
          title: (form.get("title") ?? "").slice(0, TITLE_MAX),
          from: (form.get("from") ?? "").slice(0, 10),
          to: (form.get("to") ?? "").slice(0, 10),
          programIds: form.getAll("programId").slice(0, 20),
        },
      },
      { status: 422 },
    );
  }
  const id = await draftNewReport({ value: parsed.value, actor: staff, ip: clientAddress(context) });
  return redirect(`/staff/reports/${id}`, 303);
}

export default function NewReport() {
  const { programs, suggested } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useStrings(strings);
  const echo = result?.echo;
  // Every programme is chosen at first; after an error, what was sent.
  const values = echo
    ? { ...echo, programId: echo.programIds }
    : { ...suggested, programId: programs.map((p) => p.id) };
  const field = fieldProps(values, errorText(t, result?.errors));
  return (
    <div className="page page--narrow">
      <h1>{t.newTitle}</h1>
      <p className="lead">{t.newLead}</p>
      <Form method="post" className="stack" noValidate>
        <FormAlert>{result ? t.errForm : null}</FormAlert>
        <Field label={t.title} {...field("title")} maxLength={TITLE_MAX} required hint={t.titleHint} />
        <Field label={t.from} {...field("from")} type="date" required />
        <Field label={t.to} {...field("to")} type="date" required />
        <ChoiceGroup legend={t.programs} {...field("programId")} options={programs} />
        <div className="actions">
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t.create}
          </button>
        </div>
      </Form>
    </div>
  );
}
