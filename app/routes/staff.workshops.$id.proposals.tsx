import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { clientAddress } from "~/http/context";
import { requireForm } from "~/http/body.server";
import { badRequest, notFound } from "~/http/errors.server";
import { listProposals, type Proposal } from "~/models/proposal.server";
import {
  applyStatusChange,
  createSessionProposal,
  parseStatusForm,
  proposalSources,
  typedProposalFields,
  visibleProposal,
  type ProposalFieldErrors,
} from "~/workshops/proposals.server";
import { requireStaffWorkshop, visibleWorkshopsByIds } from "~/workshops/staff.server";
import { errorText, FormAlert, SelectField } from "~/components/forms";
import { ProposalFields } from "~/components/workshop-control/proposal-fields";
import { ProposalStatusForm } from "~/components/proposal-status-form";
import { workshopStaff } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";
import styles from "~/styles/workshops.css";
import { pageTitle } from "~/i18n/meta";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(workshopStaff, "pageProposals", { appName: false });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { staff, workshop } = await requireStaffWorkshop(request, params.id);
  const followed = await visibleWorkshopsByIds(staff, workshop.followsIds);
  const [own, earlier, options] = await Promise.all([
    listProposals({ workshopIds: [workshop.id] }),
    listProposals({ workshopIds: followed.map((w) => w.id) }),
    proposalSources(workshop.id),
  ]);
  const noteParam = new URL(request.url).searchParams.get("note");
  const preset = noteParam ? (options.find((o) => o.value === `note:${noteParam}`) ?? null) : null;
  return { workshop: { id: workshop.id, title: workshop.title }, own, earlier, options, preset };
}

type Result = {
  intent: "create" | "status";
  ok: boolean;
  errors?: ProposalFieldErrors;
  values?: Record<string, string>;
  proposalId?: number;
  error?: string;
};

/** Two intents: a new proposal of this session, and a status change of one of its own or a followed session's. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { staff, workshop } = await requireStaffWorkshop(request, params.id);
  const form = await requireForm(request, { maxBytes: 32 * 1024 });
  const by = { actor: staff, ip: clientAddress(context) };
  const intent = form.get("intent");
  if (intent === "create") {
    const created = await createSessionProposal({ workshopId: workshop.id, form, by });
    if (!created.ok)
      return data<Result>(
        { intent: "create", ok: false, errors: created.errors, values: typedProposalFields(form) },
        { status: 422 },
      );
    return { intent: "create", ok: true, proposalId: created.id } satisfies Result;
  }
  if (intent === "status") {
    const input = parseStatusForm(form);
    if (!input) throw badRequest();
    const proposal = await visibleProposal(staff, input.proposalId);
    if (!proposal || (proposal.workshopId !== workshop.id && !workshop.followsIds.includes(proposal.workshopId)))
      throw notFound();
    const result = await applyStatusChange({
      staff,
      proposal,
      status: input.status,
      comment: input.comment,
      ip: by.ip,
    });
    if (!result.ok)
      return data<Result>(
        { intent: "status", ok: false, proposalId: proposal.id, error: result.error },
        { status: 422 },
      );
    return { intent: "status", ok: true, proposalId: proposal.id } satisfies Result;
  }
  throw badRequest();
}

function ProposalCard({ p, result }: { p: Proposal; result: Result | undefined }) {
  const t = useStrings(workshopStaff);
  const mine = result?.intent === "status" && result.proposalId === p.id ? result : undefined;
  return (
    <li className="proposal">
      <h3>{p.title}</h3>
      <p className={`proposal__status status--${p.status}`}>{t[`status_${p.status}`]}</p>
      <p>{p.what}</p>
      <p className="proposal__meta">
        {p.who ? `${t.proposalWho}: ${p.who}` : null}
        {p.who && p.dueOn ? " · " : null}
        {p.dueOn ? `${t.proposalDue}: ${p.dueOn}` : null}
      </p>
      {p.latestComment ? <p className="proposal__comment">{p.latestComment}</p> : null}
      <FormAlert tone="ok">{mine?.ok ? t.statusSaved : null}</FormAlert>
      <ProposalStatusForm
        key={`${p.id}-${p.status}-${p.statusChangedAt}`}
        proposalId={p.id}
        status={p.status}
        error={mine && !mine.ok ? mine.error : null}
      />
      <p>
        <Link to={`/staff/workshops/proposals/${p.id}`}>{t.showProposal}</Link>
      </p>
    </li>
  );
}

export default function WorkshopProposals() {
  const { workshop, own, earlier, options, preset } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const t = useStrings(workshopStaff);
  const created = result?.intent === "create" && result.ok;
  const failed = result?.intent === "create" && !result.ok ? result : undefined;
  const v =
    failed?.values ??
    (preset && !created ? { title: preset.text.slice(0, 200), what: preset.text, source: preset.value } : {});
  const err = errorText(t, failed?.errors);
  return (
    <div className="page">
      <h1>
        {t.proposals}: {workshop.title}
      </h1>
      <p className="lead">{t.proposalsLead}</p>
      <p>
        <Link to={`/staff/workshops/${workshop.id}`}>{t.back}</Link>
      </p>

      {earlier.length > 0 ? (
        <section aria-labelledby="followups-title">
          <h2 id="followups-title">{t.followUps}</h2>
          <ul className="proposal-list">
            {earlier.map((p) => (
              <ProposalCard key={p.id} p={p} result={result} />
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="own-title">
        <h2 id="own-title">{t.thisSession}</h2>
        {own.length === 0 ? <p className="muted">{t.noProposals}</p> : null}
        <ul className="proposal-list">
          {own.map((p) => (
            <ProposalCard key={p.id} p={p} result={result} />
          ))}
        </ul>
      </section>

      <section aria-labelledby="new-title">
        <h2 id="new-title">{t.newProposal}</h2>
        <FormAlert tone="ok">{created ? t.proposalCreated : null}</FormAlert>
        <p className="hint">{t.publicHint}</p>
        <Form method="post" className="stack" key={created ? `created-${result?.proposalId}` : "new"}>
          <input type="hidden" name="intent" value="create" />
          <SelectField
            label={t.proposalFrom}
            name="source"
            id="p-source"
            empty={t.proposalFromNone}
            options={options}
            defaultValue={v.source ?? ""}
          />
          <ProposalFields idPrefix="p" values={v} err={err} required />
          <button type="submit" className="button">
            {t.proposalCreate}
          </button>
        </Form>
      </section>
    </div>
  );
}
