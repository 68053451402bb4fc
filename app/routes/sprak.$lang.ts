import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { safeRedirectTarget } from "~/auth/guards.server";
import { isLocale, LOCALE_COOKIE } from "~/i18n/locale";
import { notFound } from "~/http/errors.server";
import { isHttps } from "~/auth/session.server";

/** The language switch: a plain link, so it works without JavaScript; the choice is kept for a year. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!isLocale(params.lang)) throw notFound();
  const back = safeRedirectTarget(new URL(request.url).searchParams.get("tillbaka"), "/");
  const cookie = `${LOCALE_COOKIE}=${params.lang}; Path=/; Max-Age=31536000; SameSite=Lax${isHttps(request) ? "; Secure" : ""}`;
  return redirect(back, { headers: { "Set-Cookie": cookie } });
}
