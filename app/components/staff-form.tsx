import { Form } from "@remix-run/react";
import { ROLES, type Role } from "~/auth/roles";
import {
  CheckboxField,
  ChoiceGroup,
  Field,
  FormAlert,
  SelectField,
  errorText,
  fieldProps,
  hasErrors,
  labelledOptions,
  namedOptions,
} from "~/components/forms";
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
  const err = errorText(t, errors);
  const field = fieldProps(defaults, err);
  const roles = [{ value: "", label: "–", disabled: true }, ...labelledOptions(ROLES, (role) => t[`role_${role}`])];
  return (
    <Form method="post" className="stack" noValidate>
      <FormAlert>{hasErrors(errors) ? t.errForm : null}</FormAlert>
      <Field label={t.name} {...field("name")} autoComplete="off" maxLength={200} required />
      <Field label={t.email} {...field("email")} type="email" autoComplete="off" maxLength={254} required />
      <SelectField label={t.role} {...field("role")} required options={roles} />
      <ChoiceGroup legend={t.programs} {...field("programIds")} options={namedOptions(programs)} />
      {showDisabled ? (
        <CheckboxField
          label={t.disableAccount}
          name="disabled"
          hint={t.disableHint}
          defaultChecked={defaults.disabled}
          error={err("disabled")}
        />
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
