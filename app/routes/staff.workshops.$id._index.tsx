import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { clientAddress } from "~/http/context";
import { requireForm } from "~/http/body.server";
import { listNotes, listThemes } from "~/models/workshop-note.server";
import { absoluteUrl } from "~/reports/qr.server";
import { requireStaffWorkshop } from "~/workshops/staff.server";
import { controlIntent, type ControlResult } from "~/workshops/control-intents.server";
import { isWritingPhase, NOTE_MAX_LENGTH, PHASES, WRITING_PHASES, type WritingPhase } from "~/workshops/rules";
import { format } from "~/i18n/define";
import { workshopStaff } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";
import styles from "~/styles/workshops.css";
import { pageTitle } from "~/i18n/meta";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(workshopStaff, "listTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workshop } = await requireStaffWorkshop(request, params.id);
  const asked = new URL(request.url).searchParams.get("fas");
  const shown: WritingPhase = isWritingPhase(asked)
    ? asked
    : isWritingPhase(workshop.phase)
      ? workshop.phase
      : "kritik";
  const [notes, themes] = await Promise.all([
    listNotes({ workshopId: workshop.id, phase: shown }),
    listThemes({ workshopId: workshop.id, phase: shown }),
  ]);
  return {
    workshop: {
      id: workshop.id,
      title: workshop.title,
      heldOn: workshop.heldOn,
      place: workshop.place,
      code: workshop.code,
      phase: workshop.phase,
    },
    joinUrl: absoluteUrl(request, `/w/${workshop.code}`),
    boardKeyUrl: absoluteUrl(request, `/w/${workshop.code}/board?key=${encodeURIComponent(workshop.boardKey)}`),
    shown,
    notes,
    themes,
    saidRef: randomUUID(),
  };
}

