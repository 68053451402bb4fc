import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { formatStockholmTime } from "~/outcomes/calendar";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { clientAddress } from "~/http/context";
import { requireForm } from "~/http/body.server";
import { parseId } from "~/http/params";
import { badRequest, notFound } from "~/http/errors.server";
import { proposalHistory, updateProposalDetails } from "~/models/proposal.server";
import { parseForm } from "~/http/parse-form";
import {
  applyStatusChange,
  parseStatusForm,
  proposalFieldsSchema,
  typedProposalFields,
  visibleProposal,
  type ProposalFieldErrors,
} from "~/workshops/proposals.server";
import { requireWorkshopStaff } from "~/workshops/staff.server";
import { errorText, FormAlert } from "~/components/forms";
import { ProposalFields } from "~/components/workshop-control/proposal-fields";
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

type Result = {
  intent: "status" | "edit";
  ok: boolean;
  error?: string;
  errors?: ProposalFieldErrors;
  /** What was typed into a refused edit, so nothing is lost without JavaScript either. */
  values?: Record<string, string>;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { staff, proposal } = await load(request, params.pid);
  const form = await requireForm(request, { maxBytes: 32 * 1024 });
  const ip = clientAddress(context);
  const intent = form.get("intent");
  if (intent === "status") {
    const input = parseStatusForm(form);
    if (!input || input.proposalId !== proposal.id) throw badRequest();
    const result = await applyStatusChange({ staff, proposal, status: input.status, comment: input.comment, ip });
    if (!result.ok) return data<Result>({ intent: "status", ok: false, error: result.error }, { status: 422 });
    return { intent: "status", ok: true } satisfies Result;
  }
  if (intent === "edit") {
    const parsed = parseForm(form, proposalFieldsSchema);
    if (!parsed.ok)
      return data<Result>(
        { intent: "edit", ok: false, errors: parsed.errors, values: typedProposalFields(form) },
        { status: 422 },
      );
    await updateProposalDetails({ id: proposal.id, ...parsed.value, by: { actor: staff, ip } });
    return { intent: "edit", ok: true } satisfies Result;
  }
  throw badRequest();
}

export default function ProposalPage() {
  const { proposal: p, history } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const t = useStrings(workshopStaff);
  const refused = result?.intent === "edit" && !result.ok ? result : null;
  const err = errorText(t, refused?.errors);
  const typed = refused?.values;
  return (
    <div className="page page--narrow">
      <h1>{format(t.proposalPageTitle, { title: p.title })}</h1>
      <p className="lead">{format(t.fromSession, { title: p.workshopTitle, date: p.workshopHeldOn })}</p>
      <p>
        <Link to={`/staff/workshops/${p.workshopId}/proposals`}>{t.back}</Link>
      </p>
      <p className={`proposal__status status--${p.status}`}>{t[`status_${p.status}`]}</p>
      <FormAlert tone="ok">{result?.ok ? (result.intent === "status" ? t.statusSaved : t.saved) : null}</FormAlert>
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
        <ProposalFields idPrefix="e" values={typed ?? { ...p, dueOn: p.dueOn ?? "" }} err={err} />
        <button type="submit" className="button">
          {t.formSave}
        </button>
      </Form>
    </div>
  );
}
