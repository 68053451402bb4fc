import { Form } from "@remix-run/react";
import { TextareaField } from "~/components/forms";
import { format } from "~/i18n/define";
import { feedbackStaff } from "~/i18n/strings/feedback";
import { useStrings } from "~/i18n/use-strings";
import { errorOf, IntentAlerts, type IntentState } from "./intent-alerts";

/** A raised safety flag at the top of the item: why, and clearing it with a required comment. */
export function RaisedFlagSection({ reason, state }: { reason: string | null; state: IntentState }) {
  const t = useStrings(feedbackStaff);
  const error = errorOf(state, "unflag");
  return (
    <section className="fb-flag" aria-labelledby="flag-title">
      <h2 id="flag-title">{t.flagHeading}</h2>
      <p>{t.flagActive}</p>
      <p>{reason === "manual" || !reason ? t.flagManual : format(t.flagWords, { words: reason })}</p>
      <IntentAlerts state={{ ...state, saved: null }} intent="unflag" />
      <Form method="post" className="stack" noValidate>
        <TextareaField
          label={t.clearFlagComment}
          name="comment"
          id="unflag-comment"
          rows={3}
          required
          errorIn={error && "err-unflag"}
        />
        <button type="submit" name="intent" value="unflag" className="button">
          {t.clearFlag}
        </button>
      </Form>
    </section>
  );
}

/** Raising the flag by hand, with an optional comment. */
export function RaiseFlagSection({ state }: { state: IntentState }) {
  const t = useStrings(feedbackStaff);
  return (
    <section className="fb-section" aria-labelledby="flag-set-title">
      <h2 id="flag-set-title">{t.flagHeading}</h2>
      <IntentAlerts state={{ ...state, saved: null }} intent="flag" />
      <Form method="post" className="stack">
        <TextareaField label={t.setFlagComment} name="comment" id="flag-comment" hint={t.setFlagHint} rows={2} />
        <button type="submit" name="intent" value="flag" className="button button--danger">
          {t.setFlag}
        </button>
      </Form>
    </section>
  );
}
