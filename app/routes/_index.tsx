import { data, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/forms";
import { format } from "~/i18n/define";
import { common } from "~/i18n/strings/common";
import { useStrings } from "~/i18n/use-strings";
import { destinationForCode, tidyCode } from "~/surveys/code-lookup.server";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle(common, "appName", { appName: false });

/** The code box: any code (survey, workshop, …) goes to its page; an unknown one stays here with a word. */
export async function loader({ request }: LoaderFunctionArgs) {
  const typed = (new URL(request.url).searchParams.get("code") ?? "").slice(0, 64);
  if (typed.trim() === "") return { typed: "", unknown: null };
  const destination = await destinationForCode(typed);
  if (destination) throw redirect(destination);
  return data({ typed, unknown: tidyCode(typed) || typed.trim() }, { status: 404 });
}

export default function Home() {
  const t = useStrings(common);
  const { typed, unknown } = useLoaderData<typeof loader>();
  return (
    <div className="page page--narrow">
      <h1>{t.homeTitle}</h1>
      <p className="lead">{t.homeLead}</p>
      <form method="get" action="/" className="stack">
        <Field
          label={t.homeSurvey}
          name="code"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={16}
          required
          defaultValue={typed}
          autoFocus={Boolean(unknown)}
          error={unknown ? format(t.homeCodeUnknown, { code: unknown }) : undefined}
        />
        <button type="submit" className="button button--block">
          {t.homeCodeButton}
        </button>
      </form>
      <h2>{t.homeMore}</h2>
      <ul className="link-list">
        <li>
          <Link to="/tyck-till">{t.homeFeedback}</Link>
        </li>
        <li>
          <Link to="/forslag">{t.homeProposals}</Link>
        </li>
      </ul>
      <h2>{t.homeStaff}</h2>
      <p>
        <Link to="/staff/login">{t.staffLogin}</Link>
      </p>
    </div>
  );
}
