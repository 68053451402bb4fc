import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { formatStockholmTime } from "~/outcomes/calendar";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { clientAddress } from "~/http/context";
import { requireForm } from "~/http/body.server";
import { parseId } from "~/http/params";
import { badRequest, notFound } from "~/http/errors.server";
import { proposalHistory, updateProposalDetails } from "~/models/proposal.server";
import {
  applyStatusChange,
  parseProposalFields,
  statusSchema,
  visibleProposal,
  type ProposalFieldErrors,
} from "~/workshops/proposals.server";
import { requireWorkshopStaff } from "~/workshops/staff.server";
import { ProposalStatusForm } from "~/components/proposal-status-form";
import { format } from "~/i18n/define";
import { workshopStaff } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";
import styles from "~/styles/workshops.css";
import { pageTitle } from "~/i18n/meta";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(workshopStaff, "pageProposals", { appName: false });

async function load(request: Request, rawId: string | undefined) {
  const staff = await requireWorkshopStaff(request);
  const proposal = await visibleProposal(staff, parseId(rawId));
  if (!proposal) throw notFound();
  return { staff, proposal };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { proposal } = await load(request, params.pid);
  return { proposal, history: await proposalHistory({ id: proposal.id }) };
}

type Result = { intent: "status" | "edit"; ok: boolean; error?: string; errors?: ProposalFieldErrors };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { staff, proposal } = await load(request, params.pid);
  const form = await requireForm(request, { maxBytes: 32 * 1024 });
  const ip = clientAddress(context);
  const intent = form.get("intent");
  if (intent === "status") {
    const parsed = statusSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success || parsed.data.proposalId !== proposal.id) throw badRequest();
    const result = await applyStatusChange({
      staff,
      proposal,
      status: parsed.data.status,
      comment: parsed.data.comment,
      ip,
    });
    if (!result.ok) return data<Result>({ intent: "status", ok: false, error: result.error }, { status: 422 });
    return { intent: "status", ok: true } satisfies Result;
  }
  if (intent === "edit") {
    const parsed = parseProposalFields(form);
    if (!parsed.ok) return data<Result>({ intent: "edit", ok: false, errors: parsed.errors }, { status: 422 });
    await updateProposalDetails({ id: proposal.id, ...parsed.value, by: { actor: staff, ip } });
    return { intent: "edit", ok: true } satisfies Result;
  }
  throw badRequest();
}

export default function ProposalPage() {
  const { proposal: p, history } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const t = useStrings(workshopStaff);
  const editErrors = result?.intent === "edit" && !result.ok ? (result.errors ?? {}) : {};
  const fieldError = (key: keyof ProposalFieldErrors) =>
    editErrors[key] ? (
      <p className="field-error" id={`e-${key}-error`}>
        {t[editErrors[key] as keyof typeof t]}
      </p>
    ) : null;
  return (
    <div className="page page--narrow">
      <h1>{format(t.proposalPageTitle, { title: p.title })}</h1>
      <p className="lead">{format(t.fromSession, { title: p.workshopTitle, date: p.workshopHeldOn })}</p>
      <p>
        <Link to={`/staff/workshops/${p.workshopId}/proposals`}>{t.back}</Link>
      </p>
      <p className={`proposal__status status--${p.status}`}>{t[`status_${p.status}`]}</p>
      {result?.ok ? (
        <p className="alert alert--ok" role="status">
          {result.intent === "status" ? t.statusSaved : t.saved}
        </p>
      ) : null}
      <ProposalStatusForm
        key={`${p.status}-${p.statusChangedAt}`}
        proposalId={p.id}
        status={p.status}
        error={result?.intent === "status" && !result.ok ? result.error : null}
      />

      <h2>{t.history}</h2>
      <ol className="history">
        {history.map((h) => (
          <li key={h.id}>
            <p>
              <strong>
                {format(t.historyLine, {
                  when: formatStockholmTime(h.changedAt),
                  who: h.changedByName ?? "–",
                  status: t[`status_${h.status}`],
                })}
              </strong>
            </p>
            {h.comment ? <p className="proposal__comment">{h.comment}</p> : null}
          </li>
        ))}
      </ol>

      <h2>{t.editProposal}</h2>
      <Form method="post" className="stack" key={`${p.title}-${p.what}-${p.who}-${p.dueOn}`}>
        <input type="hidden" name="intent" value="edit" />
        <p className="hint">{t.publicHint}</p>
        <div className="field">
          <label htmlFor="e-title">{t.proposalTitle}</label>
          <input
            id="e-title"
            name="title"
            type="text"
            maxLength={200}
            defaultValue={p.title}
            aria-invalid={editErrors.title ? true : undefined}
            aria-describedby={editErrors.title ? "e-title-error" : undefined}
          />
          {fieldError("title")}
        </div>
        <div className="field">
          <label htmlFor="e-what">{t.proposalWhat}</label>
          <textarea
            id="e-what"
            name="what"
            rows={3}
            defaultValue={p.what}
            aria-invalid={editErrors.what ? true : undefined}
            aria-describedby={editErrors.what ? "e-what-error" : undefined}
          />
          {fieldError("what")}
        </div>
        <div className="field">
          <label htmlFor="e-who">{t.proposalWho}</label>
          <input
            id="e-who"
            name="who"
            type="text"
            maxLength={200}
            defaultValue={p.who}
            aria-invalid={editErrors.who ? true : undefined}
            aria-describedby={editErrors.who ? "e-who-error" : undefined}
          />
          {fieldError("who")}
        </div>
        <div className="field">
          <label htmlFor="e-due">{t.proposalDue}</label>
          <input
            id="e-due"
            name="dueOn"
            type="date"
            defaultValue={p.dueOn ?? ""}
            aria-invalid={editErrors.dueOn ? true : undefined}
            aria-describedby={editErrors.dueOn ? "e-dueOn-error" : undefined}
          />
          {fieldError("dueOn")}
        </div>
        <button type="submit" className="button">
          {t.formSave}
        </button>
      </Form>
    </div>
  );
}
