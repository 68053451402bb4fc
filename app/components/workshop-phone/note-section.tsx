import { Form } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { CharacterCount, FormAlert, TextareaField } from "~/components/forms";
import { ReadAloudButton } from "~/components/read-aloud";
import { format } from "~/i18n/define";
import { workshopPublic } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";
import type { ParticipantResult } from "~/workshops/participant-result";
import { NOTE_LIMITS } from "~/workshops/note-limits";
import { NOTE_MAX_LENGTH, WRITING_PHASES, noteTextLength, type WritingPhase } from "~/workshops/rules";

/** The question of a writing phase and the note form under it. */
export function NoteSection({
  phase,
  question,
  result,
  busy,
}: {
  phase: WritingPhase;
  question: string;
  result: ParticipantResult | undefined;
  busy: boolean;
}) {
  const t = useStrings(workshopPublic);
  const noteForm = useRef<HTMLFormElement>(null);
  const failed = result?.intent === "note" && !result.ok ? result : null;
  // Counted as the server counts, shown once scripts run (without them the hint's "Högst 300 tecken" stands alone).
  const [text, setText] = useState<string | null>(null);
  // What the box holds now: on the first render with scripts, and after a refused note comes back into a new box.
  useEffect(() => {
    const box = noteForm.current?.elements.namedItem("text");
    setText(box instanceof HTMLTextAreaElement ? box.value : "");
  }, [failed]);
  useEffect(() => {
    if (result?.intent === "note" && result.ok) {
      noteForm.current?.reset();
      setText("");
    }
  }, [result]);
  const step = (WRITING_PHASES as readonly string[]).indexOf(phase) + 1;
  const noteError = failed ? noteProblemText(t, failed) : null;
  return (
    <section aria-labelledby="question" className="workshop-question">
      <p className="workshop-question__step">
        {format(t.stepOf, { n: step })} · {t[`phase_${phase}`]}
      </p>
      <h2 id="question" className="workshop-question__text">
        {question}
      </h2>
      <ReadAloudButton text={question} label={t.readAloud} />
      <Form method="post" ref={noteForm} className="stack" preventScrollReset>
        <input type="hidden" name="intent" value="note" />
        <input type="hidden" name="phase" value={phase} />
        <FormAlert id="note-error">{noteError}</FormAlert>
        <FormAlert tone="ok">
          {result?.intent === "note" && result.ok ? (result.held ? t.sentHeld : t.sent) : null}
        </FormAlert>
        <TextareaField
          label={t.noteLabel}
          name="text"
          id="note-text"
          hint={format(t.noteHint, { max: NOTE_MAX_LENGTH })}
          errorIn={noteError && "note-error"}
          describedBy={text === null ? undefined : "note-count"}
          onChange={(e) => setText(e.currentTarget.value)}
          rows={4}
          defaultValue={failed ? (failed.text ?? "") : ""}
          key={failed ? `err-${failed.text?.length ?? 0}` : "note"}
          // Not `required`: the browser's own bubble is brief, in the phone's language and not read aloud; the
          // page's plain message ("Lappen är tom …") says it instead and stays.
          aria-required="true"
        >
          <CharacterCount
            id="note-count"
            text={text}
            count={noteTextLength}
            max={NOTE_MAX_LENGTH}
            left={t.charsLeft}
            over={t.charsOver}
          />
        </TextareaField>
        <button type="submit" className="button button--block button--big" disabled={busy}>
          {t.send}
        </button>
      </Form>
    </section>
  );
}

/** Between writing phases: a note that could not be sent stays readable, so nothing typed is lost. */
export function UnsentNote({ phase, result }: { phase: string; result: ParticipantResult }) {
  const t = useStrings(workshopPublic);
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="note" />
      <input type="hidden" name="phase" value={phase} />
      <FormAlert id="note-error">{noteProblemText(t, result)}</FormAlert>
      <TextareaField
        label={t.noteLabel}
        name="text"
        id="note-text"
        describedBy="note-error"
        rows={4}
        defaultValue={result.text ?? ""}
        readOnly
      />
    </Form>
  );
}

export function noteProblemText(t: (typeof workshopPublic)["sv"], result: ParticipantResult): string {
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
