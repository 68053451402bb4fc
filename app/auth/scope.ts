import type { StaffUser } from "~/models/staff.server";

/** The programmes whose data a staff member may see: all for admins (undefined = no filter), else their own. */
export function programScope(staff: Pick<StaffUser, "role" | "programIds">): number[] | undefined {
  return staff.role === "admin" ? undefined : staff.programIds;
}
