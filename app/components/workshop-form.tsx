import { Form } from "@remix-run/react";
import { Field, FormAlert, SelectField, errorText, hasErrors } from "~/components/forms";
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
        defaultValue={defaults.programId ?? ""}
        error={err("programId")}
      >
        <option value="">{t.formNoProgram}</option>
        {programs.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      {earlier.length > 0 ? (
        <fieldset
          className="field"
          aria-describedby={errors.followsIds ? "follows-hint followsIds-error" : "follows-hint"}
        >
          <legend>{t.formFollows}</legend>
          <p className="hint" id="follows-hint">
            {t.formFollowsHint}
          </p>
          {earlier.map((w) => (
            <label key={w.id} className="choice">
              <input
                type="checkbox"
                name="followsIds"
                value={w.id}
                defaultChecked={defaults.followsIds.includes(w.id)}
              />
              {w.title} ({w.heldOn})
            </label>
          ))}
          {errors.followsIds ? (
            <p className="field-error" id="followsIds-error">
              {err("followsIds")}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
