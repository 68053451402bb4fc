import { programScope } from "~/auth/scope";
import { findProgramsByIds, listPrograms, type Program } from "~/models/program.server";
import type { StaffUser } from "~/models/staff.server";

/** The programmes a staff member sees and may pick in the attendance area: all for admins, else their own. */
export function programsFor(staff: Pick<StaffUser, "role" | "programIds">): Promise<Program[]> {
  const scope = programScope(staff);
  return scope === undefined ? listPrograms() : findProgramsByIds({ ids: scope });
}
