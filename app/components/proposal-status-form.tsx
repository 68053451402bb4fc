import { Form } from "@remix-run/react";
import { Field, FormAlert, SelectField, labelledOptions } from "~/components/forms";
import { PROPOSAL_STATUSES } from "~/workshops/rules";
import { workshopStaff } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";

/** Change a proposal's status with a comment; "ej genomförbar" needs a reason (checked on the server). */
export function ProposalStatusForm({
  proposalId,
  status,
  error,
}: {
  proposalId: number;
  status: string;
  error?: string | null;
}) {
  const t = useStrings(workshopStaff);
  const hintId = `status-hint-${proposalId}`;
  const errorId = `status-error-${proposalId}`;
  // The hint and the error sit under the row of fields; the comment field points at both (the reason goes there).
  return (
    <Form method="post" className="stack" preventScrollReset>
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="proposalId" value={proposalId} />
      <div className="inline-fields">
        <SelectField
          label={t.status}
          name="status"
          id={`status-${proposalId}`}
          options={labelledOptions(PROPOSAL_STATUSES, (s) => t[`status_${s}`])}
          defaultValue={status}
        />
        <Field
          label={t.statusComment}
          name="comment"
          id={`comment-${proposalId}`}
          maxLength={1000}
          describedBy={hintId}
          errorIn={error && errorId}
        />
        <button type="submit" className="button">
          {t.statusSave}
        </button>
      </div>
      <p className="hint muted" id={hintId}>
        {t.statusReasonHint} {t.publicHint}
      </p>
      <FormAlert id={errorId}>{error ? t[error as keyof typeof t] : null}</FormAlert>
    </Form>
  );
}
