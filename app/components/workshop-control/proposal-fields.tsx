import { Field, TextareaField } from "~/components/forms";
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
  const id = (name: keyof ProposalValues) => `${idPrefix}-${name}`;
  return (
    <>
      <Field
        label={t.proposalTitle}
        name="title"
        id={id("title")}
        maxLength={200}
        required={required}
        defaultValue={values.title ?? ""}
        error={err("title")}
      />
      <TextareaField
        label={t.proposalWhat}
        name="what"
        id={id("what")}
        rows={3}
        required={required}
        defaultValue={values.what ?? ""}
        error={err("what")}
      />
      <Field
        label={t.proposalWho}
        name="who"
        id={id("who")}
        maxLength={200}
        defaultValue={values.who ?? ""}
        error={err("who")}
      />
      <Field
        label={t.proposalDue}
        name="dueOn"
        id={id("dueOn")}
        type="date"
        defaultValue={values.dueOn ?? ""}
        error={err("dueOn")}
      />
    </>
  );
}
