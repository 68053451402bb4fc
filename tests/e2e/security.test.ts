import { describe, expect, it } from "vitest";
import type { BrowserContext } from "playwright-core";
import { closeE2eDb, e2eDb } from "../support/e2e-database";
import {
  DESKTOP,
  PHONE,
  baseUrl,
  expectNoAxeViolations,
  browser,
  setUpBrowser,
  newContext,
  screenshot,
  signedInPage,
} from "../support/browser";

setUpBrowser();

const TRICKS = [
  "/.//evil.example/",
  "/a/..//evil.example/",
  "/%2e//evil.example/",
  "//evil.example/",
  "/\\evil.example/",
];

/** A context where any visit to the other site is answered locally, so a wrong redirect shows as a URL, not a hang. */
async function guardedContext(): Promise<BrowserContext> {
  const context = await newContext(browser, PHONE);
  await context.route(
    (url) => url.hostname.endsWith("evil.example"),
    (route) => route.fulfill({ status: 200, body: "<h1>EVIL</h1>", contentType: "text/html" }),
  );
  return context;
}

describe("redirects stay on the app", () => {
  it("after a real login with a crafted redirectTo", async () => {
    for (const trick of TRICKS) {
      const context = await guardedContext();
      const page = await context.newPage();
      await page.goto(`/staff/login?redirectTo=${encodeURIComponent(trick)}`);
      await page.getByLabel("E-post").fill("admin@demo.local");
      await page.getByLabel("Lösenord").fill("demo-password");
      await page.getByRole("button", { name: "Logga in" }).click();
      // The state that shows the login went through: the page has left the login form, on this site or another.
      await page.waitForURL((url) => url.origin !== baseUrl() || !url.pathname.startsWith("/staff/login"));
      expect(new URL(page.url()).origin, trick).toBe(baseUrl());
      expect(new URL(page.url()).pathname, trick).toBe("/staff");
      expect(await page.getByRole("heading", { level: 1 }).textContent(), trick).not.toBe("EVIL");
      await context.close();
    }
  });

  it("after the public language switch", async () => {
    const context = await guardedContext();
    const page = await context.newPage();
    for (const trick of TRICKS) {
      await page.goto(`/sprak/en?tillbaka=${encodeURIComponent(trick)}`);
      expect(new URL(page.url()).origin, trick).toBe(baseUrl());
      expect(new URL(page.url()).pathname, trick).toBe("/");
    }
    await page.goto(`/sprak/sv?tillbaka=${encodeURIComponent("/forslag")}`);
    expect(page.url()).toBe(`${baseUrl()}/forslag`);
    await context.close();
  });
});

describe("staff sessions", () => {
  it("an admin sees where a colleague is logged in and logs them out everywhere", async () => {
    const { context: colleagueContext, page: colleague } = await signedInPage("researcher@demo.local", PHONE);
    expect(new URL(colleague.url()).pathname).toBe("/staff");

    const { context: adminContext, page: admin } = await signedInPage("admin@demo.local", PHONE);
    await admin.goto("/staff/users");
    await admin.getByRole("link", { name: "Robin Forskare" }).click();
    await admin.getByRole("heading", { name: "Inloggningar" }).waitFor();
    expect(await admin.getByRole("button", { name: /Logga ut inloggningen från/ }).count()).toBeGreaterThan(0);
    await expectNoAxeViolations(admin, "user sessions (phone)");
    await screenshot(admin, "user-sessions-phone");
    await admin.getByRole("button", { name: "Logga ut överallt" }).click();
    await admin.getByText(/Personen är utloggad överallt/).waitFor();
    expect(await admin.getByText("Personen är inte inloggad någonstans.").count()).toBe(1);

    await colleague.goto("/staff/campaigns");
    expect(new URL(colleague.url()).pathname).toBe("/staff/login");
    await adminContext.close();
    await colleagueContext.close();
  });

  it("a copied cookie opens nothing after logout", async () => {
    const { context, page } = await signedInPage("coordinator@demo.local", DESKTOP);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === "__session")!;
    await page.getByRole("button", { name: "Logga ut" }).click();
    await page.waitForURL(/loggedOut=1/);

    const thief = await newContext(browser, DESKTOP);
    await thief.addCookies([session]);
    const stolen = await thief.newPage();
    await stolen.goto("/staff/feedback");
    expect(new URL(stolen.url()).pathname).toBe("/staff/login");
    await thief.close();
    await context.close();
  });
});

