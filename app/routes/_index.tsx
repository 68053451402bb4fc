import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { common } from "~/i18n/strings/common";
import { useStrings } from "~/i18n/use-strings";

export const meta: MetaFunction = () => [{ title: "Deltagarröst" }];

export default function Home() {
  const t = useStrings(common);
  return (
    <div className="page page--narrow">
      <h1>{t.homeTitle}</h1>
      <p className="lead">{t.homeLead}</p>
      <form method="get" action="/s" className="stack">
        <div className="field">
          <label htmlFor="code">{t.homeSurvey}</label>
          <input
            id="code"
            name="code"
            type="text"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={16}
            required
          />
        </div>
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
