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
      const inbox = await settle(() =>
        inboxLoader({
          request: get(`/staff/feedback?${query}`, { cookie }),
          params: {},
          context: { clientAddress: "x" },
        }),
      );
      expect(inbox.thrown, query).toBe(false);
      expect(statusOf(inbox), query).toBe(200);
      const log = await settle(() =>
        auditLoader({ request: get(`/staff/audit?${query}`, { cookie }), params: {}, context: { clientAddress: "x" } }),
      );
      expect(log.thrown, query).toBe(false);
      expect(statusOf(log), query).toBe(200);
    }
  });
});

describe("the names to mask", () => {
  it("are listed only to staff sharing a programme with whoever added them, and compared without case, å/ä/ö too", async () => {
    const { addRedactionName, listRedactionNames, removeRedactionName } =
      await import("~/models/redaction-name.server");
    const programs = await makePrograms();
    const bf = await makeStaff({ role: "case_manager", programIds: [programs[0].id] });
    const fot = await makeStaff({ role: "case_manager", programIds: [programs[1].id] });
    const added = await addRedactionName({ name: "Åsa Örn", actor: bf, ip: "x" });
    expect(added.ok).toBe(true);
    expect(await addRedactionName({ name: "åsa örn", actor: fot, ip: "x" })).toEqual({
      ok: false,
      problem: "duplicate",
    });
    expect((await listRedactionNames({ programIds: [programs[0].id] })).names.map((n) => n.name)).toEqual(["Åsa Örn"]);
    expect(await listRedactionNames({ programIds: [programs[1].id] })).toEqual({ names: [], total: 1 });
    expect((await listRedactionNames({})).names).toHaveLength(1);
    const id = added.ok ? added.id : 0;
    expect(await removeRedactionName({ id, actor: fot, ip: "x", programIds: [programs[1].id] })).toBe(false);
    expect(await removeRedactionName({ id, actor: bf, ip: "x", programIds: [programs[0].id] })).toBe(true);
  });
});