describe("staff responses are never cached", () => {
  it("send Cache-Control: no-store on pages, data requests, refusals and redirects under /staff", async () => {
    const base = baseUrl();
    const login = await fetch(`${base}/staff/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
      body: "email=cm%40demo.local&password=demo-password",
    });
    expect(login.headers.get("cache-control")).toContain("no-store");
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    for (const path of ["/staff", "/staff/feedback", "/staff/feedback.data", "/staff/users", "/staff/nothing-here"]) {
      const response = await fetch(`${base}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
      expect(response.headers.get("cache-control"), `${path} ${response.status}`).toContain("no-store");
    }
    const anonymous = await fetch(`${base}/staff/feedback`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("cache-control")).toContain("no-store");
  });

  it("the back button after logout shows the login, not the feedback", async () => {
    const { context, page } = await signedInPage("coordinator@demo.local", DESKTOP);
    await page.goto("/staff/feedback");
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.getByRole("button", { name: "Logga ut" }).click();
    await page.waitForURL(/loggedOut=1/);
    await page.goBack();
    // The state that ends the back step: the feedback page's guard has sent the browser to the login, asking to come
    // back to the feedback (the logged-out login page the test came from has no redirectTo).
    await page.waitForURL(
      (url) => url.pathname === "/staff/login" && url.searchParams.get("redirectTo") === "/staff/feedback",
    );
    await page.getByLabel("Lösenord").waitFor();
    expect(await page.getByRole("link", { name: /^Synpunkt \d+$/ }).count()).toBe(0);
    await context.close();
  });
});

describe("the projector board", () => {
  it("keeps its last picture with a calm message when the facilitator's session ends", async () => {
    const { context, page: control } = await signedInPage("facilitator@demo.local", DESKTOP);
    const board = await context.newPage();
    const refusals: number[] = [];
    board.on("response", (r) => {
      if (r.url().includes("/live?")) refusals.push(r.status());
    });
    await board.goto("/w/FRAMTID/board");
    const heading = (await board.getByRole("heading", { level: 1 }).textContent())!;
    await control.getByRole("button", { name: "Logga ut" }).click();
    await control.waitForURL(/loggedOut=1/);

    await board.getByText("Tavlan visar det senaste den fick.").waitFor();
    expect(refusals).toContain(403);
    expect(await board.getByRole("heading", { level: 1 }).textContent()).toBe(heading);
    expect(await board.getByText("Något gick fel").count()).toBe(0);
    await expectNoAxeViolations(board, "board after logout");
    await context.close();
  });
});

describe("refused access", () => {
  it("is audited (who, what, when) and a loop collapses into one row with a count", async () => {
    const base = baseUrl();
    const login = await fetch(`${base}/staff/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
      body: "email=researcher%40demo.local&password=demo-password",
    });
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    const rows = async () =>
      e2eDb()("audit_log")
        .where({ actor_email: "researcher@demo.local" })
        .whereIn("action", ["access.forbidden", "access.not_found"])
        .select("action", "entity_id", "repeat_count", "at");
    const usersRows = (all: { entity_id: string; repeat_count: number }[]) =>
      all.filter((r) => r.entity_id === "/staff/users");
    const before = usersRows(await rows());
    const countBefore = before.reduce((sum, r) => sum + Number(r.repeat_count), 0);
    for (let i = 0; i < 40; i++) {
      const response = await fetch(`${base}/staff/users`, { headers: { Cookie: cookie }, redirect: "manual" });
      expect(response.status).toBe(403);
    }
    const missing = await fetch(`${base}/staff/feedback/987654`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect([403, 404]).toContain(missing.status);

    // Other tests on the shared server may have been refused the same page already: the loop adds 40 to that.
    await expect
      .poll(async () => usersRows(await rows()).reduce((sum, r) => sum + Number(r.repeat_count), 0))
      .toBe(countBefore + 40);
    const all = await rows();
    // The 40 refusals opened at most one new row.
    expect(usersRows(all).length).toBeGreaterThanOrEqual(1);
    expect(usersRows(all).length - before.length).toBeLessThanOrEqual(1);
    expect(all.some((r) => r.entity_id === "/staff/feedback/987654")).toBe(true);
    await closeE2eDb();
  });
});
