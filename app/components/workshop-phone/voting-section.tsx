import { DotForm } from "~/components/dot-form";
import { FormAlert } from "~/components/forms";
import { format } from "~/i18n/define";
import { workshopPublic } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";
import type { ParticipantResult } from "~/workshops/participant-result";

export interface VotingData {
  id: number;
  dots: number;
  remaining: number;
  items: { type: string; id: number; text: string; dots: number }[];
}

/** Dot voting on the phone: the dots left, and a give / take back pair per item. */
export function VotingSection({
  voting,
  result,
  busy,
}: {
  voting: VotingData;
  result: ParticipantResult | undefined;
  busy: boolean;
}) {
  const t = useStrings(workshopPublic);
  const voteResult = result && (result.intent === "vote" || result.intent === "unvote") ? result : null;
  // One message per tap: a dot placed or taken back is said in the line that counts the dots, a refusal alone.
  const done = voteResult?.ok ? (voteResult.intent === "vote" ? t.voteOk : t.withdrawOk) : null;
  const refusal = voteResult && !voteResult.ok ? voteProblemText(t, voteResult.problem) : null;
  const usedUp = voting.remaining === 0;
  return (
    <section aria-labelledby="voting-title" className="workshop-voting">
      <h2 id="voting-title">{t.votingTitle}</h2>
      <p>{t.votingLead}</p>
      <div className="workshop-voting__left">
        <p role="status" aria-live="polite">
          {done ? <span className="workshop-voting__done">{done} </span> : null}
          <strong>{format(t.dotsLeft, { n: voting.remaining, total: voting.dots })}</strong>
          <span className="dots" aria-hidden="true">
            {"●".repeat(voting.remaining)}
            {"○".repeat(Math.max(0, voting.dots - voting.remaining))}
          </span>
          {usedUp && voting.items.length > 0 ? <span className="workshop-voting__hint">{t.dotsUsedUp}</span> : null}
        </p>
        <FormAlert>{refusal}</FormAlert>
      </div>
      {voting.items.length === 0 ? <p className="muted">{t.nothingToVoteOn}</p> : null}
      <ul className={usedUp ? "vote-items vote-items--used-up" : "vote-items"}>
        {voting.items.map((item) => (
          <li key={`${item.type}:${item.id}`} className="vote-item">
            <p className="vote-item__text">{item.text}</p>
            <p className="vote-item__mine">
              {format(t.yourDots, { n: item.dots })} <span aria-hidden="true">{"●".repeat(item.dots)}</span>
            </p>
            <div className="vote-item__buttons">
              <DotForm
                fields={{ votingId: voting.id }}
                item={item}
                intent="vote"
                label={t.giveDot}
                disabled={busy || usedUp}
              />
              {item.dots > 0 ? (
                <DotForm
                  fields={{ votingId: voting.id }}
                  item={item}
                  intent="unvote"
                  label={t.takeBack}
                  disabled={busy}
                />
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function voteProblemText(t: (typeof workshopPublic)["sv"], problem: string | undefined): string {
  switch (problem) {
    case "noDotsLeft":
      return t.errNoDotsLeft;
    case "closed":
      return t.errClosed;
    case "noDotHere":
      return t.errNoDotHere;
    default:
      return t.errUnknownItem;
  }
}
