import { forbidden } from "~/http/errors.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request must come from our own pages. Browsers send Origin on every POST;
 * a request with neither Origin nor Referer (a script, curl) is let through, since SameSite=Lax
 * already keeps the session cookie off cross-site posts. The host compared against is the one
 * Remix itself compares (X-Forwarded-Host, else Host), so Remix's own check never fires after ours.
 */
export function isSameOriginRequest({
  method,
  origin,
  referer,
  host,
  forwardedHost,
}: {
  method: string;
  origin: string | null;
  referer: string | null;
  host: string | null;
  forwardedHost: string | null;
}): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const own = forwardedHost?.split(",")[0]?.trim() || host;
  if (origin !== null) return own !== null && hostOf(origin) === own;
  if (referer !== null) return own !== null && hostOf(referer) === own;
  return true;
}

export function isSameOrigin(request: Request): boolean {
  return isSameOriginRequest({
    method: request.method,
    origin: request.headers.get("Origin"),
    referer: request.headers.get("Referer"),
    host: request.headers.get("Host") ?? new URL(request.url).host,
    forwardedHost: request.headers.get("X-Forwarded-Host"),
  });
}

export function assertSameOrigin(request: Request): void {
  if (!isSameOrigin(request)) throw forbidden("foreign-origin");
}

function hostOf(value: string): string | null {
  try {
    return new URL(value).host;
  } catch {
    return null;
  }
}
