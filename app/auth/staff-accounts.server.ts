import { audit, audited } from "~/models/audit.server";
import {
  createStaff,
  getStaffById,
  setStaffPassword,
  requirePasswordChange,
  setOwnPassword,
  passwordHashOf,
  updateStaff,
  emailTaken,
  type StaffUser,
} from "~/models/staff.server";
import { endAllStaffSessions, endStaffSession } from "~/models/staff-session.server";
import { generatePassword, hashPassword, PASSWORD_MIN_LENGTH, verifyPassword } from "./password.server";
import type { StaffFormValue } from "./staff-form.server";

type Actor = { id: number; email: string };

/**
 * Account changes made by an admin, and a person's own password change. Each change and its audit entry are
 * written in one transaction (`audited`): both or neither. Slow work (hashing) is done before it opens.
 */
export async function createAccount({
  actor,
  value,
  ip,
}: {
  actor: Actor;
  value: StaffFormValue;
  ip: string;
}): Promise<{ ok: true; staff: StaffUser; password: string } | { ok: false; error: "errEmailTaken" }> {
  if (await emailTaken({ email: value.email })) return { ok: false, error: "errEmailTaken" };
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const staff = await audited(
    (created: StaffUser) => ({
      actor,
      action: "staff.create",
      entityType: "staff",
      entityId: created.id,
      ip,
      details: { email: created.email, role: created.role, programIds: created.programIds },
    }),
    async (trx) => {
      const created = await createStaff({ ...value, passwordHash }, trx);
      await requirePasswordChange({ id: created.id }, trx);
      return created;
    },
  );
  return { ok: true, staff, password };
}

export async function updateAccount({
  actor,
  id,
  value,
  ip,
}: {
  actor: Actor;
  id: number;
  value: StaffFormValue;
  ip: string;
}): Promise<{ ok: true } | { ok: false; error: "errEmailTaken" | "errSelf" | "notFound" }> {
  const before = await getStaffById({ id });
  if (!before) return { ok: false, error: "notFound" };
  if (actor.id === id && (value.disabled || value.role !== "admin")) return { ok: false, error: "errSelf" };
  if (await emailTaken({ email: value.email, exceptId: id })) return { ok: false, error: "errEmailTaken" };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ["name", "email", "role", "disabled"] as const) {
    if (before[key] !== value[key]) changes[key] = { from: before[key], to: value[key] };
  }
  const sortedPrograms = [...new Set(value.programIds)].sort((a, b) => a - b);
  if (before.programIds.join(",") !== sortedPrograms.join(","))
    changes.programIds = { from: before.programIds, to: sortedPrograms };
  const action =
    !before.disabled && value.disabled
      ? "staff.disable"
      : before.disabled && !value.disabled
        ? "staff.enable"
        : "staff.update";
  const entry =
    Object.keys(changes).length > 0 ? { actor, action, entityType: "staff", entityId: id, ip, details: changes } : null;
  await audited(
    () => entry,
    async (trx) => {
      await updateStaff({ id, changes: value }, trx);
      if (action === "staff.disable") await endAllStaffSessions({ staffId: id, reason: "ended-by-admin" }, trx);
    },
  );
  return { ok: true };
}

export async function resetPassword({
  actor,
  id,
  ip,
}: {
  actor: Actor;
  id: number;
  ip: string;
}): Promise<{ ok: true; password: string } | { ok: false; error: "notFound" }> {
  const target = await getStaffById({ id });
  if (!target) return { ok: false, error: "notFound" };
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await audited({ actor, action: "staff.password_reset", entityType: "staff", entityId: id, ip }, async (trx) => {
    await setStaffPassword({ id, passwordHash }, trx);
    await requirePasswordChange({ id }, trx);
    await endAllStaffSessions({ staffId: id, reason: "ended-by-admin" }, trx);
  });
  return { ok: true, password };
}

/** An admin ends one of a person's open sessions, or all of them (`sessionId` left out); audited. */
export async function endSessionsOf({
  actor,
  id,
  sessionId,
  ip,
}: {
  actor: Actor;
  id: number;
  sessionId?: number;
  ip: string;
}): Promise<{ ok: true; ended: number } | { ok: false; error: "notFound" }> {
  if (!(await getStaffById({ id }))) return { ok: false, error: "notFound" };
  const ended = await audited(
    (n: number) =>
      sessionId !== undefined && n === 0
        ? null
        : {
            actor,
            action: "staff.sessions_end",
            entityType: "staff",
            entityId: id,
            ip,
            details: sessionId === undefined ? { all: true, ended: n } : { sessionId },
          },
    async (trx) =>
      sessionId === undefined
        ? endAllStaffSessions({ staffId: id, reason: "ended-by-admin" }, trx)
        : Number(await endStaffSession({ staffId: id, sessionId, reason: "ended-by-admin" }, trx)),
  );
  if (sessionId !== undefined && ended === 0) return { ok: false, error: "notFound" };
  return { ok: true, ended };
}

export type PasswordChangeError =
  "errCurrentPassword" | "errNewPasswordShort" | "errNewPasswordSame" | "errNewPasswordRepeat";

/**
 * A person changes their own password: the current one is required, the change is audited, and every other
 * session of theirs ends (a stolen session elsewhere stops here); the one they are in goes on.
 */
export async function changeOwnPassword({
  staff,
  sessionId,
  current,
  next,
  repeat,
  ip,
}: {
  staff: Actor;
  sessionId: number;
  current: string;
  next: string;
  repeat: string;
  ip: string;
}): Promise<{ ok: true; endedSessions: number } | { ok: false; errors: Record<string, PasswordChangeError> }> {
  const stored = await passwordHashOf({ id: staff.id });
  if (!stored || !(await verifyPassword(current, stored))) {
    await audit({ actor: staff, action: "staff.password_change_failed", entityType: "staff", entityId: staff.id, ip });
    return { ok: false, errors: { current: "errCurrentPassword" } };
  }
  if ([...next].length < PASSWORD_MIN_LENGTH) return { ok: false, errors: { next: "errNewPasswordShort" } };
  if (next === current) return { ok: false, errors: { next: "errNewPasswordSame" } };
  if (next !== repeat) return { ok: false, errors: { repeat: "errNewPasswordRepeat" } };
  const passwordHash = await hashPassword(next);
  const endedSessions = await audited(
    (n: number) => ({
      actor: staff,
      action: "staff.password_change",
      entityType: "staff",
      entityId: staff.id,
      ip,
      details: { endedSessions: n },
    }),
    async (trx) => {
      await setOwnPassword({ id: staff.id, passwordHash }, trx);
      return endAllStaffSessions({ staffId: staff.id, reason: "password-changed", exceptSessionId: sessionId }, trx);
    },
  );
  return { ok: true, endedSessions };
}
