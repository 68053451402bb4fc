import { beforeEach, describe, expect, it } from "vitest";
import { getStaff } from "~/auth/guards.server";
import { SESSION_MAX_AGE_SECONDS } from "~/auth/session.server";
import { findOpenSession, listOpenSessions } from "~/models/staff-session.server";
import { listAudit } from "~/models/audit.server";
import { action as loginAction } from "~/routes/staff.login";
import { action as logoutAction } from "~/routes/staff.logout";
import { action as userAction, loader as userLoader } from "~/routes/staff.users.$id";
import {
  db,
  get,
  makePrograms,
  makeStaff,
  PASSWORD,
  postForm,
  resetDatabase,
  settle,
  statusOf,
  locationOf,
} from "../support/fixtures";

beforeEach(resetDatabase);

const ctx = { context: { clientAddress: "203.0.113.9" }, params: {} };

async function logIn(email: string): Promise<string> {
  const request = postForm("/staff/login", { email, password: PASSWORD });
  request.headers.set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36");
  const out = await settle(() => loginAction({ request, ...ctx }));
  const response = out.value as Response;
  expect(response.status).toBe(302);
  return response.headers.get("Set-Cookie")!.split(";")[0];
}

describe("server-side staff sessions", () => {
  it("hold no staff id in the cookie, only a token the server knows", async () => {
    const [p] = await makePrograms();
    const staff = await makeStaff({ role: "coordinator", programIds: [p.id] });
    const cookie = await logIn(staff.email);
    const rows = await db("staff_sessions").select("*");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ staff_id: staff.id, ip: "203.0.113.9", ended_at: null });
    // The cookie's token is never stored as such.
    expect(JSON.stringify(rows[0])).not.toContain(decodeURIComponent(cookie.split("=")[1]).split(".")[0]);
    expect((await getStaff(get("/staff", { cookie })))?.id).toBe(staff.id);
  });

  it("end at logout: a copied cookie opens nothing afterwards", async () => {
    const [p] = await makePrograms();
    const staff = await makeStaff({ role: "coordinator", programIds: [p.id] });
    const cookie = await logIn(staff.email);
    const copied = cookie;
    expect(await getStaff(get("/staff/feedback", { cookie: copied }))).not.toBeNull();

    const out = await settle(() => logoutAction({ request: postForm("/staff/logout", {}, { cookie }), ...ctx }));
    expect(statusOf(out)).toBe(302);
    expect(await getStaff(get("/staff/feedback", { cookie: copied }))).toBeNull();
    const [row] = await db("staff_sessions").select("*");
    expect(row.ended_reason).toBe("logout");
  });

  it("expire ten hours after login, whatever the cookie says", async () => {
    const [p] = await makePrograms();
    const staff = await makeStaff({ role: "coordinator", programIds: [p.id] });
    const cookie = await logIn(staff.email);
    const [row] = await db("staff_sessions").select("*");
    expect(Date.parse(row.expires_at) - Date.parse(row.created_at)).toBe(SESSION_MAX_AGE_SECONDS * 1000);
    expect(SESSION_MAX_AGE_SECONDS).toBe(10 * 3600);
    // Make the login eleven hours old: the same cookie no longer opens anything.
    const eleven = 11 * 3600 * 1000;
    await db("staff_sessions")
      .where({ id: row.id })
      .update({
        created_at: new Date(Date.parse(row.created_at) - eleven).toISOString(),
        expires_at: new Date(Date.parse(row.expires_at) - eleven).toISOString(),
      });
    expect(await getStaff(get("/staff", { cookie }))).toBeNull();
    const [after] = await db("staff_sessions").select("*");
    expect(after.ended_reason).toBe("expired");
  });

  it("are listed for an admin, who can end one or all of them", async () => {
    const [p] = await makePrograms();
    const admin = await makeStaff({ role: "admin", programIds: [p.id] });
    const cm = await makeStaff({ role: "case_manager", programIds: [p.id] });
    const adminCookie = await logIn(admin.email);
    const phone = await logIn(cm.email);
    const desktop = await logIn(cm.email);
    const third = await logIn(cm.email);

    const page = (await userLoader({
      request: get(`/staff/users/${cm.id}`, { cookie: adminCookie }),
      params: { id: String(cm.id) },
      context: ctx.context,
    })) as { sessions: { id: number; browser: string | null; ip: string | null }[] };
    expect(page.sessions).toHaveLength(3);
    expect(page.sessions[0]).toMatchObject({ browser: "Chrome, Linux", ip: "203.0.113.9" });

    const open = await listOpenSessions({ staffId: cm.id });
    const phoneSession = open.find((s) => s.createdAt === open[open.length - 1].createdAt)!;
    const one = await settle(() =>
      userAction({
        request: postForm(
          `/staff/users/${cm.id}`,
          { intent: "end-session", sessionId: String(phoneSession.id) },
          { cookie: adminCookie },
        ),
        params: { id: String(cm.id) },
        context: ctx.context,
      }),
    );
    expect(statusOf(one)).toBe(302);
    expect(await listOpenSessions({ staffId: cm.id })).toHaveLength(2);
    const stillOpen = await Promise.all([phone, desktop, third].map((cookie) => getStaff(get("/staff", { cookie }))));
    expect(stillOpen.filter(Boolean)).toHaveLength(2);

    const all = await settle(() =>
      userAction({
        request: postForm(`/staff/users/${cm.id}`, { intent: "end-all-sessions" }, { cookie: adminCookie }),
        params: { id: String(cm.id) },
        context: ctx.context,
      }),
    );
    expect(locationOf(all)).toBe(`/staff/users/${cm.id}?endedAll=2#sessions`);
    for (const cookie of [phone, desktop, third]) expect(await getStaff(get("/staff", { cookie }))).toBeNull();
    expect((await getStaff(get("/staff", { cookie: adminCookie })))?.id).toBe(admin.id);
    const { entries } = await listAudit({ action: "staff.sessions_end" });
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ actorId: admin.id, entityId: String(cm.id) });
  });

  it("a non-admin cannot end another person's sessions", async () => {
    const [p] = await makePrograms();
    const coordinator = await makeStaff({ role: "coordinator", programIds: [p.id] });
    const cm = await makeStaff({ role: "case_manager", programIds: [p.id] });
    const cookie = await logIn(coordinator.email);
    const cmCookie = await logIn(cm.email);
    const out = await settle(() =>
      userAction({
        request: postForm(`/staff/users/${cm.id}`, { intent: "end-all-sessions" }, { cookie }),
        params: { id: String(cm.id) },
        context: ctx.context,
      }),
    );
    expect(statusOf(out)).toBe(403);
    expect(await getStaff(get("/staff", { cookie: cmCookie }))).not.toBeNull();
  });

  it("open nothing for a token the server never issued", async () => {
    expect(await findOpenSession({ token: "not-a-real-token" })).toBeNull();
  });
});
