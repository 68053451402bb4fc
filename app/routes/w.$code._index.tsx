import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { readForm } from "~/http/body.server";
import { notFound } from "~/http/errors.server";
import { clientAddress } from "~/http/context";
import { findWorkshopByCode } from "~/models/workshop.server";
import { ensureDeviceParticipant, findDeviceParticipant, setNickname } from "~/models/workshop-participant.server";
import { addParticipantNote, listNotesOfParticipant } from "~/models/workshop-note.server";
import { isNoteLimitProblem, NOTE_LIMITS } from "~/workshops/note-limits";
import { ballotFor, castVote, getOpenVoting, withdrawVote } from "~/models/workshop-vote.server";
import { deviceToken } from "~/workshops/device.server";
import {
  checkNoteText,
  isWritingPhase,
  NICKNAME_MAX_LENGTH,
  NOTE_MAX_LENGTH,
  WRITING_PHASES,
  type Phase,
} from "~/workshops/rules";
import { ReadAloudButton } from "~/components/read-aloud";
import { format } from "~/i18n/define";
import { workshopPublic } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";
import styles from "~/styles/workshops.css";
import { pageTitle } from "~/i18n/meta";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(workshopPublic, "title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const workshop = await findWorkshopByCode({ code: params.code ?? "" });
  if (!workshop) throw notFound();
  if (workshop.code !== params.code) throw redirect(`/w/${workshop.code}`);
  if (workshop.phase === "avslutad") {
    return data({ ended: true as const, title: workshop.title }, { status: 410 });
  }
  const { token, setCookie } = deviceToken(request);
  const participant = await findDeviceParticipant({ workshopId: workshop.id, token });
  const phase = workshop.phase;
  const myNotes =
    participant && isWritingPhase(phase) ? await listNotesOfParticipant({ participantId: participant.id, phase }) : [];
  const voting = await getOpenVoting({ workshopId: workshop.id });
  const ballot = voting ? await ballotFor({ voting, participantId: participant?.id ?? null }) : null;
  return data(
    {
      ended: false as const,
      code: workshop.code,
      title: workshop.title,
      phase,
      nickname: participant?.nickname ?? null,
      myNotes: myNotes.map((n) => ({ id: n.id, text: n.text })),
      voting:
        voting && ballot
          ? { id: voting.id, dots: voting.dots, remaining: ballot.remaining, items: ballot.items }
          : null,
    },
    { headers: setCookie ? { "Set-Cookie": setCookie } : {} },
  );
}

const noteSchema = z.object({ intent: z.literal("note"), phase: z.string().max(20), text: z.string() });
const nicknameSchema = z.object({ intent: z.literal("nickname"), nickname: z.string() });
const voteSchema = z.object({
  intent: z.enum(["vote", "unvote"]),
  votingId: z.coerce.number().int().positive(),
  itemType: z.enum(["theme", "note"]),
  itemId: z.coerce.number().int().positive(),
});
const actionSchema = z.discriminatedUnion("intent", [
  noteSchema,
  nicknameSchema,
  voteSchema.extend({ intent: z.literal("vote") }),
  voteSchema.extend({ intent: z.literal("unvote") }),
]);

type ActionResult = {
  intent: "note" | "nickname" | "vote" | "unvote" | "unknown";
  ok: boolean;
  problem?: string;
  text?: string;
  length?: number;
  remaining?: number;
  itemKey?: string;
  /** The note waits for the facilitator's review before it shows. */
  held?: boolean;
};

