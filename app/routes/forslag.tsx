import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listAllProposalsByLatestChange } from "~/models/proposal.server";
import { ReadAloudButton } from "~/components/read-aloud";
import { spokenSentences } from "~/components/spoken-sentences";
import { format } from "~/i18n/define";
import { workshopPublic } from "~/i18n/strings/workshops";
import { useLocale, useStrings } from "~/i18n/use-strings";
import { longDate } from "~/i18n/date-words";
import styles from "~/styles/workshops.css";
import { pageTitle } from "~/i18n/meta";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(workshopPublic, "seeProposals");

/**
 * Public and lättläst: every proposal with its status and latest comment, newest change first.
 * Only what the proposal says is shown: never who wrote the notes, and not the "who does it" field.
 */
export async function loader(_args: LoaderFunctionArgs) {
  const proposals = await listAllProposalsByLatestChange();
  return {
    proposals: proposals.map((p) => ({
      id: p.id,
      title: p.title,
      what: p.what,
      status: p.status,
      comment: p.latestComment,
      changedOn: p.statusChangedAt.slice(0, 10),
      sessionDate: p.workshopHeldOn,
      dueOn: p.dueOn,
    })),
  };
}

export default function Forslag() {
  const { proposals } = useLoaderData<typeof loader>();
  const t = useStrings(workshopPublic);
  const locale = useLocale();
  return (
    <div className="page page--narrow">
      <h1>{t.forslagTitle}</h1>
      <p className="lead">{t.forslagLead}</p>
      <ReadAloudButton text={spokenSentences([t.forslagTitle, t.forslagLead])} label={t.readAloud} />
      <details className="status-help">
        <summary>{t.statusHelpTitle}</summary>
        <p>{t.statusHelp}</p>
      </details>
      {proposals.length === 0 ? <p>{t.forslagEmpty}</p> : null}
      <ul className="proposal-list">
        {proposals.map((p) => (
          <li key={p.id} className="proposal">
            <h2>{p.title}</h2>
            <p className={`proposal__status status--${p.status}`}>
              <span className="visually-hidden">{t.statusLabel}: </span>
              {t[`status_${p.status}`]}
            </p>
            <p>{p.what}</p>
            {p.comment ? (
              <p className="proposal__comment">
                <span className="visually-hidden">{t.forslagComment}: </span>
                {p.comment}
              </p>
            ) : null}
            <ReadAloudButton
              text={spokenSentences([
                p.title,
                `${t.statusLabel}: ${t[`status_${p.status}`]}`,
                p.what,
                p.comment ? `${t.forslagComment}: ${p.comment}` : null,
              ])}
              label={t.readAloud}
              name={format(t.readAloudIdea, { title: p.title })}
            />
            <p className="proposal__meta">
              {format(t.forslagChanged, { date: longDate(p.changedOn, locale) })} ·{" "}
              {format(t.forslagFrom, { date: longDate(p.sessionDate, locale) })}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
