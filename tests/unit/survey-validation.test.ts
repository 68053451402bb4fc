import { describe, expect, it } from "vitest";
import { Model } from "survey-core";
import { loadSurveyDefinitions } from "~/surveys/definitions.server";
import { registerSurveyExtensions } from "~/surveys/extensions";
import { compiledSurvey, planCoversSurvey, validateAnswers } from "~/surveys/validate.server";
import { surveys as strings } from "~/i18n/strings/surveys";

const defs = loadSurveyDefinitions();
const brukar = defs.find((d) => d.key === "brukarenkat")!;
const survey = compiledSurvey(1001, brukar.json);
const validate = (answers: unknown, locale: "sv" | "en" = "sv") =>
  validateAnswers({ survey, answers, locale, messages: strings[locale] });
const base = { program: "bostad_forst", gender: "man" };

describe("checks survey-core does not make", () => {
  it("rating values inside the scale, as integers", () => {
    expect(validate({ ...base, satisfaction: 5 }).ok).toBe(true);
    for (const bad of [0, 6, 2.5, "3", Number.NaN, -1]) {
      const r = validate({ ...base, satisfaction: bad });
      expect(r.ok, String(bad)).toBe(false);
    }
  });

  it("choices that exist, for single and multiple choice, without repeats", () => {
    expect(validate({ ...base, program: "annat" })).toMatchObject({
      ok: false,
      errors: [{ question: "program", message: "Det svaret finns inte bland alternativen." }],
    });
    expect(validate({ ...base, visits: "varje_vecka", activities: ["yoga", "karate"] }).ok).toBe(false);
    expect(validate({ ...base, visits: "varje_vecka", activities: ["yoga", "yoga"] }).ok).toBe(false);
    expect(validate({ ...base, visits: "varje_vecka", activities: "yoga" }).ok).toBe(false);
    expect(validate({ ...base, ucla_left_out: 2 }).ok).toBe(true);
    expect(validate({ ...base, ucla_left_out: "2" })).toMatchObject({ ok: true, answers: { ucla_left_out: 2 } });
    expect(validate({ ...base, ucla_left_out: 4 }).ok).toBe(false);
  });

  it("text length limits and text types", () => {
    expect(validate({ ...base, wishes: "x".repeat(1000) }).ok).toBe(true);
    expect(validate({ ...base, wishes: "x".repeat(1001) }).ok).toBe(false);
    expect(validate({ ...base, wishes: { text: "x" } }).ok).toBe(false);
    expect(validate({ ...base, wishes: "   " })).toMatchObject({ ok: true, answers: base });
  });

  it("'other' needs its text, within limits", () => {
    expect(validate({ ...base, barriers: ["other"], "barriers-Comment": "Ont i ryggen" })).toMatchObject({
      ok: true,
      answers: { barriers: ["other"], "barriers-Comment": "Ont i ryggen" },
    });
    expect(validate({ ...base, barriers: ["other"] })).toMatchObject({ ok: false, errors: [{ question: "barriers" }] });
    expect(validate({ ...base, barriers: ["dagsform"], "barriers-Comment": "ignored" })).toMatchObject({
      ok: true,
      answers: { ...base, barriers: ["dagsform"] },
    });
  });

  it("drops unknown keys and answers to hidden questions; survives hostile keys", () => {
    const hostile = JSON.parse(
      '{"program":"fot","gender":"man","__proto__":{"x":1},"constructor":1,"nope":2,"visits":"aldrig","activities":["yoga"]}',
    );
    const r = validate(hostile);
    expect(r).toEqual({
      ok: true,
      answers: { program: "fot", gender: "man", visits: "aldrig" },
      rows: expect.any(Array),
    });
    expect(Object.getPrototypeOf(r.ok && r.answers)).toBe(Object.prototype);
  });

  it("required questions, in the person's language", () => {
    expect(validate({})).toMatchObject({
      ok: false,
      errors: [{ question: "program", message: "Svara på frågan för att gå vidare." }, { question: "gender" }],
    });
    expect(validate({}, "en")).toMatchObject({
      ok: false,
      errors: [{ question: "program", message: "Please answer this question to go on." }, { question: "gender" }],
    });
    expect(validate([]).ok).toBe(false);
    expect(validate("x").ok).toBe(false);
  });
});

describe("the fast plan", () => {
  it("covers our survey files and refuses surveys with features it does not evaluate", () => {
    registerSurveyExtensions();
    for (const d of defs) expect(planCoversSurvey(new Model(d.json)), d.key).toBe(true);
    const withValidator = { pages: [{ elements: [{ type: "text", name: "a", validators: [{ type: "numeric" }] }] }] };
    const withRequiredIf = {
      pages: [
        {
          elements: [
            { type: "text", name: "a", requiredIf: "{b} = 1" },
            { type: "text", name: "b" },
          ],
        },
      ],
    };
    const withPageCondition = { pages: [{ visibleIf: "{b} = 1", elements: [{ type: "text", name: "a" }] }] };
    for (const json of [withValidator, withRequiredIf, withPageCondition])
      expect(planCoversSurvey(new Model(json))).toBe(false);
  });

  it("agrees with survey-core's own model on 400 random answer sets", { timeout: 60_000 }, () => {
    registerSurveyExtensions();
    const viaModel = { ...survey, planCovers: false };
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const model = new Model(brukar.json);
    const questions = model.getAllQuestions() as unknown as {
      name: string;
      getType(): string;
      choices: { value: unknown }[];
      rateMin: number;
      rateMax: number;
    }[];
    for (let i = 0; i < 400; i++) {
      const answers: Record<string, unknown> = {};
      for (const q of questions) {
        if (rnd() < 0.3) continue;
        const type = q.getType();
        if (type === "radiogroup") answers[q.name] = pick(q.choices).value;
        else if (type === "checkbox")
          answers[q.name] = [...new Set([pick([...q.choices.map((c) => c.value), "other"]), pick(q.choices).value])];
        else if (type === "rating") answers[q.name] = q.rateMin + Math.floor(rnd() * (q.rateMax - q.rateMin + 1));
        else answers[q.name] = pick(["", "Något", "<b>x</b>"]);
      }
      if (rnd() < 0.5) answers["barriers-Comment"] = "annat";
      const fast = validateAnswers({ survey, answers, locale: "sv", messages: strings.sv });
      const slow = validateAnswers({ survey: viaModel, answers, locale: "sv", messages: strings.sv });
      expect(fast, JSON.stringify(answers)).toEqual(slow);
    }
  });
});