/** One function per intent (phase, notes, themes, quotes), each audited in its transaction: app/workshops/control-intents.server.ts. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { staff, workshop } = await requireStaffWorkshop(request, params.id);
  const form = await requireForm(request, { maxBytes: 64 * 1024 });
  return controlIntent(form, { workshop, by: { actor: staff, ip: clientAddress(context) } });
}

export default function WorkshopControl() {
  const { workshop, joinUrl, boardKeyUrl, shown, notes, themes, saidRef } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ControlResult | undefined;
  const t = useStrings(workshopStaff);
  const base = `/staff/workshops/${workshop.id}`;
  const message = (r: ControlResult) =>
    format(t[r.message as keyof typeof t] ?? r.message, {
      phase: t[`phase_${workshop.phase}`],
      length: r.values?.length ?? "",
      max: NOTE_MAX_LENGTH,
    });
  const topResult = result && result.noteId === undefined ? result : undefined;
  return (
    <div className="page">
      <h1>{workshop.title}</h1>
      <p className="lead">
        {workshop.heldOn} · {workshop.place}
      </p>
      {topResult ? (
        <p className={topResult.ok ? "alert alert--ok" : "alert alert--error"} role={topResult.ok ? "status" : "alert"}>
          {message(topResult)}
        </p>
      ) : null}
      <dl className="workshop-facts">
        <dt>{t.joinCode}</dt>
        <dd>
          <strong className="join-code">{workshop.code}</strong> · <a href={joinUrl}>{joinUrl}</a>
        </dd>
        <dt>{t.boardKeyLink}</dt>
        <dd>
          <a className="key-link" href={boardKeyUrl}>
            {boardKeyUrl}
          </a>
          <br />
          <span className="muted">{t.boardKeyHint}</span>
        </dd>
      </dl>
      <p className="actions">
        <a className="button" href={`/w/${workshop.code}/board`}>
          {t.board}
        </a>
        <Link className="button button--secondary" to={`${base}/voting`}>
          {t.voting}
        </Link>
        <Link className="button button--secondary" to={`${base}/proposals`}>
          {t.proposals}
        </Link>
        <Link className="button button--secondary" to={`${base}/poster`}>
          {t.poster}
        </Link>
        <Link className="button button--secondary" to={`${base}/protocol`}>
          {t.protocol}
        </Link>
        <Link className="button button--quiet" to={`${base}/edit`}>
          {t.editDetails}
        </Link>
      </p>

      <section aria-labelledby="phase-title">
        <h2 id="phase-title">{t.phaseTitle}</h2>
        <p>{format(t.phaseNow, { phase: t[`phase_${workshop.phase}`] })}</p>
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value="phase" />
          {PHASES.map((p) => (
            <button
              key={p}
              type="submit"
              name="phase"
              value={p}
              className={p === workshop.phase ? "button" : "button button--secondary"}
              aria-pressed={p === workshop.phase}
            >
              {t[`phase_${p}`]}
            </button>
          ))}
        </Form>
      </section>

      <h2 id="show-notes-of">{t.showNotesOf}</h2>
      <nav aria-labelledby="show-notes-of" className="actions">
        {WRITING_PHASES.map((p) => (
          <Link
            key={p}
            to={`?fas=${p}`}
            className={p === shown ? "button" : "button button--quiet"}
            aria-current={p === shown ? "page" : undefined}
            preventScrollReset
          >
            {t[`phase_${p}`]}
          </Link>
        ))}
      </nav>

      <section aria-labelledby="notes-title">
        <h2 id="notes-title">{format(t.notesTitle, { phase: t[`phase_${shown}`].toLowerCase() })}</h2>
        {notes.length === 0 ? <p className="muted">{t.noNotes}</p> : null}
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
                {own ? (
                  <p className={own.ok ? "alert alert--ok" : "alert alert--error"} role={own.ok ? "status" : "alert"}>
                    {message(own)}
                  </p>
                ) : null}
                <details>
                  <summary>{t.editNote}</summary>
                  <Form method="post" className="stack">
                    <input type="hidden" name="intent" value="save-note" />
                    <input type="hidden" name="noteId" value={n.id} />
                    <div className="field">
                      <label htmlFor={`text-${n.id}`}>{t.noteText}</label>
                      <textarea id={`text-${n.id}`} name="text" defaultValue={n.text} rows={3} />
                    </div>
                    <div className="field">
                      <label htmlFor={`theme-${n.id}`}>{t.theme}</label>
                      <select id={`theme-${n.id}`} name="themeId" defaultValue={n.themeId ?? ""}>
                        <option value="">{t.noTheme}</option>
                        {themes.map((th) => (
                          <option key={th.id} value={th.id}>
                            {th.title}
                          </option>
                        ))}
                      </select>
                    </div>
                    <label className="choice">
                      <input type="checkbox" name="hidden" defaultChecked={n.hidden} />
                      {t.hide}
                    </label>
                    <button type="submit" className="button">
                      {t.saveNote}
                    </button>
                  </Form>
                  {n.feedbackId ? null : (
                    <Form method="post" className="stack">
                      <input type="hidden" name="intent" value="quote-note" />
                      <input type="hidden" name="noteId" value={n.id} />
                      <p className="hint">{t.quoteHint}</p>
                      <label className="choice">
                        <input type="checkbox" name="consent" />
                        {t.quoteConsent}
                      </label>
                      <button type="submit" className="button button--secondary">
                        {t.quoteSend}
                      </button>
                    </Form>
                  )}
                  {shown !== "kritik" ? (
                    <p>
                      <Link to={`${base}/proposals?note=${n.id}`}>{t.newProposal}</Link>
                    </p>
                  ) : null}
                </details>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="add-note-title">
        <h2 id="add-note-title">{t.addNoteTitle}</h2>
        <Form
          method="post"
          className="stack"
          key={result?.intent === "add-note" && result.ok ? `ok-${notes.length}` : "add"}
        >
          <input type="hidden" name="intent" value="add-note" />
          <input type="hidden" name="phase" value={shown} />
          <p className="hint">
            {t.addNoteHint} ({t[`phase_${shown}`]})
          </p>
          <div className="field">
            <label htmlFor="add-text">{t.noteText}</label>
            <textarea
              id="add-text"
              name="text"
              rows={3}
              defaultValue={result?.intent === "add-note" && !result.ok ? (result.values?.text ?? "") : ""}
            />
          </div>
          <fieldset className="field">
            <legend>{t.noteChannel}</legend>
            <label className="choice">
              <input type="radio" name="channel" value="paper" defaultChecked />
              {t.channel_paper}
            </label>
            <label className="choice">
              <input type="radio" name="channel" value="facilitator" />
              {t.channel_facilitator}
            </label>
          </fieldset>
          <button type="submit" className="button">
            {t.addNote}
          </button>
        </Form>
      </section>

      <section aria-labelledby="themes-title">
        <h2 id="themes-title">{format(t.themesTitle, { phase: t[`phase_${shown}`].toLowerCase() })}</h2>
        <ul className="note-admin">
          {themes.map((th) => (
            <li key={th.id}>
              <Form method="post" className="inline-fields">
                <input type="hidden" name="intent" value="rename-theme" />
                <input type="hidden" name="themeId" value={th.id} />
                <div className="field">
                  <label htmlFor={`theme-title-${th.id}`}>{t.themeTitle}</label>
                  <input id={`theme-title-${th.id}`} name="title" type="text" defaultValue={th.title} maxLength={120} />
                </div>
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
          <div className="field">
            <label htmlFor="new-theme">{t.newTheme}</label>
            <input id="new-theme" name="title" type="text" maxLength={120} />
          </div>
          <button type="submit" className="button">
            {t.addTheme}
          </button>
        </Form>
      </section>

      <section aria-labelledby="said-title">
        <h2 id="said-title">{t.quoteTitle}</h2>
        <p className="hint">{t.quoteHint}</p>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="quote-said" />
          <input type="hidden" name="ref" value={saidRef} />
          <div className="field">
            <label htmlFor="said-text">{t.quoteSaid}</label>
            <p className="hint" id="said-hint">
              {t.quoteSaidHint}
            </p>
            <textarea
              id="said-text"
              name="text"
              rows={3}
              aria-describedby="said-hint"
              defaultValue={result?.intent === "quote-said" && !result.ok ? (result.values?.said ?? "") : ""}
            />
          </div>
          <label className="choice">
            <input type="checkbox" name="consent" />
            {t.quoteConsent}
          </label>
          <button type="submit" className="button button--secondary">
            {t.quoteSend}
          </button>
        </Form>
      </section>
    </div>
  );
}
