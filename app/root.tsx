import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { getStaff } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useNonce } from "~/components/nonce";
import { INLINE_STYLES_ID, START_DEFERRED_SCRIPTS, useInlineStyles, usePaintFirst } from "~/components/paint-first";
import { surveyShouldRevalidate } from "~/components/survey/should-revalidate";
import { useOutboxFlush } from "~/components/survey/use-outbox-flush";
import { DEFAULT_LOCALE, localeFromRequest, type Locale } from "~/i18n/locale";
import { common } from "~/i18n/strings/common";
import { pageTitle } from "~/i18n/meta";
import { format } from "~/i18n/define";
import appCss from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta = pageTitle(common, "appName", { appName: false });

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await getStaff(request);
  return {
    locale: localeFromRequest(request),
    staff: staff ? { name: staff.name, role: staff.role } : null,
  };
}

type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<RootData>("root");
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE;
  const t = common[locale];
  const nonce = useNonce();
  const location = useLocation();
  const back = `${location.pathname}${location.search}`;
  const other: Locale = locale === "sv" ? "en" : "sv";
  const inlined = useInlineStyles();
  const paintFirst = usePaintFirst();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        {inlined ? (
          <>
            {/* A page that must show at once on a slow phone carries its styles: no round trip before the paint. */}
            <style
              id={INLINE_STYLES_ID}
              data-hrefs={inlined.hrefs.join(" ")}
              dangerouslySetInnerHTML={{ __html: inlined.css }}
            />
            <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          </>
        ) : (
          <Links />
        )}
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t.skipToContent}
        </a>
        <header className="site-header">
          <div className="site-header__inner">
            <Link to={data?.staff ? "/staff" : "/"} className="brand">
              {t.appName}
            </Link>
            <nav aria-label={t.mainNav} className="site-nav">
              <a
                href={`/sprak/${other}?tillbaka=${encodeURIComponent(back)}`}
                lang={other}
                hrefLang={other}
                aria-label={t.switchLanguageLabel}
                className="lang-switch"
              >
                {t.switchLanguage}
              </a>
              {data?.staff ? (
                <Form method="post" action="/staff/logout" className="inline-form">
                  <button type="submit" className="button button--quiet">
                    {t.logout}
                  </button>
                </Form>
              ) : null}
            </nav>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>{data?.staff ? format(t.loggedInAs, { name: data.staff.name }) : t.footer}</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        {paintFirst ? (
          // The page works as it is; its scripts start once it has loaded (decision 0029).
          <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: START_DEFERRED_SCRIPTS }} />
        ) : null}
      </body>
    </html>
  );
}

// A survey step (a fetcher post to /s/CODE/svara) changes nothing the root shows: one round trip per question.
export const shouldRevalidate = surveyShouldRevalidate;

export default function App() {
  useOutboxFlush();
  // Scripts are running: tests wait for this state instead of for time.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "1";
  }, []);
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
