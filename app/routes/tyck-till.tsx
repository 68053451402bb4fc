import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { assertSameOrigin } from "~/auth/origin.server";
import { groupDigits } from "~/components/feedback-ui";
import { ReadAloudButton } from "~/components/read-aloud";
import { readForm } from "~/http/body.server";
import { format } from "~/i18n/define";
import { localeFromRequest } from "~/i18n/locale";
import { tyckTill } from "~/i18n/strings/feedback";
import { useStrings } from "~/i18n/use-strings";
import { listActivities } from "~/models/activity.server";
import { receiveFormFeedback } from "~/models/feedback.server";
import { listPrograms } from "~/models/program.server";
import { FORM_TEXT_MAX } from "~/models/feedback-constants";
import styles from "~/styles/feedback.css";
import { pageTitle } from "~/i18n/meta";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(tyckTill, "title");

// Room for the longest text we refuse politely (20 000 characters of å, ä and ö, form-encoded).
const MAX_BODY_BYTES = 256 * 1024;
const CONTACT_MAX = 200;

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

const idOrNone = z.union([z.literal(""), z.coerce.number().int().positive()]).transform((v) => (v === "" ? null : v));
const schema = z.object({
  text: z.string(),
  activityId: idOrNone,
  programId: idOrNone,
  wantsContact: z.boolean(),
  contact: z.string(),
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
  // Browsers send line breaks as CRLF; count them as one character, as the text box does.
  const values: Values = {
    text: (form.get("text") ?? "").replace(/\r\n?/g, "\n"),
    activityId: form.get("activityId") ?? "",
    programId: form.get("programId") ?? "",
    wantsContact: form.get("wantsContact") === "on",
    contact: (form.get("contact") ?? "").trim(),
    consent: form.get("consent") === "on",
  };
  const parsed = schema.safeParse(values);
  const [activities, programs] = await Promise.all([listActivities(), listPrograms()]);
  const errors: Errors = {};
  const text = values.text.trim();
  if (text === "") errors.text = t.errEmpty;
  else if (text.length > FORM_TEXT_MAX)
    errors.text = format(t.errTooLong, { length: groupDigits(text.length), max: groupDigits(FORM_TEXT_MAX) });
  if (values.wantsContact && values.contact === "") errors.contact = t.errContact;
  else if (values.contact.length > CONTACT_MAX) errors.contact = t.errContactLong;
  if (
    !parsed.success ||
    (parsed.data.activityId !== null && !activities.some((a) => a.id === parsed.data.activityId)) ||
    (parsed.data.programId !== null && !programs.some((p) => p.id === parsed.data.programId))
  ) {
    errors.choice = t.errChoice;
  }
  if (Object.keys(errors).length > 0 || !parsed.success) {
    const status = errors.text && text.length > FORM_TEXT_MAX ? 413 : 400;
    return data(
      { errors, values: { ...values, ...(errors.choice ? { activityId: "", programId: "" } : {}) } },
      { status },
    );
  }
  // A contact detail written without ticking the box still means "contact me".
  const contact = values.contact === "" ? null : values.contact;
  await receiveFormFeedback({
    text,
    programId: parsed.data.programId,
    activityId: parsed.data.activityId,
    contact,
    consentToQuote: values.consent,
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
  const [length, setLength] = useState((values?.text ?? "").trim().length);
  const max = groupDigits(FORM_TEXT_MAX);
  const summary = useRef<HTMLDivElement>(null);
  // after a refused send, take people (and screen readers) to what needs fixing
  useEffect(() => {
    if (result?.errors) summary.current?.focus();
  }, [result]);

  if (thanks && !result) {
    return (
      <div className="page page--narrow tyck-till">
        <h1>{t.thanksTitle}</h1>
        <p className="alert alert--ok lead" role="status">
          {t.thanks} {contact ? t.thanksContact : null}
        </p>
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
      {errorList.length > 0 ? (
        <div className="alert alert--error" role="alert" id="form-errors" ref={summary} tabIndex={-1}>
          <p className="tyck-till__summary">{t.errSummary}</p>
          <ul>
            {errorList.map((k) => (
              <li key={k}>
                <a href={k === "choice" ? "#activityId" : `#${k}`}>{errors[k]}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <div className="field">
          <label htmlFor="text">{t.textLabel}</label>
          <p className="hint" id="text-hint">
            {format(t.textHint, { max })}
          </p>
          {errors.text ? (
            <p className="field-error" id="text-error">
              {errors.text}
            </p>
          ) : null}
          <textarea
            id="text"
            name="text"
            rows={8}
            defaultValue={values?.text ?? ""}
            aria-invalid={errors.text ? true : undefined}
            aria-describedby={errors.text ? "text-error text-hint text-count" : "text-hint text-count"}
            onChange={(e) => setLength(e.currentTarget.value.trim().length)}
          />
          <p className={`hint ${length > FORM_TEXT_MAX ? "tyck-till__over" : ""}`} id="text-count">
            {format(t.charsLeft, { count: groupDigits(FORM_TEXT_MAX - length) })}
          </p>
        </div>

        <div className="field">
          <label htmlFor="activityId">
            {t.activityLabel} <span className="muted">{t.optional}</span>
          </label>
          {errors.choice ? <p className="field-error">{errors.choice}</p> : null}
          <select id="activityId" name="activityId" defaultValue={values?.activityId ?? ""}>
            <option value="">{t.activityNone}</option>
            {activities.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>

        <fieldset className="field">
          <legend>
            {t.programLegend} <span className="muted">{t.optional}</span>
          </legend>
          {programs.map((p) => (
            <label key={p.id} className="choice">
              <input type="radio" name="programId" value={p.id} defaultChecked={values?.programId === String(p.id)} />
              {p.name}
            </label>
          ))}
          <label className="choice">
            <input type="radio" name="programId" value="" defaultChecked={values?.programId === ""} />
            {t.programUnknown}
          </label>
        </fieldset>

        <fieldset className="field">
          <legend>
            {t.contactLegend} <span className="muted">{t.optional}</span>
          </legend>
          <label className="choice">
            <input type="checkbox" name="wantsContact" defaultChecked={values?.wantsContact ?? false} />
            {t.contactWanted}
          </label>
          <label htmlFor="contact">{t.contactLabel}</label>
          <p className="hint" id="contact-hint">
            {t.contactHint}
          </p>
          {errors.contact ? (
            <p className="field-error" id="contact-error">
              {errors.contact}
            </p>
          ) : null}
          <input
            id="contact"
            name="contact"
            type="text"
            autoComplete="off"
            defaultValue={values?.contact ?? ""}
            aria-invalid={errors.contact ? true : undefined}
            aria-describedby={errors.contact ? "contact-error contact-hint" : "contact-hint"}
          />
        </fieldset>

        <div className="field">
          <label className="choice">
            <input
              type="checkbox"
              name="consent"
              defaultChecked={values?.consent ?? false}
              aria-describedby="consent-hint"
            />
            {t.consentLabel}
          </label>
          <p className="hint" id="consent-hint">
            {t.consentHint}
          </p>
        </div>

        <button type="submit" className="button button--block" disabled={busy}>
          {t.send}
        </button>
      </Form>
    </div>
  );
}
