import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { clientAddress } from "~/http/context";
import { requireForm } from "~/http/body.server";
import { badRequest, notFound } from "~/http/errors.server";
import { audit } from "~/models/audit.server";
import { setHoldNotes, setWorkshopPhase } from "~/models/workshop.server";
import { HeldNotesReview } from "~/components/held-notes-review";
import {
  addFacilitatorNote,
  createTheme,
  deleteTheme,
  getNote,
  listHeldNotes,
  listNotes,
  listThemes,
  reviewHeldNote,
  renameTheme,
  sendToQuoteBank,
  updateNote,
} from "~/models/workshop-note.server";
import { absoluteUrl } from "~/reports/qr.server";
import { requireStaffWorkshop } from "~/workshops/staff.server";
import {
  checkNoteText,
  isWritingPhase,
  NOTE_MAX_LENGTH,
  PHASES,
  WRITING_PHASES,
  type WritingPhase,
} from "~/workshops/rules";
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

const id = z.coerce.number().int().positive();
const noteText = z.string().max(20_000);
const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("phase"), phase: z.enum(PHASES) }),
  z.object({ intent: z.literal("hold-notes"), hold: z.enum(["on", "off"]) }),
  z.object({ intent: z.literal("review-note"), noteId: id, decision: z.enum(["approve", "hide"]) }),
  z.object({
    intent: z.literal("add-note"),
    phase: z.enum(WRITING_PHASES),
    text: noteText,
    channel: z.enum(["facilitator", "paper"]),
  }),
  z.object({
    intent: z.literal("save-note"),
    noteId: id,
    text: noteText,
    themeId: z.string(),
    hidden: z.string().optional(),
  }),
  z.object({ intent: z.literal("add-theme"), phase: z.enum(WRITING_PHASES), title: z.string() }),
  z.object({ intent: z.literal("rename-theme"), themeId: id, title: z.string() }),
  z.object({ intent: z.literal("delete-theme"), themeId: id }),
  z.object({ intent: z.literal("quote-note"), noteId: id, consent: z.string().optional() }),
  z.object({ intent: z.literal("quote-said"), text: noteText, consent: z.string().optional(), ref: z.string().uuid() }),
]);

