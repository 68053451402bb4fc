import { beforeEach, describe, expect, it } from "vitest";
import { attemptLogin, LOGIN_WINDOW_MS, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS } from "~/auth/login.server";
import { getStaff } from "~/auth/guards.server";
import { updateAccount, resetPassword } from "~/auth/staff-accounts.server";
import { listAudit } from "~/models/audit.server";
import { getStaffById } from "~/models/staff.server";
import { action as loginAction } from "~/routes/staff.login";
import {
  dataOf,
  get,
  makePrograms,
  makeStaff,
  PASSWORD,
  postForm,
  resetDatabase,
  sessionCookie,
  settle,
  statusOf,
} from "../support/fixtures";

beforeEach(resetDatabase);

describe("attemptLogin", () => {
  it("logs in with the right password, case-insensitively on e-mail, and audits it", async () => {
    const [p] = await makePrograms();
    const staff = await makeStaff({ role: "coordinator", programIds: [p.id] });
    const result = await attemptLogin({ email: staff.email.toUpperCase(), password: PASSWORD, ip: "10.0.0.1" });
    expect(result).toMatchObject({ ok: true, staff: { id: staff.id } });
    const { entries } = await listAudit({ action: "login" });
    expect(entries[0]).toMatchObject({ action: "login", actorId: staff.id, ip: "10.0.0.1" });
  });

  it("limits failures per account, then lifts after the window", async () => {
    const [p] = await makePrograms();
    const staff = await makeStaff({ role: "admin", programIds: [p.id] });
    const t0 = Date.now();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      expect(await attemptLogin({ email: staff.email, password: "wrong", ip: `10.0.0.${i}`, now: t0 })).toMatchObject({
        ok: false,
        reason: "invalid",
      });
    }
    const blocked = await attemptLogin({ email: staff.email, password: PASSWORD, ip: "10.9.9.9", now: t0 });
    expect(blocked).toMatchObject({ ok: false, reason: "rate-limited" });
    expect(blocked.ok === false && blocked.reason === "rate-limited" && blocked.retryAfterSeconds).toBeGreaterThan(
      14 * 60,
    );
    const later = await attemptLogin({
      email: staff.email,
      password: PASSWORD,
      ip: "10.9.9.9",
      now: t0 + LOGIN_WINDOW_MS + 1000,
    });
    expect(later.ok).toBe(true);
    expect((await listAudit({ action: "login.blocked" })).total).toBe(1);
    expect((await listAudit({ action: "login.failed" })).total).toBe(MAX_FAILURES_PER_ACCOUNT);
  });

  it("limits failures per address across many accounts", async () => {
    const t0 = Date.now();
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      await attemptLogin({ email: `nobody${i}@x.se`, password: "x", ip: "192.0.2.7", now: t0 });
    }
    expect(await attemptLogin({ email: "someone@x.se", password: "x", ip: "192.0.2.7", now: t0 })).toMatchObject({
      reason: "rate-limited",
    });
    expect(await attemptLogin({ email: "someone@x.se", password: "x", ip: "192.0.2.8", now: t0 })).toMatchObject({
      reason: "invalid",
    });
  });

  it("refuses a disabled account even with the right password", async () => {
    const [p] = await makePrograms();
    const admin = await makeStaff({ role: "admin", programIds: [p.id] });
    const staff = await makeStaff({ role: "researcher", programIds: [p.id] });
    await updateAccount({
      actor: admin,
      id: staff.id,
      value: { name: staff.name, email: staff.email, role: "researcher", programIds: [p.id], disabled: true },
      ip: "x",
    });
    expect(await attemptLogin({ email: staff.email, password: PASSWORD, ip: "10.1.1.1" })).toMatchObject({
      ok: false,
      reason: "disabled",
    });
  });
});

