import { redirect } from "@remix-run/node";
import { getStaffById, type StaffUser } from "~/models/staff.server";
import { forbidden } from "~/http/errors.server";
import { assertSameOrigin } from "./origin.server";
import { getSession } from "./session.server";
import type { Role } from "./roles";

/** The logged-in staff member, or null. A disabled user or a stale session (password reset) counts as none. */
export async function getStaff(request: Request): Promise<StaffUser | null> {
  const session = await getSession(request);
  const staffId = session.get("staffId");
  if (typeof staffId !== "number") return null;
  const staff = await getStaffById({ id: staffId });
  if (!staff || staff.disabled || staff.sessionVersion !== session.get("sessionVersion")) return null;
  return staff;
}

export function loginPath(request: Request): string {
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  return back === "/staff" ? "/staff/login" : `/staff/login?redirectTo=${encodeURIComponent(back)}`;
}

/**
 * Every staff loader and action starts here. State-changing requests from another origin get 403
 * before anything else; anonymous users go to the login and back; a user without one of `roles` gets 403.
 */
export async function requireStaff(request: Request, options: { roles?: readonly Role[] } = {}): Promise<StaffUser> {
  assertSameOrigin(request);
  const staff = await getStaff(request);
  if (!staff) throw redirect(loginPath(request));
  if (options.roles && !options.roles.includes(staff.role)) throw forbidden("wrong-role");
  return staff;
}

/**
 * Only paths on this site, so a crafted link cannot send someone elsewhere after login. Parsed as a browser
 * would (which drops tabs and newlines, so "/\t/evil" means "//evil"), and kept only if it stays on our origin.
 */
export function safeRedirectTarget(value: unknown, fallback = "/staff"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.length > 2000 || hasControlOrBackslash(value))
    return fallback;
  try {
    const url = new URL(value, "http://local.invalid");
    if (url.origin !== "http://local.invalid") return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

function hasControlOrBackslash(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x5c) return true;
  }
  return false;
}
