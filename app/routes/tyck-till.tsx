import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { assertSameOrigin } from "~/auth/origin.server";
import { ReadAloudButton } from "~/components/read-aloud";
import { readForm } from "~/http/body.server";
import { format, groupDigits } from "~/i18n/define";
import { localeFromRequest } from "~/i18n/locale";
import { tyckTill } from "~/i18n/strings/feedback";
import { useStrings } from "~/i18n/use-strings";
import { listActivities } from "~/models/activity.server";
import { receiveFormFeedback } from "~/models/feedback.server";
import { listPrograms } from "~/models/program.server";
import { FORM_TEXT_MAX } from "~/models/feedback-constants";
import styles from "~/styles/feedback.css";
import { pageTitle } from "~/i18n/meta";
import {
  CharacterCount,
  CheckboxField,
  Choice,
  ChoiceGroup,
  Field,
  FormAlert,
  SelectField,
  TextareaField,
  hasErrors,
} from "~/components/forms";
import { leftOutAsEmpty, parseForm } from "~/http/parse-form";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(tyckTill, "title");

// Room for the longest text we refuse politely (20 000 characters of å, ä and ö, form-encoded).
const MAX_BODY_BYTES = 256 * 1024;
const CONTACT_MAX = 200;
/** The text's length as the server counts it (line breaks are one character in a text box already). */
const textLength = (text: string) => text.trim().length;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const [activities, programs] = await Promise.all([listActivities(), listPrograms()]);
  return {
    activities: activities.map((a) => ({ id: a.id, name: a.name })),
    programs,
    thanks: url.searchParams.has("tack"),
    contact: url.searchParams.has("kontakt"),
  };
}

// The form's contract is `text` alone (DESIGN.md): the choices and the contact may be left out, as "none".
const idOrNone = leftOutAsEmpty(
  z
    .union([z.literal(""), z.coerce.number().int().positive()], { errorMap: () => ({ message: "errChoice" }) })
    .transform((v) => (v === "" ? null : v)),
);
const schema = z.object({
  // Browsers send line breaks as CRLF; count them as one character, as the text box does.
  text: z
    .string()
    .transform((v) => v.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().min(1, "errEmpty").max(FORM_TEXT_MAX, "errTooLong")),
  activityId: idOrNone,
  programId: idOrNone,
  wantsContact: z.boolean(),
  contact: leftOutAsEmpty(z.string().trim().max(CONTACT_MAX, "errContactLong")),
  consent: z.boolean(),
});

type Errors = Partial<Record<"text" | "contact" | "choice", string>>;
type Values = {
  text: string;
  activityId: string;
  programId: string;
  wantsContact: boolean;
  contact: string;
  consent: boolean;
};

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const t = tyckTill[localeFromRequest(request)];
  const empty: Values = { text: "", activityId: "", programId: "", wantsContact: false, contact: "", consent: false };
  const body = await readForm(request, { maxBytes: MAX_BODY_BYTES });
  if (!body.ok) {
    const message =
      body.problem === "too-large" ? format(t.errTooLarge, { max: groupDigits(FORM_TEXT_MAX) }) : t.errBody;
    return data({ errors: { text: message } as Errors, values: empty }, { status: body.status === 413 ? 413 : 400 });
  }
  const form = body.form;
  const values: Values = {
    text: (form.get("text") ?? "").replace(/\r\n?/g, "\n"),
    activityId: form.get("activityId") ?? "",
    programId: form.get("programId") ?? "",
    wantsContact: form.get("wantsContact") === "on",
    contact: (form.get("contact") ?? "").trim(),
    consent: form.get("consent") === "on",
  };
  const parsed = parseForm(form, schema);
  const [activities, programs] = await Promise.all([listActivities(), listPrograms()]);
  const found = parsed.ok ? {} : parsed.errors;
  const text = values.text.trim();
  const errors: Errors = {};
  if (found.text === "errTooLong")
    errors.text = format(t.errTooLong, { length: groupDigits(text.length), max: groupDigits(FORM_TEXT_MAX) });
  else if (found.text) errors.text = t.errEmpty;
  if (values.wantsContact && values.contact === "") errors.contact = t.errContact;
  else if (found.contact) errors.contact = t.errContactLong;
  if (
    found.activityId ||
    found.programId ||
    (parsed.ok && parsed.value.activityId !== null && !activities.some((a) => a.id === parsed.value.activityId)) ||
    (parsed.ok && parsed.value.programId !== null && !programs.some((p) => p.id === parsed.value.programId))
  ) {
    errors.choice = t.errChoice;
  }
  if (!parsed.ok || hasErrors(errors)) {
    const status = found.text === "errTooLong" ? 413 : 400;
    return data(
      { errors, values: { ...values, ...(errors.choice ? { activityId: "", programId: "" } : {}) } },
      { status },
    );
  }
  // A contact detail written without ticking the box still means "contact me".
  const contact = values.contact === "" ? null : values.contact;
  await receiveFormFeedback({
    text: parsed.value.text,
    programId: parsed.value.programId,
    activityId: parsed.value.activityId,
    contact,
    consentToQuote: parsed.value.consent,
  });
  return redirect(contact ? "/tyck-till?tack=1&kontakt=1" : "/tyck-till?tack=1");
}

