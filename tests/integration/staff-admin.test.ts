import { beforeEach, describe, expect, it } from "vitest";
import { listAudit } from "~/models/audit.server";
import { getStaffById, listStaff } from "~/models/staff.server";
import { loader as usersLoader } from "~/routes/staff.users._index";
import { action as newUserAction } from "~/routes/staff.users.new";
import { action as editUserAction } from "~/routes/staff.users.$id";
import { loader as auditLoader } from "~/routes/staff.audit";
import { loader as startLoader } from "~/routes/staff._index";
import { loader as healthLoader } from "~/routes/healthz";
import { attemptLogin } from "~/auth/login.server";
import {
  dataOf,
  makePrograms,
  makeStaff,
  postForm,
  resetDatabase,
  sessionCookie,
  settle,
  statusOf,
  locationOf,
  loadRoute,
} from "../support/fixtures";

const ctx = { context: { clientAddress: "198.51.100.1" } };

beforeEach(resetDatabase);

async function setup() {
  const programs = await makePrograms();
  const admin = await makeStaff({ role: "admin", programIds: programs.map((p) => p.id) });
  const cm = await makeStaff({ role: "case_manager", programIds: [programs[0].id] });
  return { programs, admin, cm, adminCookie: await sessionCookie(admin), cmCookie: await sessionCookie(cm) };
}

describe("guards", () => {
  it("send anonymous visitors to the login with a way back, and refuse the wrong role with 403", async () => {
    const { cmCookie } = await setup();
    const anonymous = await loadRoute(usersLoader, "/staff/users");
    expect(statusOf(anonymous)).toBe(302);
    expect(locationOf(anonymous)).toBe("/staff/login?redirectTo=%2Fstaff%2Fusers");
    const wrongRole = await loadRoute(usersLoader, "/staff/users", { cookie: cmCookie });
    expect(wrongRole.thrown).toBe(true);
    expect(statusOf(wrongRole)).toBe(403);
    const audit = await loadRoute(auditLoader, "/staff/audit", { cookie: cmCookie });
    expect(statusOf(audit)).toBe(403);
  });

  it("refuse a staff POST from a foreign origin before anything is changed", async () => {
    const { adminCookie, programs } = await setup();
    const before = (await listStaff()).length;
    const out = await settle(() =>
      newUserAction({
        request: postForm(
          "/staff/users/new",
          { name: "X", email: "x@x.se", role: "admin", programIds: String(programs[0].id) },
          { cookie: adminCookie, origin: "https://evil.example" },
        ),
        params: {},
        ...ctx,
      }),
    );
    expect(statusOf(out)).toBe(403);
    expect((await listStaff()).length).toBe(before);
  });

  it("show each role its own start page", async () => {
    const { cmCookie } = await setup();
    const out = await loadRoute(startLoader, "/staff", { cookie: cmCookie });
    const data = dataOf<{ role: string; capabilities: { key: string }[]; programs: string[] }>(out);
    expect(data.role).toBe("case_manager");
    expect(data.capabilities.map((c) => c.key)).toContain("feedback");
    expect(data.capabilities.map((c) => c.key)).not.toContain("users");
    expect(data.programs).toEqual(["Bostad Först"]);
  });
});

