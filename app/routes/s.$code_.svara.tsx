import { data, type ActionFunctionArgs } from "@remix-run/node";
import {
  Link,
  useActionData,
  useParams,
  type ClientActionFunctionArgs,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { surveyShouldRevalidate } from "~/components/survey/should-revalidate";
import { SurveyPage } from "~/components/survey/survey-page";
import { ParticipantErrorBoundary } from "~/components/participant-error-boundary";
import { notFound } from "~/http/errors.server";
import { pageTitle } from "~/i18n/meta";
import { surveys as surveyStrings } from "~/i18n/strings/surveys";
import { useStrings } from "~/i18n/use-strings";
import { surveyStep, type SurveyPageData } from "~/surveys/participant-page.server";
import { announceStepReply, isNetworkFailure, type StepReply } from "~/surveys/step-reply";
import surveyCss from "~/styles/survey.css";
import { stylesheetsNotInPage, type PaintFirstHandle } from "~/components/paint-first";

// One step of the survey as a plain form post: what a phone without scripts sends on "Nästa" and "Tillbaka".
// With scripts the same form is sent by a fetcher from /s/CODE, and this route only answers it. It has no loader:
// Remix runs loaders again after a document POST, and this page's data is the action's alone.

export const links = () => stylesheetsNotInPage(surveyCss);

// Without scripts every question is a page of its own: each one shows at once (decision 0029).
export const handle: PaintFirstHandle = { paintFirst: true };

export const meta = pageTitle(surveyStrings, "surveyTitle");

export async function action({ request, params }: ActionFunctionArgs) {
  const result = await surveyStep(request, params.code ?? "");
  if (!result.page) throw notFound("survey");
  return data<SurveyPageData>(result.page, { status: result.status, headers: { "Cache-Control": "no-store" } });
}

/**
 * With scripts, a step goes through here: the server's answer as it is, but a step that never reached the server
 * (the connection went while it was on its way) comes back as "not sent" instead of the error page, so the page
 * keeps it and sends it again when the connection returns (`useSurveySteps`, decision 0041). Without scripts this
 * does not run, and the form posts as it always did.
 */
export async function clientAction({ request, serverAction }: ClientActionFunctionArgs) {
  const step = String((await request.clone().formData()).get("step") ?? "");
  let reply: StepReply;
  try {
    reply = await serverAction<typeof action>();
  } catch (error) {
    if (!isNetworkFailure(error)) throw error;
    reply = { notSent: true, step };
  }
  announceStepReply(reply);
  return reply;
}

export const shouldRevalidate: ShouldRevalidateFunction = surveyShouldRevalidate;

export default function SurveyStepRoute() {
  const page = useActionData<typeof action>();
  const t = useStrings(surveyStrings);
  const { code } = useParams();
  if (page) return <SurveyPage initial={page} />;
  // Opened again from history or a bookmark: the survey's own page knows how to go on.
  return (
    <div className="page page--narrow survey-page">
      <h1>{t.surveyTitle}</h1>
      <p>
        <Link to={`/s/${encodeURIComponent(code ?? "")}`}>{t.backToSurvey}</Link>
      </p>
    </div>
  );
}

export const ErrorBoundary = ParticipantErrorBoundary;
