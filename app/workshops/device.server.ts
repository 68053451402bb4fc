import { randomBytes } from "node:crypto";
import { isHttps } from "~/auth/session.server";

export const DEVICE_COOKIE = "wdev";
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,64}$/;
const MAX_AGE_SECONDS = 60 * 60 * 24 * 180;

/**
 * A phone's anonymous device token for workshops: random, HttpOnly, only for /w. It is the participant's
 * identity for notes and dot budgets; no name or account is needed.
 */
export function readDeviceToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === DEVICE_COOKIE) {
      const value = rest.join("=");
      return TOKEN_PATTERN.test(value) ? value : null;
    }
  }
  return null;
}

export function newDeviceToken(): string {
  return randomBytes(24).toString("base64url");
}

export function deviceCookieHeader(request: Request, token: string): string {
  const parts = [`${DEVICE_COOKIE}=${token}`, "Path=/w", `Max-Age=${MAX_AGE_SECONDS}`, "HttpOnly", "SameSite=Lax"];
  if (isHttps(request)) parts.push("Secure");
  return parts.join("; ");
}

/** The token on this request, or a fresh one with the header that sets it. */
export function deviceToken(request: Request): { token: string; setCookie: string | null } {
  const existing = readDeviceToken(request);
  if (existing) return { token: existing, setCookie: null };
  const token = newDeviceToken();
  return { token, setCookie: deviceCookieHeader(request, token) };
}