describe("sessions", () => {
  it("stop working at the next request once the user is disabled or the password is reset", async () => {
    const [p] = await makePrograms();
    const admin = await makeStaff({ role: "admin", programIds: [p.id] });
    const cm = await makeStaff({ role: "case_manager", programIds: [p.id] });
    const cookie = await sessionCookie(cm);
    expect((await getStaff(get("/staff", { cookie })))?.id).toBe(cm.id);

    await resetPassword({ actor: admin, id: cm.id, ip: "x" });
    expect(await getStaff(get("/staff", { cookie }))).toBeNull();

    const again = await getStaffById({ id: cm.id });
    expect(again?.sessionVersion).toBe(cm.sessionVersion + 1);
    expect((await getStaff(get("/staff", { cookie: await sessionCookie(again!) })))?.id).toBe(cm.id);
  });

  it("of a disabled user are refused", async () => {
    const [p] = await makePrograms();
    const admin = await makeStaff({ role: "admin", programIds: [p.id] });
    const cm = await makeStaff({ role: "case_manager", programIds: [p.id] });
    const cookie = await sessionCookie(cm);
    await updateAccount({
      actor: admin,
      id: cm.id,
      value: { name: cm.name, email: cm.email, role: cm.role, programIds: [p.id], disabled: true },
      ip: "x",
    });
    expect(await getStaff(get("/staff", { cookie }))).toBeNull();
  });
});

describe("POST /staff/login", () => {
  const ctx = { context: { clientAddress: "203.0.113.5" }, params: {} };

  it("redirects to the page asked for, with a session cookie", async () => {
    const [p] = await makePrograms();
    const staff = await makeStaff({ role: "admin", programIds: [p.id] });
    const out = await settle(() =>
      loginAction({
        request: postForm("/staff/login", { email: staff.email, password: PASSWORD, redirectTo: "/staff/audit" }),
        ...ctx,
      }),
    );
    const response = out.value as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/staff/audit");
    expect(response.headers.get("Set-Cookie")).toMatch(/__session=.*HttpOnly.*SameSite=Lax/i);
  });

  it("answers bad input with a 4xx and a Swedish message, never a 500", async () => {
    const cases: [string, number, RegExp][] = [
      ["", 400, /Fyll i både e-post och lösenord/],
      [`email=${"a".repeat(11000)}&password=x`, 413, /för långt/],
      ["email=%FF%FE&password=x", 400, /gick inte att läsa/],
      ["email=' OR 1=1 --&password=x", 401, /Fel e-post eller lösenord/],
      ["email=unknown@x.se&password=x", 401, /Fel e-post eller lösenord/],
      [`email=a@b.se&password=${"p".repeat(2000)}`, 400, /för långt/],
    ];
    for (const [body, status, message] of cases) {
      const out = await settle(() => loginAction({ request: postForm("/staff/login", body), ...ctx }));
      expect(out.thrown, body.slice(0, 30)).toBe(false);
      expect(statusOf(out), body.slice(0, 30)).toBe(status);
      expect(dataOf<{ message: string }>(out).message).toMatch(message);
    }
  });

  it("answers in English when the person chose English", async () => {
    const request = postForm("/staff/login", "email=&password=");
    request.headers.set("Cookie", "lang=en");
    const out = await settle(() => loginAction({ request, ...ctx }));
    expect(dataOf<{ message: string }>(out).message).toBe("Fill in both e-mail and password.");
  });

  it("refuses a login posted from another site with 403", async () => {
    const out = await settle(() =>
      loginAction({
        request: postForm("/staff/login", "email=a&password=b", { origin: "https://evil.example" }),
        ...ctx,
      }),
    );
    expect(out.thrown).toBe(true);
    expect(statusOf(out)).toBe(403);
  });

  it("answers 429 with Retry-After once the account is limited", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await settle(() => loginAction({ request: postForm("/staff/login", "email=target@x.se&password=no"), ...ctx }));
    }
    const out = await settle(() =>
      loginAction({ request: postForm("/staff/login", "email=target@x.se&password=no"), ...ctx }),
    );
    expect(statusOf(out)).toBe(429);
    expect(dataOf<{ message: string }>(out).message).toMatch(/För många misslyckade försök. Vänta 1[45] minuter/);
  });
});
