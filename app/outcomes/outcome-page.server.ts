import { programsInView } from "~/activities/programs.server";
import { programScope } from "~/auth/scope";
import { listOutcomeCampaigns } from "~/models/outcome.server";
import type { StaffUser } from "~/models/staff.server";
import { isSmallCount, SMALL_COUNT_LIMIT } from "~/privacy/small-counts";
import { listSurveys } from "~/surveys/registry.server";
import { loadOutcomeReport, OutcomeQueryError, type OutcomeReport } from "./load-outcomes.server";
import type { Text } from "./measures";
import { parseOutcomeParams, type OutcomeParams } from "./outcome-query";

/**
 * What the outcome page (and its CSV) needs for one request: the choices the staff member has (their programmes'
 * campaigns grouped by survey) and, when the query is good, the report. Without any `campaign` in the query the
 * latest waves (up to three) of the survey answered most recently are shown, counting waves of at least 5 answers
 * (if there are any).
 */

export interface WaveChoice {
  id: number;
  title: string;
  opensOn: string;
  /** Responses, or null when fewer than 5 (never shown). */
  responses: number | null;
  small: boolean;
}

export interface OutcomePageData {
  surveys: { key: string; title: Text; waves: WaveChoice[] }[];
  programs: { id: number; name: string }[];
  params: OutcomeParams;
  report: OutcomeReport | null;
  /** A string key of `app/i18n/strings/outcomes.ts`. */
  error: string | null;
  status: 200 | 400 | 404;
}

const ERROR_KEYS = {
  noCampaign: "errNoCampaign",
  tooManyCampaigns: "errTooManyCampaigns",
  unknownCampaign: "errUnknownCampaign",
  mixedSurveys: "errMixedSurveys",
  unknownProgram: "errUnknownProgram",
  programNotAsked: "errProgramNotAsked",
  breakdownNotAsked: "errBreakdownNotAsked",
  badCompare: "errBadCompare",
  unknownSurvey: "errUnknownSurvey",
} as const;

export async function outcomePage(staff: StaffUser, url: URL, { defaults = true } = {}): Promise<OutcomePageData> {
  const scope = programScope(staff);
  const [campaigns, programs, surveyFiles] = await Promise.all([
    listOutcomeCampaigns({ programIds: scope }),
    programsInView(staff),
    listSurveys(),
  ]);
  const titles = new Map(surveyFiles.map((s) => [s.key, s.title]));
  const surveys: OutcomePageData["surveys"] = [];
  for (const c of campaigns) {
    let s = surveys.find((x) => x.key === c.surveyKey);
    if (!s)
      surveys.push(
        (s = { key: c.surveyKey, title: titles.get(c.surveyKey) ?? { sv: c.surveyKey, en: c.surveyKey }, waves: [] }),
      );
    const small = isSmallCount(c.responses);
    s.waves.push({ id: c.id, title: c.title, opensOn: c.opensOn, responses: small ? null : c.responses, small });
  }
  const base = { surveys, programs: programs.map((p) => ({ id: p.id, name: p.name })) };
  const parsed = parseOutcomeParams(url.searchParams);
  const empty: OutcomeParams = { campaignIds: [], by: null, programId: null, compareWith: null };
  if (!parsed.ok) return { ...base, params: empty, report: null, error: parsed.error, status: 400 };
  const params = parsed.value;
  if (params.campaignIds.length === 0) {
    if (!defaults) return { ...base, params, report: null, error: "errNoCampaign", status: 400 };
    // Waves with enough answers to show anything first: a wave of a few answers (an activity survey tried once)
    // would otherwise push the brukarenkät aside for a page of "färre än 5".
    const showable = campaigns.filter((c) => c.responses >= SMALL_COUNT_LIMIT);
    const answered = showable.length > 0 ? showable : campaigns.filter((c) => c.responses > 0);
    const newest = answered[answered.length - 1];
    if (!newest) return { ...base, params, report: null, error: null, status: 200 };
    params.campaignIds = answered
      .filter((c) => c.surveyKey === newest.surveyKey)
      .slice(-3)
      .map((c) => c.id);
  }
  try {
    const report = await loadOutcomeReport({ ...params, scope });
    return { ...base, params, report, error: null, status: 200 };
  } catch (error) {
    if (error instanceof OutcomeQueryError)
      return { ...base, params, report: null, error: ERROR_KEYS[error.code], status: error.status };
    throw error;
  }
}
