import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { rolesFor } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { clientAddress } from "~/http/context";
import { requireForm } from "~/http/body.server";
import { todayInStockholm } from "~/outcomes/calendar";
import { draftNewReport, parseNewReport, reportablePrograms, TITLE_MAX } from "~/reports/report-service.server";
import { reports as strings } from "~/i18n/strings/reports";
import { useStrings } from "~/i18n/use-strings";

export const meta: MetaFunction = () => [{ title: `${strings.sv.newTitle} – Deltagarröst` }];

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
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const echo = result?.echo;
  const chosen = echo ? echo.programIds : programs.map((p) => String(p.id));
  const err = (name: string) =>
    errors[name] ? (
      <p className="field-error" id={`${name}-error`}>
        {t[errors[name] as keyof typeof t] ?? t.errForm}
      </p>
    ) : null;
  const invalid = (name: string, hint?: string) =>
    errors[name]
      ? { "aria-invalid": true as const, "aria-describedby": `${name}-error` }
      : hint
        ? { "aria-describedby": hint }
        : {};
  return (
    <div className="page page--narrow">
      <h1>{t.newTitle}</h1>
      <p className="lead">{t.newLead}</p>
      <Form method="post" className="stack" noValidate>
        {result ? (
          <p className="alert alert--error" role="alert">
            {t.errForm}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="title">{t.title}</label>
          <input
            id="title"
            name="title"
            type="text"
            maxLength={TITLE_MAX}
            required
            defaultValue={echo?.title ?? ""}
            {...invalid("title", "title-hint")}
          />
          <p className="hint" id="title-hint">
            {t.titleHint}
          </p>
          {err("title")}
        </div>
        <div className="field">
          <label htmlFor="from">{t.from}</label>
          <input
            id="from"
            name="from"
            type="date"
            required
            defaultValue={echo?.from ?? suggested.from}
            {...invalid("from")}
          />
          {err("from")}
        </div>
        <div className="field">
          <label htmlFor="to">{t.to}</label>
          <input id="to" name="to" type="date" required defaultValue={echo?.to ?? suggested.to} {...invalid("to")} />
          {err("to")}
        </div>
        <fieldset className="field" aria-describedby={errors.programId ? "programId-error" : undefined}>
          <legend>{t.programs}</legend>
          {programs.map((p) => (
            <label key={p.id} className="choice">
              <input type="checkbox" name="programId" value={p.id} defaultChecked={chosen.includes(String(p.id))} />{" "}
              {p.name}
            </label>
          ))}
          {err("programId")}
        </fieldset>
        <div className="actions">
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t.create}
          </button>
        </div>
      </Form>
    </div>
  );
}
