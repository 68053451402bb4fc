import { Form } from "@remix-run/react";
import { ChoiceGroup, Field, FormAlert, SelectField, errorText, hasErrors, namedOptions } from "~/components/forms";
import { workshopStaff } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";

type Errors = Partial<Record<"title" | "heldOn" | "place" | "programId" | "followsIds", string>>;

/** The session's details: used to create a session and to edit one. */
export function WorkshopForm({
  programs,
  earlier,
  defaults,
  errors = {},
  submitLabel,
}: {
  programs: { id: number; name: string }[];
  earlier: { id: number; title: string; heldOn: string }[];
  defaults: { title: string; heldOn: string; place: string; programId: number | null; followsIds: number[] };
  errors?: Errors;
  submitLabel: string;
}) {
  const t = useStrings(workshopStaff);
  const err = errorText(t, errors, t.errFormTop);
  return (
    <Form method="post" className="stack">
      <FormAlert>{hasErrors(errors) ? t.errFormTop : null}</FormAlert>
      <Field
        label={t.formTitle}
        name="title"
        required
        maxLength={200}
        defaultValue={defaults.title}
        error={err("title")}
      />
      <Field
        label={t.formDate}
        name="heldOn"
        type="date"
        required
        defaultValue={defaults.heldOn}
        error={err("heldOn")}
      />
      <Field label={t.formPlace} name="place" maxLength={200} defaultValue={defaults.place} error={err("place")} />
      <SelectField
        label={t.formProgram}
        name="programId"
        empty={t.formNoProgram}
        options={namedOptions(programs)}
        defaultValue={defaults.programId ?? ""}
        error={err("programId")}
      />
      {earlier.length > 0 ? (
        <ChoiceGroup
          legend={t.formFollows}
          name="followsIds"
          hint={t.formFollowsHint}
          options={earlier.map((w) => ({ value: w.id, label: `${w.title} (${w.heldOn})` }))}
          defaultValue={defaults.followsIds}
          error={err("followsIds")}
        />
      ) : null}
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
