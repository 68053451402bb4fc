import { z } from "zod";
import { uniqueJoinCode } from "~/surveys/join-code.server";
import { isoDate } from "~/http/params";
import { leftOutAsEmpty, parseForm } from "~/http/parse-form";
import { codeTaken, createCampaign } from "~/models/campaign.server";

const date = isoDate;

export const campaignFormSchema = z
  .object({
    surveyKey: z.string().min(1, "errSurvey").max(64, "errSurvey"),
    title: z.string().trim().min(1, "errTitle").max(200, "errTitle"),
    programId: z.coerce.number({ invalid_type_error: "errProgram" }).int("errProgram").positive("errProgram"),
    activityId: z.union([z.literal(""), z.coerce.number().int().positive()]).transform((v) => (v === "" ? null : v)),
    opensOn: date,
    closesOn: date,
    // A radio group: with nothing chosen the browser sends nothing, and the person is told to choose.
    mode: leftOutAsEmpty(z.enum(["anonymous", "participant_code"], { errorMap: () => ({ message: "errMode" }) })),
    kiosk: z.boolean(),
  })
  .refine((v) => v.closesOn >= v.opensOn, { message: "errDates", path: ["closesOn"] });

export type CampaignFormValue = z.infer<typeof campaignFormSchema>;
export type CampaignFormErrors = Partial<Record<keyof CampaignFormValue, string>>;

export function parseCampaignForm(
  form: URLSearchParams,
  allowed: { surveyKeys: string[]; programIds: number[]; activityIds: number[] },
): { ok: true; value: CampaignFormValue } | { ok: false; errors: CampaignFormErrors; missing: string[] } {
  const parsed = parseForm(form, campaignFormSchema);
  if (!parsed.ok) return parsed;
  const errors: CampaignFormErrors = {};
  const v = parsed.value;
  if (!allowed.surveyKeys.includes(v.surveyKey)) errors.surveyKey = "errSurvey";
  if (!allowed.programIds.includes(v.programId)) errors.programId = "errProgram";
  if (v.activityId !== null && !allowed.activityIds.includes(v.activityId)) errors.activityId = "errActivity";
  return Object.keys(errors).length > 0 ? { ok: false, errors, missing: [] } : { ok: true, value: v };
}

export async function createCampaignWithCode({
  value,
  actor,
  ip,
}: {
  value: CampaignFormValue;
  actor: { id: number; email: string };
  ip: string;
}): Promise<{ id: number; code: string }> {
  const code = await uniqueJoinCode((c) => codeTaken({ code: c }));
  const id = await createCampaign({ ...value, code, createdBy: actor.id }, { actor, ip });
  return { id, code };
}
