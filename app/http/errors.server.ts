import { data } from "@remix-run/node";

/** Error responses the shared error boundary knows how to explain. `reason` picks a more precise message. */
export function httpError(status: number, reason?: string, headers?: HeadersInit) {
  return data({ reason: reason ?? null }, { status, headers });
}

export const badRequest = (reason?: string) => httpError(400, reason);
export const forbidden = (reason?: string) => httpError(403, reason);
export const notFound = (reason?: string) => httpError(404, reason);
export const gone = (reason?: string) => httpError(410, reason);
export const payloadTooLarge = (reason?: string) => httpError(413, reason);
export const tooManyRequests = (retryAfterSeconds: number, reason?: string) =>
  httpError(429, reason, { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) });

/**
 * A form that left out a required field (`missing` from `parseForm`): a hand-made or broken post, never a person
 * clearing a value. Answered 400 before anything is written.
 */
export function refuseLeftOutFields(parsed: { ok: boolean; missing?: readonly string[] }): void {
  if (!parsed.ok && parsed.missing && parsed.missing.length > 0) throw badRequest("missing-field");
}
