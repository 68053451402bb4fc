import { beforeEach, describe, expect, it } from "vitest";
import { loader as inboxLoader } from "~/routes/staff.feedback._index";
import { loader as auditLoader } from "~/routes/staff.audit";
import { get, makePrograms, makeStaff, resetDatabase, sessionCookie, settle, statusOf } from "../support/fixtures";

beforeEach(resetDatabase);

describe("list filters with impossible dates", () => {
  it("are ignored, not a 500, on the feedback inbox and the audit log", async () => {
    const programs = await makePrograms();
    const cookie = await sessionCookie(await makeStaff({ role: "admin", programIds: programs.map((p) => p.id) }));
    for (const query of ["to=2024-13-45", "from=2024-02-31", "to=9999-99-99&from=0000-00-00"]) {
      const inbox = await settle(() => inboxLoader({ request: get(`/staff/feedback?${query}`, { cookie }), params: {}, context: { clientAddress: "x" } }));
      expect(inbox.thrown, query).toBe(false);
      expect(statusOf(inbox), query).toBe(200);
      const log = await settle(() => auditLoader({ request: get(`/staff/audit?${query}`, { cookie }), params: {}, context: { clientAddress: "x" } }));
      expect(log.thrown, query).toBe(false);
      expect(statusOf(log), query).toBe(200);
    }
  });
});
