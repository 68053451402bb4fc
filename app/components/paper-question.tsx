import { Choice, ChoiceGroup, Field, TextareaField } from "~/components/forms";
import type { PaperQuestion } from "~/paper/paper-form.server";

/**
 * One question of a paper questionnaire as plain form controls: a group of radios or checkboxes with its title
 * as the legend, or a text box. Single choices get an "Inget svar" option, so a wrong click can be undone
 * without scripts. `values` is what was sent last time (the form shown again after an error).
 */
export function PaperQuestionFields({
  question,
  number,
  values,
  error,
  t,
}: {
  question: PaperQuestion;
  number: number;
  values: Record<string, string[]>;
  error?: string;
  t: { paperConditional: string; paperNoAnswer: string; paperOther: string };
}) {
  const name = `q.${question.name}`;
  const otherName = `q.${question.name}.annat`;
  const id = `fraga-${question.name}`;
  const title = `${number}. ${question.title}`;
  const hint = [question.description, question.conditional ? t.paperConditional : null].filter(Boolean).join(" ");
  const sent = values[name];
  if (question.kind === "text" || question.kind === "longText") {
    const common = {
      id,
      name,
      label: title,
      hint: hint || undefined,
      error,
      defaultValue: sent?.[0] ?? "",
      maxLength: question.maxLength ?? undefined,
    };
    return question.kind === "text" ? <Field {...common} /> : <TextareaField {...common} rows={question.rows} />;
  }
  const multiple = question.kind === "multiple";
  const other = question.choices.find((c) => c.other);
  const label = (value: string, text: string) =>
    (question.kind === "rating" || question.kind === "smileys") && text !== value ? `${value} – ${text}` : text;
  return (
    <ChoiceGroup
      className="field paper-question"
      id={id}
      legend={title}
      name={name}
      type={multiple ? "checkbox" : "radio"}
      hint={hint || undefined}
      error={error}
      invalid={Boolean(error)}
      options={question.choices.map((c) => ({ value: c.value, label: label(c.value, c.text) }))}
      defaultValue={sent ?? null}
    >
      {multiple ? null : (
        <Choice
          type="radio"
          name={name}
          value=""
          label={t.paperNoAnswer}
          labelClassName="paper-question__none"
          defaultChecked={!sent || sent.every((v) => v === "")}
        />
      )}
      {other ? (
        <Field
          id={`${id}-annat`}
          name={otherName}
          label={question.otherPlaceholder ?? t.paperOther}
          defaultValue={values[otherName]?.[0] ?? ""}
          maxLength={question.maxLength ?? undefined}
        />
      ) : null}
    </ChoiceGroup>
  );
}
