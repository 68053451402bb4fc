/**
 * The one policy layer: which programmes' records a staff member sees, and how a change is audited.
 *
 *   // in a route or orchestrator: say which rule the area follows for records without a programme
 *   const scope = recordScope(staff, "shared");                 // activities, attendance, workshops
 *   const scope = recordScope(viewer, "triage", REVIEWERS);     // feedback and quotes
 *   const rows = await listActivities({ scope });               // the model filters in SQL:
 *   //   whereInScope(query, "activities.program_id", scope)   (app/models/scope.server.ts)
 *   //   whereEveryInScope(query, links, scope)   for a record of several programmes (a report, decision 0037)
 *   if (!inScope(scope, record.programId)) throw notFound();    // one record already loaded
 *
 *   // in a model: the change and its audit entry in one transaction (app/models/audit.server.ts)
 *   return audited({ actor, ip, action: "activity.update", entityType: "activity", entityId: id }, (trx) =>
 *     trx("activities").where({ id }).update(changes),
 *   );
 *
 * The two rules for a record tied to no programme:
 * - "shared": it belongs to everyone who may use the area (an activity open to all, a workshop, its attendance).
 * - "triage": it waits for someone to sort it: admins and coordinators see it, other roles do not (feedback from
 *   the public form, where naming a programme is optional, and the quotes made from it).
 * Admins see every programme. `programScope` is the plain list of programmes a person works in (undefined for
 * admins), for pickers and for records that always have a programme (campaigns).
 */
import type { Role } from "./roles";

export interface Scoped {
  role: Role;
  programIds: number[];
}

export type NoProgrammeRule = "shared" | "triage";

/** What one person may see: every programme, or some programmes and perhaps the records without one. */
export type Scope = { all: true } | { all: false; programIds: readonly number[]; unassigned: boolean };

/** Sees nothing: for a role outside the area. */
export const NOTHING: Scope = { all: false, programIds: [], unassigned: false };

/** The programmes whose data a staff member may see: all for admins (undefined = no filter), else their own. */
export function programScope(staff: Scoped): number[] | undefined {
  return staff.role === "admin" ? undefined : staff.programIds;
}

/**
 * The scope of `staff` in an area whose records without a programme follow `rule`. With `roles`, a person of
 * another role sees nothing (a second line behind the route's guard).
 */
export function recordScope(staff: Scoped, rule: NoProgrammeRule, roles?: readonly Role[]): Scope {
  if (roles && !roles.includes(staff.role)) return NOTHING;
  if (staff.role === "admin") return { all: true };
  return {
    all: false,
    programIds: staff.programIds,
    unassigned: rule === "shared" || staff.role === "coordinator",
  };
}

/** Whether one record, tied to `programId` or to none, is within the scope. */
export function inScope(scope: Scope, programId: number | null | undefined): boolean {
  if (scope.all) return true;
  if (programId === null || programId === undefined) return scope.unassigned;
  return scope.programIds.includes(programId);
}
