import { describe, expect, it } from "vitest";
import { parseStaffForm } from "~/auth/staff-form.server";

const good = () =>
  new URLSearchParams([
    ["name", "  Anna Andersson "],
    ["email", " Anna@Example.SE "],
    ["role", "case_manager"],
    ["programIds", "1"],
    ["programIds", "2"],
  ]);

describe("staff form", () => {
  it("trims and lower-cases what it keeps", () => {
    const result = parseStaffForm(good(), [1, 2]);
    expect(result).toEqual({
      ok: true,
      value: {
        name: "Anna Andersson",
        email: "anna@example.se",
        role: "case_manager",
        programIds: [1, 2],
        disabled: false,
      },
    });
  });

  it("names each wrong field with a message key", () => {
    const form = new URLSearchParams([
      ["name", ""],
      ["email", "nope"],
      ["role", "boss"],
    ]);
    const result = parseStaffForm(form, [1]);
    expect(result).toEqual({
      ok: false,
      errors: { name: "errName", email: "errEmail", role: "errRole", programIds: "errPrograms" },
      missing: [],
    });
  });

  it("refuses a programme that does not exist", () => {
    const form = good();
    form.append("programIds", "99");
    expect(parseStaffForm(form, [1, 2])).toEqual({ ok: false, errors: { programIds: "errPrograms" }, missing: [] });
  });
});
