import { z } from "zod";
import { isoDate } from "~/http/params";
import { parseForm, type ParseResult } from "~/http/parse-form";
import type { WaveDetails } from "./wave-import.server";

/** The import page's fields: which survey and programme, the wave's name, and when it ran (wholly in the past). */
export function parseWaveForm(
  form: FormData | URLSearchParams,
  { surveyKeys, programIds, today }: { surveyKeys: string[]; programIds: number[]; today: string },
): ParseResult<WaveDetails> {
  const schema = z
    .object({
      surveyKey: z.string().refine((k) => surveyKeys.includes(k), "errSurvey"),
      programId: z.coerce
        .number({ invalid_type_error: "errProgram" })
        .int("errProgram")
        .refine((id) => programIds.includes(id), "errProgram"),
      title: z.string().trim().min(1, "errTitle").max(200, "errTitle"),
      opensOn: isoDate,
      closesOn: isoDate,
    })
    .refine((v) => v.closesOn >= v.opensOn, { message: "errDates", path: ["closesOn"] })
    .refine((v) => v.closesOn < today, { message: "errPast", path: ["closesOn"] });
  return parseForm(form, schema);
}
