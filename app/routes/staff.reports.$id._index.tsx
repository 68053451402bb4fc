import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { clientAddress } from "~/http/context";
import { requireForm } from "~/http/body.server";
import { z } from "zod";
import { CheckboxField, FormAlert } from "~/components/forms";
import { parseForm } from "~/http/parse-form";
import { finaliseReport, type ChangeResult } from "~/models/report.server";
import { formatStockholmTime } from "~/outcomes/calendar";
import { requireReport } from "~/reports/report-page.server";
import { regenerateReport } from "~/reports/report-service.server";
import { resolveSections } from "~/reports/resolve";
import { sectionsStillToWrite } from "~/reports/unfinished";
import { EditLink, ReportSections } from "~/components/report-view";
import { format } from "~/i18n/define";
import { titleFor } from "~/i18n/meta";
import { reports as strings } from "~/i18n/strings/reports";
import { useStrings } from "~/i18n/use-strings";
import { dateText } from "~/reports/swedish";
import styles from "~/styles/reports.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleFor(strings, matches, (t) => (data && "title" in data ? data.title : t.listTitle));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { report } = await requireReport(request, params.id);
  const { draft } = report;
  const sections = resolveSections(draft, report.sections);
  return {
    id: report.id,
    title: report.title,
    period: `${dateText(report.from)} – ${dateText(report.to)}`,
    programNames: draft.programNames,
    status: report.status,
    version: report.version,
    generatedAt: formatStockholmTime(report.generatedAt),
    finalisedAt: report.finalisedAt ? formatStockholmTime(report.finalisedAt) : null,
    finalisedByName: report.finalisedByName,
    stillToWrite: report.status === "draft" ? sectionsStillToWrite(sections) : [],
    view: {
      sections: sections.map((s) => ({
        ...s,
        editedAt: s.editedAt ? formatStockholmTime(s.editedAt) : null,
      })),
      figures: draft.figures,
      tables: draft.tables,
      charts: draft.charts,
    },
  };
}

type Problem = Exclude<ChangeResult, { ok: true }>["problem"] | "confirm" | "intent" | "unfinished";
const problemStatus: Record<Problem, number> = {
  "not-found": 404,
  final: 409,
  conflict: 409,
  confirm: 422,
  intent: 400,
  unfinished: 422,
};

// The version the page was drawn from: a change made meanwhile by someone else is a conflict, not an overwrite.
const version = z.coerce.number().int();
const intents = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("regenerate"), version }),
  z.object({ intent: z.literal("finalise"), version, confirm: z.boolean() }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { staff, report } = await requireReport(request, params.id);
  const parsed = parseForm(await requireForm(request), intents);
  const ip = clientAddress(context);
  const fail = (problem: Problem) => data({ problem }, { status: problemStatus[problem] });
  if (!parsed.ok) return fail(parsed.errors.intent ? "intent" : "conflict");
  const { intent, version: expectedVersion } = parsed.value;
  if (intent === "regenerate") {
    const result = await regenerateReport({ report, expectedVersion, actor: staff, ip });
    if (!result.ok) return fail(result.problem);
    return redirect(`/staff/reports/${report.id}?done=regenerated`, 303);
  }
  if (intent === "finalise") {
    if (!parsed.value.confirm) return fail("confirm");
    // The instructions left for the coordinator must be replaced by their text before the report is fixed for good.
    if (sectionsStillToWrite(resolveSections(report.draft, report.sections)).length > 0) return fail("unfinished");
    const result = await finaliseReport({ id: report.id, expectedVersion, actor: staff, ip });
    if (!result.ok) return fail(result.problem);
    return redirect(`/staff/reports/${report.id}?done=finalised`, 303);
  }
  return fail("intent");
}

type Done = "regenerated" | "finalised" | "saved" | "reset" | "quotes";

