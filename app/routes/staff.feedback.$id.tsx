import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { parseId } from "~/http/params";
import { requireStaff } from "~/auth/guards.server";
import { rolesFor } from "~/auth/capabilities";
import { clientAddress } from "~/http/context";
import { QuoteStatusTag, StatusTag, formatWhen, ThemeChoices } from "~/components/feedback-ui";
import { requireForm } from "~/http/body.server";
import { badRequest, notFound } from "~/http/errors.server";
import { format } from "~/i18n/define";
import { localeFromRequest } from "~/i18n/locale";
import { feedbackStaff } from "~/i18n/strings/feedback";
import { useStrings } from "~/i18n/use-strings";
import {
  addFeedbackComment,
  assignFeedback,
  clearFeedbackFlag,
  flagFeedback,
  getFeedback,
  listAssignableStaff,
  markFeedbackRead,
  readRawFeedback,
  setFeedbackStatus,
  setFeedbackThemes,
} from "~/models/feedback.server";
import { listThemes } from "~/models/feedback-theme.server";
import { proposeQuote } from "~/models/quote.server";
import { FEEDBACK_STATUSES } from "~/models/feedback-constants";
import styles from "~/styles/feedback.css";
import { pageTitle } from "~/i18n/meta";
import { useMarkAsRead } from "~/components/use-mark-read";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(feedbackStaff, "pageItem");

const COMMENT_MAX = 5000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("feedback") });
  const id = parseId(params.id);
  const item = await getFeedback({ id, viewer: staff });
  if (!item) throw notFound();
  const [themes, colleagues] = await Promise.all([
    listThemes({ includeArchived: true }),
    listAssignableStaff({ programId: item.programId }),
  ]);
  return {
    item,
    themes: themes.filter((th) => !th.archived || item.themeIds.includes(th.id)),
    colleagues,
  };
}

const commentText = z.string().trim().max(COMMENT_MAX);
const intents = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read") }),
  z.object({ intent: z.literal("read-raw") }),
  z.object({ intent: z.literal("status"), status: z.enum(FEEDBACK_STATUSES) }),
  z.object({ intent: z.literal("assign"), assignee: z.union([z.literal(""), z.coerce.number().int().positive()]) }),
  z.object({ intent: z.literal("themes"), themeIds: z.array(z.coerce.number().int().positive()).max(100) }),
  z.object({ intent: z.literal("comment"), body: commentText }),
  z.object({ intent: z.literal("flag"), comment: commentText }),
  z.object({ intent: z.literal("unflag"), comment: commentText }),
  z.object({ intent: z.literal("quote") }),
]);