function noteRefusalStatus(problem: string): number {
  if (problem === "ended") return 410;
  if (isNoteLimitProblem(problem)) return 429;
  return 409;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const workshop = await findWorkshopByCode({ code: params.code ?? "" });
  if (!workshop) throw notFound();
  const { token, setCookie } = deviceToken(request);
  const headers: HeadersInit = setCookie ? { "Set-Cookie": setCookie } : {};
  const reply = (result: ActionResult, status = 200) => data(result, { status, headers });

  const body = await readForm(request, { maxBytes: 16 * 1024 });
  if (!body.ok)
    return reply(
      { intent: "unknown", ok: false, problem: body.problem === "too-large" ? "tooLong" : "form" },
      body.status,
    );
  const parsed = actionSchema.safeParse(Object.fromEntries(body.form));
  if (!parsed.success) return reply({ intent: "unknown", ok: false, problem: "form" }, 400);
  const input = parsed.data;
  if (workshop.phase === "avslutad")
    return reply(
      { intent: input.intent, ok: false, problem: "ended", text: input.intent === "note" ? input.text : undefined },
      410,
    );

  if (input.intent === "note") {
    const checked = checkNoteText(input.text);
    if (!checked.ok)
      return reply(
        {
          intent: "note",
          ok: false,
          problem: checked.problem,
          length: checked.length,
          text: input.text.slice(0, 4000),
        },
        422,
      );
    const result = await addParticipantNote({
      workshopId: workshop.id,
      token,
      phase: input.phase,
      text: checked.text,
      address: clientAddress(context),
    });
    if (!result.ok)
      return reply(
        { intent: "note", ok: false, problem: result.problem, text: input.text },
        noteRefusalStatus(result.problem),
      );
    return reply({ intent: "note", ok: true, held: result.held });
  }

  if (input.intent === "nickname") {
    const nickname = input.nickname.trim();
    if ([...nickname].length > NICKNAME_MAX_LENGTH)
      return reply({ intent: "nickname", ok: false, problem: "nickname" }, 422);
    const participant = await ensureDeviceParticipant({ workshopId: workshop.id, token });
    await setNickname({ participantId: participant.id, nickname: nickname === "" ? null : nickname });
    return reply({ intent: "nickname", ok: true });
  }

  const open = await getOpenVoting({ workshopId: workshop.id });
  const itemKey = `${input.itemType}:${input.itemId}`;
  const participant = await ensureDeviceParticipant({ workshopId: workshop.id, token });
  if (!open || open.id !== input.votingId) {
    return reply({ intent: input.intent, ok: false, problem: "closed", itemKey }, 409);
  }
  const vote = { votingId: open.id, participantId: participant.id, itemType: input.itemType, itemId: input.itemId };
  const result = input.intent === "vote" ? await castVote(vote) : await withdrawVote(vote);
  if (!result.ok) {
    return reply(
      { intent: input.intent, ok: false, problem: result.problem, remaining: result.remaining, itemKey },
      result.problem === "unknownItem" ? 422 : 409,
    );
  }
  return reply({ intent: input.intent, ok: true, remaining: result.remaining, itemKey });
}

/** Polls the small public state so the page follows the facilitator without a reload. */
function useFollowSession(code: string, phase: Phase, votingId: number | null) {
  const revalidator = useRevalidator();
  const state = useRef({ phase, votingId });
  state.current = { phase, votingId };
  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      try {
        const res = await fetch(`/w/${code}/live`, { headers: { Accept: "application/json" }, cache: "no-store" });
        if (!res.ok || stopped) return;
        const live = (await res.json()) as { phase: Phase; votingId: number | null };
        if (live.phase !== state.current.phase || live.votingId !== state.current.votingId) revalidator.revalidate();
      } catch {
        // offline for a moment: the next tick tries again
      }
    };
    const timer = window.setInterval(tick, 3000);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
    // revalidator is a new object each render; the interval only needs the code
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code]);
}

export default function WorkshopParticipant() {
  const loaderData = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useStrings(workshopPublic);
  if (loaderData.ended) {
    return (
      <div className="page page--narrow workshop-phone">
        <h1>{t.endedTitle}</h1>
        <p className="lead">{loaderData.title}</p>
        <p>{t.endedText}</p>
        <p>
          <Link to="/forslag" className="button button--block">
            {t.seeProposals}
          </Link>
        </p>
      </div>
    );
  }
  return <ActiveSession data={loaderData} result={result} />;
}

type ActiveData = Exclude<ReturnType<typeof useLoaderData<typeof loader>>, { ended: true }>;

