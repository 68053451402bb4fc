import { Form } from "@remix-run/react";
import { formatWhen } from "~/components/feedback-ui";
import { TextareaField } from "~/components/forms";
import { feedbackStaff } from "~/i18n/strings/feedback";
import { useStrings } from "~/i18n/use-strings";
import { errorOf, IntentAlerts, type IntentState } from "./intent-alerts";

export interface ItemComment {
  id: number;
  authorName: string | null;
  createdAt: string;
  kind: string;
  body: string;
}

/** The item's comments, newest last, and a new one. */
export function CommentsSection({ comments, state }: { comments: ItemComment[]; state: IntentState }) {
  const t = useStrings(feedbackStaff);
  const error = errorOf(state, "comment");
  return (
    <section className="fb-section" aria-labelledby="comments-title">
      <h2 id="comments-title">{t.commentsHeading}</h2>
      <p className="muted">{t.commentsHint}</p>
      {comments.length === 0 ? (
        <p>{t.noComments}</p>
      ) : (
        <ul className="fb-comments">
          {comments.map((c) => (
            <li key={c.id}>
              <p className="fb-comment__meta">
                {c.authorName ?? "–"}, <time dateTime={c.createdAt}>{formatWhen(c.createdAt)}</time>
                {c.kind !== "comment" ? ` · ${t[`commentKind_${c.kind}` as keyof typeof t]}` : null}
              </p>
              <p>{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      <IntentAlerts state={state} intent="comment" />
      <Form method="post" className="stack" key={comments.length}>
        <TextareaField label={t.commentLabel} name="body" id="comment-body" rows={3} errorIn={error && "err-comment"} />
        <button type="submit" name="intent" value="comment" className="button">
          {t.addComment}
        </button>
      </Form>
    </section>
  );
}
