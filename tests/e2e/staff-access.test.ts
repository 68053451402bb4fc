import { describe, expect, it } from "vitest";
import {
  DESKTOP,
  PHONE,
  baseUrl,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  browser,
  setUpBrowser,
  login,
  newContext,
  screenshot,
  signedInPage,
} from "../support/browser";

setUpBrowser();

describe("staff login", () => {
  it("works on a 390×844 phone, lands on the start page for the role, and logs out", async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto("/staff/login");
    expect(await page.locator("html").getAttribute("lang")).toBe("sv");
    await expectNoAxeViolations(page, "login (phone)");
    await expectNoHorizontalScroll(page);
    await screenshot(page, "login-phone");

    await login(page, "coordinator@demo.local");
    expect(new URL(page.url()).pathname).toBe("/staff");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Personalsidor");
    await expect.poll(() => page.getByText("Du är inloggad som samordnare").count()).toBe(1);
    expect(await page.locator("h1").count()).toBe(1);
    await expectNoAxeViolations(page, "staff start (phone)");
    await expectNoHorizontalScroll(page);
    await screenshot(page, "start-phone");

    await page.getByRole("button", { name: "Logga ut" }).click();
    await page.waitForURL(/\/staff\/login\?loggedOut=1/);
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Du är utloggad");
    await page.goto("/staff");
    expect(new URL(page.url()).pathname).toBe("/staff/login");
    await context.close();
  });

  it("works on a desktop and returns to the page first asked for", async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await page.goto("/staff/audit?action=login");
    expect(new URL(page.url()).pathname).toBe("/staff/login");
    await page.getByLabel("E-post").fill("admin@demo.local");
    await page.getByLabel("Lösenord").fill("demo-password");
    await Promise.all([page.waitForURL(/\/staff\/audit/), page.getByRole("button", { name: "Logga in" }).click()]);
    expect(page.url()).toBe(`${baseUrl()}/staff/audit?action=login`);
    await expect.poll(() => page.getByRole("cell", { name: "admin@demo.local" }).count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, "audit (desktop)");
    await screenshot(page, "audit-desktop");
    await context.close();
  });

  it("says plainly when the password is wrong, with a 401 and nothing logged in", async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto("/staff/login");
    await page.getByLabel("E-post").fill("facilitator@demo.local");
    await page.getByLabel("Lösenord").fill("not-the-password");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Logga in" }).click(),
    ]);
    expect(response.status()).toBe(401);
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Fel e-post eller lösenord");
    expect(await page.getByLabel("E-post").inputValue()).toBe("facilitator@demo.local");
    await expectNoAxeViolations(page, "login error");
    await screenshot(page, "login-error-phone");
    await context.close();
  });

  it("refuses a role its pages with a plain 403 page", async () => {
    const { context, page } = await signedInPage("researcher@demo.local", PHONE);
    const response = await page.goto("/staff/users");
    expect(response?.status()).toBe(403);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Du har inte tillgång till den här sidan");
    expect(await page.content()).not.toMatch(/at [\w.]+ \(|node_modules/);
    await expectNoAxeViolations(page, "403");
    await screenshot(page, "forbidden-phone");
    await context.close();
  });
});

