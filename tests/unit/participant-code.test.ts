import { describe, expect, it } from "vitest";
import { canonicalCode, isParticipantCode, MAX_CODE_FIELD_LENGTH, parseCodeList } from "~/privacy/participant-code";
import { parseNewVisitors } from "~/activities/new-visitors";

describe("participant codes as typed", () => {
  it("follows the survey's scheme: 4 to 20 letters or digits, spaces, dashes and case do not matter", () => {
    expect(isParticipantCode("ab-12")).toBe(true);
    expect(isParticipantCode("Åsa 1957")).toBe(true);
    expect(isParticipantCode("A1")).toBe(false);
    expect(isParticipantCode("x".repeat(21))).toBe(false);
    expect(isParticipantCode("AB12<script>")).toBe(false);
    expect(isParticipantCode("=1+2")).toBe(false);
    expect(isParticipantCode("ab'; drop table visitors;--")).toBe(false);
    expect(canonicalCode(" ab-12 ")).toBe("AB12");
    expect(canonicalCode("åsa 1957")).toBe("ÅSA1957");
  });

  it("splits the form's list by line, comma or semicolon and keeps spaces inside a code", () => {
    expect(parseCodeList("ab 12\r\nCD34; ef-56,\n\n", { separator: "lines" })).toEqual({
      codes: ["AB12", "CD34", "EF56"],
      error: null,
    });
    expect(parseCodeList("", { separator: "lines" })).toEqual({ codes: [], error: null });
  });

  it("splits the import column by spaces", () => {
    expect(parseCodeList("AB12 CD34  EF56", { separator: "spaces" }).codes).toEqual(["AB12", "CD34", "EF56"]);
  });

  it("refuses a malformed code, a code given twice, too many codes and an oversized field, saying where", () => {
    expect(parseCodeList("AB12\nA1", { separator: "lines" })).toEqual({
      codes: [],
      error: "errCodeMalformed",
      position: 2,
    });
    expect(parseCodeList("AB12 CD34 ab-12", { separator: "spaces" })).toEqual({
      codes: [],
      error: "errCodeTwice",
      position: 3,
    });
    const many = Array.from({ length: 201 }, (_, i) => `K${String(i).padStart(4, "0")}`).join("\n");
    expect(parseCodeList(many, { separator: "lines" }).error).toBe("errCodesTooMany");
    const fiveThousand = Array.from({ length: 5000 }, (_, i) => `K${i}`).join(" ");
    expect(fiveThousand.length).toBeGreaterThan(MAX_CODE_FIELD_LENGTH);
    expect(parseCodeList(fiveThousand, { separator: "spaces" }).error).toBe("errCodesTooLong");
  });
});

describe("what a first-time visitor states on the staff form", () => {
  const form = (fields: Record<string, string>) => new URLSearchParams(fields);

  it("reads gender and programme per new code; an unanswered code is left for the register to ask about", () => {
    const out = parseNewVisitors(
      form({ "newGender.AB12": "women", "newProgram.AB12": "2", "newGender.CD34": "men", "newProgram.CD34": "none" }),
      ["AB12", "CD34", "EF56"],
      [1, 2],
    );
    expect(out.error).toBeNull();
    expect([...out.newVisitors]).toEqual([
      ["AB12", { gender: "women", programId: 2 }],
      ["CD34", { gender: "men", programId: null }],
    ]);
  });

  it("refuses a gender not in the list and a programme that does not exist", () => {
    expect(parseNewVisitors(form({ "newGender.AB12": "kvinna", "newProgram.AB12": "1" }), ["AB12"], [1]).error).toBe(
      "errNewGender",
    );
    expect(parseNewVisitors(form({ "newGender.AB12": "women", "newProgram.AB12": "9" }), ["AB12"], [1]).error).toBe(
      "errNewProgram",
    );
    expect(parseNewVisitors(form({ "newGender.AB12": "women" }), ["AB12"], [1]).error).toBe("errNewProgram");
  });
});
