import { beforeEach, describe, expect, it } from "vitest";
import { attemptLogin } from "~/auth/login.server";
import { getStaff } from "~/auth/guards.server";
import { resetPassword } from "~/auth/staff-accounts.server";
import { listAudit } from "~/models/audit.server";
import { action as passwordAction, loader as passwordLoader } from "~/routes/staff.password";
import { loader as feedbackLoader } from "~/routes/staff.feedback._index";
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
const ctx = { context: { clientAddress: "203.0.113.4" }, params: {} };

describe("a temporary password", () => {
  it("must be changed at the first login before any other staff page opens", async () => {
    const [p] = await makePrograms();
    const admin = await makeStaff({ role: "admin", programIds: [p.id] });
    const cm = await makeStaff({ role: "case_manager", programIds: [p.id] });
    const reset = await resetPassword({ actor: admin, id: cm.id, ip: "x" });
    if (!reset.ok) throw new Error("reset failed");
    const login = await attemptLogin({ email: cm.email, password: reset.password, ip: "203.0.113.4" });
    if (!login.ok) throw new Error("login failed");
    const cookie = await sessionCookie(login.staff);

    const refused = await settle(() => feedbackLoader({ request: get("/staff/feedback", { cookie }), ...ctx }));
    expect(statusOf(refused)).toBe(302);
    expect((refused.value as Response).headers.get("Location")).toBe("/staff/password?redirectTo=%2Fstaff%2Ffeedback");
    const page = await passwordLoader({ request: get("/staff/password", { cookie }), ...ctx });
    expect(page).toMatchObject({ mustChange: true });

    const changed = await settle(() =>
      passwordAction({
        request: postForm(
          "/staff/password",
          {
            current: reset.password,
            next: "en lång mening jag minns",
            repeat: "en lång mening jag minns",
            redirectTo: "/staff/feedback",
          },
          { cookie },
        ),
        ...ctx,
      }),
    );
    expect((changed.value as Response).headers.get("Location")).toBe("/staff/feedback");
    expect(statusOf(await settle(() => feedbackLoader({ request: get("/staff/feedback", { cookie }), ...ctx })))).toBe(
      200,
    );
    expect((await attemptLogin({ email: cm.email, password: reset.password, ip: "203.0.113.5" })).ok).toBe(false);
    expect((await attemptLogin({ email: cm.email, password: "en lång mening jag minns", ip: "203.0.113.6" })).ok).toBe(
      true,
    );
  });
});

describe("changing one's own password", () => {
  it("needs the current password, is audited, and ends the person's other sessions but not this one", async () => {
    const [p] = await makePrograms();
    const staff = await makeStaff({ role: "coordinator", programIds: [p.id] });
    const here = await sessionCookie(staff);
    const elsewhere = await sessionCookie(staff);
    const post = (fields: Record<string, string>) =>
      settle(() => passwordAction({ request: postForm("/staff/password", fields, { cookie: here }), ...ctx }));

    const wrong = await post({ current: "not-it", next: "ett helt nytt lösenord", repeat: "ett helt nytt lösenord" });
    expect(statusOf(wrong)).toBe(422);
    expect(dataOf<{ errors: Record<string, string> }>(wrong).errors).toEqual({ current: "errCurrentPassword" });
    const short = await post({ current: PASSWORD, next: "kort", repeat: "kort" });
    expect(dataOf<{ errors: Record<string, string> }>(short).errors).toEqual({ next: "errNewPasswordShort" });
    const differ = await post({ current: PASSWORD, next: "ett helt nytt lösenord", repeat: "ett annat" });
    expect(dataOf<{ errors: Record<string, string> }>(differ).errors).toEqual({ repeat: "errNewPasswordRepeat" });
    expect(await getStaff(get("/staff", { cookie: elsewhere }))).not.toBeNull();

    const ok = await post({ current: PASSWORD, next: "ett helt nytt lösenord", repeat: "ett helt nytt lösenord" });
    expect((ok.value as Response).headers.get("Location")).toBe("/staff/password?changed=1");
    expect((await getStaff(get("/staff", { cookie: here })))?.id).toBe(staff.id);
    expect(await getStaff(get("/staff", { cookie: elsewhere }))).toBeNull();
    const { entries } = await listAudit({ action: "staff.password_change" });
    expect(entries.find((e) => e.action === "staff.password_change")).toMatchObject({
      actorId: staff.id,
      details: { endedSessions: 1 },
    });
    expect((await listAudit({ action: "staff.password_change_failed" })).total).toBe(1);
  });
});
