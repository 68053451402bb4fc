import { redirect } from "@remix-run/node";
import { getStaffById, type StaffUser } from "~/models/staff.server";
import type { StaffSession } from "~/models/staff-session.server";
import { forbidden } from "~/http/errors.server";
import { assertSameOrigin } from "./origin.server";
import { currentSession } from "./session.server";
import type { Role } from "./roles";

/**
 * The logged-in staff member and their server-side session, or null. An ended or expired session, a disabled
 * user, or a session from before a password reset (which bumps the version) counts as none.
 */
export async function getStaffSession(request: Request): Promise<{ staff: StaffUser; session: StaffSession } | null> {
  const session = await currentSession(request);
  if (!session) return null;
  const staff = await getStaffById({ id: session.staffId });
  if (!staff || staff.disabled || staff.sessionVersion !== session.sessionVersion) return null;
  return { staff, session };
}

/** The logged-in staff member, or null. */
export async function getStaff(request: Request): Promise<StaffUser | null> {
  return (await getStaffSession(request))?.staff ?? null;
}

/** Where a person with a temporary password must go first, and back afterwards. */
export function passwordPath(request: Request): string {
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  return back === "/staff" ? "/staff/password" : `/staff/password?redirectTo=${encodeURIComponent(back)}`;
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
export async function requireStaff(
  request: Request,
  options: { roles?: readonly Role[]; allowTemporaryPassword?: boolean } = {},
): Promise<StaffUser> {
  assertSameOrigin(request);
  const staff = await getStaff(request);
  if (!staff) throw redirect(loginPath(request));
  if (staff.mustChangePassword && !options.allowTemporaryPassword) throw redirect(passwordPath(request));
  if (options.roles && !options.roles.includes(staff.role)) throw forbidden("wrong-role");
  return staff;
}

/**
 * Only paths on this site, so a crafted link cannot send someone elsewhere after login. Parsed as a browser
 * would, and the value we RETURN is what is checked: "/.//evil" normalises to "//evil", which a browser reads
 * as another host. Anything whose result is not a plain same-origin path falls back.
 */
export function safeRedirectTarget(value: unknown, fallback = "/staff"): string {
  if (typeof value !== "string" || value.length > 2000 || !isPlainPath(value)) return fallback;
  try {
    const url = new URL(value, "http://local.invalid");
    if (url.origin !== "http://local.invalid") return fallback;
    const target = `${url.pathname}${url.search}${url.hash}`;
    if (!isPlainPath(target) || new URL(target, "http://local.invalid").origin !== "http://local.invalid")
      return fallback;
    return target;
  } catch {
    return fallback;
  }
}

/**
 * One leading slash and no second one or backslash after it, no control characters or backslashes anywhere,
 * and no encoded slash or backslash in the first segment (some proxies decode them before the browser sees it).
 */
function isPlainPath(value: string): boolean {
  if (!value.startsWith("/") || value.startsWith("//")) return false;
  if (hasControlOrBackslash(value)) return false;
  if (/^\/(?:%2f|%5c)/i.test(value)) return false;
  return true;
}

function hasControlOrBackslash(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x5c) return true;
  }
  return false;
}
