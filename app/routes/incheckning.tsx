import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import {
  checkKioskPin,
  closeKioskCookie,
  hasKioskPin,
  isKioskOpen,
  KIOSK_PIN,
  openKioskCookie,
} from "~/auth/kiosk.server";
import { delayAfter, FREE_FAILURES, LOGIN_WINDOW_MS } from "~/auth/login.server";
import { FormAlert, PinField } from "~/components/forms";
import { KioskCheckIn } from "~/components/kiosk-checkin";
import { requireForm } from "~/http/body.server";
import { clientAddress } from "~/http/context";
import { parseForm } from "~/http/parse-form";
import { kiosk as kioskStrings } from "~/i18n/strings/kiosk";
import { useStrings } from "~/i18n/use-strings";
import { pageTitle } from "~/i18n/meta";
import { listActivities } from "~/models/activity.server";
import { audit } from "~/models/audit.server";
import { failureCounts, recordLoginAttempt } from "~/models/login-attempt.server";
import { listPrograms } from "~/models/program.server";
import { isoWeekday, todayInStockholm } from "~/outcomes/calendar";
import styles from "~/styles/kiosk.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(kioskStrings, "title");

/** Failed PIN attempts are counted like failed logins, under this name. */
const PIN_ACCOUNT = "kiosk-pin";

export async function loader({ request }: LoaderFunctionArgs) {
  const headers = { "Cache-Control": "no-store" };
  if (!(await isKioskOpen(request))) return data({ open: false as const, hasPin: await hasKioskPin() }, { headers });
  const today = todayInStockholm();
  const weekday = isoWeekday(today);
  const activities = (await listActivities())
    .filter((a) => a.countsAttendance && a.kind === "regular" && (!a.startsOn || a.startsOn <= today))
    .flatMap((a) => {
      const slot = a.schedule.find((s) => s.weekday === weekday);
      return slot ? [{ id: a.id, name: a.name, time: slot.startsAt }] : [];
    })
    .sort((a, b) => a.time.localeCompare(b.time));
  const programs = (await listPrograms()).map((p) => ({ id: p.id, name: p.name }));
  return data({ open: true as const, today, activities, programs }, { headers });
}

const pinSchema = z.object({
  intent: z.enum(["open", "close"]),
  pin: z.string().trim().regex(KIOSK_PIN, "errPin"),
});

/**
 * Opening and closing both take the staff PIN: a visitor who taps "Stäng incheckningen" (thinking it ends their own
 * turn) must not lock the tablet for everyone after them.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await requireForm(request, { maxBytes: 4 * 1024 });
  const ip = clientAddress(context);
  // Guessing the PIN is slowed down like guessing a password: a few free tries, then a growing wait.
  const since = new Date(Date.now() - LOGIN_WINDOW_MS).toISOString();
  const { pair } = await failureCounts({ email: PIN_ACCOUNT, ip, since });
  const waitMs = delayAfter(pair.n, FREE_FAILURES.pair);
  const waitUntil = waitMs === 0 || !pair.last ? 0 : Date.parse(pair.last) + waitMs;
  if (waitUntil > Date.now()) {
    await audit({ actorEmail: "kiosk", action: "kiosk.refused", ip, details: { reason: "throttled" } });
    return data(
      { error: "errPinThrottled" as const },
      { status: 429, headers: { "Retry-After": String(Math.ceil((waitUntil - Date.now()) / 1000)) } },
    );
  }
  const parsed = parseForm(form, pinSchema);
  if (!parsed.ok || !(await checkKioskPin(parsed.value.pin))) {
    await recordLoginAttempt({ email: PIN_ACCOUNT, ip, success: false });
    await audit({ actorEmail: "kiosk", action: "kiosk.refused", ip, details: { reason: "pin" } });
    return data({ error: "errPin" as const }, { status: 422 });
  }
  await recordLoginAttempt({ email: PIN_ACCOUNT, ip, success: true });
  if (parsed.value.intent === "close") {
    await audit({ actorEmail: "kiosk", action: "kiosk.close", ip });
    return redirect("/incheckning", { headers: { "Set-Cookie": await closeKioskCookie(request) } });
  }
  await audit({ actorEmail: "kiosk", action: "kiosk.open", ip });
  return redirect("/incheckning", { headers: { "Set-Cookie": await openKioskCookie(request) } });
}

export default function SelfCheckIn() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useStrings(kioskStrings);
  if (!loaded.open) {
    return (
      <div className="page page--narrow kiosk">
        <h1>{t.lockedTitle}</h1>
        {loaded.hasPin ? (
          <>
            <p className="lead">{t.lockedLead}</p>
            <FormAlert id="pin-error">{result?.error ? t[result.error] : null}</FormAlert>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="open" />
              <PinField label={t.pin} name="pin" autoComplete="off" required errorIn={result?.error && "pin-error"} />
              <button type="submit" className="button button--block">
                {t.open}
              </button>
            </Form>
          </>
        ) : (
          <p className="lead">{t.noPin}</p>
        )}
      </div>
    );
  }
  return (
    <div className="page page--narrow kiosk">
      <KioskCheckIn today={loaded.today} activities={loaded.activities} programs={loaded.programs} />
      <details className="kiosk-close" open={Boolean(result?.error)}>
        <summary>{t.staffOnly}</summary>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="close" />
          <FormAlert id="close-error">{result?.error ? t[result.error] : null}</FormAlert>
          <PinField
            label={t.pin}
            name="pin"
            id="close-pin"
            autoComplete="off"
            required
            errorIn={result?.error && "close-error"}
          />
          <button type="submit" className="button button--quiet">
            {t.close}
          </button>
        </Form>
      </details>
    </div>
  );
}
