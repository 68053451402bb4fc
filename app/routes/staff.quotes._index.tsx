import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireStaff } from "~/auth/guards.server";
import { rolesFor } from "~/auth/capabilities";
import { QuoteStatusTag, themeFilterOptions } from "~/components/feedback-ui";
import { SelectField } from "~/components/forms";
import { format } from "~/i18n/define";
import { feedbackStaff } from "~/i18n/strings/feedback";
import { useStrings } from "~/i18n/use-strings";
import { listThemes } from "~/models/feedback-theme.server";
import { listQuotes } from "~/models/quote.server";
import { QUOTE_STATUSES } from "~/models/feedback-constants";
import styles from "~/styles/feedback.css";
import { pageTitle } from "~/i18n/meta";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(feedbackStaff, "quotesLink");

const PAGE_SIZE = 50;
const querySchema = z.object({
  status: z.enum(QUOTE_STATUSES).catch("candidate"),
  theme: z.coerce.number().int().positive().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("quotes") });
  const url = new URL(request.url);
  const query = querySchema.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== "")));
  const [{ quotes, total, counts }, themes] = await Promise.all([
    listQuotes({
      viewer: staff,
      status: query.status,
      themeId: query.theme,
      limit: PAGE_SIZE,
      offset: (query.page - 1) * PAGE_SIZE,
    }),
    listThemes(),
  ]);
  return { quotes, total, counts, query, themes, pageSize: PAGE_SIZE };
}

export default function Quotes() {
  const { quotes, total, counts, query, themes, pageSize } = useLoaderData<typeof loader>();
  const t = useStrings(feedbackStaff);
  const link = (status: string, page = 1, theme = query.theme) => {
    const params = new URLSearchParams({ status });
    if (theme) params.set("theme", String(theme));
    if (page > 1) params.set("page", String(page));
    return `?${params}`;
  };
  return (
    <div className="page">
      <h1>{t.quotesTitle}</h1>
      <p className="lead">{t.quotesLead}</p>
      <nav aria-label={t.quotesTitle}>
        <ul className="fb-tabs">
          {QUOTE_STATUSES.map((s) => (
            <li key={s}>
              <Link to={link(s)} aria-current={query.status === s ? "page" : undefined}>
                {t[`quote_${s}`]} ({counts[s]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" className="fb-inline" style={{ marginBottom: "1rem" }}>
        <input type="hidden" name="status" value={query.status} />
        <SelectField
          label={t.filterTheme}
          id="q-theme"
          name="theme"
          empty={t.all}
          options={themeFilterOptions(themes)}
          defaultValue={query.theme ?? ""}
        />
        <button type="submit" className="button">
          {t.filter}
        </button>
      </form>
      <p role="status">{format(t.shownOf, { shown: quotes.length, total })}</p>
      {quotes.length === 0 ? (
        <p>{t.noQuotes}</p>
      ) : (
        <ul className="fb-list">
          {quotes.map((q) => (
            <li key={q.id} className="fb-item">
              <h2>
                <Link to={`/staff/quotes/${q.id}`}>{format(t.quoteTitle, { id: q.id })}</Link>
              </h2>
              <blockquote className="fb-quote">{q.text}</blockquote>
              <ul className="fb-meta">
                <li>
                  <QuoteStatusTag status={q.status} t={t} />
                </li>
                <li>{q.consentToQuote ? t.consent : <strong>{t.noConsent}</strong>}</li>
                <li>
                  <time dateTime={q.quoteDate}>{q.quoteDate}</time>
                </li>
                <li>{t[`source_${q.source}`]}</li>
                <li>{q.programName ?? t.noProgram}</li>
                {q.activityName ? <li>{q.activityName}</li> : null}
                {q.themes.map((th) => (
                  <li key={th.id}>
                    <span className="tag">{th.name}</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      <nav className="pager" aria-label={t.pagesNav}>
        {query.page > 1 ? <Link to={link(query.status, query.page - 1)}>{t.previousPage}</Link> : null}
        {query.page * pageSize < total ? <Link to={link(query.status, query.page + 1)}>{t.nextPage}</Link> : null}
      </nav>
    </div>
  );
}
