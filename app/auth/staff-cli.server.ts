import { z } from "zod";
import { audited } from "~/models/audit.server";
import { createProgram, listAllPrograms, listPrograms } from "~/models/program.server";
import { createStaff, emailTaken, type StaffUser } from "~/models/staff.server";
import { DEMO_PROGRAMS } from "../../db/seeds/demo/staff";
import { generatePassword, hashPassword, PASSWORD_MIN_LENGTH } from "./password.server";
import { ROLES, type Role } from "./roles";

const input = z.object({
  email: z.string().trim().toLowerCase().email("--email must be an e-mail address"),
  role: z.enum(ROLES, { errorMap: () => ({ message: `--role must be one of ${ROLES.join(", ")}` }) }),
  name: z.string().trim().min(1).max(200).optional(),
  programSlugs: z.array(z.string()).optional(),
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, `STAFF_PASSWORD must be at least ${PASSWORD_MIN_LENGTH} characters`)
    .optional(),
});

export async function createAccountFromCli(raw: {
  email: string;
  role: string;
  name?: string;
  programSlugs?: string[];
  password?: string;
}): Promise<
  | { ok: true; email: string; role: Role; programs: string[]; generatedPassword: string | null }
  | { ok: false; message: string }
> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join("\n") };
  const { email, role, name, programSlugs, password } = parsed.data;
  if (await emailTaken({ email })) return { ok: false, message: `There is already an account for ${email}.` };

  // Programmes are created once, on an install that has none (archived ones count: they are kept on purpose).
  if ((await listAllPrograms()).length === 0) for (const p of DEMO_PROGRAMS) await createProgram(p);
  const programs = await listPrograms();
  const chosen = programSlugs ? programs.filter((p) => programSlugs.includes(p.slug)) : programs;
  const unknown = (programSlugs ?? []).filter((slug) => !programs.some((p) => p.slug === slug));
  if (unknown.length > 0)
    return {
      ok: false,
      message: `Unknown programme(s): ${unknown.join(", ")}. Known: ${programs.map((p) => p.slug).join(", ")}`,
    };

  const generatedPassword = password ? null : generatePassword();
  const passwordHash = await hashPassword(password ?? generatedPassword!);
  await audited(
    (staff: StaffUser) => ({
      actorEmail: "cli",
      action: "staff.create",
      entityType: "staff",
      entityId: staff.id,
      details: { email, role, via: "cli" },
    }),
    (trx) =>
      createStaff(
        { email, name: name ?? email.split("@")[0], role, programIds: chosen.map((p) => p.id), passwordHash },
        trx,
      ),
  );
  return { ok: true, email, role, programs: chosen.map((p) => p.name), generatedPassword };
}
