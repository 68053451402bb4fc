import { Form, Link } from "@remix-run/react";
import { themeFilterOptions } from "~/components/feedback-ui";
import { Field, SelectField, labelledOptions } from "~/components/forms";
import { format } from "~/i18n/define";
import { feedbackStaff } from "~/i18n/strings/feedback";
import { useStrings } from "~/i18n/use-strings";
import {
  FEEDBACK_FILTER_KEYS,
  FEEDBACK_SOURCES,
  FEEDBACK_STATUSES,
  type FeedbackFilterKey,
} from "~/models/feedback-constants";

type Named = { id: number; name: string };

/** The inbox's filters: a plain GET form, folded away until one is in use. */
export function FeedbackFilters({
  query,
  themes,
  programs,
  activities,
}: {
  query: Partial<Record<FeedbackFilterKey, string | number>>;
  themes: (Named & { parentId: number | null })[];
  programs: Named[];
  activities: Named[];
}) {
  const t = useStrings(feedbackStaff);
  const active = FEEDBACK_FILTER_KEYS.filter((key) => query[key] !== undefined).length;
  // Every filter: its own id, the value in the address, and "Alla" for no filter.
  const filter = (name: FeedbackFilterKey) => ({ id: `f-${name}`, name, defaultValue: query[name] ?? "" });
  const choice = (name: FeedbackFilterKey) => ({ ...filter(name), empty: t.all });
  const statuses = labelledOptions(FEEDBACK_STATUSES, (s) => t[`status_${s}`]);
  const sources = labelledOptions(FEEDBACK_SOURCES, (s) => t[`source_${s}`]);
  const flagged = [
    { value: "1", label: t.flaggedOnly },
    { value: "0", label: t.unflaggedOnly },
  ];
  return (
    <details className="fb-filters" open={active > 0}>
      <summary>{active > 0 ? format(t.filtersActive, { count: active }) : t.filtersSummary}</summary>
      <Form method="get" className="filters" aria-label={t.filtersSummary}>
        <SelectField label={t.filterStatus} {...choice("status")} options={statuses} />
        <SelectField label={t.filterFlagged} {...choice("flagged")} options={flagged} />
        <SelectField label={t.filterTheme} {...choice("theme")} options={themeFilterOptions(themes)} />
        <SelectField label={t.filterSource} {...choice("source")} options={sources} />
        {programs.length > 1 ? <SelectField label={t.filterProgram} {...choice("program")} options={programs} /> : null}
        <SelectField label={t.filterActivity} {...choice("activity")} options={activities} />
        <SelectField
          label={t.filterAssigned}
          {...choice("assigned")}
          options={[{ value: "me", label: t.assignedToMe }]}
        />
        <Field label={t.filterFrom} {...filter("from")} type="date" />
        <Field label={t.filterTo} {...filter("to")} type="date" />
        <div className="actions" style={{ marginTop: 0 }}>
          <button type="submit" className="button">
            {t.filter}
          </button>
          <Link to="/staff/feedback">{t.clearFilters}</Link>
        </div>
      </Form>
    </details>
  );
}
