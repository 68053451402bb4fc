import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { clientAddress } from "~/http/context";
import { audit } from "~/models/audit.server";
import { buildProtocol, type ProtocolGroup } from "~/reports/workshop-protocol.server";
import { requireStaffWorkshop } from "~/workshops/staff.server";
import { format } from "~/i18n/define";
import { workshopStaff } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";
import styles from "~/styles/workshops.css";
import { pageTitle } from "~/i18n/meta";
import { ColumnHeads } from "~/components/table-heads";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(workshopStaff, "pageProtocol", { appName: false });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { staff, workshop } = await requireStaffWorkshop(request, params.id);
  const protocol = await buildProtocol(workshop);
  await audit({
    actor: staff,
    action: "workshop.protocol_view",
    entityType: "workshop",
    entityId: workshop.id,
    ip: clientAddress(context),
  });
  return { id: workshop.id, protocol };
}

function Groups({ groups, other, none }: { groups: ProtocolGroup[]; other: string; none: string }) {
  if (groups.every((g) => g.notes.length === 0)) return <p>{none}</p>;
  return (
    <>
      {groups.map((g, i) =>
        g.notes.length === 0 && g.title === null ? null : (
          <section key={`${g.title ?? "other"}-${i}`}>
            <h3>{g.title ?? other}</h3>
            <ul>
              {g.notes.map((n, j) => (
                <li key={j}>{n}</li>
              ))}
            </ul>
          </section>
        ),
      )}
    </>
  );
}

export default function Protocol() {
  const { id, protocol: p } = useLoaderData<typeof loader>();
  const t = useStrings(workshopStaff);
  return (
    <div className="page protocol">
      <p className="actions no-print">
        <Link to={`/staff/workshops/${id}`}>{t.back}</Link>
        <PrintButton label={t.protocolPrint} />
        <a className="button button--secondary" href={`/staff/workshops/${id}/protocol.docx`} download>
          {t.protocolDocx}
        </a>
      </p>
      <h1>{format(t.protocolTitle, { title: p.title })}</h1>
      <p>{format(t.protocolMeta, { date: p.heldOn, place: p.place })}</p>
      <p>{format(t.protocolParticipants, { n: p.participants === null ? t.fewerThanFive : p.participants })}</p>
      <h2>{t.protocolCritique}</h2>
      <Groups groups={p.critique} other={t.protocolOther} none={t.protocolNone} />
      <h2>{t.protocolVisions}</h2>
      <Groups groups={p.visions} other={t.protocolOther} none={t.protocolNone} />
      <h2>{t.protocolVotes}</h2>
      {p.votings.length === 0 ? <p>{t.protocolNone}</p> : null}
      {p.votings.map((v, i) => (
        <table key={i}>
          <caption>
            {t[`target_${v.target}`]} · {v.dots} {t.dotsCount.toLowerCase()} ·{" "}
            {format(t.voters, { n: v.voters === null ? t.fewerThanFive : v.voters })}
          </caption>
          <ColumnHeads columns={[t.item, t.dotsCount]} />
          <tbody>
            {v.items.map((item, j) => (
              <tr key={j}>
                <td>{item.text}</td>
                <td>{item.dots}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <h2>{t.protocolActionPlan}</h2>
      {p.actionPlan.length === 0 ? (
        <p>{t.protocolNone}</p>
      ) : (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden">{t.protocolActionPlan}</caption>
            <ColumnHeads columns={[t.proposalTitle, t.proposalWhat, t.proposalWho, t.proposalDue, t.status]} />
            <tbody>
              {p.actionPlan.map((a, i) => (
                <tr key={i}>
                  <td data-label={t.proposalTitle}>{a.title}</td>
                  <td data-label={t.proposalWhat}>{a.what}</td>
                  <td data-label={t.proposalWho}>{a.who || "–"}</td>
                  <td data-label={t.proposalDue}>{a.dueOn ?? "–"}</td>
                  <td data-label={t.status}>{t[`status_${a.status}`]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.realisation.some((g) => g.notes.length > 0) ? (
        <>
          <h2>{t.phase_forverkligande}</h2>
          <Groups groups={p.realisation} other={t.protocolOther} none={t.protocolNone} />
        </>
      ) : null}
      <p className="muted">{t.protocolHiddenNote}</p>
    </div>
  );
}

function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="button" onClick={() => window.print()}>
      {label}
    </button>
  );
}
