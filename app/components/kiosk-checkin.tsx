import { useCallback, useEffect, useRef, useState } from "react";
import { Field, FormAlert } from "~/components/forms";
import { ReadAloudButton } from "~/components/read-aloud";
import { format } from "~/i18n/define";
import { kiosk as kioskStrings } from "~/i18n/strings/kiosk";
import { useStrings } from "~/i18n/use-strings";
import { GENDERS, type Gender } from "~/outcomes/attendance-rules";
import { isParticipantCode } from "~/privacy/participant-code";
import {
  dropFromOutbox,
  kioskDeviceId,
  newCheckInId,
  queueCheckIn,
  readOutbox,
  type CheckInBody,
} from "~/activities/kiosk-outbox";

type Choice = { id: number | "drop-in"; name: string };

type Step =
  | { name: "activity" }
  | { name: "code"; activity: Choice; error: boolean }
  | { name: "gender"; activity: Choice }
  | { name: "firstAsk"; activity: Choice; code: string }
  | { name: "q1"; activity: Choice; code: string }
  | { name: "q2"; activity: Choice; code: string; gender: Gender }
  | { name: "saving" }
  | { name: "done"; pending: boolean }
  | { name: "error"; message: string };

const DONE_RESET_MS = 15_000;

function stockholmToday(): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());
}

type Outcome =
  | { kind: "stored" }
  | { kind: "needsFacts" }
  | { kind: "badCode" }
  | { kind: "locked" }
  | { kind: "offline" }
  | { kind: "failed"; message?: string };

async function send(body: CheckInBody): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetch("/incheckning/checkin", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    return { kind: "offline" };
  }
  if (response.status === 201 || response.status === 200) return { kind: "stored" };
  if (response.status === 409) return { kind: "needsFacts" };
  if (response.status === 403) return { kind: "locked" };
  if (response.status >= 500) return { kind: "offline" };
  const reply = (await response.json().catch(() => null)) as { problem?: string; error?: string } | null;
  if (reply?.problem === "errCode") return { kind: "badCode" };
  return { kind: "failed", message: reply?.error };
}

/**
 * The check-in on the shared tablet, one person at a time: activity → code (or none) → first-timer's two
 * questions when the register does not know the code → thanks, then everything is wiped for the next person.
 * A check-in that cannot be sent waits in the tablet's outbox under its own id and is sent once.
 */
