import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { surveyShouldRevalidate } from "~/components/survey/should-revalidate";
import { SurveyPage } from "~/components/survey/survey-page";
import { notFound } from "~/http/errors.server";
import { titleFor } from "~/i18n/meta";
import { surveys as surveyStrings } from "~/i18n/strings/surveys";
import { surveyLanding } from "~/surveys/participant-page.server";
import { ParticipantErrorBoundary } from "~/components/participant-error-boundary";
import surveyCss from "~/styles/survey.css";
import { stylesheetsNotInPage, type PaintFirstHandle } from "~/components/paint-first";

// Answers are POSTed as JSON to this same address (the contract): server.js hands that to
// app/surveys/submission.server.ts before Remix sees it. The form of each question posts to /s/CODE/svara.

export const links = () => stylesheetsNotInPage(surveyCss);

// The first question must show at once on a slow phone: styles inside the page, scripts after it (decision 0029).
export const handle: PaintFirstHandle = { paintFirst: true };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleFor(surveyStrings, matches, (t) => data?.title ?? t.surveyTitle);

// The POST of answers (JSON) is answered before Remix: app/surveys/submission-body.server.ts.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const result = await surveyLanding(request, params.code ?? "");
  if (!result.page) throw notFound("survey");
  return data(result.page, { status: result.status, headers: { "Cache-Control": "no-store" } });
}

export const shouldRevalidate: ShouldRevalidateFunction = surveyShouldRevalidate;

export default function SurveyRoute() {
  return <SurveyPage initial={useLoaderData<typeof loader>()} />;
}

export const ErrorBoundary = ParticipantErrorBoundary;
