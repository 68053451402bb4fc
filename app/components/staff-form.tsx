import { Form } from "@remix-run/react";
import { ROLES, type Role } from "~/auth/roles";
import {
  CheckboxField,
  ChoiceGroup,
  Field,
  FormAlert,
  SelectField,
  errorText,
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
  return (
    <Form method="post" className="stack" noValidate>
      <FormAlert>{hasErrors(errors) ? t.errForm : null}</FormAlert>
      <Field
        label={t.name}
        name="name"
        autoComplete="off"
        maxLength={200}
        required
        defaultValue={defaults.name}
        error={err("name")}
      />
      <Field
        label={t.email}
        name="email"
        type="email"
        autoComplete="off"
        maxLength={254}
        required
        defaultValue={defaults.email}
        error={err("email")}
      />
      <SelectField
        label={t.role}
        name="role"
        required
        options={[{ value: "", label: "–", disabled: true }, ...labelledOptions(ROLES, (role) => t[`role_${role}`])]}
        defaultValue={defaults.role}
        error={err("role")}
      />
      <ChoiceGroup
        legend={t.programs}
        name="programIds"
        options={namedOptions(programs)}
        defaultValue={defaults.programIds}
        error={err("programIds")}
      />
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
