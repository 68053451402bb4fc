import { Form } from "@remix-run/react";
import { ThemeChoices } from "~/components/feedback-ui";
import { SelectField, labelledOptions, namedOptions } from "~/components/forms";
import { feedbackStaff } from "~/i18n/strings/feedback";
import { useStrings } from "~/i18n/use-strings";
import { FEEDBACK_STATUSES } from "~/models/feedback-constants";
import { IntentAlerts, type IntentState } from "./intent-alerts";

export function StatusSection({ status, state }: { status: string; state: IntentState }) {
  const t = useStrings(feedbackStaff);
  return (
    <section className="fb-section" aria-labelledby="status-title">
      <h2 id="status-title">{t.statusHeading}</h2>
      <IntentAlerts state={state} intent="status" />
      <Form method="post" className="fb-inline">
        <SelectField
          label={t.statusHeading}
          name="status"
          options={labelledOptions(FEEDBACK_STATUSES, (s) => t[`status_${s}`])}
          defaultValue={status}
          key={status}
        />
        <button type="submit" name="intent" value="status" className="button">
          {t.save}
        </button>
      </Form>
    </section>
  );
}

export function AssignSection({
  assignedTo,
  colleagues,
  state,
}: {
  assignedTo: number | null;
  colleagues: { id: number; name: string }[];
  state: IntentState;
}) {
  const t = useStrings(feedbackStaff);
  return (
    <section className="fb-section" aria-labelledby="assign-title">
      <h2 id="assign-title">{t.assignHeading}</h2>
      <IntentAlerts state={state} intent="assign" />
      <Form method="post" className="fb-inline">
        <SelectField
          label={t.assignLabel}
          name="assignee"
          empty={t.nobody}
          options={namedOptions(colleagues)}
          defaultValue={assignedTo ?? ""}
          key={assignedTo ?? "none"}
        />
        <button type="submit" name="intent" value="assign" className="button">
          {t.save}
        </button>
      </Form>
    </section>
  );
}

export function ThemesSection({
  themes,
  selected,
  state,
}: {
  themes: Parameters<typeof ThemeChoices>[0]["themes"];
  selected: number[];
  state: IntentState;
}) {
  const t = useStrings(feedbackStaff);
  return (
    <section className="fb-section" aria-labelledby="themes-title">
      <h2 id="themes-title">{t.themesHeading}</h2>
      <IntentAlerts state={state} intent="themes" />
      <Form method="post" key={selected.join(",")}>
        <ThemeChoices themes={themes} selected={selected} legend={t.themesLegend} />
        <p className="actions">
          <button type="submit" name="intent" value="themes" className="button">
            {t.save}
          </button>
        </p>
      </Form>
    </section>
  );
}
