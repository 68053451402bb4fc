import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { isoDate } from "~/http/params";
import { requireStaff } from "~/auth/guards.server";
import { rolesFor } from "~/auth/capabilities";
import { StatusTag, QuoteStatusTag, formatWhen } from "~/components/feedback-ui";
import { format } from "~/i18n/define";
import { feedbackStaff } from "~/i18n/strings/feedback";
import { useStrings } from "~/i18n/use-strings";
import { listFeedback, themeCounts, type FeedbackFilter } from "~/models/feedback.server";
import { listThemes } from "~/models/feedback-theme.server";
import { activitiesFor, programsInView } from "~/activities/programs.server";
import { FeedbackFilters } from "~/components/feedback-filters";
import { FEEDBACK_SOURCES, FEEDBACK_STATUSES, FEEDBACK_FILTER_KEYS as FILTER_KEYS } from "~/models/feedback-constants";
import styles from "~/styles/feedback.css";
import { pageTitle } from "~/i18n/meta";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(feedbackStaff, "inboxTitle");

/** Items on one page of the inbox: at 390 px one item is ~260 px tall, so a page stays a few screens long. */
const PAGE_SIZE = 20;
/** The inbox's neighbours, linked beside "new note": quotes, themes and the names to hide. */
const OTHER_PAGES = [
  { to: "/staff/quotes", label: "quotesLink" },
  { to: "/staff/feedback/themes", label: "themesLink" },
  { to: "/staff/feedback/names", label: "namesLink" },
] as const;
const id = z.coerce.number().int().positive();
const filterSchema = z.object({
  source: z.enum(FEEDBACK_SOURCES).optional().catch(undefined),
  program: id.optional().catch(undefined),
  activity: id.optional().catch(undefined),
  theme: id.optional().catch(undefined),
  status: z.enum(FEEDBACK_STATUSES).optional().catch(undefined),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  flagged: z.enum(["1", "0"]).optional().catch(undefined),
  assigned: z.enum(["me"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1),
});
export type InboxQuery = z.infer<typeof filterSchema>;

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("feedback") });
  const url = new URL(request.url);
  const query = filterSchema.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== "")));
  const filter: FeedbackFilter = {
    source: query.source,
    programId: query.program,
    activityId: query.activity,
    themeId: query.theme,
    status: query.status,
    from: query.from,
    to: query.to,
    flagged: query.flagged === undefined ? undefined : query.flagged === "1",
    assignedTo: query.assigned === "me" ? staff.id : undefined,
  };
  const [{ items, total }, counts, themes, programs, activities] = await Promise.all([
    listFeedback({ viewer: staff, filter, limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE }),
    themeCounts({ viewer: staff, filter }),
    listThemes(),
    programsInView(staff),
    activitiesFor(staff),
  ]);
  return {
    items,
    total,
    query,
    pageSize: PAGE_SIZE,
    themes: themes.map((th) => ({ ...th, count: counts.get(th.id) ?? 0 })),
    programs: programs.map((p) => ({ id: p.id, name: p.name })),
    activities: activities.map((a) => ({ id: a.id, name: a.name })),
  };
}

