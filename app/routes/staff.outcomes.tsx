import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { rolesFor } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { OutcomeMeasure } from "~/components/outcome-measure";
import { OutcomesByVisitFrequency } from "~/components/outcomes-by-visit-frequency";
import { ChoiceGroup, FormAlert, SelectField, fieldProps, labelledOptions, namedOptions } from "~/components/forms";
import { format } from "~/i18n/define";
import { pageTitle } from "~/i18n/meta";
import { localeFromRequest } from "~/i18n/locale";
import { outcomes as outcomeStrings } from "~/i18n/strings/outcomes";
import { useLocale, useStrings } from "~/i18n/use-strings";
import { loadVisitFrequencyBreakdown } from "~/outcomes/by-visit-frequency.server";
import { outcomePage } from "~/outcomes/outcome-page.server";
import { BREAKDOWNS } from "~/outcomes/breakdowns";
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

const ERROR_ID = "outcomes-error";
const BREAKDOWN_LABELS = { gender: "byGender", program: "byProgram", channel: "byChannel" } as const;

/** The choice an error is about: the waves, or one of the selects (by its query name). */
const ERROR_FIELDS: Partial<Record<string, "campaign" | "program" | "by" | "since">> = {
  errNoCampaign: "campaign",
  errTooManyCampaigns: "campaign",
  errUnknownCampaign: "campaign",
  errMixedSurveys: "campaign",
  errUnknownSurvey: "campaign",
  errUnknownProgram: "program",
  errProgramNotAsked: "program",
  errBreakdownNotAsked: "by",
  errBadCompare: "since",
};

export default function OutcomesPage() {
  const { surveys, programs, params, report, error, byVisits } = useLoaderData<typeof loader>();
  const t = useStrings(outcomeStrings);
  const locale = useLocale();
  const chosen = new Set(params.campaignIds);
  const errorField = error ? ERROR_FIELDS[error] : undefined;
  const field = fieldProps({ program: params.programId, by: params.by, since: params.compareWith });
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
        {surveys.length > 0 ? (
          <p className="hint" id="waves-hint">
            {t.wavesHint}
          </p>
        ) : null}
        {surveys.map((s) => (
          <ChoiceGroup
            key={s.key}
            className="outcomes__waves"
            legend={`${t.waves}: ${s.title[locale]}`}
            name="campaign"
            describedBy={errorField === "campaign" ? `waves-hint ${ERROR_ID}` : "waves-hint"}
            options={s.waves.map((w) => ({
              value: w.id,
              label: (
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
              ),
            }))}
            defaultValue={params.campaignIds}
          />
        ))}
        <div className="outcomes__selects">
          <SelectField
            label={t.programme}
            empty={t.allProgrammes}
            options={namedOptions(programs)}
            errorIn={errorField === "program" && ERROR_ID}
            {...field("program")}
          />
          <SelectField
            label={t.breakdown}
            empty={t.noBreakdown}
            options={labelledOptions(BREAKDOWNS, (b) => t[BREAKDOWN_LABELS[b]])}
            errorIn={errorField === "by" && ERROR_ID}
            {...field("by")}
          />
          <SelectField
            label={t.since}
            empty={t.sinceDefault}
            options={surveys
              .flatMap((s) => s.waves)
              .filter((w) => chosen.has(w.id))
              .map((w) => ({ value: w.id, label: w.title }))}
            errorIn={errorField === "since" && ERROR_ID}
            {...field("since")}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button">
            {t.show}
          </button>
        </div>
      </Form>
      <FormAlert id={ERROR_ID} focus>
        {error ? t[error as ErrorKey] : null}
      </FormAlert>
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
