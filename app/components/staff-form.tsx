import { Form } from "@remix-run/react";
import { ROLES, type Role } from "~/auth/roles";
import { staff as staffStrings } from "~/i18n/strings/staff";
import { useStrings } from "~/i18n/use-strings";

type Errors = Partial<Record<"name" | "email" | "role" | "programIds" | "disabled", string>>;

export interface StaffFormDefaults {
  name: string;
  email: string;
  role: Role | "";
  programIds: number[];
  disabled: boolean;
}

/** The staff account form; plain HTML form fields, so it works without JavaScript. */
export function StaffForm({
  programs,
  defaults,
  errors = {},
  showDisabled,
  submitLabel,
}: {
  programs: { id: number; name: string }[];
  defaults: StaffFormDefaults;
  errors?: Errors;
  showDisabled: boolean;
  submitLabel: string;
}) {
  const t = useStrings(staffStrings);
  const message = (key?: string) => (key ? (t[key as keyof typeof t] ?? t.errForm) : undefined);
  const describe = (name: keyof Errors) => (errors[name] ? `${name}-error` : undefined);
  return (
    <Form method="post" className="stack" noValidate>
      {Object.keys(errors).length > 0 ? (
        <p className="alert alert--error" role="alert">
          {t.errForm}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="name">{t.name}</label>
        <input
          id="name"
          name="name"
          type="text"
          autoComplete="off"
          maxLength={200}
          required
          defaultValue={defaults.name}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describe("name")}
        />
        {errors.name ? (
          <p className="field-error" id="name-error">
            {message(errors.name)}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="email">{t.email}</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="off"
          maxLength={254}
          required
          defaultValue={defaults.email}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={describe("email")}
        />
        {errors.email ? (
          <p className="field-error" id="email-error">
            {message(errors.email)}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="role">{t.role}</label>
        <select
          id="role"
          name="role"
          required
          defaultValue={defaults.role}
          aria-invalid={errors.role ? true : undefined}
          aria-describedby={describe("role")}
        >
          <option value="" disabled>
            –
          </option>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t[`role_${role}`]}
            </option>
          ))}
        </select>
        {errors.role ? (
          <p className="field-error" id="role-error">
            {message(errors.role)}
          </p>
        ) : null}
      </div>
      <fieldset className="field" aria-describedby={describe("programIds")}>
        <legend>{t.programs}</legend>
        {programs.map((p) => (
          <label key={p.id} className="choice">
            <input type="checkbox" name="programIds" value={p.id} defaultChecked={defaults.programIds.includes(p.id)} />
            {p.name}
          </label>
        ))}
        {errors.programIds ? (
          <p className="field-error" id="programIds-error">
            {message(errors.programIds)}
          </p>
        ) : null}
      </fieldset>
      {showDisabled ? (
        <div className="field">
          <label className="choice">
            <input
              type="checkbox"
              name="disabled"
              defaultChecked={defaults.disabled}
              aria-describedby="disabled-hint"
            />
            {t.disableAccount}
          </label>
          <p className="hint" id="disabled-hint">
            {t.disableHint}
          </p>
          {errors.disabled ? <p className="field-error">{message(errors.disabled)}</p> : null}
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" name="intent" value="save" className="button">
          {submitLabel}
        </button>
        <a href="/staff/users" className="button button--quiet">
          {t.cancel}
        </a>
      </div>
    </Form>
  );
}
