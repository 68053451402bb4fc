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

export const meta = pageTitle(staffStrings, "loginTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirectTarget(url.searchParams.get("redirectTo"));
  if (await getStaff(request)) throw redirect(redirectTo);
  return { loggedOut: url.searchParams.has("loggedOut") };
}

const credentials = z.object({
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(1024),
  redirectTo: z.string().max(2000).optional(),
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

  const email = field(body.form, "email");
  const password = body.form.get("password") ?? "";
  if (!email || !password) return fail("missing", 400, t.loginMissing, email.slice(0, 254));
  const parsed = credentials.safeParse({ email, password, redirectTo: body.form.get("redirectTo") ?? undefined });
  if (!parsed.success) return fail("tooLong", 400, t.loginTooLong);

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
  return redirect(safeRedirectTarget(parsed.data.redirectTo), { headers });
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
      {loggedOut && !result ? (
        <p className="alert alert--ok" role="status">
          {t.loggedOut}
        </p>
      ) : null}
      {result ? (
        <div className="alert alert--error" role="alert" id="login-error">
          <p style={{ margin: 0 }}>{result.message}</p>
        </div>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <div className="field">
          <label htmlFor="email">{t.email}</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            required
            maxLength={254}
            defaultValue={result?.email ?? ""}
            aria-invalid={result ? true : undefined}
            aria-describedby={result ? "login-error" : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="password">{t.password}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={1024}
            aria-invalid={result ? true : undefined}
            aria-describedby={result ? "login-error" : undefined}
          />
        </div>
        <button type="submit" className="button button--block" disabled={busy}>
          {t.loginButton}
        </button>
      </Form>
    </div>
  );
}
