import { Form } from "@remix-run/react";
import { format } from "~/i18n/define";
import { workshopStaff } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";

interface HeldNote {
  id: number;
  text: string;
  nickname: string | null;
  phase: string;
}

/**
 * The facilitator's switch "hold new notes for review" and the list of notes waiting for it (issue 11, point 10).
 * Approving shows a note on the board; hiding keeps it off like any hidden note.
 */
export function HeldNotesReview({ holdNotes, heldNotes }: { holdNotes: boolean; heldNotes: HeldNote[] }) {
  const t = useStrings(workshopStaff);
  // A held note is shown to the room or hidden: one button per decision.
  const decisions = [
    { value: "approve", label: t.reviewApprove, className: "button" },
    { value: "hide", label: t.reviewHide, className: "button button--secondary" },
  ];
  return (
    <section aria-labelledby="review-title">
      <h2 id="review-title">{t.reviewTitle}</h2>
      <p>{holdNotes ? t.holdOnText : t.holdOffText}</p>
      <Form method="post" className="actions">
        <input type="hidden" name="intent" value="hold-notes" />
        <input type="hidden" name="hold" value={holdNotes ? "off" : "on"} />
        <button type="submit" className="button button--secondary" aria-pressed={holdNotes}>
          {t.holdSwitch}
        </button>
      </Form>
      <h3 id="held-title">{format(t.heldTitle, { n: heldNotes.length })}</h3>
      {heldNotes.length === 0 ? <p className="muted">{t.heldNone}</p> : null}
      <ul className="note-admin" aria-labelledby="held-title">
        {heldNotes.map((n) => (
          <li key={n.id}>
            <p className="note-admin__text">{n.text}</p>
            <p className="muted">{format(t.from, { who: n.nickname ?? t.anonymous })}</p>
            <Form method="post" className="actions">
              <input type="hidden" name="intent" value="review-note" />
              <input type="hidden" name="noteId" value={n.id} />
              {decisions.map((d) => (
                <button key={d.value} type="submit" name="decision" value={d.value} className={d.className}>
                  {d.label}
                </button>
              ))}
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}
