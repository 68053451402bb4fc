import { Form } from "@remix-run/react";
import { Field } from "~/components/forms";
import { format } from "~/i18n/define";
import { workshopStaff } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";
import type { WorkshopTheme } from "~/models/workshop-note.server";
import type { WritingPhase } from "~/workshops/rules";

/** The phase's themes: rename, delete, add. */
export function ThemesSection({ themes, shown }: { themes: WorkshopTheme[]; shown: WritingPhase }) {
  const t = useStrings(workshopStaff);
  return (
    <section aria-labelledby="themes-title">
      <h2 id="themes-title">{format(t.themesTitle, { phase: t[`phase_${shown}`].toLowerCase() })}</h2>
      <ul className="note-admin">
        {themes.map((th) => (
          <li key={th.id}>
            <Form method="post" className="inline-fields">
              <input type="hidden" name="intent" value="rename-theme" />
              <input type="hidden" name="themeId" value={th.id} />
              <Field
                label={t.themeTitle}
                name="title"
                id={`theme-title-${th.id}`}
                defaultValue={th.title}
                maxLength={120}
              />
              <button type="submit" className="button button--secondary">
                {t.renameTheme}
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="delete-theme" />
              <input type="hidden" name="themeId" value={th.id} />
              <button type="submit" className="button button--quiet" aria-describedby="delete-theme-hint">
                {t.deleteTheme}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      {themes.length > 0 ? (
        <p className="hint muted" id="delete-theme-hint">
          {t.deleteThemeHint}
        </p>
      ) : null}
      <Form method="post" className="inline-fields">
        <input type="hidden" name="intent" value="add-theme" />
        <input type="hidden" name="phase" value={shown} />
        <Field label={t.newTheme} name="title" id="new-theme" maxLength={120} />
        <button type="submit" className="button">
          {t.addTheme}
        </button>
      </Form>
    </section>
  );
}
