import { describe, expect, it } from "vitest";
import { buildLayout, stockholmMonth } from "~/exports/variables";

const layoutOf = (question: Record<string, unknown>) =>
  buildLayout({
    versions: [{ pages: [{ name: "p", elements: [question] }] }],
    waves: [{ campaignId: 1, label: { sv: "Våren", en: "Spring" } }],
    freeText: false,
  });

const noRedaction = (text: string) => text;

describe("a checkbox question in the research export", () => {
  const layout = layoutOf({ type: "checkbox", name: "a", choices: ["x", "y", 2, "none"] });

  it("marks each chosen value's column, compared as text, and ignores values it has no column for", () => {
    expect(layout.variables.slice(6).map((v) => v.name)).toEqual(["a__x", "a__y", "a__2", "a__none"]);
    expect(layout.codeAnswers({ a: [2, "y", "y", "z"] }, noRedaction)).toEqual([0, 1, 1, 0]);
    expect(layout.codeAnswers({ a: ["2", "none"] }, noRedaction)).toEqual([0, 0, 1, 1]);
    expect(layout.codeAnswers({ a: [] }, noRedaction)).toEqual([0, 0, 0, 0]);
  });

  it("leaves every column empty when the answer is missing or not a list", () => {
    for (const a of [undefined, null, "x", 2, { x: true }])
      expect(layout.codeAnswers({ a }, noRedaction)).toEqual([null, null, null, null]);
  });

  it("marks every column that shares a chosen value (a list that already had the value the other item adds)", () => {
    const twice = layoutOf({ type: "checkbox", name: "b", choices: ["x", "other"], showOtherItem: true });
    expect(twice.variables.slice(6).map((v) => v.name)).toEqual(["b__x", "b__other", "b__other_2"]);
    expect(twice.codeAnswers({ b: ["other"] }, noRedaction)).toEqual([0, 1, 1]);
    expect(twice.codeAnswers({ b: ["x"] }, noRedaction)).toEqual([1, 0, 0]);
  });
});

describe("the month of a stored instant", () => {
  it("reads the day and hour as Number() does when they are not two digits", () => {
    // Not what the app stores; the month is still what it was before the digits were read one by one.
    expect(stockholmMonth("2026-03- 5T10:00:00.000Z")).toBe("2026-03");
    expect(stockholmMonth("2026-03")).toBe("2026-03");
    expect(stockholmMonth("2026-12-31T23:00:00.000Z")).toBe("2027-01");
  });
});
