/**
 * The one error page. Each layout exports an ErrorBoundary that renders it inside its own frame, so an error
 * keeps the frame around it: root (everyone), `staff.tsx` (keeps the staff menu), `w.$code.tsx` and
 * `s.$code.tsx` (the participant's page).
 *
 *   export function ErrorBoundary() {
 *     return <GeneralErrorBoundary home="/staff" statusHandlers={{ 404: ({ t }) => <p>{t.errorText404}</p> }} />;
 *   }
 *
 * A status without a handler gets the shared title and text of `common` strings for 400, 403, 404, 410, 413,
 * 429 and 500 (another 4xx counts as 400, another 5xx as 500). Guards and models throw `httpError(status,
 * reason)` from `app/http/errors.server.ts`; `reason` picks a more precise text where one exists.
 */
import { Link, isRouteErrorResponse, useRouteError, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { DEFAULT_LOCALE, type Locale } from "~/i18n/locale";
import { common } from "~/i18n/strings/common";

const KNOWN = [400, 403, 404, 410, 413, 429, 500] as const;
export type KnownStatus = (typeof KNOWN)[number];
type CommonStrings = (typeof common)[Locale];

export interface ErrorInfo {
  status: KnownStatus;
  reason: string | null;
  t: CommonStrings;
}

/** The status the page explains, and the reason the server gave. */
export function useErrorInfo(): ErrorInfo {
  const error = useRouteError();
  const root = useRouteLoaderData<{ locale: Locale }>("root");
  const t = common[root?.locale ?? DEFAULT_LOCALE];
  if (!isRouteErrorResponse(error)) return { status: 500, reason: null, t };
  const reason = (error.data as { reason?: string } | null)?.reason ?? null;
  if (error.status === 405) return { status: 400, reason, t };
  const status = (KNOWN as readonly number[]).includes(error.status)
    ? (error.status as KnownStatus)
    : error.status >= 500
      ? 500
      : 400;
  return { status, reason, t };
}

function defaultText({ status, reason, t }: ErrorInfo): string {
  return status === 403 && reason === "foreign-origin" ? t.errorText403Origin : t[`errorText${status}`];
}

export function GeneralErrorBoundary({
  home = "/",
  statusHandlers = {},
}: {
  /** Where the button leads: the start page of the area the error happened in. */
  home?: string;
  /** The text for a status, in place of the shared one. */
  statusHandlers?: Partial<Record<KnownStatus, (info: ErrorInfo) => ReactNode>>;
}) {
  const info = useErrorInfo();
  const handler = statusHandlers[info.status];
  return (
    <div className="page page--narrow error-page">
      <h1>{info.t[`errorTitle${info.status}`]}</h1>
      {handler ? handler(info) : <p>{defaultText(info)}</p>}
      <p className="error-code">({info.status})</p>
      <p>
        <Link to={home} className="button">
          {info.t.errorBackHome}
        </Link>
      </p>
    </div>
  );
}
