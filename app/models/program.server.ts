import { programScope, type Scoped } from "~/auth/scope";
import { db, nowIso } from "~/db.server";

export interface Program {
  id: number;
  slug: string;
  name: string;
}

export async function listPrograms(): Promise<Program[]> {
  return db("programs").select("id", "slug", "name").orderBy("id");
}

export async function createProgram({ slug, name }: { slug: string; name: string }): Promise<Program> {
  const [row] = await db("programs").insert({ slug, name, created_at: nowIso() }).returning(["id", "slug", "name"]);
  return row as Program;
}

export async function findProgramsByIds({ ids }: { ids: number[] }): Promise<Program[]> {
  if (ids.length === 0) return [];
  return db("programs").select("id", "slug", "name").whereIn("id", ids).orderBy("id");
}

/**
 * The programmes a staff member sees, and may file a record under (an activity, a workshop, a campaign, a
 * report, a note): all for admins, else their own.
 */
export async function programsFor(staff: Scoped): Promise<Program[]> {
  const scope = programScope(staff);
  return scope === undefined ? listPrograms() : findProgramsByIds({ ids: scope });
}
