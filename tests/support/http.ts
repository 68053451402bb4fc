import { expect } from "vitest";
import { baseUrl } from "./browser";

/**
 * Logs a demo account in over plain HTTP (no browser) and returns the Cookie header to send; on the shared e2e
 * server unless `base` names another (a file's own server).
 */
export async function loginCookie(email: string, password = "demo-password", base = baseUrl()): Promise<string> {
  const response = await fetch(`${base}/staff/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ email, password }),
    redirect: "manual",
  });
  expect(response.status, `login as ${email}`).toBeGreaterThanOrEqual(300);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** GETs a page of the running app as that cookie, without following redirects. */
export async function getPage(path: string, cookie = ""): Promise<{ status: number; html: string }> {
  const response = await fetch(`${baseUrl()}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
  return { status: response.status, html: await response.text() };
}