type Intent = z.infer<typeof intents>["intent"];

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("feedback") });
  const id = parseId(params.id);
  const form = await requireForm(request, { maxBytes: 64 * 1024 });
  const t = feedbackStaff[localeFromRequest(request)];
  const ip = clientAddress(context);
  const raw = Object.fromEntries(form);
  const parsed = intents.safeParse({ ...raw, themeIds: form.getAll("themeIds") });
  if (!parsed.success) {
    const intent = String(raw.intent ?? "");
    const tooLong = parsed.error.issues.some((i) => i.code === "too_big");
    if (["comment", "flag", "unflag"].includes(intent) && tooLong) {
      return data(
        { intent: intent as Intent, error: format(t.errTooLong, { max: COMMENT_MAX }), raw: null },
        { status: 422 },
      );
    }
    if (["status", "assign", "themes"].includes(intent))
      return data({ intent: intent as Intent, error: t.errInvalid, raw: null }, { status: 422 });
    throw badRequest();
  }
  const input = parsed.data;
  const viewer = staff;
  const fail = (error: string) => data({ intent: input.intent, error, raw: null }, { status: 422 });
  const done = () => redirect(`/staff/feedback/${id}?saved=${input.intent}`);
  const refuse = (problem: "not-found" | "invalid", message: string) => {
    if (problem === "not-found") throw notFound();
    return fail(message);
  };

  switch (input.intent) {
    case "read": {
      await markFeedbackRead({ id, viewer });
      return { intent: input.intent, error: null, raw: null };
    }
    case "read-raw": {
      const rawText = await readRawFeedback({ id, viewer, ip });
      if (!rawText) throw notFound();
      return { intent: input.intent, error: null, raw: rawText };
    }
    case "quote": {
      const result = await proposeQuote({ feedbackId: id, viewer, ip });
      if (!result.ok) throw notFound();
      return redirect(`/staff/quotes/${result.id}`);
    }
    case "status": {
      const result = await setFeedbackStatus({ id, viewer, ip, status: input.status });
      if (!result.ok) throw notFound();
      return done();
    }
    case "assign": {
      const result = await assignFeedback({
        id,
        viewer,
        ip,
        assigneeId: input.assignee === "" ? null : input.assignee,
      });
      return result.ok ? done() : refuse(result.problem, t.errInvalid);
    }
    case "themes": {
      const result = await setFeedbackThemes({ id, viewer, ip, themeIds: input.themeIds });
      return result.ok ? done() : refuse(result.problem, t.errInvalid);
    }
    case "comment": {
      if (input.body === "") return fail(t.errComment);
      const result = await addFeedbackComment({ id, viewer, ip, body: input.body });
      return result.ok ? done() : refuse(result.problem, t.errComment);
    }
    case "flag": {
      const result = await flagFeedback({ id, viewer, ip, comment: input.comment });
      return result.ok ? done() : refuse(result.problem, t.errAlreadyFlagged);
    }
    case "unflag": {
      if (input.comment === "") return fail(t.errClearComment);
      const result = await clearFeedbackFlag({ id, viewer, ip, comment: input.comment });
      return result.ok ? done() : refuse(result.problem, t.errClearComment);
    }
  }
}