describe("staff administration", () => {
  it("creates an account with a one-time password that works, and audits it", async () => {
    const { adminCookie, admin, programs } = await setup();
    const out = await settle(() =>
      newUserAction({
        request: postForm(
          "/staff/users/new",
          { name: "Nora Ny", email: "Nora@Example.se", role: "facilitator", programIds: [String(programs[1].id)] },
          { cookie: adminCookie },
        ),
        params: {},
        ...ctx,
      }),
    );
    const created = dataOf<{ created: { id: number; password: string } }>(out).created;
    expect(created.password).toHaveLength(14);
    const user = await getStaffById({ id: created.id });
    expect(user).toMatchObject({ email: "nora@example.se", role: "facilitator", programIds: [programs[1].id] });
    expect(await attemptLogin({ email: "nora@example.se", password: created.password, ip: "1.1.1.1" })).toMatchObject({
      ok: true,
    });
    const { entries } = await listAudit({ action: "staff.create" });
    expect(entries[0]).toMatchObject({ actorId: admin.id, entityId: String(created.id) });
    expect(JSON.stringify(entries[0].details)).not.toContain(created.password);
  });

  it("refuses a duplicate e-mail and invalid fields with 422, writing nothing", async () => {
    const { adminCookie, cm, programs } = await setup();
    const before = (await listStaff()).length;
    const dup = await settle(() =>
      newUserAction({
        request: postForm(
          "/staff/users/new",
          { name: "Dup", email: cm.email.toUpperCase(), role: "admin", programIds: String(programs[0].id) },
          { cookie: adminCookie },
        ),
        params: {},
        ...ctx,
      }),
    );
    expect(statusOf(dup)).toBe(422);
    expect(dataOf<{ errors: Record<string, string> }>(dup).errors).toEqual({ email: "errEmailTaken" });
    const bad = await settle(() =>
      newUserAction({
        request: postForm(
          "/staff/users/new",
          { name: "<script>", email: "x", role: "root", programIds: "999" },
          { cookie: adminCookie },
        ),
        params: {},
        ...ctx,
      }),
    );
    expect(statusOf(bad)).toBe(422);
    expect((await listStaff()).length).toBe(before);
  });

  it("edits, disables and re-enables an account with an audit entry each", async () => {
    const { adminCookie, cm, programs } = await setup();
    const post = (fields: Record<string, string | string[]>) =>
      settle(() =>
        editUserAction({
          request: postForm(`/staff/users/${cm.id}`, { intent: "save", ...fields }, { cookie: adminCookie }),
          params: { id: String(cm.id) },
          ...ctx,
        }),
      );
    const base = {
      name: "Kim Ändrad",
      email: cm.email,
      role: "coordinator",
      programIds: programs.map((p) => String(p.id)),
    };
    expect(statusOf(await post(base))).toBe(302);
    expect(await getStaffById({ id: cm.id })).toMatchObject({
      name: "Kim Ändrad",
      role: "coordinator",
      programIds: programs.map((p) => p.id),
    });
    await post({ ...base, disabled: "on" });
    expect((await getStaffById({ id: cm.id }))?.disabled).toBe(true);
    await post(base);
    const actions = (await listAudit({ entityType: "staff" })).entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["staff.update", "staff.disable", "staff.enable"]));
  });

  it("does not let an admin disable or demote themselves", async () => {
    const { adminCookie, admin, programs } = await setup();
    const out = await settle(() =>
      editUserAction({
        request: postForm(
          `/staff/users/${admin.id}`,
          {
            intent: "save",
            name: admin.name,
            email: admin.email,
            role: "researcher",
            programIds: String(programs[0].id),
          },
          { cookie: adminCookie },
        ),
        params: { id: String(admin.id) },
        ...ctx,
      }),
    );
    expect(statusOf(out)).toBe(422);
    expect((await getStaffById({ id: admin.id }))?.role).toBe("admin");
  });

  it("answers 404 for an unknown or malformed id", async () => {
    const { adminCookie } = await setup();
    for (const id of ["99999", "abc", "-1"]) {
      const out = await settle(() =>
        editUserAction({
          request: postForm(`/staff/users/${id}`, { intent: "reset-password" }, { cookie: adminCookie }),
          params: { id },
          ...ctx,
        }),
      );
      expect(statusOf(out)).toBe(404);
    }
  });
});

describe("audit page", () => {
  it("filters by action, actor and date, newest first", async () => {
    const { adminCookie, admin } = await setup();
    await attemptLogin({ email: admin.email, password: "nope", ip: "1.2.3.4" });
    await attemptLogin({ email: "ghost@x.se", password: "nope", ip: "1.2.3.4" });
    const today = new Date().toISOString().slice(0, 10);
    const out = await loadRoute(auditLoader, `/staff/audit?action=login.failed&actor=ghost&from=${today}&to=${today}`, {
      cookie: adminCookie,
    });
    const data = dataOf<{ entries: { actorEmail: string; action: string }[]; total: number }>(out);
    expect(data.total).toBe(1);
    expect(data.entries[0]).toMatchObject({ actorEmail: "ghost@x.se", action: "login.failed" });
    const none = await loadRoute(auditLoader, `/staff/audit?from=2001-01-01&to=2001-01-02&page=abc`, {
      cookie: adminCookie,
    });
    expect(dataOf<{ total: number }>(none).total).toBe(0);
  });
});

describe("GET /healthz", () => {
  it("answers 200 {ok:true} when the database answers", async () => {
    const response = await healthLoader();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});
