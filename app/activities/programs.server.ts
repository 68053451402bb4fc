import { programScope, recordScope } from "~/auth/scope";
import { listActivities, type Activity } from "~/models/activity.server";
import { findProgramsByIds, listAllPrograms, listPrograms, type Program } from "~/models/program.server";
import type { StaffUser } from "~/models/staff.server";

type Viewer = Pick<StaffUser, "role" | "programIds">;

/**
 * The programmes a staff member may pick for something new (an activity, a campaign, a note, a workshop …): the
 * active ones, all for admins, else their own. `keep`: ids listed even when archived (the record being edited keeps its programme).
 */
export function programsFor(staff: Viewer, { keep = [] }: { keep?: readonly number[] } = {}): Promise<Program[]> {
  return listPrograms({ keep, within: programScope(staff) });
}

/**
 * The activities a staff member may pick (a note's, a campaign's or a quote's activity, the inbox filter): those of
 * their programmes and those tied to no programme, the "shared" rule (app/auth/scope.ts, decision 0046), in SQL.
 */
export function activitiesFor(staff: Viewer): Promise<Activity[]> {
  return listActivities({ scope: recordScope(staff, "shared") });
}

/** The programmes whose figures a staff member may read, archived ones included: history stays readable. */
export async function programsInView(staff: Viewer): Promise<Program[]> {
  const scope = programScope(staff);
  return scope === undefined ? listAllPrograms() : findProgramsByIds({ ids: scope });
}
