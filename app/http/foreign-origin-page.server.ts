import { localeFromCookieHeader } from "~/i18n/locale";
import { common } from "~/i18n/strings/common";

/**
 * The 403 page for a POST from another site. The server sends it before Remix sees the request,
 * because Remix's own check would otherwise answer such a POST with a 500.
 */
export function foreignOriginPage(cookieHeader: string | null): string {
  const locale = localeFromCookieHeader(cookieHeader);
  const t = common[locale];
  return `<!DOCTYPE html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.errorTitle403} – ${t.appName}</title>
<style>body{font-family:system-ui,sans-serif;margin:0;color:#1b1f24;line-height:1.5}main{max-width:34rem;margin:0 auto;padding:1.25rem 1rem}a{color:#0b5c55}</style>
</head><body><main><h1>${t.errorTitle403}</h1><p>${t.errorText403Origin}</p><p>(403)</p><p><a href="/">${t.errorBackHome}</a></p></main></body></html>`;
}