describe("staff administration", () => {
  it("lets an admin add a colleague, who can then log in, and disable them, which ends their session", async () => {
    const { context: adminContext, page: admin } = await signedInPage("admin@demo.local", PHONE);
    await admin.goto("/staff/users");
    await expectNoAxeViolations(admin, "users");
    await expectNoHorizontalScroll(admin);
    await screenshot(admin, "users-phone");
    await admin.getByRole("link", { name: "Lägg till personal" }).click();
    await admin.waitForURL(/\/staff\/users\/new/);
    await expectNoAxeViolations(admin, "new user");
    await admin.getByLabel("Namn").fill("Erik Engström");
    await admin.getByLabel("E-post").fill("erik@demo.local");
    await admin.getByLabel("Roll").selectOption("case_manager");
    await admin.getByLabel("Bostad Först").check();
    await admin.getByRole("button", { name: "Spara" }).click();
    const secret = admin.locator(".secret");
    await secret.waitFor();
    const password = (await secret.textContent())!.trim();
    expect(password).toHaveLength(14);
    await expectNoAxeViolations(admin, "user created");

    const erikContext = await newContext(browser, PHONE);
    const erik = await erikContext.newPage();
    await login(erik, "erik@demo.local", password);
    // A temporary password must be replaced before anything else opens.
    expect(new URL(erik.url()).pathname).toBe("/staff/password");
    await erik.getByText("Du loggade in med ett tillfälligt lösenord").waitFor();
    await expectNoAxeViolations(erik, "forced password change");
    await erik.getByLabel("Nuvarande lösenord").fill(password);
    await erik.getByLabel("Nytt lösenord", { exact: true }).fill("min egen långa mening");
    await erik.getByLabel("Upprepa det nya lösenordet").fill("min egen långa mening");
    await erik.getByRole("button", { name: "Byt lösenord" }).click();
    await erik.waitForURL((url) => url.pathname === "/staff");
    await expect.poll(() => erik.getByText("Du är inloggad som case manager").count()).toBe(1);

    await admin.goto("/staff/users");
    await admin.getByRole("link", { name: "Erik Engström" }).click();
    await admin.waitForURL(/\/staff\/users\/\d+$/);
    await expectNoAxeViolations(admin, "edit user");
    await admin.getByLabel("Stäng av kontot").check();
    await admin.getByRole("button", { name: "Spara" }).click();
    await admin.waitForURL(/saved=1/);

    await erik.goto("/staff");
    expect(new URL(erik.url()).pathname).toBe("/staff/login");
    await login(erik, "erik@demo.local", "min egen långa mening").catch(() => undefined);
    expect(await erik.getByRole("alert").textContent()).toContain("Kontot är avstängt");
    await adminContext.close();
    await erikContext.close();
  });
});

describe("layout shell", () => {
  it("switches to English and back, remembering the choice", async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto("/staff/login");
    await page.getByRole("link", { name: "Change language to English" }).click();
    await page.waitForURL(/\/staff\/login$/);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Log in");
    await page.goto("/");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await expectNoAxeViolations(page, "home (en)");
    await page.getByRole("link", { name: "Byt språk till svenska" }).click();
    await page.waitForURL(`${baseUrl()}/`);
    expect(await page.locator("html").getAttribute("lang")).toBe("sv");
    await context.close();
  });

  it("has a skip link to the main content, landmarks and a visible focus", async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Hoppa till innehållet" });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe("solid");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    expect(await page.locator("header").count()).toBe(1);
    expect(await page.locator("main").count()).toBe(1);
    expect(await page.locator("footer").count()).toBe(1);
    expect(await page.getByRole("link", { name: "Tyck till – säg vad du tycker" }).getAttribute("href")).toBe(
      "/tyck-till",
    );
    expect(await page.getByRole("link", { name: "Vad hände med våra idéer?" }).getAttribute("href")).toBe("/forslag");
    await expectNoAxeViolations(page, "home");
    await screenshot(page, "home-desktop");
    await context.close();
  });

  it("reflows at 200 % zoom (320 CSS px) without sideways scrolling", async () => {
    const { context, page } = await signedInPage("admin@demo.local", { width: 320, height: 640 });
    for (const path of ["/", "/staff", "/staff/users", "/staff/audit", "/staff/login"]) {
      await page.goto(path);
      await expectNoHorizontalScroll(page);
    }
    await context.close();
  });

  it("shows a plain Swedish 404 page and nothing from other hosts", async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    const foreign: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(baseUrl()) && !r.url().startsWith("data:")) foreign.push(r.url());
    });
    const response = await page.goto("/finns-inte");
    expect(response?.status()).toBe(404);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Sidan finns inte");
    await expectNoAxeViolations(page, "404");
    await page.goto("/");
    await page.goto("/staff/login");
    expect(foreign).toEqual([]);
    await context.close();
  });
});

describe("contracts over HTTP", () => {
  it("healthz, 302 for anonymous staff pages, 403 for a foreign origin", async () => {
    const health = await fetch(`${baseUrl()}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    for (const path of ["/staff", "/staff/users", "/staff/audit"]) {
      const res = await fetch(`${baseUrl()}${path}`, { redirect: "manual" });
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location")).toContain("/staff/login");
    }
    const foreign = await fetch(`${baseUrl()}/staff/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=admin%40demo.local&password=demo-password",
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain("Formuläret kom inte från Deltagarröst");
  });
});
