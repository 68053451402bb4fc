import { Form } from "@remix-run/react";
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
  const err = (key: keyof Errors) =>
    errors[key] ? (
      <p className="field-error" id={`${key}-error`}>
        {t[errors[key] as keyof typeof t]}
      </p>
    ) : null;
  const described = (key: keyof Errors) => (errors[key] ? `${key}-error` : undefined);
  return (
    <Form method="post" className="stack">
      {Object.keys(errors).length > 0 ? (
        <p className="alert alert--error" role="alert">
          {t.errFormTop}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="title">{t.formTitle}</label>
        <input
          id="title"
          name="title"
          type="text"
          required
          maxLength={200}
          defaultValue={defaults.title}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={described("title")}
        />
        {err("title")}
      </div>
      <div className="field">
        <label htmlFor="heldOn">{t.formDate}</label>
        <input
          id="heldOn"
          name="heldOn"
          type="date"
          required
          defaultValue={defaults.heldOn}
          aria-invalid={errors.heldOn ? true : undefined}
          aria-describedby={described("heldOn")}
        />
        {err("heldOn")}
      </div>
      <div className="field">
        <label htmlFor="place">{t.formPlace}</label>
        <input
          id="place"
          name="place"
          type="text"
          maxLength={200}
          defaultValue={defaults.place}
          aria-invalid={errors.place ? true : undefined}
          aria-describedby={described("place")}
        />
        {err("place")}
      </div>
      <div className="field">
        <label htmlFor="programId">{t.formProgram}</label>
        <select
          id="programId"
          name="programId"
          defaultValue={defaults.programId ?? ""}
          aria-invalid={errors.programId ? true : undefined}
          aria-describedby={described("programId")}
        >
          <option value="">{t.formNoProgram}</option>
          {programs.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        {err("programId")}
      </div>
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
          {err("followsIds")}
        </fieldset>
      ) : null}
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