export function KioskCheckIn({
  activities,
  programs,
}: {
  today: string;
  activities: { id: number; name: string; time: string }[];
  programs: { id: number; name: string }[];
}) {
  const t = useStrings(kioskStrings);
  const [step, setStep] = useState<Step>({ name: "activity" });
  const [code, setCode] = useState("");
  const [waiting, setWaiting] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const flushing = useRef(false);

  const reset = useCallback(() => {
    setCode("");
    setStep({ name: "activity" });
  }, []);

  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      for (const body of readOutbox(window.localStorage)) {
        const outcome = await send(body);
        if (outcome.kind === "offline" || outcome.kind === "locked") break;
        dropFromOutbox(window.localStorage, body.id);
      }
    } finally {
      flushing.current = false;
      setWaiting(readOutbox(window.localStorage).length);
    }
  }, []);

  useEffect(() => {
    void flush();
    const retry = window.setInterval(() => void flush(), 20_000);
    const online = () => void flush();
    window.addEventListener("online", online);
    return () => {
      window.clearInterval(retry);
      window.removeEventListener("online", online);
    };
  }, [flush]);

  useEffect(() => {
    heading.current?.focus();
    if (step.name !== "done") return;
    const timer = window.setTimeout(reset, DONE_RESET_MS);
    return () => window.clearTimeout(timer);
  }, [step, reset]);

  async function submit(
    activity: Choice,
    fields: { code?: string; gender?: Gender; program?: number | "none"; askedFirst?: boolean },
  ) {
    const body: CheckInBody = {
      id: newCheckInId(),
      deviceId: kioskDeviceId(window.localStorage),
      date: stockholmToday(),
      activityId: activity.id,
      ...(fields.code ? { code: fields.code } : {}),
      ...(fields.gender ? { gender: fields.gender } : {}),
      ...(fields.program !== undefined ? { program: fields.program } : {}),
    };
    setStep({ name: "saving" });
    const outcome = await send(body);
    switch (outcome.kind) {
      case "stored":
        setCode("");
        setStep({ name: "done", pending: false });
        return;
      case "needsFacts":
        setStep({ name: "q1", activity, code: fields.code ?? "" });
        return;
      case "badCode":
        setStep({ name: "code", activity, error: true });
        return;
      case "locked":
        window.location.reload();
        return;
      case "offline":
        // Offline, the register cannot say whether the code is new: the person says so instead.
        if (fields.code && !fields.gender && !fields.askedFirst) {
          setStep({ name: "firstAsk", activity, code: fields.code });
          return;
        }
        queueCheckIn(window.localStorage, { ...body, queued: true });
        setWaiting(readOutbox(window.localStorage).length);
        setCode("");
        setStep({ name: "done", pending: true });
        return;
      case "failed":
        setStep({ name: "error", message: outcome.message ?? t.error });
    }
  }

  const genderButtons = (onPick: (g: Gender) => void) => (
    <div className="kiosk-choices">
      {GENDERS.map((g) => (
        <button key={g} type="button" className="button button--block kiosk-choice" onClick={() => onPick(g)}>
          {t[g]}
        </button>
      ))}
    </div>
  );
  const genderWords = GENDERS.map((g) => t[g]).join(", ");

  let title: string;
  let lead = "";
  let spoken: string;
  let body: JSX.Element | null = null;
  let canGoBack = true;
  switch (step.name) {
    case "activity": {
      canGoBack = false;
      title = t.welcome;
      lead = activities.length > 0 ? t.chooseActivity : t.noActivities;
      spoken = `${title} ${lead} ${activities.map((a) => a.name).join(", ")}, ${t.dropIn}.`;
      body = (
        <div className="kiosk-choices">
          {activities.map((a) => (
            <button
              key={a.id}
              type="button"
              className="button button--block kiosk-choice"
              onClick={() => setStep({ name: "code", activity: { id: a.id, name: a.name }, error: false })}
            >
              {a.name} <span className="kiosk-time">{a.time}</span>
            </button>
          ))}
          <button
            type="button"
            className="button button--block button--secondary kiosk-choice"
            onClick={() => setStep({ name: "code", activity: { id: "drop-in", name: t.dropIn }, error: false })}
          >
            {t.dropIn}
          </button>
        </div>
      );
      break;
    }
    case "code": {
      const activity = step.activity;
      title = t.codeTitle;
      lead = t.codeLead;
      spoken = `${title}. ${lead} ${step.error ? t.errCode : ""}`;
      body = (
        <form
          className="stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!isParticipantCode(code.trim())) {
              setStep({ name: "code", activity, error: true });
              return;
            }
            void submit(activity, { code: code.trim() });
          }}
        >
          <FormAlert id="kiosk-code-error">{step.error ? t.errCode : null}</FormAlert>
          <Field
            label={t.codeLabel}
            id="kiosk-code"
            name="code"
            className="field kiosk-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCorrect="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            errorIn={step.error && "kiosk-code-error"}
          />
          <button type="submit" className="button button--block kiosk-choice">
            {t.next}
          </button>
          <button
            type="button"
            className="button button--block button--secondary kiosk-choice"
            onClick={() => {
              setCode("");
              setStep({ name: "gender", activity });
            }}
          >
            {t.noCode}
          </button>
        </form>
      );
      break;
    }
    case "gender": {
      const activity = step.activity;
      title = t.genderTitle;
      lead = t.genderLead;
      spoken = `${title} ${lead} ${genderWords}.`;
      body = genderButtons((g) => void submit(activity, { gender: g }));
      break;
    }
    case "firstAsk": {
      const { activity, code: typed } = step;
      title = t.firstTitle;
      lead = t.firstAsk;
      spoken = `${lead} ${t.yes}, ${t.no}.`;
      body = (
        <div className="kiosk-choices">
          <button
            type="button"
            className="button button--block kiosk-choice"
            onClick={() => setStep({ name: "q1", activity, code: typed })}
          >
            {t.yes}
          </button>
          <button
            type="button"
            className="button button--block button--secondary kiosk-choice"
            onClick={() => void submit(activity, { code: typed, askedFirst: true })}
          >
            {t.no}
          </button>
        </div>
      );
      break;
    }
    case "q1": {
      const { activity, code: typed } = step;
      title = t.firstTitle;
      lead = `${t.firstLead} ${t.q1}`;
      spoken = `${t.firstLead} ${t.q1} ${genderWords}.`;
      body = genderButtons((g) => setStep({ name: "q2", activity, code: typed, gender: g }));
      break;
    }
    case "q2": {
      const { activity, code: typed, gender } = step;
      title = t.firstTitle;
      lead = t.q2;
      spoken = `${t.q2} ${programs.map((p) => p.name).join(", ")}, ${t.noProgram}.`;
      body = (
        <div className="kiosk-choices">
          {programs.map((p) => (
            <button
              key={p.id}
              type="button"
              className="button button--block kiosk-choice"
              onClick={() => void submit(activity, { code: typed, gender, program: p.id })}
            >
              {p.name}
            </button>
          ))}
          <button
            type="button"
            className="button button--block button--secondary kiosk-choice"
            onClick={() => void submit(activity, { code: typed, gender, program: "none" })}
          >
            {t.noProgram}
          </button>
        </div>
      );
      break;
    }
    case "saving":
      canGoBack = false;
      title = t.saving;
      spoken = t.saving;
      break;
    case "done":
      canGoBack = false;
      title = t.doneTitle;
      lead = step.pending ? t.donePending : t.doneLead;
      spoken = `${title} ${lead}`;
      body = (
        <button type="button" className="button button--block kiosk-choice" onClick={reset}>
          {t.nextPerson}
        </button>
      );
      break;
    case "error":
      title = t.error;
      spoken = step.message;
      lead = step.message === t.error ? "" : step.message;
      break;
  }

  return (
    <div className="kiosk-step" data-step={step.name}>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {lead ? <p className="lead">{lead}</p> : null}
      <ReadAloudButton text={spoken} label={t.readAloud} />
      {step.name === "saving" ? <p role="status">{t.saving}</p> : null}
      {body}
      {canGoBack ? (
        <button type="button" className="button button--quiet kiosk-start-over" onClick={reset}>
          {t.startOver}
        </button>
      ) : null}
      {step.name === "q1" || step.name === "code" ? <p className="kiosk-privacy">{t.privacy}</p> : null}
      {waiting > 0 ? <p className="muted">{format(t.queued, { count: waiting })}</p> : null}
      <noscript>
        <p className="alert alert--warn">{t.needsScript}</p>
      </noscript>
    </div>
  );
}
