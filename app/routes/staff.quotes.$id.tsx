import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { parseId } from "~/http/params";
import { requireStaff } from "~/auth/guards.server";
import { rolesFor } from "~/auth/capabilities";
import { QuoteStatusTag, formatWhen, ThemeChoices } from "~/components/feedback-ui";
import { notFound } from "~/http/errors.server";
import { format } from "~/i18n/define";
import { feedbackStaff } from "~/i18n/strings/feedback";
import { quoteIntent } from "~/feedback/quote-intents.server";
import { useStrings } from "~/i18n/use-strings";
import { activitiesFor } from "~/activities/programs.server";
import { listThemes } from "~/models/feedback-theme.server";
import { getQuote } from "~/models/quote.server";
import styles from "~/styles/feedback.css";
import { pageTitle } from "~/i18n/meta";
import { Field, FormAlert, IntentForm, SelectField, TextareaField, fieldProps } from "~/components/forms";
import { feedbackIntentRequest } from "~/feedback/intent-request.server";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(feedbackStaff, "pageQuote");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("quotes") });
  const quote = await getQuote({ id: parseId(params.id), viewer: staff });
  if (!quote) throw notFound();
  const [themes, activities] = await Promise.all([listThemes({ includeArchived: true }), activitiesFor(staff)]);
  return {
    quote,
    themes: themes.filter((th) => !th.archived || quote.themeIds.includes(th.id)),
    // The quote's own activity stays choosable even when it is outside the reviewer's scope (decision 0046).
    activities: [
      ...activities.map((a) => ({ id: a.id, name: a.name })),
      ...(quote.activityId && !activities.some((a) => a.id === quote.activityId)
        ? [{ id: quote.activityId, name: quote.activityName ?? "" }]
        : []),
    ],
  };
}

/** Save, approve or reject: app/feedback/quote-intents.server.ts. */
export async function action(args: ActionFunctionArgs) {
  const { form, ctx } = await feedbackIntentRequest(args, "quotes");
  return quoteIntent(form, ctx);
}

export default function QuotePage() {
  const { quote, themes, activities } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useStrings(feedbackStaff);
  const saved = params.get("saved");
  const editable = quote.status === "candidate";
  const byName = fieldProps({ ...quote, ...result?.values });
  const field = (name: string, id: string) => ({ ...byName(name), id });
  const statusLabel = t[`quote_${quote.status}` as keyof typeof t];
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/staff/quotes">{t.backToQuotes}</Link>
      </p>
      <h1>{format(t.quoteTitle, { id: quote.id })}</h1>
      {/* Focused when it appears: on a phone the save button is far below it. */}
      <FormAlert id="quote-error" focus>
        {result?.error}
      </FormAlert>
      <FormAlert tone="ok">
        {saved && !result ? (saved === "approve" ? t.approved : saved === "reject" ? t.rejected : t.saved) : null}
      </FormAlert>
      <p>
        <QuoteStatusTag status={quote.status} t={t} />{" "}
        {quote.decidedAt && quote.decidedByName
          ? format(t.decidedBy, { status: statusLabel, name: quote.decidedByName, when: formatWhen(quote.decidedAt) })
          : null}
      </p>
      {quote.decisionNote ? <p className="muted">{quote.decisionNote}</p> : null}
      <p className={`alert ${quote.consentToQuote ? "alert--ok" : "alert--warn"}`}>
        {quote.consentToQuote ? t.consentOk : t.consentMissing}
        {quote.consentNote ? ` (${quote.consentNote})` : null}
      </p>
      <p className="muted">
        <Link to={`/staff/feedback/${quote.feedbackId}`}>{format(t.fromFeedback, { id: quote.feedbackId })}</Link> ·{" "}
        {t[`source_${quote.source}`]} · {quote.programName ?? t.noProgram}
        {quote.createdByName
          ? ` · ${format(t.createdBy, { name: quote.createdByName, when: formatWhen(quote.createdAt) })}`
          : null}
      </p>

      {editable ? (
        <Form method="post" className="stack">
          <TextareaField
            key={quote.text}
            label={t.quoteText}
            {...field("text", "quote-text")}
            errorIn={result?.field === "text" && "quote-error"}
            rows={6}
            hint={t.quoteTextHint}
          />
          <ThemeChoices themes={themes} selected={quote.themeIds} legend={t.themesLegend} />
          <SelectField
            label={t.activity}
            {...field("activityId", "quote-activity")}
            empty={t.noActivity}
            options={activities}
          />
          <Field
            label={t.quoteDate}
            {...field("quoteDate", "quote-date")}
            errorIn={result?.field === "quoteDate" && "quote-error"}
            type="date"
            required
          />
          <button type="submit" name="intent" value="save" className="button button--secondary">
            {t.saveQuote}
          </button>
        </Form>
      ) : (
        <>
          <blockquote className="fb-quote" data-testid="quote-text">
            {quote.text}
          </blockquote>
          <ul className="fb-meta">
            <li>
              <time dateTime={quote.quoteDate}>{quote.quoteDate}</time>
            </li>
            {quote.activityName ? <li>{quote.activityName}</li> : null}
            {quote.themes.map((th) => (
              <li key={th.id}>
                <span className="tag">{th.name}</span>
              </li>
            ))}
          </ul>
        </>
      )}

      {editable ? (
        <section className="fb-section" aria-labelledby="decide-title">
          <h2 id="decide-title">{t.approve}</h2>
          <IntentForm intent="approve" hint={t.approveHint} hintClassName="hint muted" submit={t.approve} />
        </section>
      ) : null}
      {quote.status !== "rejected" ? (
        <section className="fb-section" aria-labelledby="reject-title">
          <h2 id="reject-title">{t.reject}</h2>
          <IntentForm intent="reject" submit={t.reject} tone="danger" className="stack">
            <TextareaField
              label={t.rejectNote}
              id="reject-note"
              name="note"
              rows={2}
              maxLength={1000}
              hint={t.rejectHint}
            />
          </IntentForm>
        </section>
      ) : null}
    </div>
  );
}
