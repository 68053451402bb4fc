import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { formatStockholmTime } from "~/outcomes/calendar";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { isSmallCount } from "~/privacy/small-counts";
import { clientAddress } from "~/http/context";
import { requireForm } from "~/http/body.server";
import { DotForm } from "~/components/dot-form";
import { ChoiceGroup, FormAlert, labelledOptions, NumberField } from "~/components/forms";
import { listPaperParticipants } from "~/models/workshop-participant.server";
import { ballotFor, countVoters, getOpenVoting, listVotings, votingResults } from "~/models/workshop-vote.server";
import { requireStaffWorkshop } from "~/workshops/staff.server";
import { votingIntent, type VotingResult } from "~/workshops/voting-intents.server";
import { DEFAULT_DOTS, MAX_DOTS, VOTING_TARGETS } from "~/workshops/rules";
import { format } from "~/i18n/define";
import { workshopStaff } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";
import styles from "~/styles/workshops.css";
import { pageTitle } from "~/i18n/meta";
import { ColumnHeads } from "~/components/table-heads";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(workshopStaff, "pageVoting", { appName: false });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workshop } = await requireStaffWorkshop(request, params.id);
  const [open, votings, paper] = await Promise.all([
    getOpenVoting({ workshopId: workshop.id }),
    listVotings({ workshopId: workshop.id }),
    listPaperParticipants({ workshopId: workshop.id }),
  ]);
  const results = await Promise.all(
    [...votings].reverse().map(async (v) => ({
      voting: v,
      items: await votingResults({ voting: v }),
      voters: await countVoters({ votingId: v.id }),
    })),
  );
  const forId = Number(new URL(request.url).searchParams.get("for"));
  const paperFor = open && paper.find((p) => p.id === forId);
  const ballot = open && paperFor ? await ballotFor({ voting: open, participantId: paperFor.id }) : null;
  return {
    workshop: { id: workshop.id, title: workshop.title, phase: workshop.phase },
    open,
    results,
    paper,
    paperFor: paperFor ? { id: paperFor.id, name: paperFor.nickname ?? "" } : null,
    ballot,
  };
}

/** One function per intent (open, close, paper ballots), each audited in its transaction: app/workshops/voting-intents.server.ts. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { staff, workshop } = await requireStaffWorkshop(request, params.id);
  const form = await requireForm(request);
  return votingIntent(form, { workshop, staffId: staff.id, by: { actor: staff, ip: clientAddress(context) } });
}

export default function WorkshopVoting() {
  const { workshop, open, results, paper, paperFor, ballot } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as VotingResult | undefined;
  const t = useStrings(workshopStaff);
  const base = `/staff/workshops/${workshop.id}`;
  return (
    <div className="page">
      <h1>
        {t.voting}: {workshop.title}
      </h1>
      <p className="lead">{t.votingLead}</p>
      <p>
        <Link to={base}>{t.back}</Link>
      </p>
      {/* One message per event: what went well is said by the line that shows the state, a refusal here. */}
      <FormAlert>
        {result && !result.ok ? format(t[result.message as keyof typeof t] ?? "", { max: MAX_DOTS }) : null}
      </FormAlert>

      {open ? (
        <Form method="post" className="stack">
          <p className="alert alert--info" role="status">
            {format(t.votingOpenNow, { target: t[`target_${open.target}`], dots: open.dots })}
          </p>
          <input type="hidden" name="intent" value="close" />
          <input type="hidden" name="votingId" value={open.id} />
          <button type="submit" className="button button--danger">
            {t.closeVoting}
          </button>
        </Form>
      ) : (
        <Form method="post" className="stack">
          <p role="status">{result?.intent === "close" && result.ok ? t.votingClosed : t.votingClosedNow}</p>
          <input type="hidden" name="intent" value="open" />
          <ChoiceGroup
            legend={t.votingTarget}
            name="target"
            type="radio"
            options={labelledOptions(VOTING_TARGETS, (target) => t[`target_${target}`])}
            defaultValue={workshop.phase === "kritik" ? "critique_themes" : "fantasy_notes"}
          />
          <NumberField label={t.votingDots} name="dots" min={1} max={MAX_DOTS} defaultValue={DEFAULT_DOTS} />
          <button type="submit" className="button">
            {t.openVoting}
          </button>
        </Form>
      )}

      {open ? (
        <section aria-labelledby="paper-title">
          <h2 id="paper-title">{t.paperTitle}</h2>
          <p className="hint">{t.paperHint}</p>
          <ul className="actions" aria-label={t.paperTitle}>
            {paper.map((p) => (
              <li key={p.id} style={{ listStyle: "none" }}>
                <Link
                  to={`?for=${p.id}`}
                  className={paperFor?.id === p.id ? "button" : "button button--secondary"}
                  aria-current={paperFor?.id === p.id ? "true" : undefined}
                >
                  {p.nickname}
                </Link>
              </li>
            ))}
          </ul>
          <Form method="post">
            <input type="hidden" name="intent" value="add-paper" />
            <button type="submit" className="button button--quiet">
              {t.paperAdd}
            </button>
          </Form>
          {paperFor && ballot ? (
            <>
              <h3>{format(t.paperFor, { name: paperFor.name })}</h3>
              <p role="status">
                {format(t.paperRemaining, { name: paperFor.name, n: ballot.remaining, total: open.dots })}
              </p>
              <ul className="vote-items">
                {ballot.items.map((item) => (
                  <li key={`${item.type}:${item.id}`} className="vote-item">
                    <p className="vote-item__text">{item.text}</p>
                    <p className="vote-item__mine">
                      {t.dotsCount}: {item.dots}
                    </p>
                    <div className="vote-item__buttons">
                      {(["vote", "unvote"] as const).map((intent) =>
                        intent === "unvote" && item.dots === 0 ? null : (
                          <DotForm
                            key={intent}
                            fields={{ participantId: paperFor.id }}
                            item={item}
                            intent={intent}
                            label={intent === "vote" ? t.giveDot : t.takeBack}
                          />
                        ),
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="results-title">
        <h2 id="results-title">{t.results}</h2>
        {results.map(({ voting, items, voters }) => (
          <div key={voting.id} className="table-wrap">
            <table className="responsive">
              <caption>
                {format(t.votingOf, {
                  target: t[`target_${voting.target}`],
                  dots: voting.dots,
                  opened: formatStockholmTime(voting.openedAt),
                })}{" "}
                · {format(t.voters, { n: isSmallCount(voters) ? t.fewerThanFive : voters })}
              </caption>
              <ColumnHeads columns={[t.item, t.dotsCount]} />
              <tbody>
                {items.map((i) => (
                  <tr key={`${i.type}:${i.id}`}>
                    <td data-label={t.item}>{i.text}</td>
                    <td data-label={t.dotsCount}>{i.dots}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>
    </div>
  );
}
