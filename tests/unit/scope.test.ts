import { describe, expect, it } from "vitest";
import { inScope, programScope, recordScope } from "~/auth/scope";

const admin = { role: "admin" as const, programIds: [] };
const coordinator = { role: "coordinator" as const, programIds: [1] };
const caseManager = { role: "case_manager" as const, programIds: [1, 2] };
const researcher = { role: "researcher" as const, programIds: [1] };

describe("record scope", () => {
  it("lets admins see every programme and records without one, under both rules", () => {
    for (const rule of ["shared", "triage"] as const) {
      expect(inScope(recordScope(admin, rule), 7)).toBe(true);
      expect(inScope(recordScope(admin, rule), null)).toBe(true);
    }
    expect(programScope(admin)).toBeUndefined();
  });

  it("shares records without a programme with everyone in the area", () => {
    const scope = recordScope(caseManager, "shared");
    expect(inScope(scope, null)).toBe(true);
    expect(inScope(scope, 2)).toBe(true);
    expect(inScope(scope, 3)).toBe(false);
  });

  it("leaves records without a programme to coordinators for triage", () => {
    expect(inScope(recordScope(coordinator, "triage"), null)).toBe(true);
    expect(inScope(recordScope(caseManager, "triage"), null)).toBe(false);
    expect(inScope(recordScope(caseManager, "triage"), 1)).toBe(true);
  });

  it("shows nothing to a role outside the area", () => {
    const scope = recordScope(researcher, "triage", ["admin", "coordinator", "case_manager"]);
    expect(inScope(scope, 1)).toBe(false);
    expect(inScope(scope, null)).toBe(false);
  });
});
