import { describe, expect, it } from "vitest";
import {
  PHONE,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  browser,
  setUpBrowser,
  login,
  newContext,
  screenshot,
} from "../support/browser";
import { setUpOwnServer } from "../support/start-server";

setUpBrowser();
// The demo's figures are asserted, so this file has a server and demo database of its own.
const server = setUpOwnServer();

describe("outcomes by how often people came", () => {
  it("breaks the demo waves down by visits in the 12 weeks before, every group at least 5 (phone)", async () => {
    const context = await newContext(browser, PHONE, { baseURL: server.baseUrl });
    const page = await context.newPage();
    await login(page, "coordinator@demo.local");
    await page.goto("/staff/outcomes");
    const section = page.getByRole("region", { name: "Ensamhet och delaktighet efter hur ofta man kommer" });
    await section.waitFor();
    for (const wave of ["Brukarenkät 2024", "Brukarenkät 2025"]) {
      const table = section.getByRole("table", { name: `${wave}: andel per grupp` });
      await table.waitFor();
      const headers = await table.getByRole("columnheader").allTextContents();
      expect(headers).toEqual(["Mått", "Kom aldrig", "Kom ibland", "Kom varje vecka"]);
      const people = table.getByRole("row", { name: /^Personer/ });
      const sizes = (await people.getByRole("cell").allTextContents()).map((s) => s.trim());
      expect(sizes).toHaveLength(3);
      // Each group is shown with at least 5 people, or hidden as a whole ("dolt"): never a count under 5.
      for (const s of sizes) expect(s === "dolt" || Number(s) >= 5, `${wave}: ${s}`).toBe(true);
      expect(await table.textContent()).not.toMatch(/\b[1-4] av\b/);
    }
    // The demo's 2024 wave shows every group and at least one share.
    const table2024 = section.getByRole("table", { name: "Brukarenkät 2024: andel per grupp" });
    const sizes2024 = await table2024
      .getByRole("row", { name: /^Personer/ })
      .getByRole("cell")
      .allTextContents();
    expect(sizes2024.every((s) => Number(s) >= 5)).toBe(true);
    expect(await table2024.textContent()).toMatch(/\d+ % \(\d+ av \d+\)/);
    expect(await section.textContent()).toContain("12 veckorna innan");
    await screenshot(page, "outcomes-by-visits-phone");
    await expectNoAxeViolations(page, "outcomes by visits");
    await expectNoHorizontalScroll(page);
    await context.close();
  });
});
