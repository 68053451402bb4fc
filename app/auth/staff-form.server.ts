import { z } from "zod";
import { leftOutAsEmpty, parseForm } from "~/http/parse-form";
import { ROLES } from "./roles";

/** The fields an admin sets on a staff account, shared by "new" and "edit". Errors are string keys for the UI. */
export const staffFormSchema = z.object({
  name: z.string().trim().min(1, "errName").max(200, "errName"),
  email: z.string().trim().toLowerCase().max(254, "errEmail").email("errEmail"),
  // The new-account form's role select starts on a disabled "–", which a browser does not send: no role chosen is
  // the person's mistake ("Välj en roll"), not a broken post.
  role: leftOutAsEmpty(z.enum(ROLES, { errorMap: () => ({ message: "errRole" }) })),
  programIds: z
    .array(z.coerce.number({ message: "errPrograms" }).int("errPrograms").positive("errPrograms"))
    .min(1, "errPrograms")
    .max(50, "errPrograms"),
  disabled: z.boolean(),
});

export type StaffFormValue = z.infer<typeof staffFormSchema>;
export type StaffFormErrors = Partial<Record<keyof StaffFormValue, string>>;

export function parseStaffForm(
  form: URLSearchParams,
  knownProgramIds: number[],
): { ok: true; value: StaffFormValue } | { ok: false; errors: StaffFormErrors; missing: string[] } {
  const parsed = parseForm(form, staffFormSchema);
  if (!parsed.ok) return parsed;
  if (parsed.value.programIds.some((id) => !knownProgramIds.includes(id)))
    return { ok: false, errors: { programIds: "errPrograms" }, missing: [] };
  return parsed;
}
