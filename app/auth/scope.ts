import type { StaffUser } from "~/models/staff.server";

type Scoped = Pick<StaffUser, "role" | "programIds">;

/** The programmes whose data a staff member may see: all for admins (undefined = no filter), else their own. */
export function programScope(staff: Scoped): number[] | undefined {
  return staff.role === "admin" ? undefined : staff.programIds;
}

/**
 * Whether a record tied to `programId` is within the staff member's programmes. A record tied to no programme
 * (an activity open to all, say) is visible to everyone who may see the area.
 */
export function canSeeProgram(staff: Scoped, programId: number | null | undefined): boolean {
  if (programId === null || programId === undefined) return true;
  const scope = programScope(staff);
  return scope === undefined || scope.includes(programId);
}
