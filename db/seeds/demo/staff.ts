import { hashPassword } from "~/auth/password.server";
import type { Role } from "~/auth/roles";
import { createProgram, type Program } from "~/models/program.server";
import { createStaff } from "~/models/staff.server";

export const DEMO_PASSWORD = "demo-password";

export const DEMO_PROGRAMS = [
  { slug: "bostad-forst", name: "Bostad Först" },
  { slug: "fot", name: "Försöks- och träningslägenheter" },
] as const;

export const DEMO_STAFF: { email: string; name: string; role: Role; programs: "all" | "bostad-forst" }[] = [
  { email: "admin@demo.local", name: "Alex Admin", role: "admin", programs: "all" },
  { email: "coordinator@demo.local", name: "Sara Samordnare", role: "coordinator", programs: "all" },
  { email: "cm@demo.local", name: "Kim Case Manager", role: "case_manager", programs: "bostad-forst" },
  { email: "facilitator@demo.local", name: "Fatima Samtalsledare", role: "facilitator", programs: "all" },
  { email: "researcher@demo.local", name: "Robin Forskare", role: "researcher", programs: "all" },
];

export async function seedStaff(): Promise<{ programs: Program[] }> {
  const programs: Program[] = [];
  for (const p of DEMO_PROGRAMS) programs.push(await createProgram(p));
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const s of DEMO_STAFF) {
    const programIds =
      s.programs === "all" ? programs.map((p) => p.id) : programs.filter((p) => p.slug === s.programs).map((p) => p.id);
    await createStaff({ email: s.email, name: s.name, role: s.role, passwordHash, programIds });
  }
  return { programs };
}