function ActiveSession({ data: d, result }: { data: ActiveData; result: ActionResult | undefined }) {
  const t = useStrings(workshopPublic);
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  useFollowSession(d.code, d.phase, d.voting?.id ?? null);
  const noteForm = useRef<HTMLFormElement>(null);
  const [shownPhase, setShownPhase] = useState(d.phase);
  const phaseChanged = shownPhase !== d.phase;
  useEffect(() => {
    if (result?.intent === "note" && result.ok) noteForm.current?.reset();
  }, [result]);
  useEffect(() => {
    const id = window.setTimeout(() => setShownPhase(d.phase), 8000);
    return () => window.clearTimeout(id);
  }, [d.phase]);

  const writing = isWritingPhase(d.phase);
  const question = isWritingPhase(d.phase) ? t[`question_${d.phase}`] : null;
  const step = writing ? (WRITING_PHASES as readonly string[]).indexOf(d.phase) + 1 : 0;
  const noteError = result?.intent === "note" && !result.ok ? noteProblemText(t, result) : null;
  const noteOk = result?.intent === "note" && result.ok;
  const noteHeld = noteOk && result?.held === true;

  return (
    <div className="page page--narrow workshop-phone">
      <h1>
        {t.title}
        <span className="workshop-phone__session">{d.title}</span>
      </h1>
      {d.nickname ? <p>{format(t.hello, { name: d.nickname })}</p> : null}
      <p className="visually-hidden" role="status">
        {phaseChanged && question ? format(t.newQuestion, { question }) : ""}
      </p>

      {writing && question ? (
        <section aria-labelledby="question" className="workshop-question">
          <p className="workshop-question__step">
            {format(t.stepOf, { n: step })} · {t[`phase_${d.phase}`]}
          </p>
          <h2 id="question" className="workshop-question__text">
            {question}
          </h2>
          <ReadAloudButton text={question} label={t.readAloud} />
          <Form method="post" ref={noteForm} className="stack" preventScrollReset>
            <input type="hidden" name="intent" value="note" />
            <input type="hidden" name="phase" value={d.phase} />
            {noteError ? (
              <p className="alert alert--error" role="alert" id="note-error">
                {noteError}
              </p>
            ) : null}
            {noteOk ? (
              <p className="alert alert--ok" role="status">
                {noteHeld ? t.sentHeld : t.sent}
              </p>
            ) : null}
            <div className="field">
              <label htmlFor="note-text">{t.noteLabel}</label>
              <p className="hint" id="note-hint">
                {format(t.noteHint, { max: NOTE_MAX_LENGTH })}
              </p>
              <textarea
                id="note-text"
                name="text"
                rows={4}
                defaultValue={result?.intent === "note" && !result.ok ? (result.text ?? "") : ""}
                key={result?.intent === "note" && !result.ok ? `err-${result.text?.length ?? 0}` : "note"}
                aria-describedby={noteError ? "note-hint note-error" : "note-hint"}
                aria-invalid={noteError ? true : undefined}
                required
              />
            </div>
            <button type="submit" className="button button--block button--big" disabled={busy}>
              {t.send}
            </button>
          </Form>
        </section>
      ) : (
        <section className="workshop-question" aria-labelledby="waiting">
          <h2 id="waiting">{d.phase === "forberedelse" ? t.waitingTitle : t[`phase_${d.phase}`]}</h2>
          <p>{d.phase === "forberedelse" ? t.waitingText : t.pauseText}</p>
          {result?.intent === "note" && !result.ok ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="note" />
              <input type="hidden" name="phase" value={d.phase} />
              <p className="alert alert--error" role="alert" id="note-error">
                {noteError}
              </p>
              <div className="field">
                <label htmlFor="note-text">{t.noteLabel}</label>
                <textarea
                  id="note-text"
                  name="text"
                  rows={4}
                  defaultValue={result.text ?? ""}
                  aria-describedby="note-error"
                  readOnly
                />
              </div>
            </Form>
          ) : null}
        </section>
      )}

      {d.voting ? <Voting voting={d.voting} result={result} busy={busy} /> : null}

      {writing ? (
        <section aria-labelledby="my-notes">
          <h2 id="my-notes">{t.yourNotes}</h2>
          {d.myNotes.length === 0 ? (
            <p className="muted">{t.noNotesYet}</p>
          ) : (
            <ul className="my-notes">
              {d.myNotes.map((n) => (
                <li key={n.id}>{n.text}</li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <section aria-labelledby="nickname-title">
        <h2 id="nickname-title">{t.nicknameTitle}</h2>
        <Form method="post" className="stack" preventScrollReset>
          <input type="hidden" name="intent" value="nickname" />
          {result?.intent === "nickname" ? (
            <p className={result.ok ? "alert alert--ok" : "alert alert--error"} role={result.ok ? "status" : "alert"}>
              {result.ok ? t.nicknameSaved : format(t.errNickname, { max: NICKNAME_MAX_LENGTH })}
            </p>
          ) : null}
          <div className="field">
            <label htmlFor="nickname">{t.nicknameLabel}</label>
            <p className="hint" id="nickname-hint">
              {t.nicknameHint}
            </p>
            <input
              id="nickname"
              name="nickname"
              type="text"
              autoComplete="given-name"
              defaultValue={d.nickname ?? ""}
              aria-describedby="nickname-hint"
            />
          </div>
          <button type="submit" className="button button--secondary button--block">
            {t.saveNickname}
          </button>
        </Form>
      </section>
    </div>
  );
}

function noteProblemText(t: (typeof workshopPublic)["sv"], result: ActionResult): string {
  switch (result.problem) {
    case "empty":
      return t.errEmpty;
    case "tooLong":
      return format(t.errTooLong, { length: result.length ?? "", max: NOTE_MAX_LENGTH });
    case "phaseMoved":
      return t.errPhaseMoved;
    case "notWriting":
      return t.errNotWriting;
    case "ended":
      return t.endedTitle;
    case "deviceLimit":
      return format(t.errDeviceLimit, { max: NOTE_LIMITS.perDevicePerPhase });
    case "addressLimit":
    case "sessionLimit":
      return t.errTooManyNotes;
    default:
      return t.errForm;
  }
}

function Voting({
  voting,
  result,
  busy,
}: {
  voting: NonNullable<ActiveData["voting"]>;
  result: ActionResult | undefined;
  busy: boolean;
}) {
  const t = useStrings(workshopPublic);
  const voteResult = result && (result.intent === "vote" || result.intent === "unvote") ? result : null;
  const message = voteResult
    ? voteResult.ok
      ? voteResult.intent === "vote"
        ? t.voteOk
        : t.withdrawOk
      : voteResult.problem === "noDotsLeft"
        ? t.errNoDotsLeft
        : voteResult.problem === "closed"
          ? t.errClosed
          : voteResult.problem === "noDotHere"
            ? t.errNoDotHere
            : t.errUnknownItem
    : null;
  return (
    <section aria-labelledby="voting-title" className="workshop-voting">
      <h2 id="voting-title">{t.votingTitle}</h2>
      <p>{t.votingLead}</p>
      <div className="workshop-voting__left">
        <p role="status" aria-live="polite">
          <strong>{format(t.dotsLeft, { n: voting.remaining, total: voting.dots })}</strong>
          <span className="dots" aria-hidden="true">
            {"●".repeat(voting.remaining)}
            {"○".repeat(Math.max(0, voting.dots - voting.remaining))}
          </span>
        </p>
        {message ? (
          <p
            className={voteResult?.ok ? "alert alert--ok" : "alert alert--error"}
            role={voteResult?.ok ? undefined : "alert"}
          >
            {message}
          </p>
        ) : null}
      </div>
      {voting.items.length === 0 ? <p className="muted">{t.nothingToVoteOn}</p> : null}
      <ul className="vote-items">
        {voting.items.map((item) => (
          <li key={`${item.type}:${item.id}`} className="vote-item">
            <p className="vote-item__text">{item.text}</p>
            <p className="vote-item__mine">
              {format(t.yourDots, { n: item.dots })} <span aria-hidden="true">{"●".repeat(item.dots)}</span>
            </p>
            <div className="vote-item__buttons">
              <Form method="post" preventScrollReset>
                <input type="hidden" name="votingId" value={voting.id} />
                <input type="hidden" name="itemType" value={item.type} />
                <input type="hidden" name="itemId" value={item.id} />
                <button
                  type="submit"
                  name="intent"
                  value="vote"
                  className="button"
                  disabled={busy}
                  aria-label={`${t.giveDot}: ${item.text}`}
                >
                  {t.giveDot}
                </button>
              </Form>
              {item.dots > 0 ? (
                <Form method="post" preventScrollReset>
                  <input type="hidden" name="votingId" value={voting.id} />
                  <input type="hidden" name="itemType" value={item.type} />
                  <input type="hidden" name="itemId" value={item.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="unvote"
                    className="button button--secondary"
                    disabled={busy}
                    aria-label={`${t.takeBack}: ${item.text}`}
                  >
                    {t.takeBack}
                  </button>
                </Form>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
