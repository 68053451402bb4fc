import type { ChangeEvent } from "react";
import type { QuestionView } from "~/surveys/question-view";
import { Field, wireControl } from "~/components/forms";
import { SmileyFace } from "./smiley-face";

/**
 * The answer fields of one question, as plain form controls (radios, checkboxes, a text box): they work before
 * any script has loaded and without one. `describedBy` ties them to the help text and the error.
 */
export function QuestionFields({
  question,
  titleId,
  describedBy,
  invalid,
  otherLabel,
}: {
  question: QuestionView;
  titleId: string;
  describedBy: string | undefined;
  invalid: boolean;
  otherLabel: string;
}) {
  const id = (suffix: string) => `q-${question.name}-${suffix}`;
  const maxLength = question.maxLength ?? undefined;
  if (question.kind === "text" || question.kind === "longText") {
    const Control = question.kind === "text" ? "input" : "textarea";
    // Labelled by the question's title; its id, aria-invalid and aria-describedby wired by the form toolkit.
    const { control } = wireControl(id("text"), { describedBy }, invalid);
    return (
      <Control
        name="answer"
        className="survey-text"
        defaultValue={question.text}
        maxLength={maxLength}
        rows={question.kind === "longText" ? question.rows : undefined}
        aria-labelledby={titleId}
        {...control}
      />
    );
  }
  if (question.kind === "smileys") {
    return (
      <div className="smiley-scale">
        {question.choices.map((choice, i) => (
          <label key={choice.value} className="smiley">
            <input
              type="radio"
              name="answer"
              value={choice.value}
              defaultChecked={question.selected.includes(choice.value)}
              className="smiley__input"
            />
            <SmileyFace step={i} />
            <span className="smiley__word">{choice.text}</span>
          </label>
        ))}
      </div>
    );
  }
  const multiple = question.kind === "multiple";
  const other = question.choices.find((c) => c.other);
  // With scripts, an exclusive choice ("Inget hindrar mig") clears the others and any other clears it; without,
  // the server says so instead.
  const onChange = multiple
    ? (e: ChangeEvent<HTMLInputElement>) => {
        if (!e.target.checked) return;
        const exclusive = question.choices.find((c) => c.value === e.target.value)?.exclusive ?? false;
        for (const box of e.target.form?.querySelectorAll<HTMLInputElement>(`input[name="answer"]`) ?? []) {
          if (box === e.target) continue;
          const boxExclusive = question.choices.find((c) => c.value === box.value)?.exclusive ?? false;
          if (exclusive || boxExclusive) box.checked = false;
        }
      }
    : undefined;
  return (
    <div className={question.kind === "rating" ? "choice-list choice-list--scale" : "choice-list"}>
      {question.scaleEnds ? (
        <p className="scale-ends" aria-hidden="true">
          <span>{question.scaleEnds.min}</span>
          <span>{question.scaleEnds.max}</span>
        </p>
      ) : null}
      {question.choices.map((choice) => (
        <label key={choice.value} className="survey-choice">
          <input
            type={multiple ? "checkbox" : "radio"}
            name="answer"
            value={choice.value}
            defaultChecked={question.selected.includes(choice.value)}
            onChange={onChange}
          />
          <span>{choice.text}</span>
        </label>
      ))}
      {other ? (
        <Field
          className="field survey-other"
          label={question.otherPlaceholder ?? otherLabel}
          id={id("other")}
          name="other"
          defaultValue={question.otherText}
          maxLength={maxLength}
        />
      ) : null}
    </div>
  );
}
