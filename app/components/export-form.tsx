import { Form } from "@remix-run/react";
import { CheckboxField, ChoiceGroup, Field, fieldProps, FormAlert } from "~/components/forms";
import { format } from "~/i18n/define";
import { exportsStrings } from "~/i18n/strings/exports";
import { useStrings } from "~/i18n/use-strings";

export interface ExportFormChoices {
  surveys: { key: string; title: string }[];
  campaigns: { id: number; title: string; surveyKey: string; programName: string; responses: number }[];
}

export interface ExportFormValues {
  campaignIds: number[];
  freeText: boolean;
  k: string;
}

const ERROR_ID = "export-error";
/** The smallest group size k: a whole number from 5 to 100. */
const K_INPUT = { type: "number", inputMode: "numeric", min: 5, max: 100, step: 1 } as const;

/**
 * The research export's choices. "Förhandsgranska" sends them to /staff/exports as a GET (nothing is made);
 * "Skapa export" posts the same fields to /staff/exports/new. Plain form fields: works without JavaScript.
 */
export function ExportForm({
  choices,
  values,
  error,
}: {
  choices: ExportFormChoices;
  values: ExportFormValues;
  error?: { field: "campaignId" | "k"; message: string } | null;
}) {
  const t = useStrings(exportsStrings);
  const bySurvey = choices.surveys
    .map((s) => ({ ...s, campaigns: choices.campaigns.filter((c) => c.surveyKey === s.key) }))
    .filter((s) => s.campaigns.length > 0);
  if (bySurvey.length === 0) return <p>{t.noCampaigns}</p>;
  // The alert above the form says what is wrong; the field it is about points to it.
  const wrong = (field: "campaignId" | "k") => error?.field === field && ERROR_ID;
  const field = fieldProps(values);
  return (
    <Form method="get" action="/staff/exports" className="stack" noValidate>
      <FormAlert id={ERROR_ID} focus>
        {error?.message}
      </FormAlert>
      <ChoiceGroup
        legend={t.chooseLegend}
        name="campaignId"
        hint={t.chooseHint}
        describedBy={wrong("campaignId") || undefined}
      >
        {bySurvey.map((s) => (
          <ChoiceGroup
            key={s.key}
            legend={s.title}
            name="campaignId"
            options={s.campaigns.map((c) => ({
              value: c.id,
              label: format(t.waveLabel, { title: c.title, program: c.programName, count: c.responses }),
            }))}
            defaultValue={values.campaignIds}
          />
        ))}
      </ChoiceGroup>
      <CheckboxField
        label={t.freeText}
        name="freeText"
        value="on"
        hint={t.freeTextHint}
        defaultChecked={values.freeText}
      />
      <Field label={t.k} hint={t.kHint} {...K_INPUT} {...field("k")} errorIn={wrong("k")} />
      <div className="actions">
        <button type="submit" name="preview" value="1" className="button button--quiet">
          {t.preview}
        </button>
        <button type="submit" formMethod="post" formAction="/staff/exports/new" className="button">
          {t.create}
        </button>
      </div>
    </Form>
  );
}

/** Which field a filter error belongs to. */
export function errorField(code: string): "campaignId" | "k" {
  return code.startsWith("k") ? "k" : "campaignId";
}
