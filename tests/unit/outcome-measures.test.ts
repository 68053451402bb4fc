import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isPositive, MEASURES, measureFor } from "~/outcomes/measures";
import { outcomeTagProblem, taggedQuestions } from "~/outcomes/survey-tags";
import { checkSurveyFile, loadSurveyDefinitions, SurveyFileError } from "~/surveys/definitions.server";

const radio = (name: string, outcome: string, values: (string | number)[], type = "radiogroup") => ({
  type,
  name,
  outcome,
  title: { sv: "Fråga", en: "Question" },
  choices: values.map((v) => ({ value: v, text: { sv: String(v), en: String(v) } })),
});
const survey = (elements: object[]) => ({ pages: [{ name: "p", elements }] });

describe("the outcome measure registry", () => {
  it("has one definition per tag, with Swedish and English names, statements and sources", () => {
    const tags = MEASURES.map((m) => m.tag);
    expect(new Set(tags).size).toBe(tags.length);
    for (const m of MEASURES) for (const t of [m.name, m.statement, m.source]) expect(t.sv && t.en, m.tag).toBeTruthy();
  });

  it("knows every tag the survey files carry, and the files pass its checks", () => {
    for (const def of loadSurveyDefinitions()) {
      expect(outcomeTagProblem(def.json), def.file).toBeNull();
      for (const q of taggedQuestions(def.json)) expect(measureFor(q.tag) ?? q.tag).toBeTruthy();
    }
  });

  it("UCLA-3 counts as lonely from a sum of 6 (Hughes et al. 2004); the direct question at 'ofta' (4)", () => {
    const ucla = measureFor("loneliness_ucla3")!;
    expect(isPositive(ucla, "5")).toBe(false);
    expect(isPositive(ucla, "6")).toBe(true);
    expect(isPositive(measureFor("loneliness_direct")!, "3")).toBe(false);
    expect(isPositive(measureFor("loneliness_direct")!, "4")).toBe(true);
    expect(isPositive(measureFor("support_need_daytime")!, "vet_inte")).toBe(false);
  });

  it("a new survey with the same tags gets the same measures, whatever its question names", () => {
    const json = survey([radio("behov_dagtid", "support_need_daytime", ["ja", "nej"])]);
    expect(outcomeTagProblem(json)).toBeNull();
    expect(taggedQuestions(json)).toMatchObject([{ name: "behov_dagtid", tag: "support_need_daytime" }]);
  });

  it("refuses tags that would give wrong figures, naming the question", () => {
    const cases: [object, RegExp][] = [
      [
        survey([radio("a", "lonelyness", ["ja"])]),
        /question "a" has the outcome tag "lonelyness", which no outcome measure knows/,
      ],
      [survey([radio("a", "support_need_daytime", ["yes", "no"])]), /question "a" .* has no answer option "ja"/],
      [survey([radio("a", "barriers", ["x"])]), /question "a" .* must be a checkbox question/],
      [
        survey([radio("a", "loneliness_ucla3", [1, 2, 3]), radio("b", "loneliness_ucla3", [1, 2, 3])]),
        /is on 2 questions .* needs exactly 3/,
      ],
      [survey([radio("a", "satisfaction", ["bra", "dålig"])]), /must have numeric answer options/],
      [
        survey([radio("a", "support_need_daytime", ["ja"]), radio("b", "support_need_daytime", ["ja"])]),
        /is on 2 questions/,
      ],
    ];
    for (const [json, message] of cases) expect(outcomeTagProblem(json as Record<string, unknown>)).toMatch(message);
  });

  it("stops the start with a message naming the file and the question", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "outcome-tags-"));
    const file = path.join(dir, "ny_enkat.json");
    fs.writeFileSync(file, JSON.stringify(survey([radio("hur_ensam", "ensamhet", ["ja", "nej"])])));
    expect(() => checkSurveyFile(file)).toThrow(SurveyFileError);
    expect(() => checkSurveyFile(file)).toThrow(/ny_enkat\.json: question "hur_ensam" has the outcome tag "ensamhet"/);
  });
});
