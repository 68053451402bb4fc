import { FormAlert } from "~/components/forms";
import { feedbackStaff } from "~/i18n/strings/feedback";
import { useStrings } from "~/i18n/use-strings";
import type { FeedbackIntent, FeedbackItemResult } from "~/feedback/item-intents.server";

export interface IntentState {
  result: FeedbackItemResult | undefined;
  /** The intent the last redirect saved (`?saved=`). */
  saved: string | null;
}

export const errorOf = ({ result }: IntentState, intent: FeedbackIntent) =>
  result?.intent === intent && result.error ? result.error : null;

/** The error of this section's intent (id `err-<intent>`), or "saved" after its redirect. */
export function IntentAlerts({ state, intent }: { state: IntentState; intent: FeedbackIntent }) {
  const t = useStrings(feedbackStaff);
  return (
    <>
      <FormAlert id={`err-${intent}`}>{errorOf(state, intent)}</FormAlert>
      <FormAlert tone="ok">{state.saved === intent && !state.result ? t.saved : null}</FormAlert>
    </>
  );
}
