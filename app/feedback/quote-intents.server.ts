import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { badRequest, notFound, refuseLeftOutFields } from "~/http/errors.server";
import { isoDate } from "~/http/params";
import { parseForm } from "~/http/parse-form";
import { format } from "~/i18n/define";
import type { Locale } from "~/i18n/locale";
import type { feedbackStaff } from "~/i18n/strings/feedback";
import type { Viewer } from "~/models/feedback.server";
import { QUOTE_TEXT_MAX } from "~/models/feedback-constants";
import { approveQuote, rejectQuote, updateQuote, type QuoteProblem } from "~/models/quote.server";

/**
 * What a reviewer does on one quote (`/staff/quotes/:id`): save the text, themes and date; approve; reject.
 * Each model function audits inside its own transaction; this answers with a redirect or the error to show.
 */
const intents = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save"),
    text: z.string().max(QUOTE_TEXT_MAX),
    themeIds: z.array(z.coerce.number().int().positive()).max(100),
    activityId: z.union([z.literal(""), z.coerce.number().int().positive()]),
    quoteDate: isoDate,
  }),
  z.object({ intent: z.literal("approve") }),
  z.object({ intent: z.literal("reject"), note: z.string().trim().max(1000) }),
]);
export type QuoteIntent = z.infer<typeof intents>["intent"];
/** The field an error is about, so the page marks it and points to the message. */
export type QuoteField = "text" | "quoteDate";

type Strings = (typeof feedbackStaff)[Locale];

export async function quoteIntent(
  form: URLSearchParams,
  { id, viewer, ip, t }: { id: number; viewer: Viewer; ip: string; t: Strings },
) {
  const raw = Object.fromEntries(form);
  const parsed = parseForm(form, intents);
  refuseLeftOutFields(parsed);
  const messages: Record<QuoteProblem, string> = {
    "not-found": "",
    "no-consent": t.errNoConsent,
    decided: t.errDecided,
    rejected: t.errRejected,
    empty: t.errEmpty,
    invalid: t.errInvalid,
  };
  if (!parsed.ok) {
    if (raw.intent !== "save" && raw.intent !== "reject") throw badRequest();
    const { errors } = parsed;
    const error = errors.quoteDate
      ? t.errDate
      : errors.text
        ? format(t.errTooLong, { max: QUOTE_TEXT_MAX })
        : t.errInvalid;
    const field: QuoteField | null = errors.quoteDate ? "quoteDate" : errors.text ? "text" : null;
    return data(
      {
        intent: raw.intent as QuoteIntent,
        error,
        field,
        values: raw.intent === "save" ? { text: String(raw.text ?? ""), quoteDate: String(raw.quoteDate ?? "") } : null,
      },
      { status: 422 },
    );
  }
  const input = parsed.value;
  const staff = viewer;
  const outcome =
    input.intent === "save"
      ? await updateQuote({
          id,
          viewer: staff,
          ip,
          text: input.text.replace(/\r\n?/g, "\n"),
          themeIds: input.themeIds,
          activityId: input.activityId === "" ? null : input.activityId,
          quoteDate: input.quoteDate,
        })
      : input.intent === "approve"
        ? await approveQuote({ id, viewer: staff, ip })
        : await rejectQuote({ id, viewer: staff, ip, note: input.note });
  if (!outcome.ok) {
    if (outcome.problem === "not-found") throw notFound();
    const values = input.intent === "save" ? { text: input.text, quoteDate: input.quoteDate } : null;
    return data(
      {
        intent: input.intent as QuoteIntent,
        error: messages[outcome.problem],
        field: (outcome.problem === "empty" ? "text" : null) as QuoteField | null,
        values,
      },
      { status: outcome.problem === "decided" || outcome.problem === "rejected" ? 409 : 422 },
    );
  }
  return redirect(`/staff/quotes/${id}?saved=${input.intent}`);
}
