import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { attemptLogin, delayAfter, FREE_FAILURES } from "~/auth/login.server";
import { getStaff } from "~/auth/guards.server";
import { updateAccount, resetPassword } from "~/auth/staff-accounts.server";
import { flushAuditRepeats, listAudit } from "~/models/audit.server";
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
  headersOf,
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

  it("slows guessing on an account from one address; once the wait has passed the right password works", async () => {
    const [p] = await makePrograms();
    const staff = await makeStaff({ role: "admin", programIds: [p.id] });
    const t0 = Date.now();
    for (let i = 0; i < FREE_FAILURES.pair; i++) {
      expect(await attemptLogin({ email: staff.email, password: "wrong", ip: "10.0.0.1", now: t0 })).toMatchObject({
        ok: false,
        reason: "invalid",
      });
    }
    const slowed = await attemptLogin({ email: staff.email, password: PASSWORD, ip: "10.0.0.1", now: t0 + 1000 });
    expect(slowed).toMatchObject({ ok: false, reason: "rate-limited", retryAfterSeconds: 14 });
    const after = await attemptLogin({ email: staff.email, password: PASSWORD, ip: "10.0.0.1", now: t0 + 15_500 });
    expect(after.ok).toBe(true);
    await flushAuditRepeats();
    expect((await listAudit({ action: "login.failed" })).entries[0].repeatCount).toBe(FREE_FAILURES.pair);
  });

  it("lets the owner in with the right password while someone else guesses at the account", async () => {
    const [p] = await makePrograms();
    const staff = await makeStaff({ role: "coordinator", programIds: [p.id] });
    const t0 = Date.now();
    // The attacker's own address is slowed down ever more…
    for (let i = 0; i < 12; i++)
      await attemptLogin({ email: staff.email, password: `guess${i}`, ip: "198.51.100.66", now: t0 + i * 1000 });
    expect(
      await attemptLogin({ email: staff.email, password: PASSWORD, ip: "198.51.100.66", now: t0 + 13_000 }),
    ).toMatchObject({ reason: "rate-limited" });
    // …but the person at their own computer, which has logged in before, gets in at once.
    const owner = await attemptLogin({
      email: staff.email,
      password: PASSWORD,
      ip: "203.0.113.20",
      knownDevice: true,
      now: t0 + 13_000,
    });
    expect(owner.ok).toBe(true);
  });

  it("doubles the wait with each further failure, up to 15 minutes", () => {
    expect(delayAfter(4, 5)).toBe(0);
    expect(delayAfter(5, 5)).toBe(15_000);
    expect(delayAfter(6, 5)).toBe(30_000);
    expect(delayAfter(8, 5)).toBe(120_000);
    expect(delayAfter(50, 5)).toBe(15 * 60 * 1000);
  });

  it("slows an address guessing across many accounts, but not a known browser behind the same address", async () => {
    const [p] = await makePrograms();
    const staff = await makeStaff({ role: "coordinator", programIds: [p.id] });
    const t0 = Date.now();
    for (let i = 0; i < FREE_FAILURES.address; i++) {
      await attemptLogin({ email: `nobody${i}@x.se`, password: "x", ip: "192.0.2.7", now: t0 });
    }
    expect(await attemptLogin({ email: "someone@x.se", password: "x", ip: "192.0.2.7", now: t0 })).toMatchObject({
      reason: "rate-limited",
    });
    expect(await attemptLogin({ email: "someone@x.se", password: "x", ip: "192.0.2.8", now: t0 })).toMatchObject({
      reason: "invalid",
    });
    // Behind a proxy without TRUST_PROXY everyone shares one address: colleagues who logged in before still can.
    const colleague = await attemptLogin({
      email: staff.email,
      password: PASSWORD,
      ip: "192.0.2.7",
      knownDevice: true,
      now: t0,
    });
    expect(colleague.ok).toBe(true);
  });

  it("collapses a loop of blocked logins into one audit row with a count", async () => {
    const t0 = Date.now();
    for (let i = 0; i < FREE_FAILURES.pair; i++)
      await attemptLogin({ email: "target@x.se", password: "no", ip: "198.51.100.1", now: t0 });
    for (let i = 0; i < 400; i++)
      await attemptLogin({ email: "target@x.se", password: "no", ip: "198.51.100.1", now: t0 + 10 });
    await flushAuditRepeats();
    const blocked = await listAudit({ action: "login.blocked" });
    expect(blocked.total).toBe(1);
    expect(blocked.entries[0]).toMatchObject({ repeatCount: 400, actorEmail: "target@x.se", ip: "198.51.100.1" });
    expect(blocked.entries[0].lastAt).not.toBeNull();
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
  afterEach(() => {
    vi.useRealTimers();
  });

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

  it("answers 429 with Retry-After while an attempt must wait, and remembers a browser that logged in", async () => {
    // The route reads the clock itself, and each failed attempt hashes a password before it is stored with the time
    // it began: at load 20 that took seconds, so a real clock made the expected wait shrink. The clock stands still.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-03-02T10:00:00Z") });
    for (let i = 0; i < FREE_FAILURES.pair; i++) {
      await settle(() => loginAction({ request: postForm("/staff/login", "email=target@x.se&password=no"), ...ctx }));
    }
    const out = await settle(() =>
      loginAction({ request: postForm("/staff/login", "email=target@x.se&password=no"), ...ctx }),
    );
    expect(statusOf(out)).toBe(429);
    expect(headersOf(out).get("Retry-After")).toBe("15");
    expect(dataOf<{ message: string }>(out).message).toMatch(/För många misslyckade försök. Vänta 15 sekunder/);

    const [p] = await makePrograms();
    const staff = await makeStaff({ role: "admin", programIds: [p.id] });
    const ok = await settle(() =>
      loginAction({ request: postForm("/staff/login", { email: staff.email, password: PASSWORD }), ...ctx }),
    );
    const cookies = headersOf(ok).getSetCookie();
    expect(cookies.some((c) => c.startsWith("__session="))).toBe(true);
    expect(cookies.find((c) => c.startsWith("__known="))).toMatch(/Path=\/staff\/login.*HttpOnly/);
  });
});
