import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { rolesFor } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { OutcomeMeasure } from "~/components/outcome-measure";
import { OutcomesByVisitFrequency } from "~/components/outcomes-by-visit-frequency";
import { SelectField } from "~/components/forms";
import { format } from "~/i18n/define";
import { pageTitle } from "~/i18n/meta";
import { localeFromRequest } from "~/i18n/locale";
import { outcomes as outcomeStrings } from "~/i18n/strings/outcomes";
import { useLocale, useStrings } from "~/i18n/use-strings";
import { loadVisitFrequencyBreakdown } from "~/outcomes/by-visit-frequency.server";
import { outcomePage } from "~/outcomes/outcome-page.server";
import { outcomeSearch } from "~/outcomes/outcome-query";
import { countLabel } from "~/outcomes/wording";
import attendanceStyles from "~/styles/attendance.css";
import styles from "~/styles/outcomes.css";

export const links = () => [
  { rel: "stylesheet", href: attendanceStyles },
  { rel: "stylesheet", href: styles },
];

export const meta = pageTitle(outcomeStrings, "pageTitle", { appName: false });

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("outcomes") });
  const page = await outcomePage(staff, new URL(request.url));
  const pageTitle = outcomeStrings[localeFromRequest(request)].pageTitle;
  // Streamed after the page: the breakdown by visits (decision 0031) never holds up the figures above it.
  const byVisits = page.report ? loadVisitFrequencyBreakdown(page.report) : null;
  return data({ ...page, pageTitle, byVisits }, { status: page.status });
}

type ErrorKey = keyof (typeof outcomeStrings)["sv"];

export default function OutcomesPage() {
  const { surveys, programs, params, report, error, byVisits } = useLoaderData<typeof loader>();
  const t = useStrings(outcomeStrings);
  const locale = useLocale();
  const chosen = new Set(params.campaignIds);
  const csvHref = `/staff/outcomes.csv?${outcomeSearch(params)}`;
  return (
    <div className="page outcomes">
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>
      {surveys.length === 0 ? <p>{t.noCampaigns}</p> : null}
      <Form method="get" className="outcomes__choose no-print" aria-labelledby="choose-title">
        <h2 id="choose-title" className="h3">
          {t.chooseTitle}
        </h2>
        {surveys.map((s) => (
          <fieldset key={s.key} className="outcomes__waves">
            <legend>
              {t.waves}: {s.title[locale]}
            </legend>
            <p className="hint">{t.wavesHint}</p>
            {s.waves.map((w) => (
              <label key={w.id} className="choice">
                <input type="checkbox" name="campaign" value={w.id} defaultChecked={chosen.has(w.id)} />{" "}
                <span>
                  {w.title}{" "}
                  <span className="outcomes__count">
                    (
                    {format(t.responsesShort, {
                      n: w.small ? countLabel({ n: null, status: "small" }, locale) : (w.responses ?? 0),
                    })}
                    )
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
        ))}
        <div className="outcomes__selects">
          <SelectField label={t.programme} name="program" defaultValue={params.programId ?? ""}>
            <option value="">{t.allProgrammes}</option>
            {programs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t.breakdown} name="by" defaultValue={params.by ?? ""}>
            <option value="">{t.noBreakdown}</option>
            <option value="gender">{t.byGender}</option>
            <option value="program">{t.byProgram}</option>
            <option value="channel">{t.byChannel}</option>
          </SelectField>
          <SelectField label={t.since} name="since" defaultValue={params.compareWith ?? ""}>
            <option value="">{t.sinceDefault}</option>
            {surveys
              .flatMap((s) => s.waves)
              .filter((w) => chosen.has(w.id))
              .map((w) => (
                <option key={w.id} value={w.id}>
                  {w.title}
                </option>
              ))}
          </SelectField>
        </div>
        <div className="actions">
          <button type="submit" className="button">
            {t.show}
          </button>
        </div>
      </Form>
      {error ? (
        <p className="alert alert--error" role="alert">
          {t[error as ErrorKey]}
        </p>
      ) : null}
      {report ? (
        <>
          <div className="outcomes__summary">
            <p role="status">
              {report.waves
                .map((w) => format(t.waveSummary, { wave: w.title, n: countLabel(w.responses, locale) }))
                .join(" ")}
              {report.programFilter ? ` ${t.programme}: ${report.programFilter.name}.` : ""}
            </p>
            <p className="no-print outcomes__actions">
              <a href={csvHref} className="button button--secondary" download>
                {t.csv}
              </a>{" "}
              <PrintButton label={t.print} />
            </p>
            <section className="outcomes__hidden-note" aria-labelledby="hidden-title">
              <h2 id="hidden-title" className="h3">
                {t.hiddenTitle}
              </h2>
              <ul className="hint">
                <li>{t.hiddenSmall}</li>
                <li>{t.hiddenOther}</li>
              </ul>
            </section>
          </div>
          {report.measures.map((m) => (
            <OutcomeMeasure key={m.tag} m={m} report={report} />
          ))}
          {byVisits ? <OutcomesByVisitFrequency load={byVisits} /> : null}
        </>
      ) : null}
    </div>
  );
}

function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="button button--secondary" onClick={() => window.print()}>
      {label}
    </button>
  );
}
