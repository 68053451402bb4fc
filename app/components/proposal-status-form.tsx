import { Form } from "@remix-run/react";
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
  return (
    <Form method="post" className="stack" preventScrollReset>
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="proposalId" value={proposalId} />
      <div className="inline-fields">
        <div className="field">
          <label htmlFor={`status-${proposalId}`}>{t.status}</label>
          <select id={`status-${proposalId}`} name="status" defaultValue={status}>
            {PROPOSAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t[`status_${s}`]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`comment-${proposalId}`}>{t.statusComment}</label>
          <input
            id={`comment-${proposalId}`}
            name="comment"
            type="text"
            maxLength={1000}
            aria-describedby={error ? `${hintId} ${errorId}` : hintId}
            aria-invalid={error ? true : undefined}
          />
        </div>
        <button type="submit" className="button">
          {t.statusSave}
        </button>
      </div>
      <p className="hint muted" id={hintId}>
        {t.statusReasonHint} {t.publicHint}
      </p>
      {error ? (
        <p className="field-error" id={errorId} role="alert">
          {t[error as keyof typeof t]}
        </p>
      ) : null}
    </Form>
  );
}
