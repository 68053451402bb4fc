import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireStaff } from "~/auth/guards.server";
import { rolesFor } from "~/auth/capabilities";
import { programScope } from "~/auth/scope";
import { badRequest, notFound } from "~/http/errors.server";
import { format } from "~/i18n/define";
import { feedbackStaff } from "~/i18n/strings/feedback";
import { useStrings } from "~/i18n/use-strings";
import { addRedactionName, listRedactionNames, removeRedactionName } from "~/models/redaction-name.server";
import styles from "~/styles/feedback.css";
import { pageTitle } from "~/i18n/meta";
import { Field, FormAlert, IntentForm } from "~/components/forms";
import { readFeedbackListForm } from "~/feedback/list-form.server";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(feedbackStaff, "namesLink");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("feedback") });
  const { names, total } = await listRedactionNames({ programIds: programScope(staff) });
  return { names, others: total - names.length };
}

const intents = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), name: z.string().trim().min(2).max(200) }),
  z.object({ intent: z.literal("remove"), id: z.coerce.number().int().positive() }),
]);

export async function action(args: ActionFunctionArgs) {
  const { staff, form, t, ip, parsed } = await readFeedbackListForm(args, intents);
  if (!parsed.ok) {
    if (form.get("intent") === "add") return data({ error: t.errName, name: form.get("name") ?? "" }, { status: 422 });
    throw badRequest();
  }
  if (parsed.value.intent === "add") {
    const name = parsed.value.name.replace(/\s+/g, " ");
    const result = await addRedactionName({ name, actor: staff, ip });
    if (!result.ok) return data({ error: t.errNameDuplicate, name }, { status: 422 });
    return redirect("/staff/feedback/names?saved=1");
  }
  if (!(await removeRedactionName({ id: parsed.value.id, actor: staff, ip, programIds: programScope(staff) })))
    throw notFound();
  return redirect("/staff/feedback/names?saved=1");
}

export default function Names() {
  const { names, others } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useStrings(feedbackStaff);
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/staff/feedback">{t.backToInbox}</Link>
      </p>
      <h1>{t.namesTitle}</h1>
      <p className="lead">{t.namesLead}</p>
      <FormAlert tone="ok">{params.has("saved") && !result ? t.saved : null}</FormAlert>
      <FormAlert id="name-error">{result?.error}</FormAlert>
      <IntentForm intent="add" submit={t.addName} className="fb-inline">
        <Field
          label={t.nameLabel}
          name="name"
          autoComplete="off"
          maxLength={200}
          defaultValue={result?.name ?? ""}
          errorIn={result?.error && "name-error"}
        />
      </IntentForm>
      <h2>{t.namesTitle}</h2>
      {names.length === 0 ? (
        <p>{t.noNames}</p>
      ) : (
        <ul className="fb-plain-list">
          {names.map((n) => (
            <li key={n.id}>
              <span>{n.name}</span>
              <IntentForm
                intent="remove"
                hidden={{ id: n.id }}
                submit={t.remove}
                label={format(t.removeName, { name: n.name })}
                tone="quiet"
                className="inline-form"
              />
            </li>
          ))}
        </ul>
      )}
      {others > 0 ? <p className="muted">{format(t.namesOthers, { n: others })}</p> : null}
    </div>
  );
}
