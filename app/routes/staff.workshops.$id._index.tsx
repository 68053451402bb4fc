import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { clientAddress } from "~/http/context";
import { requireForm } from "~/http/body.server";
import { listHeldNotes, listNotes, listThemes } from "~/models/workshop-note.server";
import { HeldNotesReview } from "~/components/held-notes-review";
import { absoluteUrl } from "~/reports/qr.server";
import { requireStaffWorkshop } from "~/workshops/staff.server";
import { controlIntent, type ControlResult } from "~/workshops/control-intents.server";
import { FormAlert } from "~/components/forms";
import { EndSessionConfirm } from "~/components/workshop-control/end-session-confirm";
import { AddNoteSection, SaidQuoteSection } from "~/components/workshop-control/entry-forms";
import { NoteList } from "~/components/workshop-control/note-list";
import { ThemesSection } from "~/components/workshop-control/theme-forms";
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
  const [notes, themes, heldNotes] = await Promise.all([
    listNotes({ workshopId: workshop.id, phase: shown }),
    listThemes({ workshopId: workshop.id, phase: shown }),
    listHeldNotes({ workshopId: workshop.id }),
  ]);
  return {
    workshop: {
      id: workshop.id,
      title: workshop.title,
      heldOn: workshop.heldOn,
      place: workshop.place,
      code: workshop.code,
      phase: workshop.phase,
      holdNotes: workshop.holdNotes,
    },
    heldNotes: heldNotes.map((n) => ({ id: n.id, text: n.text, nickname: n.nickname, phase: n.phase })),
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
  const { workshop, joinUrl, boardKeyUrl, shown, notes, themes, saidRef, heldNotes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ControlResult | undefined;
  const t = useStrings(workshopStaff);
  const base = `/staff/workshops/${workshop.id}`;
  const message = (r: ControlResult) =>
    format(t[r.message as keyof typeof t] ?? r.message, {
      phase: t[`phase_${workshop.phase}`],
      length: r.values?.length ?? "",
      max: NOTE_MAX_LENGTH,
    });
  const topResult = result && result.noteId === undefined && !result.confirm ? result : undefined;
  return (
    <div className="page">
      <h1>{workshop.title}</h1>
      <p className="lead">
        {workshop.heldOn} · {workshop.place}
      </p>
      <FormAlert tone={topResult?.ok ? "ok" : "error"}>{topResult ? message(topResult) : null}</FormAlert>
      {/* At the top, where every answer to this page's forms shows: in view after a reload without JavaScript too. */}
      {result?.confirm === "end" ? <EndSessionConfirm cancelTo={base} /> : null}
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

      <HeldNotesReview holdNotes={workshop.holdNotes} heldNotes={heldNotes} />

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
        <NoteList
          notes={notes}
          themes={themes}
          shownIsCritique={shown === "kritik"}
          base={base}
          result={result}
          message={message}
        />
      </section>

      <AddNoteSection shown={shown} result={result} noteCount={notes.length} />
      <ThemesSection themes={themes} shown={shown} />
      <SaidQuoteSection saidRef={saidRef} result={result} />
    </div>
  );
}