type Result = { intent: string; ok: boolean; message: string; values?: Record<string, string>; noteId?: number };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { staff, workshop } = await requireStaffWorkshop(request, params.id);
  const form = await requireForm(request, { maxBytes: 64 * 1024 });
  const parsed = schema.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw badRequest();
  const input = parsed.data;
  const ip = clientAddress(context);
  const log = (action: string, details?: Record<string, unknown>) =>
    audit({ actor: staff, action, entityType: "workshop", entityId: workshop.id, ip, details });
  const fail = (message: string, values?: Record<string, string>, noteId?: number) =>
    data<Result>({ intent: input.intent, ok: false, message, values, noteId }, { status: 422 });
  const ok = (message: string, noteId?: number): Result => ({ intent: input.intent, ok: true, message, noteId });
  const themeIds = async (phase: WritingPhase) =>
    (await listThemes({ workshopId: workshop.id, phase })).map((t) => t.id);

  switch (input.intent) {
    case "phase": {
      await setWorkshopPhase({ id: workshop.id, phase: input.phase });
      await log("workshop.phase", { from: workshop.phase, to: input.phase });
      return ok("phaseChanged");
    }
    case "hold-notes": {
      const hold = input.hold === "on";
      await setHoldNotes({ id: workshop.id, hold });
      await log(hold ? "workshop.hold_notes_on" : "workshop.hold_notes_off");
      return ok(hold ? "holdOn" : "holdOff");
    }
    case "review-note": {
      if (!(await reviewHeldNote({ id: input.noteId, workshopId: workshop.id, decision: input.decision })))
        throw notFound();
      await log(input.decision === "approve" ? "workshop.note_approve" : "workshop.note_hide", {
        noteId: input.noteId,
      });
      return ok(input.decision === "approve" ? "reviewApproved" : "reviewHidden");
    }
    case "add-note": {
      const checked = checkNoteText(input.text);
      if (!checked.ok)
        return fail(checked.problem === "empty" ? "errNoteEmpty" : "errNoteLong", {
          text: input.text.slice(0, 4000),
          length: String(checked.length),
        });
      const note = await addFacilitatorNote({
        workshopId: workshop.id,
        phase: input.phase,
        text: checked.text,
        channel: input.channel,
        enteredBy: staff.id,
      });
      await log("workshop.note_add", { noteId: note.id, phase: input.phase, channel: input.channel });
      return ok("noteAdded");
    }
    case "save-note": {
      const note = await getNote({ id: input.noteId });
      if (!note || note.workshopId !== workshop.id) throw notFound();
      const checked = checkNoteText(input.text);
      if (!checked.ok)
        return fail(
          checked.problem === "empty" ? "errNoteEmpty" : "errNoteLong",
          { length: String(checked.length) },
          note.id,
        );
      const themeId = input.themeId === "" ? null : Number(input.themeId);
      if (themeId !== null && !(await themeIds(note.phase)).includes(themeId)) throw badRequest();
      const hidden = input.hidden === "on";
      await updateNote({ id: note.id, workshopId: workshop.id, text: checked.text, themeId, hidden });
      await log(
        hidden !== note.hidden ? (hidden ? "workshop.note_hide" : "workshop.note_unhide") : "workshop.note_edit",
        { noteId: note.id },
      );
      return ok("noteSaved", note.id);
    }
    case "add-theme":
    case "rename-theme": {
      const title = input.title.trim();
      if (title === "" || title.length > 120) return fail("errThemeTitle");
      if (input.intent === "add-theme") {
        const theme = await createTheme({ workshopId: workshop.id, phase: input.phase, title });
        await log("workshop.theme_add", { themeId: theme.id });
      } else {
        if (!(await renameTheme({ id: input.themeId, workshopId: workshop.id, title }))) throw notFound();
        await log("workshop.theme_rename", { themeId: input.themeId });
      }
      return ok("saved");
    }
    case "delete-theme": {
      if (!(await deleteTheme({ id: input.themeId, workshopId: workshop.id }))) throw notFound();
      await log("workshop.theme_delete", { themeId: input.themeId });
      return ok("saved");
    }
    case "quote-note":
    case "quote-said": {
      if (input.consent !== "on")
        return fail(
          "errConsent",
          input.intent === "quote-said" ? { said: input.text.slice(0, 4000) } : undefined,
          input.intent === "quote-note" ? input.noteId : undefined,
        );
      const consentNote = format(workshopStaff.sv.consentNote, { date: workshop.heldOn });
      if (input.intent === "quote-note") {
        const note = await getNote({ id: input.noteId });
        if (!note || note.workshopId !== workshop.id) throw notFound();
        const sent = await sendToQuoteBank({
          workshopId: workshop.id,
          programId: workshop.programId,
          noteId: note.id,
          text: note.text,
          consentNote,
          createdBy: staff.id,
        });
        await log("workshop.quote", { noteId: note.id, feedbackId: sent.feedbackId });
        return ok("quoteSent", note.id);
      }
      const checked = checkNoteText(input.text);
      if (!checked.ok && checked.problem === "empty") return fail("errNoteEmpty", { said: "" });
      const text = input.text.trim().slice(0, 2000);
      const sent = await sendToQuoteBank({
        workshopId: workshop.id,
        programId: workshop.programId,
        spokenRef: input.ref,
        text,
        consentNote,
        createdBy: staff.id,
      });
      await log("workshop.quote", { said: true, feedbackId: sent.feedbackId });
      return ok("quoteSent");
    }
  }
}

export default function WorkshopControl() {
  const { workshop, joinUrl, boardKeyUrl, shown, notes, themes, saidRef, heldNotes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const t = useStrings(workshopStaff);
  const base = `/staff/workshops/${workshop.id}`;
  const message = (r: Result) =>
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
