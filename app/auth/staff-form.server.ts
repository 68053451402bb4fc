import { z } from "zod";
import { ROLES } from "./roles";

/** The fields an admin sets on a staff account, shared by "new" and "edit". Errors are string keys for the UI. */
export const staffFormSchema = z.object({
  name: z.string().trim().min(1, "errName").max(200, "errName"),
  email: z.string().trim().toLowerCase().max(254, "errEmail").email("errEmail"),
  role: z.enum(ROLES, { errorMap: () => ({ message: "errRole" }) }),
  programIds: z.array(z.coerce.number().int().positive()).min(1, "errPrograms").max(50),
  disabled: z.boolean(),
});

export type StaffFormValue = z.infer<typeof staffFormSchema>;
export type StaffFormErrors = Partial<Record<keyof StaffFormValue, string>>;

export function parseStaffForm(
  form: URLSearchParams,
  knownProgramIds: number[],
): { ok: true; value: StaffFormValue } | { ok: false; errors: StaffFormErrors } {
  const parsed = staffFormSchema.safeParse({
    name: form.get("name") ?? "",
    email: form.get("email") ?? "",
    role: form.get("role") ?? "",
    programIds: form.getAll("programIds"),
    disabled: form.get("disabled") === "on",
  });
  if (!parsed.success) {
    const errors: StaffFormErrors = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as keyof StaffFormValue;
      errors[key] ??= issue.message.startsWith("err")
        ? issue.message
        : key === "programIds"
          ? "errPrograms"
          : "errForm";
    }
    return { ok: false, errors };
  }
  if (parsed.data.programIds.some((id) => !knownProgramIds.includes(id)))
    return { ok: false, errors: { programIds: "errPrograms" } };
  return { ok: true, value: parsed.data };
}
