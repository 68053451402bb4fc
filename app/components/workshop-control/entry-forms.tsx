import { Form } from "@remix-run/react";
import { CheckboxField, ChoiceGroup, TextareaField, labelledOptions } from "~/components/forms";
import { workshopStaff } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";
import type { ControlResult } from "~/workshops/control-intents.server";
import type { WritingPhase } from "~/workshops/rules";

/** A note from a paper card or typed in for someone. */
export function AddNoteSection({
  shown,
  result,
  noteCount,
}: {
  shown: WritingPhase;
  result: ControlResult | undefined;
  noteCount: number;
}) {
  const t = useStrings(workshopStaff);
  const own = result?.intent === "add-note" ? result : undefined;
  return (
    <section aria-labelledby="add-note-title">
      <h2 id="add-note-title">{t.addNoteTitle}</h2>
      <Form method="post" className="stack" key={own?.ok ? `ok-${noteCount}` : "add"}>
        <input type="hidden" name="intent" value="add-note" />
        <input type="hidden" name="phase" value={shown} />
        <p className="hint">
          {t.addNoteHint} ({t[`phase_${shown}`]})
        </p>
        <TextareaField
          label={t.noteText}
          name="text"
          id="add-text"
          rows={3}
          defaultValue={own && !own.ok ? (own.values?.text ?? "") : ""}
        />
        <ChoiceGroup
          legend={t.noteChannel}
          name="channel"
          type="radio"
          options={labelledOptions(["paper", "facilitator"] as const, (c) => t[`channel_${c}`])}
          defaultValue="paper"
        />
        <button type="submit" className="button">
          {t.addNote}
        </button>
      </Form>
    </section>
  );
}

/** Something a participant said out loud, to the quote bank with their spoken consent. */
export function SaidQuoteSection({ saidRef, result }: { saidRef: string; result: ControlResult | undefined }) {
  const t = useStrings(workshopStaff);
  const own = result?.intent === "quote-said" ? result : undefined;
  return (
    <section aria-labelledby="said-title">
      <h2 id="said-title">{t.quoteTitle}</h2>
      <p className="hint">{t.quoteHint}</p>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="quote-said" />
        <input type="hidden" name="ref" value={saidRef} />
        <TextareaField
          label={t.quoteSaid}
          name="text"
          id="said-text"
          hint={t.quoteSaidHint}
          rows={3}
          defaultValue={own && !own.ok ? (own.values?.said ?? "") : ""}
        />
        <CheckboxField label={t.quoteConsent} name="consent" id="said-consent" />
        <button type="submit" className="button button--secondary">
          {t.quoteSend}
        </button>
      </Form>
    </section>
  );
}
