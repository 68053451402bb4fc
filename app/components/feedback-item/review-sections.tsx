import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { ThemeChoices } from "~/components/feedback-ui";
import { SelectField, labelledOptions } from "~/components/forms";
import { feedbackStaff } from "~/i18n/strings/feedback";
import { useStrings } from "~/i18n/use-strings";
import { FEEDBACK_STATUSES } from "~/models/feedback-constants";
import { IntentAlerts, type IntentState } from "./intent-alerts";

/** One choice saved on its own: a heading, the intent's messages, a select and "Spara". */
function ChoiceSection({
  intent,
  heading,
  state,
  select,
}: {
  intent: "status" | "assign";
  heading: string;
  state: IntentState;
  select: ReactNode;
}) {
  const t = useStrings(feedbackStaff);
  return (
    <section className="fb-section" aria-labelledby={`${intent}-title`}>
      <h2 id={`${intent}-title`}>{heading}</h2>
      <IntentAlerts state={state} intent={intent} />
      <Form method="post" className="fb-inline">
        {select}
        <button type="submit" name="intent" value={intent} className="button">
          {t.save}
        </button>
      </Form>
    </section>
  );
}

export function StatusSection({ status, state }: { status: string; state: IntentState }) {
  const t = useStrings(feedbackStaff);
  const statuses = labelledOptions(FEEDBACK_STATUSES, (s) => t[`status_${s}`]);
  return (
    <ChoiceSection
      intent="status"
      heading={t.statusHeading}
      state={state}
      select={
        <SelectField label={t.statusHeading} name="status" options={statuses} defaultValue={status} key={status} />
      }
    />
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
  const chosen = assignedTo ?? "";
  return (
    <ChoiceSection
      intent="assign"
      heading={t.assignHeading}
      state={state}
      select={
        <SelectField
          label={t.assignLabel}
          name="assignee"
          empty={t.nobody}
          options={colleagues}
          defaultValue={chosen}
          key={chosen || "none"}
        />
      }
    />
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
