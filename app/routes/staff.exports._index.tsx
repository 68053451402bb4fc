import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { rolesFor } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { ExportForm, errorField } from "~/components/export-form";
import { ExportList } from "~/components/export-list";
import {
  exportChoices,
  exportsVisibleTo,
  parseExportFilters,
  previewFor,
  resolveExportSource,
} from "~/exports/exports.server";
import { clientAddress } from "~/http/context";
import { notFound } from "~/http/errors.server";
import { format } from "~/i18n/define";
import { localeFromRequest } from "~/i18n/locale";
import { exportsStrings } from "~/i18n/strings/exports";
import { pageTitle } from "~/i18n/meta";
import { useStrings } from "~/i18n/use-strings";
import { toListItem } from "~/exports/list-item";

export const meta = pageTitle(exportsStrings, "pageTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("exports") });
  const url = new URL(request.url);
  const [choices, list] = await Promise.all([
    exportChoices(staff, localeFromRequest(request)),
    exportsVisibleTo(staff),
  ]);
  const base = {
    choices,
    exports: list.map((e) => toListItem(e, Object.fromEntries(choices.surveys.map((s) => [s.key, s.title])))),
    showCreator: staff.role === "admin",
    staffId: staff.id,
    values: {
      campaignIds: url.searchParams.getAll("campaignId").map(Number).filter(Number.isSafeInteger),
      freeText: url.searchParams.get("freeText") === "on",
      k: (url.searchParams.get("k") ?? "5").slice(0, 6),
    },
    preview: null as null | Awaited<ReturnType<typeof previewFor>>,
    error: null as null | string,
  };
  if (url.searchParams.get("preview") !== "1") return base;
  const parsed = parseExportFilters(url.searchParams);
  if (!parsed.ok) return data({ ...base, error: parsed.error }, { status: 422 });
  const resolved = await resolveExportSource(staff, parsed.value, clientAddress(context));
  if (!resolved.ok) {
    if (resolved.status === 404) throw notFound("export-campaign");
    return data({ ...base, error: resolved.error }, { status: 422 });
  }
  const preview = await previewFor(resolved.source);
  if (preview.readRows === 0) return data({ ...base, error: "noRows" }, { status: 422 });
  return { ...base, preview };
}

export default function Exports() {
  const d = useLoaderData<typeof loader>();
  const t = useStrings(exportsStrings);
  const k = Number(d.values.k) || 5;
  const byVariable = d.preview ? Object.entries(d.preview.suppressedByVariable).filter(([, n]) => n > 0) : [];
  return (
    <div className="page">
      <h1>{t.pageTitle}</h1>
      <p className="lead">{t.lead}</p>
      <ExportForm
        choices={d.choices}
        values={d.values}
        error={d.error ? { field: errorField(d.error), message: t[`err_${d.error}` as keyof typeof t] } : null}
      />
      {d.preview ? (
        <section aria-labelledby="preview-title" className="card stack">
          <h2 id="preview-title">{t.previewTitle}</h2>
          <p role="status">
            {format(t.previewRows, { rows: d.preview.rows, variables: d.preview.variables })}{" "}
            {d.preview.suppressedCells > 0
              ? format(t.previewSuppressed, { cells: d.preview.suppressedCells, k })
              : format(t.previewNoneSuppressed, { k })}
          </p>
          {d.preview.droppedRows > 0 ? <p>{format(t.previewDropped, { rows: d.preview.droppedRows })}</p> : null}
          {byVariable.length > 0 ? (
            <table>
              <caption>{t.previewByVariable}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.variable}</th>
                  <th scope="col">{t.cells}</th>
                </tr>
              </thead>
              <tbody>
                {byVariable.map(([name, n]) => (
                  <tr key={name}>
                    <td>
                      <code>{name}</code>
                    </td>
                    <td>{n}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <p className="hint">{t.previewNothingMade}</p>
        </section>
      ) : null}
      <section aria-labelledby="list-title">
        <h2 id="list-title">{d.showCreator ? t.listTitleAll : t.listTitleOwn}</h2>
        <ExportList items={d.exports} showCreator={d.showCreator} staffId={d.staffId} />
      </section>
    </div>
  );
}
