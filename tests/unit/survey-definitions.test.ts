import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Model } from "survey-core";
import { checkSurveyFile, loadSurveyDefinitions, SurveyFileError } from "~/surveys/definitions.server";
import { registerSurveyExtensions } from "~/surveys/extensions";

function tempSurvey(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "surveys-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const q = (extra: object) => ({ type: "comment", name: "a", title: { sv: "Fråga", en: "Question" }, ...extra });
const survey = (elements: object[]) => JSON.stringify({ pages: [{ name: "p", elements }] });

describe("survey files", () => {
  it("load and pass the checks, both of them", () => {
    const defs = loadSurveyDefinitions();
    expect(defs.map((d) => d.key)).toEqual(["aktivitet", "brukarenkat"]);
    for (const d of defs) expect(d.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(defs[1].title).toEqual({ sv: "Brukarenkät", en: "User survey" });
  });

  it("the brukarenkät covers what the issue asks for, tagged for statistics", () => {
    registerSurveyExtensions();
    const def = loadSurveyDefinitions().find((d) => d.key === "brukarenkat")!;
    const model = new Model(def.json);
    const outcomes = model
      .getAllQuestions()
      .map((q) => (q as unknown as { outcome?: string }).outcome)
      .filter(Boolean);
    for (const tag of [
      "program",
      "gender",
      "participation_frequency",
      "activities",
      "support_need_daytime",
      "support_need_loneliness",
      "loneliness_direct",
      "participation_community",
      "participation_society",
      "barriers",
    ]) {
      expect(outcomes).toContain(tag);
    }
    expect(outcomes.filter((o) => o === "loneliness_ucla3")).toHaveLength(3);
    expect(
      model
        .getAllQuestions()
        .filter((q) => (q as unknown as { feedback?: boolean }).feedback)
        .map((q) => q.name),
    ).toEqual(["wishes", "free_text"]);
    expect(model.getQuestionByName("gender").choices.map((c: { value: string }) => c.value)).toEqual([
      "kvinna",
      "man",
      "annan",
      "vill_inte",
    ]);
    expect(model.getQuestionByName("barriers").choices.map((c: { value: string }) => c.value)).toEqual(
      expect.arrayContaining(["dagsform", "maende", "sl_kort"]),
    );
  });

  it("a broken file stops with a message naming the file and the problem", () => {
    const cases: [string, string, RegExp][] = [
      ["broken.json", "{ not json", /broken\.json: not valid JSON/],
      ["empty.json", JSON.stringify({ pages: [] }), /empty\.json: it has no questions/],
      ["dup.json", survey([q({}), q({})]), /dup\.json: question name "a" is used twice/],
      ["proto.json", survey([q({ name: "__proto__" })]), /proto\.json: /],
      ["upper.json", survey([q({ name: "Fråga" })]), /question name "Fråga" must be lower-case/],
      ["type.json", survey([q({ type: "file" })]), /type "file", which the server cannot check/],
      ["english.json", survey([q({ title: { sv: "Bara svenska" } })]), /has no English title/],
      ["unknown.json", survey([q({ type: "nosuchtype" })]), /survey-core does not understand it/],
      ["Bad-Name.json", survey([q({})]), /file name/],
    ];
    for (const [name, content, message] of cases) {
      const file = tempSurvey(name, content);
      expect(() => checkSurveyFile(file), name).toThrow(SurveyFileError);
      expect(() => checkSurveyFile(file), name).toThrow(message);
    }
  });
});
