import { createCookie } from "@remix-run/node";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { isHttps } from "~/auth/session.server";
import { serverSecret } from "~/auth/secret.server";
import { audited, type ChangedBy } from "~/models/audit.server";
import { getSetting, setSetting } from "~/models/setting.server";

/**
 * The self check-in tablet is opened by a staff member with a PIN (set by a coordinator or admin on the visitor
 * register page). Opening it gives the tablet a signed cookie for one working day; it carries no person and no
 * staff account, only that this device may check visitors in.
 */
export const KIOSK_MAX_AGE_SECONDS = 60 * 60 * 12;
export const KIOSK_PIN = /^\d{4,8}$/;

function kioskCookie(request: Request) {
  return createCookie("__kiosk", {
    httpOnly: true,
    sameSite: "strict",
    secure: isHttps(request),
    // "/" not "/incheckning": Remix fetches the page's data from /incheckning.data.
    path: "/",
    maxAge: KIOSK_MAX_AGE_SECONDS,
    secrets: [serverSecret()],
  });
}

/** Sets the PIN; with `by`, the change and its audit entry are written in one transaction. */
export async function setKioskPin(pin: string, by?: ChangedBy): Promise<void> {
  const value = await hashPassword(pin);
  if (!by) return setSetting({ key: "kiosk.pinHash", value });
  await audited({ ...by, action: "kiosk.pin", entityType: "setting" }, (trx) =>
    setSetting({ key: "kiosk.pinHash", value }, trx),
  );
}

export async function hasKioskPin(): Promise<boolean> {
  return (await getSetting({ key: "kiosk.pinHash" })) !== null;
}

export async function checkKioskPin(pin: string): Promise<boolean> {
  const stored = await getSetting({ key: "kiosk.pinHash" });
  if (!stored || !KIOSK_PIN.test(pin)) return false;
  return verifyPassword(pin, stored);
}

/** Whether this request comes from a tablet a staff member has opened (and the opening has not expired). */
export async function isKioskOpen(request: Request): Promise<boolean> {
  const value = (await kioskCookie(request).parse(request.headers.get("Cookie"))) as { until?: number } | null;
  return typeof value?.until === "number" && value.until > Date.now();
}

export async function openKioskCookie(request: Request): Promise<string> {
  return kioskCookie(request).serialize({ until: Date.now() + KIOSK_MAX_AGE_SECONDS * 1000 });
}

export async function closeKioskCookie(request: Request): Promise<string> {
  return kioskCookie(request).serialize({}, { maxAge: 0 });
}
