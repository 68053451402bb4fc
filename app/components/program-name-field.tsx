import type { ReactNode } from "react";
import { Field } from "~/components/forms";
import { programs as programStrings } from "~/i18n/strings/programs";
import { useStrings } from "~/i18n/use-strings";

/** A programme's name, the same field for a new programme and a rename. */
export function ProgramNameField({
  hint,
  defaultValue,
  error,
}: {
  hint: ReactNode;
  defaultValue?: string;
  error?: ReactNode;
}) {
  const t = useStrings(programStrings);
  const field = { name: "name", maxLength: 200, required: true, autoComplete: "off" };
  return <Field label={t.name} {...field} hint={hint} defaultValue={defaultValue} error={error} />;
}
