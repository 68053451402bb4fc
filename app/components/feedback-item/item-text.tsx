import { Link } from "@remix-run/react";
import { IntentForm } from "~/components/forms";
import { QuoteStatusTag, StatusTag, formatWhen } from "~/components/feedback-ui";
import { format } from "~/i18n/define";
import { feedbackStaff } from "~/i18n/strings/feedback";
import { useStrings } from "~/i18n/use-strings";
import type { FeedbackDetail } from "~/models/feedback.server";
import type { FeedbackItemResult } from "~/feedback/item-intents.server";

type Item = Omit<FeedbackDetail, "comments">;

/** Who, when, where from, consent and contact: the facts of one item. */
export function ItemFacts({ item }: { item: Item }) {
  const t = useStrings(feedbackStaff);
  return (
    <dl className="fb-facts">
      <dt>{t.filterStatus}</dt>
      <dd>
        <StatusTag status={item.status} t={t} />
      </dd>
      <dt>{t.received}</dt>
      <dd>
        <time dateTime={item.createdAt}>{formatWhen(item.createdAt)}</time>
      </dd>
      <dt>{t.source}</dt>
      <dd>{t[`source_${item.source}`]}</dd>
      <dt>{t.program}</dt>
      <dd>{item.programName ?? t.noProgram}</dd>
      <dt>{t.activity}</dt>
      <dd>{item.activityName ?? t.noActivity}</dd>
      {item.createdByName ? (
        <>
          <dt>{t.writtenBy}</dt>
          <dd>{item.createdByName}</dd>
        </>
      ) : null}
      <dt>{t.consentLabel}</dt>
      <dd>
        {item.consentToQuote ? t.consentYes : t.consentNo}
        {item.consentNote ? ` (${item.consentNote})` : null}
      </dd>
      <dt>{t.contactLabel}</dt>
      <dd>{item.wantsContact ? t.contactYes : t.contactNo}</dd>
      {item.assignedToName ? (
        <>
          <dt>{t.filterAssigned}</dt>
          <dd>{item.assignedToName}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** The text as redacted for everyone, and the raw text one audited click away. */
export function ItemText({ item, raw }: { item: Item; raw: FeedbackItemResult["raw"] }) {
  const t = useStrings(feedbackStaff);
  return (
    <>
      <h2>{t.textHeading}</h2>
      <p className="fb-text" data-testid="redacted-text">
        {item.text}
      </p>
      {item.redactedKinds.length > 0 ? (
        <p className="muted">
          {format(t.maskedNote, { kinds: item.redactedKinds.map((k) => t[`kind_${k}` as keyof typeof t]).join(", ") })}
        </p>
      ) : null}

      {raw ? (
        <section aria-labelledby="raw-title">
          <h2 id="raw-title">{t.rawHeading}</h2>
          <p className="alert alert--warn" role="status">
            {t.rawLogged}
          </p>
          <p className="fb-text fb-text--raw" data-testid="raw-text">
            {raw.text}
          </p>
          {raw.contact ? (
            <p>
              <strong>{t.contactDetails}:</strong> {raw.contact}
            </p>
          ) : null}
        </section>
      ) : (
        <AsideAction intent="read-raw" hint={t.showRawHint} submit={t.showRaw} />
      )}
    </>
  );
}

/** The item's quote, or making one. */
export function QuoteSection({ item }: { item: Item }) {
  const t = useStrings(feedbackStaff);
  return (
    <section className="fb-section" aria-labelledby="quote-title">
      <h2 id="quote-title">{t.quoteHeading}</h2>
      {item.quote ? (
        <p>
          <Link to={`/staff/quotes/${item.quote.id}`}>
            {format(t.openQuote, { status: t[`quote_${item.quote.status}` as keyof typeof t] })}
          </Link>{" "}
          <QuoteStatusTag status={item.quote.status} t={t} />
        </p>
      ) : (
        <AsideAction intent="quote" hint={t.makeQuoteHint} submit={t.makeQuote} />
      )}
    </section>
  );
}

/** An action beside the item's text (read the raw text, make a quote): a quiet button under a muted line. */
function AsideAction({ intent, hint, submit }: { intent: string; hint: string; submit: string }) {
  return <IntentForm intent={intent} hint={hint} hintClassName="hint muted" submit={submit} tone="secondary" />;
}
