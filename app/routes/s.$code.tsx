import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import surveyCoreCss from "survey-core/survey-core.fontless.min.css";
import { normalizeJoinCode } from "~/surveys/join-code.server";
import { notFound } from "~/http/errors.server";
import { localeFromRequest } from "~/i18n/locale";
import { findCampaignByCode } from "~/models/campaign.server";
import { campaignState } from "~/surveys/campaign-state";
import { currentSurvey } from "~/surveys/registry.server";
import { ParticipantErrorBoundary } from "~/components/participant-error-boundary";
import { SurveyFlow, SurveyClosed, SurveyNotYetOpen } from "~/components/survey-flow";
import surveyCss from "~/styles/survey.css";

// SurveyJS's stylesheet is large: fetched early but not render-blocking, so the intro shows at once on a slow
// phone; the runner applies it when it mounts.
export const links = () => [
  { rel: "preload", as: "style", href: surveyCoreCss },
  { rel: "stylesheet", href: surveyCss },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} – Deltagarröst` : "Deltagarröst" },
];

// The POST of answers (JSON) is answered before Remix: app/surveys/submission-body.server.ts.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = normalizeJoinCode(params.code ?? "");
  const campaign = await findCampaignByCode({ code });
  if (!campaign) throw notFound("survey");
  const survey = await currentSurvey(campaign.surveyKey);
  if (!survey) throw notFound("survey");
  const locale = localeFromRequest(request);
  const state = campaignState(campaign);
  const kiosk = campaign.kiosk || new URL(request.url).searchParams.get("kiosk") === "1";
  const common = { code: campaign.code, title: campaign.title, locale, opensOn: campaign.opensOn };
  if (state !== "open")
    return data(
      { ...common, state, survey: null, kiosk, mode: campaign.mode },
      { status: state === "closed" ? 410 : 200 },
    );
  const questions = Object.keys(survey.json).length > 0 ? countQuestions(survey.json) : 0;
  return data(
    {
      ...common,
      state,
      kiosk,
      mode: campaign.mode,
      survey: { json: survey.json, hash: survey.hash, questions, minutes: Math.max(1, Math.round(questions / 3)) },
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

function countQuestions(json: Record<string, unknown>): number {
  const pages = (json.pages ?? []) as { elements?: unknown[] }[];
  return pages.reduce((n, p) => n + (p.elements?.length ?? 0), 0);
}

export default function SurveyPage() {
  const page = useLoaderData<typeof loader>();
  if (page.state === "closed") return <SurveyClosed code={page.code} title={page.title} />;
  if (page.state === "not-yet-open" || !page.survey)
    return <SurveyNotYetOpen title={page.title} opensOn={page.opensOn} />;
  return (
    <SurveyFlow
      key={page.code}
      code={page.code}
      title={page.title}
      locale={page.locale}
      kiosk={page.kiosk}
      withParticipantCode={page.mode === "participant_code"}
      survey={page.survey}
      runnerCss={surveyCoreCss}
    />
  );
}

export const ErrorBoundary = ParticipantErrorBoundary;
