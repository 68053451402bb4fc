import { Field, TextareaField, fieldProps } from "~/components/forms";
import { workshopStaff } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";

export interface ProposalValues {
  title: string;
  what: string;
  who: string;
  dueOn: string;
}

/**
 * The four fields of a proposal (title, what, who, by when), for a new one and for an edit. `idPrefix` keeps the
 * ids apart when both sit on one page; `err` turns a field's error key into text (`errorText` of the toolkit).
 */
export function ProposalFields({
  idPrefix,
  values,
  err,
  required = false,
}: {
  idPrefix: string;
  values: Partial<ProposalValues>;
  err: (field: string) => string | undefined;
  /** Marks title and what as required in the browser too (the server checks them either way). */
  required?: boolean;
}) {
  const t = useStrings(workshopStaff);
  const byName = fieldProps(values, err);
  const field = (name: keyof ProposalValues) => ({ ...byName(name), id: `${idPrefix}-${name}` });
  return (
    <>
      <Field label={t.proposalTitle} {...field("title")} maxLength={200} required={required} />
      <TextareaField label={t.proposalWhat} {...field("what")} rows={3} required={required} />
      <Field label={t.proposalWho} {...field("who")} maxLength={200} />
      <Field label={t.proposalDue} {...field("dueOn")} type="date" />
    </>
  );
}
