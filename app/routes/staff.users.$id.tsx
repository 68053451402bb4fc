import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { clientAddress } from "~/http/context";
import { parseId } from "~/http/params";
import { requireStaff } from "~/auth/guards.server";
import { rolesFor } from "~/auth/capabilities";
import { parseStaffForm } from "~/auth/staff-form.server";
import { endSessionsOf, resetPassword, updateAccount } from "~/auth/staff-accounts.server";
import { requireForm } from "~/http/body.server";
import { badRequest, notFound, refuseLeftOutFields } from "~/http/errors.server";
import { getStaffById } from "~/models/staff.server";
import { listOpenSessions } from "~/models/staff-session.server";
import { formatStockholmTime } from "~/outcomes/calendar";
import { security as securityStrings } from "~/i18n/strings/security";
import { listPrograms } from "~/models/program.server";
import { StaffForm } from "~/components/staff-form";
import { format } from "~/i18n/define";
import { staff as staffStrings } from "~/i18n/strings/staff";
import { useStrings } from "~/i18n/use-strings";
import { pageTitle } from "~/i18n/meta";
import { FormAlert, IntentForm } from "~/components/forms";
import { ColumnHeads } from "~/components/table-heads";

export const meta = pageTitle(staffStrings, "pageEditUser");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, { roles: rolesFor("users") });
  const user = await getStaffById({ id: parseId(params.id) });
  if (!user) throw notFound();
  return {
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      programIds: user.programIds,
      disabled: user.disabled,
    },
    programs: await listPrograms({ keep: user.programIds }),
    sessions: (await listOpenSessions({ staffId: user.id })).map((s) => ({
      id: s.id,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      expiresAt: s.expiresAt,
      ip: s.ip,
      browser: browserName(s.userAgent),
    })),
  };
}

/** Enough of a User-Agent for an admin to tell two logins apart, without showing the whole string. */
function browserName(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = /(Edg|Firefox|Chrome|Safari)\//.exec(userAgent)?.[1];
  const system = /(Android|iPhone|iPad|Windows|Mac OS X|Linux)/.exec(userAgent)?.[1];
  const names: Record<string, string> = { Edg: "Edge", "Mac OS X": "Mac" };
  const parts = [browser && (names[browser] ?? browser), system && (names[system] ?? system)].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireStaff(request, { roles: rolesFor("users") });
  const id = parseId(params.id);
  const form = await requireForm(request);
  const ip = clientAddress(context);
  const intent = form.get("intent");
  if (intent === "reset-password") {
    const result = await resetPassword({ actor, id, ip });
    if (!result.ok) throw notFound();
    return { password: result.password, errors: {} };
  }
  if (intent === "end-session" || intent === "end-all-sessions") {
    const sessionId = intent === "end-session" ? Number(form.get("sessionId")) : undefined;
    if (sessionId !== undefined && (!Number.isSafeInteger(sessionId) || sessionId <= 0)) throw badRequest();
    const result = await endSessionsOf({ actor, id, sessionId, ip });
    if (!result.ok) throw notFound();
    return redirect(`/staff/users/${id}?${sessionId === undefined ? `endedAll=${result.ended}` : "ended=1"}#sessions`);
  }
  if (intent !== "save") throw badRequest();
  // An archived programme the person already works in stays choosable; no one is newly given one.
  const programs = await listPrograms({ keep: (await getStaffById({ id }))?.programIds ?? [] });
  const parsed = parseStaffForm(
    form,
    programs.map((p) => p.id),
  );
  refuseLeftOutFields(parsed);
  if (!parsed.ok) return data({ password: null, errors: parsed.errors }, { status: 422 });
  const result = await updateAccount({ actor, id, value: parsed.value, ip });
  if (!result.ok) {
    if (result.error === "notFound") throw notFound();
    return data(
      { password: null, errors: result.error === "errSelf" ? { disabled: "errSelf" } : { email: result.error } },
      { status: 422 },
    );
  }
  return redirect(`/staff/users/${id}?saved=1`);
}

export default function EditUser() {
  const { user, programs, sessions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useStrings(staffStrings);
  const s = useStrings(securityStrings);
  return (
    <div className="page page--narrow">
      <h1>{format(t.editUserTitle, { name: user.name })}</h1>
      <FormAlert tone="ok">{params.has("saved") && !result ? t.saved : null}</FormAlert>
      <FormAlert tone="ok">
        {result?.password ? (
          <>
            <p>{format(t.passwordReset, { name: user.name })}</p>
            <p>
              <span className="secret">{result.password}</span>
            </p>
          </>
        ) : null}
      </FormAlert>
      <StaffForm
        key={user.id}
        programs={programs}
        defaults={user}
        errors={result?.errors}
        showDisabled
        submitLabel={t.save}
      />
      <h2>{t.resetPassword}</h2>
      <IntentForm intent="reset-password" hint={t.resetPasswordHint} submit={t.resetPassword} tone="secondary" />
      <h2 id="sessions">{s.sessionsTitle}</h2>
      <p className="hint">{s.sessionsLead}</p>
      <FormAlert tone="ok">{params.has("ended") ? s.sessionEnded : null}</FormAlert>
      <FormAlert tone="ok">
        {params.has("endedAll") ? format(s.sessionsEnded, { count: Number(params.get("endedAll")) || 0 }) : null}
      </FormAlert>
      {sessions.length === 0 ? (
        <p>{s.sessionsNone}</p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="responsive">
              <caption className="visually-hidden">{s.sessionsTitle}</caption>
              <ColumnHeads
                columns={[s.sessionStarted, s.sessionLastSeen, s.sessionEnds, s.sessionDevice, s.sessionAddress]}
                action={s.sessionEnd}
              />
              <tbody>
                {sessions.map((session) => (
                  <tr key={session.id}>
                    <td data-label={s.sessionStarted}>{formatStockholmTime(session.createdAt)}</td>
                    <td data-label={s.sessionLastSeen}>{formatStockholmTime(session.lastSeenAt)}</td>
                    <td data-label={s.sessionEnds}>{formatStockholmTime(session.expiresAt)}</td>
                    <td data-label={s.sessionDevice}>{session.browser ?? s.sessionUnknownDevice}</td>
                    <td data-label={s.sessionAddress}>{session.ip ?? "–"}</td>
                    <td>
                      <IntentForm
                        intent="end-session"
                        hidden={{ sessionId: session.id }}
                        submit={s.sessionEnd}
                        label={format(s.sessionEndLabel, { started: formatStockholmTime(session.createdAt) })}
                        tone="secondary"
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <IntentForm intent="end-all-sessions" submit={s.sessionEndAll} tone="secondary" />
        </>
      )}
    </div>
  );
}
