export const ROLES = ["admin", "coordinator", "case_manager", "facilitator", "researcher"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
