import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { badRequest, notFound, refuseLeftOutFields } from "~/http/errors.server";
import { parseForm } from "~/http/parse-form";
import { format } from "~/i18n/define";
import type { feedbackStaff } from "~/i18n/strings/feedback";
import type { Locale } from "~/i18n/locale";
import {
  addFeedbackComment,
  assignFeedback,
  clearFeedbackFlag,
  flagFeedback,
  markFeedbackRead,
  readRawFeedback,
  setFeedbackStatus,
  setFeedbackThemes,
  type Viewer,
} from "~/models/feedback.server";
import { FEEDBACK_STATUSES } from "~/models/feedback-constants";
import { proposeQuote } from "~/models/quote.server";

/**
 * What a staff member can do on one feedback item (`/staff/feedback/:id`): one function per intent. The route
 * reads the form and calls `feedbackItemIntent`; each intent answers with a redirect (saved), the raw text, or
 * an error shown beside its own section.
 */
export const COMMENT_MAX = 5000;

const commentText = z.string().trim().max(COMMENT_MAX, "errTooLong");
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

export type FeedbackIntent = z.infer<typeof intents>["intent"];
export type FeedbackItemResult = {
  intent: FeedbackIntent;
  error: string | null;
  raw: { text: string; contact: string | null } | null;
};

type Strings = (typeof feedbackStaff)[Locale];
interface Context {
  id: number;
  viewer: Viewer;
  ip: string;
  t: Strings;
}

export async function feedbackItemIntent(form: URLSearchParams, ctx: Context) {
  const parsed = parseForm(form, intents);
  refuseLeftOutFields(parsed);
  if (!parsed.ok) return refusedForm(form.get("intent") ?? "", parsed.errors, ctx.t);
  const input = parsed.value;
  const { id, viewer, ip, t } = ctx;
  const fail = (error: string) => data<FeedbackItemResult>({ intent: input.intent, error, raw: null }, { status: 422 });
  const done = () => redirect(`/staff/feedback/${id}?saved=${input.intent}`);
  const refuse = (problem: "not-found" | "invalid", message: string) => {
    if (problem === "not-found") throw notFound();
    return fail(message);
  };

  switch (input.intent) {
    case "read": {
      await markFeedbackRead({ id, viewer });
      return { intent: input.intent, error: null, raw: null } satisfies FeedbackItemResult;
    }
    case "read-raw": {
      const rawText = await readRawFeedback({ id, viewer, ip });
      if (!rawText) throw notFound();
      return { intent: input.intent, error: null, raw: rawText } satisfies FeedbackItemResult;
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
      const assigneeId = input.assignee === "" ? null : input.assignee;
      const result = await assignFeedback({ id, viewer, ip, assigneeId });
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

/** A form that does not parse: a too-long comment or a wrong choice is said beside its section; else 400. */
function refusedForm(intent: string, errors: Partial<Record<string, string>>, t: Strings) {
  const tooLong = Object.values(errors).includes("errTooLong");
  if (["comment", "flag", "unflag"].includes(intent) && tooLong)
    return data<FeedbackItemResult>(
      { intent: intent as FeedbackIntent, error: format(t.errTooLong, { max: COMMENT_MAX }), raw: null },
      { status: 422 },
    );
  if (["status", "assign", "themes"].includes(intent))
    return data<FeedbackItemResult>(
      { intent: intent as FeedbackIntent, error: t.errInvalid, raw: null },
      { status: 422 },
    );
  throw badRequest();
}
