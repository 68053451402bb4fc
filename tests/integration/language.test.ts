import { describe, expect, it } from "vitest";
import { loader as languageLoader } from "~/routes/sprak.$lang";
import { get, settle, statusOf, locationOf } from "../support/fixtures";

describe("the language switch", () => {
  it("remembers the choice and goes back, never to another site, never with a 500", async () => {
    const ok = await settle(() =>
      languageLoader({ request: get("/sprak/en?tillbaka=%2Fstaff%2Flogin"), params: { lang: "en" }, context: {} }),
    );
    const response = ok.value as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/staff/login");
    expect(response.headers.get("Set-Cookie")).toMatch(/^lang=en; Path=\/; Max-Age=31536000; SameSite=Lax/);
    for (const evil of [
      "%2F%09%2Fevil.example",
      "%2F%0A%2Fevil.example",
      "%2F%2Fevil.example",
      "https%3A%2F%2Fevil.example",
      "%2F%5Cevil.example",
    ]) {
      const out = await settle(() =>
        languageLoader({ request: get(`/sprak/sv?tillbaka=${evil}`), params: { lang: "sv" }, context: {} }),
      );
      expect(statusOf(out), evil).toBe(302);
      expect(locationOf(out), evil).toBe("/");
    }
    expect(
      statusOf(await settle(() => languageLoader({ request: get("/sprak/de"), params: { lang: "de" }, context: {} }))),
    ).toBe(404);
  });
});
