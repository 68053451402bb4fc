import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { readForm } from "~/http/body.server";
import { notFound } from "~/http/errors.server";
import { parseForm } from "~/http/parse-form";
import { clientAddress } from "~/http/context";
import { findWorkshopByCode } from "~/models/workshop.server";
import { findDeviceParticipant } from "~/models/workshop-participant.server";
import { listNotesOfParticipant } from "~/models/workshop-note.server";
import { ballotFor, getOpenVoting } from "~/models/workshop-vote.server";
import { deviceToken } from "~/workshops/device.server";
import { participantIntent, participantIntents } from "~/workshops/participant-intents.server";
import type { ParticipantResult } from "~/workshops/participant-result";
import { isWritingPhase } from "~/workshops/rules";
import { NicknameSection } from "~/components/workshop-phone/nickname-section";
import { NoteSection, UnsentNote } from "~/components/workshop-phone/note-section";
import { useFollowSession } from "~/components/workshop-phone/use-follow-session";
import { EndedSessionName, SessionHeading } from "~/components/workshop-phone/session-heading";
import { VotingSection } from "~/components/workshop-phone/voting-section";
import { format } from "~/i18n/define";
import { pageTitle } from "~/i18n/meta";
import { workshopPublic } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";
import styles from "~/styles/workshops.css";

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

/** Every intent (note, nickname, vote, unvote) is one function in app/workshops/participant-intents.server.ts. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const workshop = await findWorkshopByCode({ code: params.code ?? "" });
  if (!workshop) throw notFound();
  const { token, setCookie } = deviceToken(request);
  const headers: HeadersInit = setCookie ? { "Set-Cookie": setCookie } : {};
  const reply = (result: ParticipantResult, status = 200) => data(result, { status, headers });

  const body = await readForm(request, { maxBytes: 16 * 1024 });
  if (!body.ok)
    return reply(
      { intent: "unknown", ok: false, problem: body.problem === "too-large" ? "tooLong" : "form" },
      body.status,
    );
  const parsed = parseForm(body.form, participantIntents);
  if (!parsed.ok) return reply({ intent: "unknown", ok: false, problem: "form" }, 400);
  const { result, status } = await participantIntent(workshop, token, parsed.value, clientAddress(context));
  return reply(result, status);
}

export default function WorkshopParticipant() {
  const loaderData = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ParticipantResult | undefined;
  const t = useStrings(workshopPublic);
  if (loaderData.ended) {
    return (
      <div className="page page--narrow workshop-phone">
        <h1>{t.endedTitle}</h1>
        <EndedSessionName title={loaderData.title} />
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

function ActiveSession({ data: d, result }: { data: ActiveData; result: ParticipantResult | undefined }) {
  const t = useStrings(workshopPublic);
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  useFollowSession(d.code, d.phase, d.voting?.id ?? null);
  const [shownPhase, setShownPhase] = useState(d.phase);
  const phaseChanged = shownPhase !== d.phase;
  useEffect(() => {
    const id = window.setTimeout(() => setShownPhase(d.phase), 8000);
    return () => window.clearTimeout(id);
  }, [d.phase]);

  const writing = isWritingPhase(d.phase);
  const question = isWritingPhase(d.phase) ? t[`question_${d.phase}`] : null;

  return (
    <div className="page page--narrow workshop-phone">
      <SessionHeading title={d.title} />
      {d.nickname ? <p>{format(t.hello, { name: d.nickname })}</p> : null}
      <p className="visually-hidden" role="status">
        {phaseChanged && question ? format(t.newQuestion, { question }) : ""}
      </p>

      {/* An open voting comes first: the dots are what the room is doing now, not the note form. */}
      {d.voting ? <VotingSection voting={d.voting} result={result} busy={busy} /> : null}

      {isWritingPhase(d.phase) && question ? (
        <NoteSection phase={d.phase} question={question} result={result} busy={busy} />
      ) : (
        <section className="workshop-question" aria-labelledby="waiting">
          <h2 id="waiting">{d.phase === "forberedelse" ? t.waitingTitle : t[`phase_${d.phase}`]}</h2>
          <p>{d.phase === "forberedelse" ? t.waitingText : t.pauseText}</p>
          {result?.intent === "note" && !result.ok ? <UnsentNote phase={d.phase} result={result} /> : null}
        </section>
      )}

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

      <NicknameSection nickname={d.nickname} result={result} />
    </div>
  );
}
