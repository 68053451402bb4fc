import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { clientAddress } from "~/http/context";
import { attemptLogin } from "~/auth/login.server";
import { getStaff, safeRedirectTarget } from "~/auth/guards.server";
import { assertSameOrigin } from "~/auth/origin.server";
import { startSession } from "~/auth/session.server";
import { isKnownDevice, rememberDevice } from "~/auth/known-device.server";
import { security as securityStrings } from "~/i18n/strings/security";
import { readForm, field } from "~/http/body.server";
import { localeFromRequest } from "~/i18n/locale";
import { format } from "~/i18n/define";
import { staff as staffStrings } from "~/i18n/strings/staff";
import { useStrings } from "~/i18n/use-strings";
import { pageTitle } from "~/i18n/meta";
import { Field, FormAlert } from "~/components/forms";
import { parseForm } from "~/http/parse-form";

export const meta = pageTitle(staffStrings, "loginTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirectTarget(url.searchParams.get("redirectTo"));
  if (await getStaff(request)) throw redirect(redirectTo);
  return { loggedOut: url.searchParams.has("loggedOut") };
}

// A missing field is said before a field that is too long.
const credentials = z.object({
  email: z.string().trim().min(1, "missing").max(254, "tooLong"),
  password: z.string().min(1, "missing").max(1024, "tooLong"),
  redirectTo: z.string().max(2000, "tooLong").optional(),
});

type Problem = "missing" | "tooLong" | "badBody" | "invalid" | "disabled" | "rateLimited";

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const t = staffStrings[localeFromRequest(request)];
  const fail = (problem: Problem, status: number, message: string, email = "", headers?: HeadersInit) =>
    data({ problem, message, email }, { status, headers });

  const body = await readForm(request, { maxBytes: 10 * 1024 });
  if (!body.ok)
    return fail(
      body.problem === "too-large" ? "tooLong" : "badBody",
      body.status,
      body.problem === "too-large" ? t.loginTooLong : t.loginBadBody,
    );

  const parsed = parseForm(body.form, credentials);
  if (!parsed.ok) {
    const empty = parsed.missing.length > 0 || Object.values(parsed.errors).includes("missing");
    if (!empty) return fail("tooLong", 400, t.loginTooLong);
    return fail("missing", 400, t.loginMissing, field(body.form, "email").slice(0, 254));
  }
  const { email, password } = parsed.value;

  const ip = clientAddress(context);
  const knownDevice = await isKnownDevice(request, email);
  const result = await attemptLogin({ email, password, ip, knownDevice });
  if (!result.ok) {
    if (result.reason === "rate-limited") {
      const wait = waitText(result.retryAfterSeconds, securityStrings[localeFromRequest(request)]);
      return fail("rateLimited", 429, format(t.loginRateLimited, { wait }), email, {
        "Retry-After": String(Math.max(1, Math.ceil(result.retryAfterSeconds))),
      });
    }
    if (result.reason === "disabled") return fail("disabled", 403, t.loginDisabled, email);
    return fail("invalid", 401, t.loginInvalid, email);
  }

  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(request, result.staff, { ip }));
  headers.append("Set-Cookie", await rememberDevice(request, email));
  return redirect(safeRedirectTarget(parsed.value.redirectTo), { headers });
}

/** "45 sekunder", "1 minut", "12 minuter": rounded up, so the person never comes back too early. */
function waitText(seconds: number, s: (typeof securityStrings)["sv"]): string {
  if (seconds < 60) return format(s.waitSeconds, { n: Math.max(1, Math.ceil(seconds)) });
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? s.waitMinute : format(s.waitMinutes, { n: minutes });
}

export default function Login() {
  const t = useStrings(staffStrings);
  const { loggedOut } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formMethod === "POST";
  return (
    <div className="page page--narrow">
      <h1>{t.loginTitle}</h1>
      <p className="lead">{t.loginLead}</p>
      <FormAlert tone="ok">{loggedOut && !result ? t.loggedOut : null}</FormAlert>
      <FormAlert id="login-error">{result?.message}</FormAlert>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field
          label={t.email}
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          maxLength={254}
          defaultValue={result?.email ?? ""}
          errorIn={!!result && "login-error"}
        />
        <Field
          label={t.password}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={1024}
          errorIn={!!result && "login-error"}
        />
        <button type="submit" className="button button--block" disabled={busy}>
          {t.loginButton}
        </button>
      </Form>
    </div>
  );
}
