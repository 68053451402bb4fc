import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { refuseLeftOutFields } from "~/http/errors.server";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireStaff } from "~/auth/guards.server";
import { rolesFor } from "~/auth/capabilities";
import { clientAddress } from "~/http/context";
import { requireForm } from "~/http/body.server";
import { format } from "~/i18n/define";
import { feedbackStaff } from "~/i18n/strings/feedback";
import { useStrings } from "~/i18n/use-strings";
import { addStaffNote } from "~/models/feedback.server";
import type { Scoped } from "~/auth/scope";
import { activitiesFor, programsFor } from "~/activities/programs.server";
import { FORM_TEXT_MAX } from "~/models/feedback-constants";
import styles from "~/styles/feedback.css";
import { pageTitle } from "~/i18n/meta";
import {
  CheckboxField,
  Field,
  SelectField,
  TextareaField,
  ToolkitForm,
  errorText,
  fieldProps,
} from "~/components/forms";
import { parseForm, type FieldErrors } from "~/http/parse-form";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(feedbackStaff, "pageNote");

async function choices(staff: Scoped) {
  const [programs, activities] = await Promise.all([programsFor(staff), activitiesFor(staff)]);
  return {
    programs: programs.map((p) => ({ id: p.id, name: p.name })),
    activities: activities.map((a) => ({ id: a.id, name: a.name })),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("feedback") });
  return choices(staff);
}

const id = z.coerce.number().int().positive();
const schema = z.object({
  // Browsers send line breaks as CRLF; count them as one character, as the text box does.
  text: z
    .string()
    .transform((v) => v.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().min(1, "errNoteText").max(FORM_TEXT_MAX, "errNoteText")),
  programId: z.coerce.number({ message: "errNoteProgram" }).int("errNoteProgram").positive("errNoteProgram"),
  activityId: z.union([z.literal(""), id], { errorMap: () => ({ message: "errInvalid" }) }),
  consent: z.boolean(),
  consentNote: z.string().trim().max(500, "errInvalid"),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("feedback") });
  const form = await requireForm(request, { maxBytes: 256 * 1024 });
  const values = {
    text: (form.get("text") ?? "").replace(/\r\n?/g, "\n"),
    programId: form.get("programId") ?? "",
    activityId: form.get("activityId") ?? "",
    consent: form.has("consent"),
    consentNote: form.get("consentNote") ?? "",
  };
  const parsed = parseForm(form, schema);
  refuseLeftOutFields(parsed);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 422 });
  const { activities } = await choices(staff);
  const { activityId, ...note } = parsed.value;
  if (activityId !== "" && !activities.some((a) => a.id === activityId))
    return data({ errors: { activityId: "errInvalid" } as FieldErrors<typeof note>, values }, { status: 422 });
  const result = await addStaffNote({
    viewer: staff,
    text: note.text,
    programId: note.programId,
    activityId: activityId === "" ? null : activityId,
    consentToQuote: note.consent,
    consentNote: note.consentNote || null,
    ip: clientAddress(context),
  });
  if (!result.ok) return data({ errors: { programId: "errNoteProgram" }, values }, { status: 422 });
  return redirect(`/staff/feedback/${result.id}`);
}

export default function NewNote() {
  const { programs, activities } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useStrings(feedbackStaff);
  const errors: Partial<Record<string, string>> = result?.errors ?? {};
  const v = result?.values;
  const keyText = errorText(t, errors, t.errInvalid);
  const err = (key: string) =>
    key === "text" && errors.text ? format(t.errNoteText, { max: FORM_TEXT_MAX }) : keyText(key);
  const field = fieldProps(v, err);
  // With one programme to choose from, it is chosen.
  const only = programs.length === 1 ? programs[0] : null;
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/staff/feedback">{t.backToInbox}</Link>
      </p>
      <h1>{t.noteTitle}</h1>
      <p className="lead">{t.noteLead}</p>
      <ToolkitForm errors={errors} alert={Object.keys(errors).map(err).join(" ")}>
        <TextareaField label={t.noteText} {...field("text")} rows={8} />
        <SelectField
          label={t.program}
          {...field("programId", only ? only.id : "")}
          empty={only ? undefined : "–"}
          options={programs}
        />
        <SelectField label={t.activity} {...field("activityId")} empty={t.noActivity} options={activities} />
        <CheckboxField label={t.noteConsent} name="consent" defaultChecked={v?.consent ?? false} />
        <Field label={t.noteConsentNote} {...field("consentNote")} maxLength={500} />
        <button type="submit" className="button button--block">
          {t.noteSave}
        </button>
      </ToolkitForm>
    </div>
  );
}
