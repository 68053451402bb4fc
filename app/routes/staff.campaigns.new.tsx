import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PERMISSIONS } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { programScope } from "~/auth/scope";
import { clientAddress } from "~/http/context";
import { requireForm } from "~/http/body.server";
import { localeFromRequest } from "~/i18n/locale";
import { listActivities } from "~/models/activity.server";
import { listPrograms } from "~/models/program.server";
import { createCampaignWithCode, parseCampaignForm } from "~/surveys/campaign-form.server";
import { todayInStockholm } from "~/outcomes/calendar";
import { listSurveys } from "~/surveys/registry.server";
import { campaigns as strings } from "~/i18n/strings/campaigns";
import { useStrings } from "~/i18n/use-strings";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle(strings, "newCampaign");

async function choices(
  request: Request,
  staff: { role: Parameters<typeof programScope>[0]["role"]; programIds: number[] },
) {
  const scope = programScope(staff);
  const locale = localeFromRequest(request);
  const [programs, activities, surveys] = await Promise.all([listPrograms(), listActivities(), listSurveys()]);
  return {
    programs: programs.filter((p) => !scope || scope.includes(p.id)).map((p) => ({ id: p.id, name: p.name })),
    activities: activities.filter((a) => a.countsAttendance).map((a) => ({ id: a.id, name: a.name })),
    surveys: surveys.map((s) => ({ key: s.key, title: s.title[locale] })),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: PERMISSIONS["campaigns.manage"] });
  return { ...(await choices(request, staff)), today: todayInStockholm() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { roles: PERMISSIONS["campaigns.manage"] });
  const form = await requireForm(request);
  const allowed = await choices(request, staff);
  const parsed = parseCampaignForm(form, {
    surveyKeys: allowed.surveys.map((s) => s.key),
    programIds: allowed.programs.map((p) => p.id),
    activityIds: allowed.activities.map((a) => a.id),
  });
  if (!parsed.ok) {
    const echo = Object.fromEntries(
      ["surveyKey", "title", "programId", "activityId", "opensOn", "closesOn", "mode"].map((k) => [
        k,
        (form.get(k) ?? "").slice(0, 200),
      ]),
    );
    return data({ errors: parsed.errors, echo: { ...echo, kiosk: form.get("kiosk") === "on" } }, { status: 422 });
  }
  const { id } = await createCampaignWithCode({ value: parsed.value, actor: staff, ip: clientAddress(context) });
  return redirect(`/staff/campaigns/${id}`);
}

export default function NewCampaign() {
  const { programs, activities, surveys, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useStrings(strings);
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const echo = (result?.echo ?? {}) as Record<string, string | boolean | undefined>;
  const err = (name: string) =>
    errors[name] ? (
      <p className="field-error" id={`${name}-error`}>
        {t[errors[name] as keyof typeof t] ?? t.errForm}
      </p>
    ) : null;
  const invalid = (name: string) =>
    errors[name] ? { "aria-invalid": true as const, "aria-describedby": `${name}-error` } : {};
  return (
    <div className="page page--narrow">
      <h1>{t.newCampaign}</h1>
      <Form method="post" className="stack" noValidate>
        {result ? (
          <p className="alert alert--error" role="alert">
            {t.errForm}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="surveyKey">{t.survey}</label>
          <select
            id="surveyKey"
            name="surveyKey"
            defaultValue={(echo.surveyKey as string) ?? "brukarenkat"}
            {...invalid("surveyKey")}
          >
            {surveys.map((s) => (
              <option key={s.key} value={s.key}>
                {s.title}
              </option>
            ))}
          </select>
          {err("surveyKey")}
        </div>
        <div className="field">
          <label htmlFor="title">{t.title}</label>
          <input
            id="title"
            name="title"
            type="text"
            maxLength={200}
            required
            defaultValue={(echo.title as string) ?? ""}
            aria-describedby={errors.title ? "title-error" : "title-hint"}
            aria-invalid={errors.title ? true : undefined}
          />
          <p className="hint" id="title-hint">
            {t.titleHint}
          </p>
          {err("title")}
        </div>
        <div className="field">
          <label htmlFor="programId">{t.program}</label>
          <select
            id="programId"
            name="programId"
            defaultValue={(echo.programId as string) ?? String(programs[0]?.id ?? "")}
            {...invalid("programId")}
          >
            {programs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {err("programId")}
        </div>
        <div className="field">
          <label htmlFor="activityId">{t.activity}</label>
          <select
            id="activityId"
            name="activityId"
            defaultValue={(echo.activityId as string) ?? ""}
            aria-describedby="activity-hint"
            {...invalid("activityId")}
          >
            <option value="">{t.activityNone}</option>
            {activities.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <p className="hint" id="activity-hint">
            {t.activityHint}
          </p>
          {err("activityId")}
        </div>
        <div className="field">
          <label htmlFor="opensOn">{t.opensOn}</label>
          <input
            id="opensOn"
            name="opensOn"
            type="date"
            required
            defaultValue={(echo.opensOn as string) ?? today}
            {...invalid("opensOn")}
          />
          {err("opensOn")}
        </div>
        <div className="field">
          <label htmlFor="closesOn">{t.closesOn}</label>
          <input
            id="closesOn"
            name="closesOn"
            type="date"
            required
            defaultValue={(echo.closesOn as string) ?? ""}
            aria-describedby={errors.closesOn ? "closesOn-error" : "dates-hint"}
            aria-invalid={errors.closesOn ? true : undefined}
          />
          <p className="hint" id="dates-hint">
            {t.datesHint}
          </p>
          {err("closesOn")}
        </div>
        <fieldset className="field">
          <legend>{t.mode}</legend>
          <label className="choice">
            <input
              type="radio"
              name="mode"
              value="anonymous"
              defaultChecked={(echo.mode ?? "anonymous") === "anonymous"}
            />
            {t.modeAnonymous}
          </label>
          <label className="choice">
            <input
              type="radio"
              name="mode"
              value="participant_code"
              defaultChecked={echo.mode === "participant_code"}
            />
            {t.modeParticipantCode}
          </label>
          {err("mode")}
        </fieldset>
        <div className="field">
          <label className="choice">
            <input type="checkbox" name="kiosk" defaultChecked={Boolean(echo.kiosk)} aria-describedby="kiosk-hint" />
            {t.kiosk}
          </label>
          <p className="hint" id="kiosk-hint">
            {t.kioskHint}
          </p>
        </div>
        <div className="actions">
          <button type="submit" className="button">
            {t.create}
          </button>
          <Link to="/staff/campaigns" className="button button--quiet">
            {t.cancel}
          </Link>
        </div>
      </Form>
    </div>
  );
}
