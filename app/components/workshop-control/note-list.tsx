import { Form, Link } from "@remix-run/react";
import { CheckboxField, FormAlert, SelectField, TextareaField } from "~/components/forms";
import { format } from "~/i18n/define";
import { workshopStaff } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";
import type { WorkshopNote, WorkshopTheme } from "~/models/workshop-note.server";
import type { ControlResult } from "~/workshops/control-intents.server";

/** The notes of the phase shown, each with its edit, hide and quote forms. */
export function NoteList({
  notes,
  themes,
  shownIsCritique,
  base,
  result,
  message,
}: {
  notes: WorkshopNote[];
  themes: WorkshopTheme[];
  shownIsCritique: boolean;
  base: string;
  result: ControlResult | undefined;
  message: (r: ControlResult) => string;
}) {
  const t = useStrings(workshopStaff);
  const themeOptions = themes.map((th) => ({ value: th.id, label: th.title }));
  return (
    <ul className="note-admin">
      {notes.map((n) => {
        const own = result && result.noteId === n.id ? result : undefined;
        return (
          <li key={n.id} className={n.hidden ? "note-admin__hidden" : undefined}>
            <p className="note-admin__text">{n.text}</p>
            <p className="muted">
              {format(t.from, { who: n.nickname ?? t.anonymous })} · {t[`channel_${n.channel}`]}
              {n.themeId ? ` · ${themes.find((th) => th.id === n.themeId)?.title ?? ""}` : ""}{" "}
              {n.hidden ? <span className="tag tag--danger">{t.hiddenTag}</span> : null}{" "}
              {n.feedbackId ? <span className="tag">{t.quotedTag}</span> : null}
            </p>
            <FormAlert tone={own?.ok ? "ok" : "error"}>{own ? message(own) : null}</FormAlert>
            <details>
              <summary>{t.editNote}</summary>
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="save-note" />
                <input type="hidden" name="noteId" value={n.id} />
                <TextareaField label={t.noteText} name="text" id={`text-${n.id}`} defaultValue={n.text} rows={3} />
                <SelectField
                  label={t.theme}
                  name="themeId"
                  id={`theme-${n.id}`}
                  empty={t.noTheme}
                  options={themeOptions}
                  defaultValue={n.themeId ?? ""}
                />
                <CheckboxField label={t.hide} name="hidden" id={`hidden-${n.id}`} defaultChecked={n.hidden} />
                <button type="submit" className="button">
                  {t.saveNote}
                </button>
              </Form>
              {n.feedbackId ? null : (
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="quote-note" />
                  <input type="hidden" name="noteId" value={n.id} />
                  <p className="hint">{t.quoteHint}</p>
                  <CheckboxField label={t.quoteConsent} name="consent" id={`consent-${n.id}`} />
                  <button type="submit" className="button button--secondary">
                    {t.quoteSend}
                  </button>
                </Form>
              )}
              {!shownIsCritique ? (
                <p>
                  <Link to={`${base}/proposals?note=${n.id}`}>{t.newProposal}</Link>
                </p>
              ) : null}
            </details>
          </li>
        );
      })}
    </ul>
  );
}
