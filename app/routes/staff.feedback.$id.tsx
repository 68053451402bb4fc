import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { parseId } from "~/http/params";
import { requireStaff } from "~/auth/guards.server";
import { rolesFor } from "~/auth/capabilities";
import { notFound } from "~/http/errors.server";
import { FormAlert } from "~/components/forms";
import { CommentsSection } from "~/components/feedback-item/comments-section";
import { RaiseFlagSection, RaisedFlagSection } from "~/components/feedback-item/flag-sections";
import { ItemFacts, ItemText, QuoteSection } from "~/components/feedback-item/item-text";
import { AssignSection, StatusSection, ThemesSection } from "~/components/feedback-item/review-sections";
import { useMarkAsRead } from "~/components/use-mark-read";
import { feedbackItemIntent, type FeedbackItemResult } from "~/feedback/item-intents.server";
import { format } from "~/i18n/define";
import { pageTitle } from "~/i18n/meta";
import { feedbackStaff } from "~/i18n/strings/feedback";
import { useStrings } from "~/i18n/use-strings";
import { getFeedback, listAssignableStaff } from "~/models/feedback.server";
import { listThemes } from "~/models/feedback-theme.server";
import styles from "~/styles/feedback.css";
import { feedbackIntentRequest } from "~/feedback/intent-request.server";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(feedbackStaff, "pageItem");

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

/** One function per intent (status, assign, themes, comment, flag, raw text, quote…): app/feedback/item-intents.server.ts. */
export async function action(args: ActionFunctionArgs) {
  const { form, ctx } = await feedbackIntentRequest(args, "feedback");
  return feedbackItemIntent(form, ctx);
}

export default function FeedbackItem() {
  const { item, themes, colleagues } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FeedbackItemResult | undefined;
  const [params] = useSearchParams();
  const t = useStrings(feedbackStaff);
  const saved = params.get("saved");
  useMarkAsRead(item.status);
  const state = { result, saved };

  return (
    <div className="page">
      <p>
        <Link to="/staff/feedback">{t.backToInbox}</Link>
      </p>
      <h1>{format(t.itemTitle, { id: item.id })}</h1>
      {item.flagged ? <RaisedFlagSection reason={item.flagReason} state={state} /> : null}
      <FormAlert tone="ok">{(saved === "unflag" || saved === "flag") && !result ? t.saved : null}</FormAlert>
      <ItemFacts item={item} />
      <ItemText item={item} raw={result?.raw ?? null} />
      <StatusSection status={item.status} state={state} />
      <AssignSection assignedTo={item.assignedTo} colleagues={colleagues} state={state} />
      <ThemesSection themes={themes} selected={item.themeIds} state={state} />
      {!item.flagged ? <RaiseFlagSection state={state} /> : null}
      <CommentsSection comments={item.comments} state={state} />
      <QuoteSection item={item} />
    </div>
  );
}
