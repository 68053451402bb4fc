import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireStaff } from "~/auth/guards.server";
import { rolesFor } from "~/auth/capabilities";
import { badRequest, notFound } from "~/http/errors.server";
import { feedbackStaff } from "~/i18n/strings/feedback";
import { useStrings } from "~/i18n/use-strings";
import { themeCounts } from "~/models/feedback.server";
import { createTheme, listThemes, setThemeArchived } from "~/models/feedback-theme.server";
import styles from "~/styles/feedback.css";
import { pageTitle } from "~/i18n/meta";
import { Field, FormAlert, SelectField } from "~/components/forms";
import { readFeedbackListForm } from "~/feedback/list-form.server";
import { ColumnHeads } from "~/components/table-heads";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(feedbackStaff, "themesLink");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("feedback") });
  const [themes, counts] = await Promise.all([listThemes({ includeArchived: true }), themeCounts({ viewer: staff })]);
  return { themes: themes.map((th) => ({ ...th, count: counts.get(th.id) ?? 0 })) };
}

const intents = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    name: z.string().trim().min(1).max(100),
    parentId: z.union([z.literal(""), z.coerce.number().int().positive()]),
  }),
  z.object({ intent: z.literal("archive"), id: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("restore"), id: z.coerce.number().int().positive() }),
]);

export async function action(args: ActionFunctionArgs) {
  const { staff, form, t, ip, parsed } = await readFeedbackListForm(args, intents);
  if (!parsed.ok) {
    if (form.get("intent") === "create")
      return data({ error: t.errThemeName, name: form.get("name") ?? "" }, { status: 422 });
    throw badRequest();
  }
  const input = parsed.value;
  if (input.intent === "create") {
    const result = await createTheme({
      name: input.name,
      parentId: input.parentId === "" ? null : input.parentId,
      actor: staff,
      ip,
    });
    if (!result.ok)
      return data(
        { error: result.problem === "duplicate" ? t.errThemeDuplicate : t.errInvalid, name: input.name },
        { status: 422 },
      );
    return redirect("/staff/feedback/themes?saved=1");
  }
  const ok = await setThemeArchived({ id: input.id, archived: input.intent === "archive", actor: staff, ip });
  if (!ok) throw notFound();
  return redirect("/staff/feedback/themes?saved=1");
}

export default function Themes() {
  const { themes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useStrings(feedbackStaff);
  const nameField = { id: "theme-name", name: "name", defaultValue: result?.name ?? "" };
  const parents = themes.filter((th) => th.parentId === null && !th.archived);
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/staff/feedback">{t.backToInbox}</Link>
      </p>
      <h1>{t.themesTitle}</h1>
      <p className="lead">{t.themesLead}</p>
      <FormAlert tone="ok">{params.has("saved") && !result ? t.saved : null}</FormAlert>
      <div className="table-wrap">
        <table className="responsive">
          <caption className="visually-hidden">{t.themesTitle}</caption>
          <ColumnHeads columns={[t.themeName, t.themeCount]} action={t.archive} />
          <tbody>
            {themes.map((th) => (
              <tr key={th.id}>
                <td data-label={t.themeName}>
                  {th.parentId ? <span aria-hidden="true">– </span> : null}
                  <Link to={`/staff/feedback?theme=${th.id}`}>{th.name}</Link>
                  {th.archived ? <span className="tag"> {t.archived}</span> : null}
                </td>
                <td data-label={t.themeCount}>{th.count}</td>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="id" value={th.id} />
                    <button
                      type="submit"
                      name="intent"
                      value={th.archived ? "restore" : "archive"}
                      className="button button--quiet"
                      aria-label={`${th.archived ? t.restore : t.archive}: ${th.name}`}
                    >
                      {th.archived ? t.restore : t.archive}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t.addTheme}</h2>
      <FormAlert id="theme-error">{result?.error}</FormAlert>
      <Form method="post" className="stack">
        <Field label={t.themeName} {...nameField} maxLength={100} errorIn={result?.error && "theme-error"} />
        <SelectField label={t.themeParent} name="parentId" empty={t.themeTop} options={parents} />
        <button type="submit" name="intent" value="create" className="button">
          {t.addTheme}
        </button>
      </Form>
    </div>
  );
}
