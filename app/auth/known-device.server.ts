import { createHmac } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { normalizeEmail } from "~/models/staff.server";
import { serverSecret } from "./secret.server";
import { isHttps } from "./session.server";

/** How many accounts one browser remembers having logged in to (a shared office computer has a few). */
const MAX_ACCOUNTS = 8;
const MAX_AGE_SECONDS = 60 * 60 * 24 * 180;

/**
 * A "device cookie" (OWASP): a browser that has logged in to an account before is recognised, so guessing
 * from elsewhere cannot slow that person down. Holds keyed hashes of e-mail addresses, never the addresses.
 */
function cookieFor(request: Request) {
  return createCookie("__known", {
    httpOnly: true,
    sameSite: "lax",
    secure: isHttps(request),
    path: "/staff/login",
    maxAge: MAX_AGE_SECONDS,
    secrets: [serverSecret()],
  });
}

function accountKey(email: string): string {
  return createHmac("sha256", serverSecret())
    .update(`known-device:v1:${normalizeEmail(email)}`)
    .digest("base64url")
    .slice(0, 22);
}

async function knownKeys(request: Request): Promise<string[]> {
  const value: unknown = await cookieFor(request).parse(request.headers.get("Cookie"));
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string").slice(0, MAX_ACCOUNTS) : [];
}

export async function isKnownDevice(request: Request, email: string): Promise<boolean> {
  return (await knownKeys(request)).includes(accountKey(email));
}

/** The Set-Cookie header that remembers this browser for the account just logged in to. */
export async function rememberDevice(request: Request, email: string): Promise<string> {
  const key = accountKey(email);
  const keys = [key, ...(await knownKeys(request)).filter((k) => k !== key)].slice(0, MAX_ACCOUNTS);
  return cookieFor(request).serialize(keys);
}
