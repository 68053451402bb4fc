import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { formatStockholmTime } from "~/outcomes/calendar";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { isSmallCount } from "~/privacy/small-counts";
import { clientAddress } from "~/http/context";
import { requireForm } from "~/http/body.server";
import { badRequest, notFound } from "~/http/errors.server";
import { audit } from "~/models/audit.server";
import { createPaperParticipant, getParticipant, listPaperParticipants } from "~/models/workshop-participant.server";
import {
  ballotFor,
  castVote,
  closeVoting,
  countVoters,
  getOpenVoting,
  listVotings,
  openVoting,
  votingBelongs,
  votingResults,
  withdrawVote,
} from "~/models/workshop-vote.server";
import { requireStaffWorkshop } from "~/workshops/staff.server";
import { DEFAULT_DOTS, MAX_DOTS, VOTING_TARGETS } from "~/workshops/rules";
import { format } from "~/i18n/define";
import { workshopStaff } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";
import styles from "~/styles/workshops.css";
import { pageTitle } from "~/i18n/meta";

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

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open"), target: z.enum(VOTING_TARGETS), dots: z.string() }),
  z.object({ intent: z.literal("close"), votingId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("add-paper") }),
  z.object({
    intent: z.enum(["vote", "unvote"]),
    participantId: z.coerce.number().int().positive(),
    itemType: z.enum(["theme", "note"]),
    itemId: z.coerce.number().int().positive(),
  }),
]);

type Result = { ok: boolean; message: string; paperId?: number };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { staff, workshop } = await requireStaffWorkshop(request, params.id);
  const form = await requireForm(request);
  const parsed = schema.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw badRequest();
  const input = parsed.data;
  const ip = clientAddress(context);
  const log = (action: string, details?: Record<string, unknown>) =>
    audit({ actor: staff, action, entityType: "workshop", entityId: workshop.id, ip, details });
  if (workshop.phase === "avslutad" && input.intent !== "close")
    return data<Result>({ ok: false, message: "errEnded" }, { status: 409 });

  switch (input.intent) {
    case "open": {
      const dots = Number(input.dots);
      if (!Number.isInteger(dots) || dots < 1 || dots > MAX_DOTS)
        return data<Result>({ ok: false, message: "errDots" }, { status: 422 });
      const voting = await openVoting({ workshopId: workshop.id, target: input.target, dots, openedBy: staff.id });
      await log("workshop.voting_open", { votingId: voting.id, target: input.target, dots });
      return { ok: true, message: "votingOpened" } satisfies Result;
    }
    case "close": {
      if (!(await closeVoting({ id: input.votingId, workshopId: workshop.id }))) {
        // Another session's voting is none of this page's business; a double click on one already closed is harmless.
        if (!(await votingBelongs({ id: input.votingId, workshopId: workshop.id }))) throw notFound();
        return { ok: true, message: "votingClosed" } satisfies Result;
      }
      await log("workshop.voting_close", { votingId: input.votingId });
      return { ok: true, message: "votingClosed" } satisfies Result;
    }
    case "add-paper": {
      const n = (await listPaperParticipants({ workshopId: workshop.id })).length + 1;
      const p = await createPaperParticipant({
        workshopId: workshop.id,
        nickname: format(workshopStaff.sv.paperName, { n }),
      });
      return redirect(`/staff/workshops/${workshop.id}/voting?for=${p.id}`);
    }
    case "vote":
    case "unvote": {
      const participant = await getParticipant({ id: input.participantId });
      if (!participant || participant.workshopId !== workshop.id || participant.kind !== "paper") throw notFound();
      const open = await getOpenVoting({ workshopId: workshop.id });
      if (!open) return data<Result>({ ok: false, message: "errVoteClosed", paperId: participant.id }, { status: 409 });
      const vote = { votingId: open.id, participantId: participant.id, itemType: input.itemType, itemId: input.itemId };
      const result = input.intent === "vote" ? await castVote({ ...vote, castBy: staff.id }) : await withdrawVote(vote);
      if (!result.ok) {
        const message =
          result.problem === "noDotsLeft"
            ? "errNoDotsLeft"
            : result.problem === "closed"
              ? "errVoteClosed"
              : "errUnknownItem";
        return data<Result>({ ok: false, message, paperId: participant.id }, { status: 409 });
      }
      await log(input.intent === "vote" ? "workshop.vote_for" : "workshop.unvote_for", {
        votingId: open.id,
        participantId: participant.id,
      });
      return { ok: true, message: "saved", paperId: participant.id } satisfies Result;
    }
  }
}

export default function WorkshopVoting() {
  const { workshop, open, results, paper, paperFor, ballot } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
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
      {result ? (
        <p className={result.ok ? "alert alert--ok" : "alert alert--error"} role={result.ok ? "status" : "alert"}>
          {format(t[result.message as keyof typeof t] ?? "", { max: MAX_DOTS })}
        </p>
      ) : null}

      {open ? (
        <Form method="post" className="stack">
          <p className="alert alert--info">
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
          <p>{t.votingClosedNow}</p>
          <input type="hidden" name="intent" value="open" />
          <fieldset className="field">
            <legend>{t.votingTarget}</legend>
            {VOTING_TARGETS.map((target) => (
              <label key={target} className="choice">
                <input
                  type="radio"
                  name="target"
                  value={target}
                  defaultChecked={
                    workshop.phase === "kritik" ? target === "critique_themes" : target === "fantasy_notes"
                  }
                />
                {t[`target_${target}`]}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="dots">{t.votingDots}</label>
            <input
              id="dots"
              name="dots"
              type="number"
              min={1}
              max={MAX_DOTS}
              defaultValue={DEFAULT_DOTS}
              inputMode="numeric"
            />
          </div>
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
                          <Form method="post" key={intent} preventScrollReset>
                            <input type="hidden" name="participantId" value={paperFor.id} />
                            <input type="hidden" name="itemType" value={item.type} />
                            <input type="hidden" name="itemId" value={item.id} />
                            <button
                              type="submit"
                              name="intent"
                              value={intent}
                              className={intent === "vote" ? "button" : "button button--secondary"}
                              aria-label={`${intent === "vote" ? t.giveDot : t.takeBack}: ${item.text}`}
                            >
                              {intent === "vote" ? t.giveDot : t.takeBack}
                            </button>
                          </Form>
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
              <thead>
                <tr>
                  <th scope="col">{t.item}</th>
                  <th scope="col">{t.dotsCount}</th>
                </tr>
              </thead>
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
