import type { FieldOption } from "~/components/forms";
import type { feedbackStaff } from "~/i18n/strings/feedback";
import { formatStockholmTime, todayInStockholm } from "~/outcomes/calendar";

export type FeedbackStaffStrings = (typeof feedbackStaff)["sv"];

/** An ISO instant as Stockholm local time, "2026-03-04 14:30". */
export const formatWhen = formatStockholmTime;

/** An ISO instant as its Stockholm date, "2026-03-04". */
export function formatDay(iso: string): string {
  return todayInStockholm(new Date(iso));
}

export function StatusTag({ status, t }: { status: string; t: FeedbackStaffStrings }) {
  const label = t[`status_${status}` as keyof FeedbackStaffStrings] ?? status;
  return <span className={`tag ${status === "ny" ? "tag--brand" : ""}`}>{label}</span>;
}

export function QuoteStatusTag({ status, t }: { status: string; t: FeedbackStaffStrings }) {
  const label = t[`quote_${status}` as keyof FeedbackStaffStrings] ?? status;
  const tone = status === "approved" ? "tag--ok" : status === "rejected" ? "tag--danger" : "tag--brand";
  return <span className={`tag ${tone}`}>{label}</span>;
}

/** The managed themes as check boxes, sub-themes indented under their parent; used for feedback items and quotes. */
export function ThemeChoices({
  themes,
  selected,
  legend,
}: {
  themes: { id: number; name: string; parentId: number | null }[];
  selected: number[];
  legend: string;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="fb-themes">
        {themes.map((th) => (
          <label key={th.id} className={`choice ${th.parentId ? "fb-sub" : ""}`}>
            <input type="checkbox" name="themeIds" value={th.id} defaultChecked={selected.includes(th.id)} />
            {th.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The managed themes as filter options, a sub-theme marked with a dash. */
export function themeFilterOptions(themes: { id: number; name: string; parentId: number | null }[]): FieldOption[] {
  return themes.map((th) => ({ value: th.id, label: th.parentId ? `– ${th.name}` : th.name }));
}
