import { audit } from "~/models/audit.server";
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

/** Account changes made by an admin; each is written to the audit log. */
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
  const staff = await createStaff({
    email: value.email,
    name: value.name,
    role: value.role,
    programIds: value.programIds,
    passwordHash: await hashPassword(password),
  });
  await requirePasswordChange({ id: staff.id });
  await audit({
    actor,
    action: "staff.create",
    entityType: "staff",
    entityId: staff.id,
    ip,
    details: { email: staff.email, role: staff.role, programIds: staff.programIds },
  });
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
  await updateStaff({ id, changes: value });
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
  if (action === "staff.disable") await endAllStaffSessions({ staffId: id, reason: "ended-by-admin" });
  if (Object.keys(changes).length > 0)
    await audit({ actor, action, entityType: "staff", entityId: id, ip, details: changes });
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
  await setStaffPassword({ id, passwordHash: await hashPassword(password) });
  await requirePasswordChange({ id });
  await endAllStaffSessions({ staffId: id, reason: "ended-by-admin" });
  await audit({ actor, action: "staff.password_reset", entityType: "staff", entityId: id, ip });
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
  const ended =
    sessionId === undefined
      ? await endAllStaffSessions({ staffId: id, reason: "ended-by-admin" })
      : Number(await endStaffSession({ staffId: id, sessionId, reason: "ended-by-admin" }));
  if (sessionId !== undefined && ended === 0) return { ok: false, error: "notFound" };
  await audit({
    actor,
    action: "staff.sessions_end",
    entityType: "staff",
    entityId: id,
    ip,
    details: sessionId === undefined ? { all: true, ended } : { sessionId },
  });
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
  await setOwnPassword({ id: staff.id, passwordHash: await hashPassword(next) });
  const endedSessions = await endAllStaffSessions({
    staffId: staff.id,
    reason: "password-changed",
    exceptSessionId: sessionId,
  });
  await audit({
    actor: staff,
    action: "staff.password_change",
    entityType: "staff",
    entityId: staff.id,
    ip,
    details: { endedSessions },
  });
  return { ok: true, endedSessions };
}
