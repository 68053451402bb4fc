import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { clientAddress } from "~/http/context";
import { requireForm } from "~/http/body.server";
import { requireReport } from "~/reports/report-page.server";
import { availableQuotes, chooseQuotes } from "~/reports/report-service.server";
import { chosenQuoteIdsOf } from "~/reports/sections/voices";
import { quoted } from "~/reports/plain-text";
import { dateText } from "~/reports/swedish";
import { reports as strings } from "~/i18n/strings/reports";
import { useStrings } from "~/i18n/use-strings";
import styles from "~/styles/reports.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: `${strings.sv.quotesTitle} – Deltagarröst` }];

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

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { staff, report } = await requireReport(request, params.id);
  const form = await requireForm(request);
  const expectedVersion = Number(form.get("version"));
  const raw = form.getAll("quoteId");
  const fail = (problem: Problem) => data({ problem }, { status: statusOf[problem] });
  if (!Number.isSafeInteger(expectedVersion)) return fail("conflict");
  if (raw.some((v) => !/^\d{1,9}$/.test(v))) return fail("unknown-quote");
  const quoteIds = [...new Set(raw.map(Number))];
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
      {result ? (
        <p className="alert alert--error" role="alert">
          {problems[result.problem]}
        </p>
      ) : null}
      {q.final ? (
        <p className="alert alert--error">{t.errFinal}</p>
      ) : q.quotes.length === 0 ? (
        <p>{t.quotesNone}</p>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="version" value={q.version} />
          <fieldset className="field">
            <legend>{t.chooseQuotes}</legend>
            {q.quotes.map((quote) => (
              <label key={quote.id} className="choice">
                <input type="checkbox" name="quoteId" value={quote.id} defaultChecked={q.chosen.includes(quote.id)} />{" "}
                {quoted(quote.text)} <span className="muted">({quote.date})</span>
              </label>
            ))}
          </fieldset>
          <div className="actions">
            <button type="submit" className="button">
              {t.quotesSave}
            </button>
          </div>
        </Form>
      )}
    </div>
  );
}
