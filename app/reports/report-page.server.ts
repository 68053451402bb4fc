import { rolesFor } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { notFound } from "~/http/errors.server";
import { parseId } from "~/http/params";
import type { ReportRecord } from "~/models/report.server";
import type { StaffUser } from "~/models/staff.server";
import { reportFor } from "./report-service.server";

/** Every report route starts here: the capability, then a report within the staff member's programmes. */
export async function requireReport(
  request: Request,
  rawId: string | undefined,
): Promise<{ staff: StaffUser; report: ReportRecord }> {
  const staff = await requireStaff(request, { roles: rolesFor("reports") });
  const id = parseId(rawId);
  const report = await reportFor(staff, id);
  if (!report) throw notFound();
  return { staff, report };
}
