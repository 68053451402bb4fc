import { audit, auditRepeated } from "~/models/audit.server";
import { findStaffCredentials, normalizeEmail, type StaffUser } from "~/models/staff.server";
import { failureCounts, recordLoginAttempt, type FailureCount } from "~/models/login-attempt.server";
import { dummyPasswordHash, verifyPassword } from "./password.server";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

/**
 * Free attempts per scope before each further one must wait, the wait doubling from BASE_DELAY_MS up to
 * MAX_DELAY_MS (docs/decisions/0014). Nothing is locked: once the wait has passed, the right password works.
 * A browser that has logged in to the account before (a "device cookie") is slowed only by its own mistakes.
 */
export const FREE_FAILURES = { pair: 5, address: 20, account: 10 } as const;
export const BASE_DELAY_MS = 15_000;
export const MAX_DELAY_MS = 15 * 60 * 1000;

export type LoginResult =
  | { ok: true; staff: StaffUser }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

/** How long after the latest of `failures` the next attempt must wait (0: at once). */
export function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - free));
}

/** When the next attempt may come in one scope, as epoch ms (0: now). */
function nextAllowedAt(count: FailureCount, free: number): number {
  const delay = delayAfter(count.n, free);
  return delay === 0 || !count.last ? 0 : Date.parse(count.last) + delay;
}

/**
 * Checks a login, slowing guessing down per account and address (OWASP's throttling, not a lockout). While an
 * attempt must wait, the password is not even tried, so guessing gains nothing, and the answer says how long.
 */
export async function attemptLogin({
  email: rawEmail,
  password,
  ip,
  knownDevice = false,
  now = Date.now(),
}: {
  email: string;
  password: string;
  ip: string;
  /** This browser has logged in to this account before. */
  knownDevice?: boolean;
  now?: number;
}): Promise<LoginResult> {
  const email = normalizeEmail(rawEmail);
  const since = new Date(now - LOGIN_WINDOW_MS).toISOString();
  const failures = await failureCounts({ email, ip, since });
  const waitUntil = Math.max(
    nextAllowedAt(failures.pair, FREE_FAILURES.pair),
    knownDevice ? 0 : nextAllowedAt(failures.address, FREE_FAILURES.address),
    knownDevice ? 0 : nextAllowedAt(failures.account, FREE_FAILURES.account),
  );
  if (waitUntil > now) {
    await auditRepeated({ actorEmail: email, action: "login.blocked", ip }, { now });
    return { ok: false, reason: "rate-limited", retryAfterSeconds: Math.ceil((waitUntil - now) / 1000) };
  }

  const found = await findStaffCredentials({ email });
  const valid = await verifyPassword(password, found?.passwordHash ?? (await dummyPasswordHash()));
  if (!found || !valid || found.disabled) {
    await recordLoginAttempt({ email, ip, success: false, at: new Date(now).toISOString() });
    await auditRepeated(
      {
        actor: found ? { id: found.id, email: found.email } : null,
        actorEmail: email,
        action: "login.failed",
        entityType: found ? "staff" : undefined,
        entityId: found?.id,
        ip,
        details: { reason: !found ? "unknown-email" : !valid ? "wrong-password" : "disabled" },
      },
      { now },
    );
    return { ok: false, reason: found && valid && found.disabled ? "disabled" : "invalid" };
  }

  await recordLoginAttempt({ email, ip, success: true, at: new Date(now).toISOString() });
  await audit({ actor: found, action: "login", entityType: "staff", entityId: found.id, ip });
  const { passwordHash: _ignored, ...staff } = found;
  return { ok: true, staff };
}
