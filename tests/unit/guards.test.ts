import { describe, expect, it } from "vitest";
import { loginPath, safeRedirectTarget } from "~/auth/guards.server";
import { capabilitiesOf, rolesFor, CAPABILITIES } from "~/auth/capabilities";
import { ROLES } from "~/auth/roles";

describe("redirect targets", () => {
  it("keeps paths on this site and refuses everything else", () => {
    expect(safeRedirectTarget("/staff/users?x=1")).toBe("/staff/users?x=1");
    expect(safeRedirectTarget("//evil.example/")).toBe("/staff");
    expect(safeRedirectTarget("/\\evil.example")).toBe("/staff");
    expect(safeRedirectTarget("https://evil.example")).toBe("/staff");
    expect(safeRedirectTarget(undefined)).toBe("/staff");
    expect(safeRedirectTarget("/\t/evil.example")).toBe("/staff");
    expect(safeRedirectTarget("/%09/evil.example")).toBe("/%09/evil.example");
    expect(safeRedirectTarget("/\n/evil.example")).toBe("/staff");
    expect(safeRedirectTarget("/a\r\nSet-Cookie: x=1")).toBe("/staff");
    expect(safeRedirectTarget("/staff/users#top")).toBe("/staff/users#top");
  });

  it("sends an anonymous visitor to the login with a way back", () => {
    expect(loginPath(new Request("http://x/staff/audit?action=login"))).toBe(
      "/staff/login?redirectTo=%2Fstaff%2Faudit%3Faction%3Dlogin",
    );
    expect(loginPath(new Request("http://x/staff"))).toBe("/staff/login");
  });
});

describe("capabilities", () => {
  it("give every role something to do and keep staff admin to admins", () => {
    for (const role of ROLES) expect(capabilitiesOf(role).length).toBeGreaterThan(0);
    expect(rolesFor("users")).toEqual(["admin"]);
    expect(rolesFor("feedback")).not.toContain("researcher");
    expect(new Set(CAPABILITIES.map((c) => c.href)).size).toBe(CAPABILITIES.length);
  });
});
