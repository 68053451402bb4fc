import { Form } from "@remix-run/react";
import { CheckboxField, Field, FormAlert } from "~/components/forms";
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
  const campaignError = error?.field === "campaignId";
  const kError = error?.field === "k";
  return (
    <Form method="get" action="/staff/exports" className="stack" noValidate>
      <FormAlert focus>{error?.message}</FormAlert>
      <fieldset
        className="field"
        aria-describedby={campaignError ? "campaignId-hint campaignId-error" : "campaignId-hint"}
      >
        <legend>{t.chooseLegend}</legend>
        <p className="hint" id="campaignId-hint">
          {t.chooseHint}
        </p>
        {bySurvey.map((s) => (
          <fieldset key={s.key} className="field">
            <legend>{s.title}</legend>
            {s.campaigns.map((c) => (
              <label key={c.id} className="choice">
                <input
                  type="checkbox"
                  name="campaignId"
                  value={c.id}
                  defaultChecked={values.campaignIds.includes(c.id)}
                />
                {format(t.waveLabel, { title: c.title, program: c.programName, count: c.responses })}
              </label>
            ))}
          </fieldset>
        ))}
        {campaignError ? (
          <p className="field-error" id="campaignId-error">
            {error.message}
          </p>
        ) : null}
      </fieldset>
      <CheckboxField
        label={t.freeText}
        name="freeText"
        value="on"
        hint={t.freeTextHint}
        defaultChecked={values.freeText}
      />
      <Field
        label={t.k}
        name="k"
        type="number"
        inputMode="numeric"
        min={5}
        max={100}
        step={1}
        defaultValue={values.k}
        hint={t.kHint}
        error={kError ? error.message : undefined}
      />
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
