import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { refuseLeftOutFields } from "~/http/errors.server";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PERMISSIONS } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import type { Scoped } from "~/auth/scope";
import { activitiesFor, programsFor } from "~/activities/programs.server";
import { clientAddress } from "~/http/context";
import { requireForm } from "~/http/body.server";
import { localeFromRequest } from "~/i18n/locale";
import { createCampaignWithCode, parseCampaignForm } from "~/surveys/campaign-form.server";
import { todayInStockholm } from "~/outcomes/calendar";
import { listSurveys } from "~/surveys/registry.server";
import { campaigns as strings } from "~/i18n/strings/campaigns";
import { useStrings } from "~/i18n/use-strings";
import { CheckboxField, ChoiceGroup, Field, FormActions, SelectField, ToolkitForm, fieldsOf } from "~/components/forms";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle(strings, "newCampaign");

async function choices(request: Request, staff: Scoped) {
  const locale = localeFromRequest(request);
  const [programs, activities, surveys] = await Promise.all([programsFor(staff), activitiesFor(staff), listSurveys()]);
  return {
    programs: programs.map((p) => ({ id: p.id, name: p.name })),
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
  refuseLeftOutFields(parsed);
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
  const echo = result?.echo ?? {};
  const field = fieldsOf(t, echo, result?.errors);
  const surveyOptions = surveys.map((s) => ({ value: s.key, label: s.title }));
  const modes = [
    { value: "anonymous", label: t.modeAnonymous },
    { value: "participant_code", label: t.modeParticipantCode },
  ];
  return (
    <div className="page page--narrow">
      <h1>{t.newCampaign}</h1>
      <ToolkitForm errors={result?.errors} alert={t.errForm}>
        <SelectField label={t.survey} {...field("surveyKey", "brukarenkat")} options={surveyOptions} />
        <Field label={t.title} {...field("title")} maxLength={200} required hint={t.titleHint} />
        <SelectField label={t.program} {...field("programId", programs[0]?.id ?? "")} options={programs} />
        <SelectField
          label={t.activity}
          {...field("activityId")}
          empty={t.activityNone}
          options={activities}
          hint={t.activityHint}
        />
        <Field label={t.opensOn} {...field("opensOn", today)} type="date" required />
        <Field label={t.closesOn} {...field("closesOn")} type="date" required hint={t.datesHint} />
        <ChoiceGroup legend={t.mode} {...field("mode", "anonymous")} type="radio" options={modes} />
        <CheckboxField label={t.kiosk} name="kiosk" hint={t.kioskHint} defaultChecked={Boolean(result?.echo.kiosk)} />
        <FormActions submit={t.create} cancel={t.cancel} cancelTo="/staff/campaigns" />
      </ToolkitForm>
    </div>
  );
}
