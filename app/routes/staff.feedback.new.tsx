import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireStaff } from "~/auth/guards.server";
import { rolesFor } from "~/auth/capabilities";
import { clientAddress } from "~/http/context";
import { requireForm } from "~/http/body.server";
import { format } from "~/i18n/define";
import { localeFromRequest } from "~/i18n/locale";
import { feedbackStaff } from "~/i18n/strings/feedback";
import { useStrings } from "~/i18n/use-strings";
import { listActivities } from "~/models/activity.server";
import { addStaffNote } from "~/models/feedback.server";
import { listPrograms } from "~/models/program.server";
import { FORM_TEXT_MAX } from "~/models/feedback-constants";
import styles from "~/styles/feedback.css";
import { pageTitle } from "~/i18n/meta";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(feedbackStaff, "pageNote");

async function choices(staff: { role: string; programIds: number[] }) {
  const [programs, activities] = await Promise.all([listPrograms(), listActivities()]);
  return {
    programs: staff.role === "admin" ? programs : programs.filter((p) => staff.programIds.includes(p.id)),
    activities: activities.map((a) => ({ id: a.id, name: a.name })),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("feedback") });
  return choices(staff);
}

const schema = z.object({
  text: z.string().trim().min(1).max(FORM_TEXT_MAX),
  programId: z.coerce.number().int().positive(),
  activityId: z.union([z.literal(""), z.coerce.number().int().positive()]),
  consent: z.literal("on").optional(),
  consentNote: z.string().trim().max(500),
});

type Errors = Partial<Record<"text" | "programId" | "activityId", string>>;

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("feedback") });
  const form = await requireForm(request, { maxBytes: 256 * 1024 });
  const t = feedbackStaff[localeFromRequest(request)];
  const values = {
    text: (form.get("text") ?? "").replace(/\r\n?/g, "\n"),
    programId: form.get("programId") ?? "",
    activityId: form.get("activityId") ?? "",
    consent: form.get("consent") ?? undefined,
    consentNote: form.get("consentNote") ?? "",
  };
  const parsed = schema.safeParse(values);
  const { activities } = await choices(staff);
  const errors: Errors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if (key === "text") errors.text = format(t.errNoteText, { max: FORM_TEXT_MAX });
      if (key === "programId") errors.programId = t.errNoteProgram;
      if (key === "activityId") errors.activityId = t.errInvalid;
    }
  } else if (parsed.data.activityId !== "" && !activities.some((a) => a.id === parsed.data.activityId)) {
    errors.activityId = t.errInvalid;
  }
  if (!parsed.success || Object.keys(errors).length > 0) return data({ errors, values }, { status: 422 });
  const result = await addStaffNote({
    viewer: staff,
    text: parsed.data.text,
    programId: parsed.data.programId,
    activityId: parsed.data.activityId === "" ? null : parsed.data.activityId,
    consentToQuote: parsed.data.consent === "on",
    consentNote: parsed.data.consentNote || null,
    ip: clientAddress(context),
  });
  if (!result.ok) return data({ errors: { programId: t.errNoteProgram } as Errors, values }, { status: 422 });
  return redirect(`/staff/feedback/${result.id}`);
}

export default function NewNote() {
  const { programs, activities } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useStrings(feedbackStaff);
  const errors: Errors = result?.errors ?? {};
  const v = result?.values;
  const invalid = (key: keyof Errors) =>
    errors[key] ? { "aria-invalid": true as const, "aria-describedby": `${key}-error` } : {};
  const errorText = (key: keyof Errors) =>
    errors[key] ? (
      <p className="field-error" id={`${key}-error`}>
        {errors[key]}
      </p>
    ) : null;
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/staff/feedback">{t.backToInbox}</Link>
      </p>
      <h1>{t.noteTitle}</h1>
      <p className="lead">{t.noteLead}</p>
      {Object.keys(errors).length > 0 ? (
        <p className="alert alert--error" role="alert">
          {Object.values(errors).join(" ")}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <div className="field">
          <label htmlFor="text">{t.noteText}</label>
          {errorText("text")}
          <textarea id="text" name="text" rows={8} defaultValue={v?.text ?? ""} {...invalid("text")} />
        </div>
        <div className="field">
          <label htmlFor="programId">{t.program}</label>
          {errorText("programId")}
          <select
            id="programId"
            name="programId"
            defaultValue={v?.programId ?? (programs.length === 1 ? String(programs[0].id) : "")}
            {...invalid("programId")}
          >
            {programs.length !== 1 ? <option value="">–</option> : null}
            {programs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="activityId">{t.activity}</label>
          {errorText("activityId")}
          <select id="activityId" name="activityId" defaultValue={v?.activityId ?? ""} {...invalid("activityId")}>
            <option value="">{t.noActivity}</option>
            {activities.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <label className="choice">
          <input type="checkbox" name="consent" defaultChecked={v?.consent === "on"} />
          {t.noteConsent}
        </label>
        <div className="field">
          <label htmlFor="consentNote">{t.noteConsentNote}</label>
          <input id="consentNote" name="consentNote" type="text" maxLength={500} defaultValue={v?.consentNote ?? ""} />
        </div>
        <button type="submit" className="button button--block">
          {t.noteSave}
        </button>
      </Form>
    </div>
  );
}
