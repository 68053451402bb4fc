import { programScope } from "~/auth/scope";
import { findProgramsByIds, listAllPrograms, listPrograms, type Program } from "~/models/program.server";
import type { StaffUser } from "~/models/staff.server";

type Viewer = Pick<StaffUser, "role" | "programIds">;

/**
 * The programmes a staff member may pick for something new (an activity, a campaign, a note, a workshop …): the
 * active ones, all for admins, else their own. `keep`: ids listed even when archived (the record being edited keeps its programme).
 */
export async function programsFor(staff: Viewer, { keep = [] }: { keep?: readonly number[] } = {}): Promise<Program[]> {
  const scope = programScope(staff);
  if (scope === undefined) return listPrograms({ keep });
  const own = await findProgramsByIds({ ids: scope });
  return own.filter((p) => !p.archived || keep.includes(p.id));
}

/** The programmes whose figures a staff member may read, archived ones included: history stays readable. */
export async function programsInView(staff: Viewer): Promise<Program[]> {
  const scope = programScope(staff);
  return scope === undefined ? listAllPrograms() : findProgramsByIds({ ids: scope });
}