export default function ReportPage() {
  const r = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const navigation = useNavigation();
  const t = useStrings(strings);
  const busy = navigation.state !== "idle";
  const draft = r.status === "draft";
  const anyStale = r.view.sections.some((s) => s.stale);
  const done = search.get("done") as Done | null;
  const doneText: Record<Done, string> = {
    regenerated: anyStale ? t.regeneratedStale : t.regenerated,
    finalised: t.finalised,
    saved: t.saved,
    reset: t.resetDone,
    quotes: t.quotesSaved,
  };
  const problemText: Record<Problem, string> = {
    "not-found": t.errFinal,
    final: t.errFinal,
    conflict: t.errConflict,
    confirm: t.finaliseNeedsConfirm,
    intent: t.errIntent,
    unfinished: format(t.errUnfinished, { sections: listText(r.stillToWrite, t.and) }),
  };
  return (
    <div className="page report-page">
      <p className="no-print">
        <Link to="/staff/reports">{t.backToList}</Link>
      </p>
      <h1>{r.title}</h1>
      <dl className="facts">
        <dt>{t.period}</dt>
        <dd>{r.period}</dd>
        <dt>{t.programsLabel}</dt>
        <dd>{r.programNames.join(", ")}</dd>
        <dt>{t.colStatus}</dt>
        <dd>
          <span className="tag">{t[`status_${r.status}`]}</span> {format(t.version, { n: r.version })}
        </dd>
      </dl>
      <p className="muted">
        {r.finalisedAt
          ? format(t.finalisedAt, { time: r.finalisedAt, name: r.finalisedByName ?? "" })
          : format(t.generatedAt, { time: r.generatedAt })}
      </p>
      <FormAlert focus>{result ? problemText[result.problem] : null}</FormAlert>
      <FormAlert tone={done === "regenerated" && anyStale ? "warn" : "ok"}>
        {!result && done ? doneText[done] : null}
      </FormAlert>
      <p className={draft ? "alert alert--info" : "alert alert--ok"}>{draft ? t.draftNotice : t.finalNotice}</p>
      <ul className="report-actions no-print">
        <li>
          <a href={`/staff/reports/${r.id}.docx`} className="button" download>
            {t.download}
          </a>
        </li>
        <li>
          <Link to={`/staff/reports/${r.id}/print`} className="button button--secondary">
            {t.print}
          </Link>
        </li>
        <li>
          <Link to={`/staff/reports/${r.id}/versions`} className="button button--secondary">
            {t.versions}
          </Link>
        </li>
        {draft ? (
          <li>
            <Link to={`/staff/reports/${r.id}/quotes`} className="button button--secondary">
              {t.chooseQuotes}
            </Link>
          </li>
        ) : null}
      </ul>
      <ReportSections
        data={r.view}
        chartSrc={(key) => `/staff/reports/${r.id}/charts/${key}.png?v=${r.version}`}
        aside={(s) => (
          <>
            {s.stale ? (
              <div className="alert alert--warn" role="note">
                <p>
                  <strong>{t.staleTitle}</strong>
                </p>
                <p>{t.staleLead}</p>
                <ul>
                  {s.changedFigures.map((c) => (
                    <li key={c.key}>
                      {format(t.changedFigure, {
                        label: c.label,
                        before: c.before ?? t.noValue,
                        after: c.after ?? t.noValue,
                      })}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {s.edited ? (
              <p className="muted">
                {s.editedByName && s.editedAt
                  ? format(t.edited, { time: s.editedAt, name: s.editedByName })
                  : t.editedNoName}
              </p>
            ) : null}
            {draft ? (
              <p className="no-print">
                <EditLink reportId={r.id} sectionKey={s.key} title={s.title} />
              </p>
            ) : null}
          </>
        )}
      />
      {draft ? (
        <div className="report-finish no-print">
          <Form method="post" className="stack">
            <input type="hidden" name="version" value={r.version} />
            <p>{t.regenerateHint}</p>
            <button type="submit" name="intent" value="regenerate" className="button button--secondary" disabled={busy}>
              {t.regenerate}
            </button>
          </Form>
          <Form method="post" className="stack">
            <input type="hidden" name="version" value={r.version} />
            <p>{t.finaliseHint}</p>
            {r.stillToWrite.length > 0 ? (
              <p className="alert alert--warn" role="note">
                {format(t.stillToWrite, { sections: listText(r.stillToWrite, t.and) })}
              </p>
            ) : null}
            <CheckboxField label={t.finaliseConfirm} name="confirm" required />
            <button type="submit" name="intent" value="finalise" className="button" disabled={busy}>
              {t.finalise}
            </button>
          </Form>
        </div>
      ) : null}
    </div>
  );
}

/** Section titles in a sentence, each quoted (titles hold "och" themselves): ”A”, ”B” och ”C”. */
function listText(items: readonly string[], and: string): string {
  const quoted = items.map((title) => `”${title}”`);
  if (quoted.length <= 1) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} ${and} ${quoted[quoted.length - 1]}`;
}
