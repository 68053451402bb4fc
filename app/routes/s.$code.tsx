import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { surveyShouldRevalidate } from "~/components/survey/should-revalidate";
import { SurveyPage } from "~/components/survey/survey-page";
import { notFound } from "~/http/errors.server";
import { surveyLanding, type SurveyPageData } from "~/surveys/participant-page.server";
import appCss from "~/styles/app.css";
import { ParticipantErrorBoundary } from "~/components/participant-error-boundary";
import surveyCss from "~/styles/survey.css";
import { inlineStyles } from "~/http/inline-styles.server";

// Answers are POSTed as JSON to this same address (the contract): server.js hands that to
// app/surveys/submission.server.ts before Remix sees it. The form of each question posts to /s/CODE/svara.

export const links = () => [{ rel: "stylesheet", href: surveyCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} – Deltagarröst` : "Deltagarröst" },
];

// The POST of answers (JSON) is answered before Remix: app/surveys/submission-body.server.ts.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const result = await surveyLanding(request, params.code ?? "");
  if (!result.page) throw notFound("survey");
  // The first question must show at once on a slow phone: its styles come inside the page (see root.tsx).
  const page: SurveyPageData & { inlineStyles: string | null } = {
    ...result.page,
    inlineStyles: inlineStyles([appCss, surveyCss]),
  };
  return data(page, { status: result.status, headers: { "Cache-Control": "no-store" } });
}

export const shouldRevalidate: ShouldRevalidateFunction = surveyShouldRevalidate;

export default function SurveyRoute() {
  return <SurveyPage initial={useLoaderData<typeof loader>()} />;
}

export const ErrorBoundary = ParticipantErrorBoundary;
