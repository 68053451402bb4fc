import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { clientAddress } from "~/http/context";
import { requireForm } from "~/http/body.server";
import { z } from "zod";
import { ChoiceGroup, FormActions, FormAlert } from "~/components/forms";
import { parseForm } from "~/http/parse-form";
import { pageTitle } from "~/i18n/meta";
import { requireReport } from "~/reports/report-page.server";
import { availableQuotes, chooseQuotes } from "~/reports/report-service.server";
import { chosenQuoteIdsOf } from "~/reports/sections/voices";
import { quoted } from "~/reports/plain-text";
import { dateText } from "~/reports/swedish";
import { reports as strings } from "~/i18n/strings/reports";
import { useStrings } from "~/i18n/use-strings";
import styles from "~/styles/reports.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(strings, "quotesTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { report } = await requireReport(request, params.id);
  const quotes = await availableQuotes(report);
  return {
    id: report.id,
    title: report.title,
    final: report.status !== "draft",
    version: report.version,
    quotes: quotes.map((q) => ({ id: q.id, text: q.text, date: dateText(q.date) })),
    chosen: chosenQuoteIdsOf(quotes, report.chosenQuoteIds),
  };
}

type Problem = "final" | "conflict" | "not-found" | "too-many" | "unknown-quote";
const statusOf: Record<Problem, number> = {
  final: 409,
  conflict: 409,
  "not-found": 404,
  "too-many": 422,
  "unknown-quote": 422,
};

const choice = z.object({
  // The version the page was drawn from: a change made meanwhile by someone else is a conflict, not an overwrite.
  version: z.coerce.number().int(),
  quoteId: z.array(z.string().regex(/^\d{1,9}$/)),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { staff, report } = await requireReport(request, params.id);
  const parsed = parseForm(await requireForm(request), choice);
  const fail = (problem: Problem) => data({ problem }, { status: statusOf[problem] });
  if (!parsed.ok) return fail(parsed.errors.version ? "conflict" : "unknown-quote");
  const expectedVersion = parsed.value.version;
  const quoteIds = [...new Set(parsed.value.quoteId.map(Number))];
  const result = await chooseQuotes({ report, quoteIds, expectedVersion, actor: staff, ip: clientAddress(context) });
  if (!result.ok) return fail(result.problem);
  return redirect(`/staff/reports/${report.id}?done=quotes#avsnitt-synpunkter`, 303);
}

export default function ChooseQuotes() {
  const q = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useStrings(strings);
  const problems: Record<Problem, string> = {
    final: t.errFinal,
    conflict: t.errConflict,
    "not-found": t.errFinal,
    "too-many": t.errTooManyQuotes,
    "unknown-quote": t.errUnknownQuote,
  };
  return (
    <div className="page page--narrow">
      <p>
        <Link to={`/staff/reports/${q.id}`}>{t.cancel}</Link>
      </p>
      <h1>{t.quotesTitle}</h1>
      <p className="muted">{q.title}</p>
      <p>{t.quotesLead}</p>
      <FormAlert>{result ? problems[result.problem] : null}</FormAlert>
      {q.final ? (
        <FormAlert>{t.errFinal}</FormAlert>
      ) : q.quotes.length === 0 ? (
        <p>{t.quotesNone}</p>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="version" value={q.version} />
          <ChoiceGroup
            legend={t.chooseQuotes}
            name="quoteId"
            options={q.quotes.map((quote) => ({
              value: quote.id,
              label: (
                <>
                  {quoted(quote.text)} <span className="muted">({quote.date})</span>
                </>
              ),
            }))}
            defaultValue={q.chosen}
          />
          <FormActions submit={t.quotesSave} />
        </Form>
      )}
    </div>
  );
}
