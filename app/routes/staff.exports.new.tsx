import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { rolesFor } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { ExportForm, errorField } from "~/components/export-form";
import { auditExportRefusal, exportChoices, parseExportFilters, startExport } from "~/exports/exports.server";
import { requireForm } from "~/http/body.server";
import { clientAddress } from "~/http/context";
import { notFound } from "~/http/errors.server";
import { localeFromRequest } from "~/i18n/locale";
import { exportsStrings } from "~/i18n/strings/exports";
import { pageTitle } from "~/i18n/meta";
import { useStrings } from "~/i18n/use-strings";

export const meta = pageTitle(exportsStrings, "newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("exports") });
  return { choices: await exportChoices(staff, localeFromRequest(request)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("exports") });
  const form = await requireForm(request);
  const values = {
    campaignIds: form.getAll("campaignId").map(Number).filter(Number.isSafeInteger),
    freeText: form.get("freeText") === "on",
    k: (form.get("k") ?? "5").slice(0, 6),
  };
  const parsed = parseExportFilters(form);
  if (!parsed.ok) {
    await auditExportRefusal(staff, clientAddress(context), parsed.error, { entityType: "campaign" });
    return data({ error: parsed.error, values }, { status: 422 });
  }
  const started = await startExport(staff, parsed.value, clientAddress(context));
  if (!started.ok) {
    if (started.status === 404) throw notFound("export-campaign");
    return data({ error: started.error, values }, { status: 422 });
  }
  return redirect(`/staff/exports/${started.id}${started.alreadyRunning ? "?again=1" : ""}`, 303);
}

export default function NewExport() {
  const { choices } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useStrings(exportsStrings);
  return (
    <div className="page page--narrow">
      <h1>{t.newTitle}</h1>
      <p className="lead">{t.lead}</p>
      <ExportForm
        choices={choices}
        values={result?.values ?? { campaignIds: [], freeText: false, k: "5" }}
        error={result?.error ? { field: errorField(result.error), message: t[`err_${result.error}`] } : null}
      />
      <p>
        <Link to="/staff/exports">{t.back}</Link>
      </p>
    </div>
  );
}
