import { randomUUID } from "node:crypto";
import { createCampaign, type CampaignMode } from "~/models/campaign.server";
import { handleSurveySubmission } from "~/surveys/submission.server";
import { BASE } from "./fixtures";

export async function makeCampaign({
  programId,
  code = "TEST",
  surveyKey = "brukarenkat",
  opensOn = "2020-01-01",
  closesOn = "2099-12-31",
  mode = "anonymous",
  kiosk = false,
  activityId = null,
}: {
  programId: number;
  code?: string;
  surveyKey?: string;
  opensOn?: string;
  closesOn?: string;
  mode?: CampaignMode;
  kiosk?: boolean;
  activityId?: number | null;
}): Promise<number> {
  return createCampaign({
    code,
    surveyKey,
    title: `Test ${code}`,
    programId,
    activityId,
    opensOn,
    closesOn,
    mode,
    kiosk,
    createdBy: null,
  });
}

export const VALID_ANSWERS = {
  program: "bostad_forst",
  gender: "kvinna",
  visits: "varje_vecka",
  activities: ["yoga"],
  satisfaction: 5,
};

export function submission(code: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}/s/${code}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export async function submit(code: string, body: unknown, headers?: Record<string, string>) {
  const response = await handleSurveySubmission(submission(code, body, headers), code);
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & {
      errors?: { question: string | null; message: string }[];
    },
  };
}

export const newId = () => randomUUID();