export default function FeedbackItem() {
  const { item, themes, colleagues } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useStrings(feedbackStaff);
  const saved = params.get("saved");
  useMarkAsRead(item.status);
  const errorFor = (intent: Intent) =>
    result?.intent === intent && result.error ? (
      <p className="alert alert--error" role="alert" id={`err-${intent}`}>
        {result.error}
      </p>
    ) : null;
  const savedFor = (intent: Intent) =>
    saved === intent && !result ? (
      <p className="alert alert--ok" role="status">
        {t.saved}
      </p>
    ) : null;
  const raw = result?.raw ?? null;

  return (
    <div className="page">
      <p>
        <Link to="/staff/feedback">{t.backToInbox}</Link>
      </p>
      <h1>{format(t.itemTitle, { id: item.id })}</h1>

      {item.flagged ? (
        <section className="fb-flag" aria-labelledby="flag-title">
          <h2 id="flag-title">{t.flagHeading}</h2>
          <p>{t.flagActive}</p>
          <p>
            {item.flagReason === "manual" || !item.flagReason
              ? t.flagManual
              : format(t.flagWords, { words: item.flagReason })}
          </p>
          {errorFor("unflag")}
          <Form method="post" className="stack" noValidate>
            <div className="field">
              <label htmlFor="unflag-comment">{t.clearFlagComment}</label>
              <textarea
                id="unflag-comment"
                name="comment"
                rows={3}
                required
                aria-invalid={result?.intent === "unflag" && result.error ? true : undefined}
                aria-describedby={result?.intent === "unflag" && result.error ? "err-unflag" : undefined}
              />
            </div>
            <button type="submit" name="intent" value="unflag" className="button">
              {t.clearFlag}
            </button>
          </Form>
        </section>
      ) : null}
      {savedFor("unflag")}
      {savedFor("flag")}

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
            <dt>{t.assignHeading}</dt>
            <dd>{item.assignedToName}</dd>
          </>
        ) : null}
      </dl>

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
        <Form method="post">
          <p className="hint muted" id="raw-hint">
            {t.showRawHint}
          </p>
          <button
            type="submit"
            name="intent"
            value="read-raw"
            className="button button--secondary"
            aria-describedby="raw-hint"
          >
            {t.showRaw}
          </button>
        </Form>
      )}

      <section className="fb-section" aria-labelledby="status-title">
        <h2 id="status-title">{t.statusHeading}</h2>
        {errorFor("status")}
        {savedFor("status")}
        <Form method="post" className="fb-inline">
          <div className="field">
            <label htmlFor="status">{t.statusHeading}</label>
            <select id="status" name="status" defaultValue={item.status} key={item.status}>
              {(["ny", "last", "foljs_upp", "klar"] as const).map((s) => (
                <option key={s} value={s}>
                  {t[`status_${s}`]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" name="intent" value="status" className="button">
            {t.save}
          </button>
        </Form>
      </section>

      <section className="fb-section" aria-labelledby="assign-title">
        <h2 id="assign-title">{t.assignHeading}</h2>
        {errorFor("assign")}
        {savedFor("assign")}
        <Form method="post" className="fb-inline">
          <div className="field">
            <label htmlFor="assignee">{t.assignLabel}</label>
            <select id="assignee" name="assignee" defaultValue={item.assignedTo ?? ""} key={item.assignedTo ?? "none"}>
              <option value="">{t.nobody}</option>
              {colleagues.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" name="intent" value="assign" className="button">
            {t.save}
          </button>
        </Form>
      </section>

      <section className="fb-section" aria-labelledby="themes-title">
        <h2 id="themes-title">{t.themesHeading}</h2>
        {errorFor("themes")}
        {savedFor("themes")}
        <Form method="post" key={item.themeIds.join(",")}>
          <ThemeChoices themes={themes} selected={item.themeIds} legend={t.themesLegend} />
          <p className="actions">
            <button type="submit" name="intent" value="themes" className="button">
              {t.save}
            </button>
          </p>
        </Form>
      </section>

      {!item.flagged ? (
        <section className="fb-section" aria-labelledby="flag-set-title">
          <h2 id="flag-set-title">{t.flagHeading}</h2>
          {errorFor("flag")}
          <Form method="post" className="stack">
            <div className="field">
              <label htmlFor="flag-comment">{t.setFlagComment}</label>
              <p className="hint" id="flag-hint">
                {t.setFlagHint}
              </p>
              <textarea id="flag-comment" name="comment" rows={2} aria-describedby="flag-hint" />
            </div>
            <button type="submit" name="intent" value="flag" className="button button--danger">
              {t.setFlag}
            </button>
          </Form>
        </section>
      ) : null}

      <section className="fb-section" aria-labelledby="comments-title">
        <h2 id="comments-title">{t.commentsHeading}</h2>
        <p className="muted">{t.commentsHint}</p>
        {item.comments.length === 0 ? (
          <p>{t.noComments}</p>
        ) : (
          <ul className="fb-comments">
            {item.comments.map((c) => (
              <li key={c.id}>
                <p className="fb-comment__meta">
                  {c.authorName ?? "–"}, <time dateTime={c.createdAt}>{formatWhen(c.createdAt)}</time>
                  {c.kind !== "comment" ? ` · ${t[`commentKind_${c.kind}`]}` : null}
                </p>
                <p>{c.body}</p>
              </li>
            ))}
          </ul>
        )}
        {errorFor("comment")}
        {savedFor("comment")}
        <Form method="post" className="stack" key={item.comments.length}>
          <div className="field">
            <label htmlFor="comment-body">{t.commentLabel}</label>
            <textarea
              id="comment-body"
              name="body"
              rows={3}
              aria-invalid={result?.intent === "comment" && result.error ? true : undefined}
              aria-describedby={result?.intent === "comment" && result.error ? "err-comment" : undefined}
            />
          </div>
          <button type="submit" name="intent" value="comment" className="button">
            {t.addComment}
          </button>
        </Form>
      </section>

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
          <Form method="post">
            <p className="hint muted" id="quote-hint">
              {t.makeQuoteHint}
            </p>
            <button
              type="submit"
              name="intent"
              value="quote"
              className="button button--secondary"
              aria-describedby="quote-hint"
            >
              {t.makeQuote}
            </button>
          </Form>
        )}
      </section>
    </div>
  );
}
