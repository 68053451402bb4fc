import { audit } from "~/models/audit.server";
import { findStaffCredentials, normalizeEmail, type StaffUser } from "~/models/staff.server";
import { recentFailures, recordLoginAttempt } from "~/models/login-attempt.server";
import { dummyPasswordHash, verifyPassword } from "./password.server";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export type LoginResult =
  | { ok: true; staff: StaffUser }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

/**
 * Checks a login, counting failures per account and per address within a 15-minute window.
 * While limited, the password is not even tried, so guessing gains nothing.
 */
export async function attemptLogin({
  email: rawEmail,
  password,
  ip,
  now = Date.now(),
}: {
  email: string;
  password: string;
  ip: string;
  now?: number;
}): Promise<LoginResult> {
  const email = normalizeEmail(rawEmail);
  const since = new Date(now - LOGIN_WINDOW_MS).toISOString();
  const failures = await recentFailures({ email, ip, since });
  const limitedBy =
    failures.byEmail >= MAX_FAILURES_PER_ACCOUNT
      ? failures.oldestByEmail
      : failures.byIp >= MAX_FAILURES_PER_ADDRESS
        ? failures.oldestByIp
        : undefined;
  if (limitedBy !== undefined) {
    const liftsAt = (limitedBy ? Date.parse(limitedBy) : now) + LOGIN_WINDOW_MS;
    await audit({ actorEmail: email, action: "login.blocked", ip });
    return { ok: false, reason: "rate-limited", retryAfterSeconds: (liftsAt - now) / 1000 };
  }

  const found = await findStaffCredentials({ email });
  const valid = await verifyPassword(password, found?.passwordHash ?? (await dummyPasswordHash()));
  if (!found || !valid || found.disabled) {
    await recordLoginAttempt({ email, ip, success: false });
    await audit({
      actor: found ? { id: found.id, email: found.email } : null,
      actorEmail: email,
      action: "login.failed",
      entityType: found ? "staff" : undefined,
      entityId: found?.id,
      ip,
      details: { reason: !found ? "unknown-email" : !valid ? "wrong-password" : "disabled" },
    });
    return { ok: false, reason: found && valid && found.disabled ? "disabled" : "invalid" };
  }

  await recordLoginAttempt({ email, ip, success: true });
  await audit({ actor: found, action: "login", entityType: "staff", entityId: found.id, ip });
  const { passwordHash: _ignored, ...staff } = found;
  return { ok: true, staff };
}
