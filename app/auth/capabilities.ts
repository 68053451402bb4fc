import type { Role } from "./roles";

/**
 * What each role may do, in one place: the staff start page lists these, and each area's routes
 * guard themselves with `rolesFor(key)`. `ready` is false for areas not built yet.
 */
export const CAPABILITIES = [
  {
    key: "campaigns",
    href: "/staff/campaigns",
    roles: ["admin", "coordinator", "case_manager", "researcher"],
    ready: true,
  },
  { key: "workshops", href: "/staff/workshops", roles: ["admin", "coordinator", "facilitator"], ready: true },
  { key: "feedback", href: "/staff/feedback", roles: ["admin", "coordinator", "case_manager"], ready: true },
  { key: "quotes", href: "/staff/quotes", roles: ["admin", "coordinator", "case_manager"], ready: true },
  { key: "activities", href: "/staff/activities", roles: ["admin", "coordinator", "case_manager"], ready: true },
  { key: "attendance", href: "/staff/attendance", roles: ["admin", "coordinator", "case_manager"], ready: true },
  {
    key: "outcomes",
    href: "/staff/outcomes",
    roles: ["admin", "coordinator", "researcher", "case_manager"],
    ready: true,
  },
  { key: "reports", href: "/staff/reports", roles: ["admin", "coordinator"], ready: true },
  { key: "exports", href: "/staff/exports", roles: ["admin", "researcher"], ready: true },
  { key: "users", href: "/staff/users", roles: ["admin"], ready: true },
  { key: "audit", href: "/staff/audit", roles: ["admin"], ready: true },
  { key: "programs", href: "/staff/programs", roles: ["admin"], ready: true },
] as const satisfies readonly { key: string; href: string; roles: readonly Role[]; ready: boolean }[];

export type CapabilityKey = (typeof CAPABILITIES)[number]["key"];

export function rolesFor(key: CapabilityKey): readonly Role[] {
  const found = CAPABILITIES.find((c) => c.key === key);
  if (!found) throw new Error(`unknown capability ${key}`);
  return found.roles;
}

/** Within "activities" and "attendance": who may change the catalogue, enrolment figures and import. */
export const CATALOGUE_EDITORS: readonly Role[] = ["admin", "coordinator"];

export function capabilitiesOf(role: Role) {
  return CAPABILITIES.filter((c) => (c.roles as readonly Role[]).includes(role));
}

/** Finer permissions inside an area, beyond seeing it. */
export const PERMISSIONS = {
  "campaigns.manage": ["admin", "coordinator"],
  "responses.read": ["admin", "coordinator", "case_manager"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