export default function FeedbackInbox() {
  const { items, total, query, pageSize, themes, programs, activities } = useLoaderData<typeof loader>();
  const t = useStrings(feedbackStaff);
  const link = (changes: Partial<Record<(typeof FILTER_KEYS)[number] | "page", string | number | undefined>>) => {
    const params = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const value = key in changes ? changes[key] : query[key];
      if (value !== undefined && value !== "") params.set(key, String(value));
    }
    const page = changes.page ?? undefined;
    if (page && page !== 1) params.set("page", String(page));
    const s = params.toString();
    return s ? `?${s}` : "?";
  };
  const counted = themes.filter((th) => th.count > 0);
  const first = (query.page - 1) * pageSize;
  const pages = Math.ceil(total / pageSize);
  return (
    <div className="page">
      <h1>{t.inboxTitle}</h1>
      <p className="lead">{t.inboxLead}</p>
      <p className="fb-links">
        <Link to="/staff/feedback/new" className="button">
          {t.newNote}
        </Link>
        {OTHER_PAGES.map(({ to, label }) => (
          <Link key={to} to={to} className="button button--secondary">
            {t[label]}
          </Link>
        ))}
      </p>

      <FeedbackFilters query={query} themes={themes} programs={programs} activities={activities} />

      <div className="fb-layout">
        <section aria-labelledby="fb-results">
          <p role="status" id="fb-results">
            {items.length === 0
              ? format(t.shownOf, { shown: 0, total })
              : format(t.shownRange, { first: first + 1, last: first + items.length, total })}
          </p>
          {items.length === 0 ? (
            <p>{t.nothing}</p>
          ) : (
            <ul className="fb-list">
              {items.map((item) => (
                <li
                  key={item.id}
                  className={`fb-item ${item.flagged ? "fb-item--flagged" : item.status === "ny" ? "fb-item--new" : ""}`}
                >
                  <h2>
                    <Link to={`/staff/feedback/${item.id}`}>{format(t.itemTitle, { id: item.id })}</Link>
                  </h2>
                  <ul className="fb-meta">
                    {item.flagged ? (
                      <li>
                        <span className="tag tag--flag">{t.flagged}</span>
                      </li>
                    ) : null}
                    <li>
                      <StatusTag status={item.status} t={t} />
                    </li>
                    <li>
                      <time dateTime={item.createdAt}>{formatWhen(item.createdAt)}</time>
                    </li>
                    <li>{t[`source_${item.source}`]}</li>
                    <li>{item.programName ?? t.noProgram}</li>
                    {item.activityName ? <li>{item.activityName}</li> : null}
                  </ul>
                  <p className="fb-item__text">{item.excerpt}</p>
                  <ul className="fb-meta">
                    {item.themes.map((th) => (
                      <li key={th.id}>
                        <span className="tag">{th.name}</span>
                      </li>
                    ))}
                    {item.wantsContact ? (
                      <li>
                        <span className="tag tag--brand">{t.wantsContact}</span>
                      </li>
                    ) : null}
                    {item.consentToQuote ? <li>{t.consent}</li> : null}
                    {item.assignedToName ? <li>{format(t.assignedTo, { name: item.assignedToName })}</li> : null}
                    {item.commentCount > 0 ? (
                      <li>
                        {item.commentCount === 1 ? t.commentsOne : format(t.comments, { count: item.commentCount })}
                      </li>
                    ) : null}
                    {item.quoteStatus ? (
                      <li>
                        <QuoteStatusTag status={item.quoteStatus} t={t} />
                      </li>
                    ) : null}
                  </ul>
                </li>
              ))}
            </ul>
          )}
          {pages > 1 ? (
            <nav className="pager" aria-label={t.pagesNav}>
              {query.page > 1 ? (
                <Link to={link({ page: Math.min(query.page - 1, pages) })}>{t.previousPage}</Link>
              ) : null}
              <span>{format(t.pageOf, { page: query.page, pages })}</span>
              {query.page < pages ? <Link to={link({ page: query.page + 1 })}>{t.nextPage}</Link> : null}
            </nav>
          ) : null}
        </section>

        <aside className="fb-counts" aria-labelledby="fb-counts-title">
          <h2 id="fb-counts-title">{t.themeCounts}</h2>
          {counted.length === 0 ? (
            <p>{t.noThemeCounts}</p>
          ) : (
            <ul>
              {counted.map((th) => (
                <li key={th.id} className={th.parentId ? "fb-sub" : undefined}>
                  <Link to={link({ theme: th.id })} aria-current={query.theme === th.id ? "true" : undefined}>
                    {th.name}
                  </Link>
                  <span>{th.count}</span>
                </li>
              ))}
            </ul>
          )}
        </aside>
      </div>
    </div>
  );
}