export default function TyckTill() {
  const { activities, programs, thanks, contact } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useStrings(tyckTill);
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const values = result?.values;
  const errors: Errors = result?.errors ?? {};
  // Counted as it is typed; rendered by the server too, so without scripts the count of what was sent stands.
  const [text, setText] = useState(values?.text ?? "");
  // The thanks page and "Skriv mer" keep this page mounted: the new, empty box starts the count again.
  if (thanks && !result && text !== "") setText("");
  const max = groupDigits(FORM_TEXT_MAX);
  if (thanks && !result) {
    return (
      <div className="page page--narrow tyck-till">
        <h1>{t.thanksTitle}</h1>
        <FormAlert tone="ok" className="lead">
          {contact ? `${t.thanks} ${t.thanksContact}` : t.thanks}
        </FormAlert>
        <p className="actions">
          <Link to="/tyck-till" className="button">
            {t.writeMore}
          </Link>
          <Link to="/" className="button button--secondary">
            {t.toStart}
          </Link>
        </p>
      </div>
    );
  }

  const errorList = (["text", "contact", "choice"] as const).filter((k) => errors[k]);
  return (
    <div className="page page--narrow tyck-till">
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>
      <p>{t.anonymous}</p>
      <ReadAloudButton text={t.readAloudText} label={t.readAloud} />
      <FormAlert id="form-errors" focus focusKey={errorList.map((k) => errors[k]).join()}>
        {errorList.length > 0 ? (
          <>
            <p className="tyck-till__summary">{t.errSummary}</p>
            <ul>
              {errorList.map((k) => (
                <li key={k}>
                  <a href={k === "choice" ? "#activityId" : `#${k}`}>{errors[k]}</a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </FormAlert>
      <Form method="post" className="stack" noValidate>
        <TextareaField
          label={t.textLabel}
          name="text"
          rows={8}
          defaultValue={values?.text ?? ""}
          hint={format(t.textHint, { max })}
          error={errors.text}
          describedBy="text-count"
          onChange={(e) => setText(e.currentTarget.value)}
        >
          <CharacterCount
            id="text-count"
            text={text}
            count={textLength}
            max={FORM_TEXT_MAX}
            left={t.charsLeft}
            over={t.charsOver}
          />
        </TextareaField>

        <SelectField
          label={
            <>
              {t.activityLabel} <span className="muted">{t.optional}</span>
            </>
          }
          name="activityId"
          empty={t.activityNone}
          options={activities}
          defaultValue={values?.activityId ?? ""}
          error={errors.choice}
        />

        <ChoiceGroup
          legend={
            <>
              {t.programLegend} <span className="muted">{t.optional}</span>
            </>
          }
          name="programId"
          type="radio"
          options={[...programs, { value: "", label: t.programUnknown }]}
          defaultValue={values?.programId}
        />

        <ChoiceGroup
          legend={
            <>
              {t.contactLegend} <span className="muted">{t.optional}</span>
            </>
          }
          name="contactChoice"
        >
          <Choice name="wantsContact" label={t.contactWanted} defaultChecked={values?.wantsContact ?? false} />
          <Field
            label={t.contactLabel}
            name="contact"
            autoComplete="off"
            defaultValue={values?.contact ?? ""}
            hint={t.contactHint}
            error={errors.contact}
          />
        </ChoiceGroup>

        <CheckboxField
          label={t.consentLabel}
          name="consent"
          hint={t.consentHint}
          defaultChecked={values?.consent ?? false}
        />

        <button type="submit" className="button button--block" disabled={busy}>
          {t.send}
        </button>
      </Form>
    </div>
  );
}
