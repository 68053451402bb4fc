import { describe, expect, it } from "vitest";
import { getPage, loginCookie } from "../support/http";

const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];

describe("error pages keep their frame", () => {
  it("keeps the staff menu around a 404 and a 403 inside /staff", async () => {
    const admin = await loginCookie("admin@demo.local");
    const missing = await getPage("/staff/feedback/999999", admin);
    expect(missing.status).toBe(404);
    expect(missing.html).toContain("Sidan finns inte");
    expect(missing.html).toContain('aria-label="Personalsidor"');
    expect(missing.html).toContain('href="/staff/users"');

    const facilitator = await loginCookie("facilitator@demo.local");
    const refused = await getPage("/staff/users", facilitator);
    expect(refused.status).toBe(403);
    expect(refused.html).toContain("Du har inte tillgång till den här sidan");
    expect(refused.html).toContain('href="/staff/workshops"');
  });

  it("tells a participant that a code leads nowhere, in the participant's page", async () => {
    for (const path of ["/w/NOSUCH", "/s/NOSUCH"]) {
      const page = await getPage(path);
      expect(page.status, path).toBe(404);
      expect(page.html, path).toContain("Vi hittar ingen enkät eller verkstad med koden NOSUCH");
      expect(page.html, path).not.toContain('aria-label="Personalsidor"');
    }
  });

  it("gives tab titles in the page's language", async () => {
    const admin = await loginCookie("admin@demo.local");
    expect(title((await getPage("/staff/feedback", admin)).html)).toBe("Synpunkter – Deltagarröst");
    expect(title((await getPage("/staff/feedback", `${admin}; lang=en`)).html)).toBe("Feedback – Deltagarröst");
    expect(title((await getPage("/tyck-till", "lang=en")).html)).toBe("Say your piece – Deltagarröst");
    expect(title((await getPage("/w/FRAMTID", "lang=en")).html)).toBe("Future workshop – Deltagarröst");
  });
});
