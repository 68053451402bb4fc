import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { clientAddress } from "~/http/context";
import { requireForm } from "~/http/body.server";
import { badRequest, notFound } from "~/http/errors.server";
import { audit } from "~/models/audit.server";
import { createProposal, listProposals, type Proposal } from "~/models/proposal.server";
import { listWorkshopsByIds } from "~/models/workshop.server";
import { listNotes, listThemes } from "~/models/workshop-note.server";
import {
  applyStatusChange,
  parseProposalFields,
  statusSchema,
  visibleProposal,
  type ProposalFieldErrors,
} from "~/workshops/proposals.server";
import { canSeeWorkshop, requireStaffWorkshop } from "~/workshops/staff.server";
import { ProposalStatusForm } from "~/components/proposal-status-form";
import { workshopStaff } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";
import styles from "~/styles/workshops.css";
import { pageTitle } from "~/i18n/meta";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(workshopStaff, "pageProposals", { appName: false });

async function sources(workshopId: number) {
  const [notes, themes] = await Promise.all([
    listNotes({ workshopId, includeHidden: false }),
    listThemes({ workshopId }),
  ]);
  return [
    ...themes.map((th) => ({ value: `theme:${th.id}`, label: `${th.title}`, text: th.title })),
    ...notes
      .filter((n) => n.phase !== "kritik")
      .map((n) => ({
        value: `note:${n.id}`,
        label: n.text.length > 80 ? `${n.text.slice(0, 79)}…` : n.text,
        text: n.text,
      })),
  ];
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { staff, workshop } = await requireStaffWorkshop(request, params.id);
  const followed = (await listWorkshopsByIds({ ids: workshop.followsIds })).filter((w) => canSeeWorkshop(staff, w));
  const [own, earlier, options] = await Promise.all([
    listProposals({ workshopIds: [workshop.id] }),
    listProposals({ workshopIds: followed.map((w) => w.id) }),
    sources(workshop.id),
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

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { staff, workshop } = await requireStaffWorkshop(request, params.id);
  const form = await requireForm(request, { maxBytes: 32 * 1024 });
  const ip = clientAddress(context);
  const intent = form.get("intent");
  if (intent === "create") {
    const values = Object.fromEntries(
      ["title", "what", "who", "dueOn", "source"].map((k) => [k, (form.get(k) ?? "").slice(0, 4000)]),
    );
    const parsed = parseProposalFields(form);
    if (!parsed.ok)
      return data<Result>({ intent: "create", ok: false, errors: parsed.errors, values }, { status: 422 });
    const source = form.get("source") ?? "";
    const options = await sources(workshop.id);
    if (source !== "" && !options.some((o) => o.value === source)) throw badRequest();
    const [kind, rawId] = source.split(":");
    const id = await createProposal({
      workshopId: workshop.id,
      noteId: kind === "note" ? Number(rawId) : null,
      themeId: kind === "theme" ? Number(rawId) : null,
      ...parsed.value,
      createdBy: staff.id,
    });
    await audit({
      actor: staff,
      action: "proposal.create",
      entityType: "proposal",
      entityId: id,
      ip,
      details: { workshopId: workshop.id },
    });
    return { intent: "create", ok: true, proposalId: id } satisfies Result;
  }
  if (intent === "status") {
    const parsed = statusSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw badRequest();
    const proposal = await visibleProposal(staff, parsed.data.proposalId);
    if (!proposal || (proposal.workshopId !== workshop.id && !workshop.followsIds.includes(proposal.workshopId)))
      throw notFound();
    const result = await applyStatusChange({
      staff,
      proposal,
      status: parsed.data.status,
      comment: parsed.data.comment,
      ip,
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
      {mine?.ok ? (
        <p className="alert alert--ok" role="status">
          {t.statusSaved}
        </p>
      ) : null}
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
  const err = (key: keyof ProposalFieldErrors) =>
    failed?.errors?.[key] ? (
      <p className="field-error" id={`p-${key}-error`}>
        {t[failed.errors[key] as keyof typeof t]}
      </p>
    ) : null;
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
        {created ? (
          <p className="alert alert--ok" role="status">
            {t.proposalCreated}
          </p>
        ) : null}
        <p className="hint">{t.publicHint}</p>
        <Form method="post" className="stack" key={created ? `created-${result?.proposalId}` : "new"}>
          <input type="hidden" name="intent" value="create" />
          <div className="field">
            <label htmlFor="p-source">{t.proposalFrom}</label>
            <select id="p-source" name="source" defaultValue={v.source ?? ""}>
              <option value="">{t.proposalFromNone}</option>
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="p-title">{t.proposalTitle}</label>
            <input
              id="p-title"
              name="title"
              type="text"
              maxLength={200}
              required
              defaultValue={v.title ?? ""}
              aria-invalid={failed?.errors?.title ? true : undefined}
              aria-describedby={failed?.errors?.title ? "p-title-error" : undefined}
            />
            {err("title")}
          </div>
          <div className="field">
            <label htmlFor="p-what">{t.proposalWhat}</label>
            <textarea
              id="p-what"
              name="what"
              rows={3}
              required
              defaultValue={v.what ?? ""}
              aria-invalid={failed?.errors?.what ? true : undefined}
              aria-describedby={failed?.errors?.what ? "p-what-error" : undefined}
            />
            {err("what")}
          </div>
          <div className="field">
            <label htmlFor="p-who">{t.proposalWho}</label>
            <input
              id="p-who"
              name="who"
              type="text"
              maxLength={200}
              defaultValue={v.who ?? ""}
              aria-invalid={failed?.errors?.who ? true : undefined}
              aria-describedby={failed?.errors?.who ? "p-who-error" : undefined}
            />
            {err("who")}
          </div>
          <div className="field">
            <label htmlFor="p-due">{t.proposalDue}</label>
            <input
              id="p-due"
              name="dueOn"
              type="date"
              defaultValue={v.dueOn ?? ""}
              aria-invalid={failed?.errors?.dueOn ? true : undefined}
              aria-describedby={failed?.errors?.dueOn ? "p-dueOn-error" : undefined}
            />
            {err("dueOn")}
          </div>
          <button type="submit" className="button">
            {t.proposalCreate}
          </button>
        </Form>
      </section>
    </div>
  );
}
