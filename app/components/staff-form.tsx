import { ROLES, type Role } from "~/auth/roles";
import {
  CheckboxField,
  ChoiceGroup,
  Field,
  FormActions,
  SelectField,
  ToolkitForm,
  fieldsOf,
  labelledOptions,
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
  const field = fieldsOf(t, defaults, errors);
  const roles = [{ value: "", label: "–", disabled: true }, ...labelledOptions(ROLES, (role) => t[`role_${role}`])];
  return (
    <ToolkitForm errors={errors} alert={t.errForm}>
      <Field label={t.name} {...field("name")} autoComplete="off" maxLength={200} required />
      <Field label={t.email} {...field("email")} type="email" autoComplete="off" maxLength={254} required />
      <SelectField label={t.role} {...field("role")} required options={roles} />
      <ChoiceGroup legend={t.programs} {...field("programIds")} options={programs} />
      {showDisabled ? (
        <CheckboxField
          label={t.disableAccount}
          name="disabled"
          hint={t.disableHint}
          defaultChecked={defaults.disabled}
          error={field("disabled").error}
        />
      ) : null}
      <FormActions submit={submitLabel} intent="save" cancel={t.cancel} cancelTo="/staff/users" />
    </ToolkitForm>
  );
}
