import { beforeEach, describe, expect, it } from "vitest";
import { updateCampaignDates as updateDates } from "~/models/campaign.server";
import { forgetCachedCampaigns } from "~/surveys/campaign-cache.server";

const updateCampaignDates = async (args: Parameters<typeof updateDates>[0]) => {
  await updateDates(args);
  forgetCachedCampaigns();
};
import { forgetLoadedSurveys, loadSurveys } from "~/surveys/registry.server";
import { ensureSurveyVersion } from "~/models/survey-version.server";
import { participantCodeHmac } from "~/privacy/participant-code.server";
import { countAnswerValues, countResponsesPerCampaign, listOutcomeCampaigns } from "~/models/outcome.server";
import { countExportRows } from "~/models/export.server";
import { db, makePrograms, resetDatabase } from "../support/fixtures";
import { makeCampaign, newId, submit, VALID_ANSWERS } from "../support/surveys";

let programId: number;
let campaignId: number;

beforeEach(async () => {
  await resetDatabase();
  [{ id: programId }] = await makePrograms();
  campaignId = await makeCampaign({ programId, code: "TEST" });
});

const count = async (table: string) => Number((await db(table).count<{ n: number }[]>("* as n"))[0].n);

describe("POST /s/:code", () => {
  it("stores a valid response: 201, the response row keyed by the id, and answer rows for SQL", async () => {
    const id = newId();
    const res = await submit("TEST", { id, answers: VALID_ANSWERS, locale: "sv" });
    expect(res).toEqual({ status: 201, body: { id, status: "stored" } });
    const row = await db("responses").where({ id }).first();
    expect(row.campaign_id).toBe(campaignId);
    expect(JSON.parse(row.answers)).toEqual(VALID_ANSWERS);
    expect(row.channel).toBe("phone");
    const answers = await db("response_answers").where({ response_id: id }).orderBy("question");
    expect(answers.map((a: { question: string; value_text: string }) => `${a.question}=${a.value_text}`)).toEqual([
      "activities=yoga",
      "gender=kvinna",
      "program=bostad_forst",
      "satisfaction=5",
      "visits=varje_vecka",
    ]);
    expect(Number(answers.find((a: { question: string }) => a.question === "satisfaction").value_num)).toBe(5);
  });

  it("answers the same id again with 200 duplicate and stores nothing new", async () => {
    const id = newId();
    await submit("TEST", { id, answers: VALID_ANSWERS });
    const again = await submit("TEST", { id, answers: { ...VALID_ANSWERS, gender: "man" } });
    expect(again).toEqual({ status: 200, body: { id, status: "duplicate" } });
    expect(await count("responses")).toBe(1);
    expect(await count("response_answers")).toBe(5);
  });

  it("stores one row when the same id arrives many times at the same moment", async () => {
    const id = newId();
    const results = await Promise.all(Array.from({ length: 8 }, () => submit("TEST", { id, answers: VALID_ANSWERS })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200).every((r) => r.body.status === "duplicate")).toBe(true);
    expect(await count("responses")).toBe(1);
  });

  it("refuses invalid answers with 422 and per-question Swedish messages, storing nothing", async () => {
    const res = await submit("TEST", {
      id: newId(),
      answers: { program: "mars", gender: "kvinna", satisfaction: 9, activities: "yoga" },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { question: "program", message: "Det svaret finns inte bland alternativen." },
        { question: "satisfaction", message: "Svaret ligger utanför skalan." },
        { question: "activities", message: "Svaret ska vara en lista med alternativ." },
      ]),
    );
    const missing = await submit("TEST", { id: newId(), answers: { visits: "aldrig" } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors!.map((e) => e.question).sort()).toEqual(["gender", "program"]);
    expect(missing.body.errors![0].message).toBe("Svara på frågan för att gå vidare.");
    expect(await count("responses")).toBe(0);
  });

  it("answers in English when the body says en", async () => {
    const res = await submit("TEST", { id: newId(), answers: { program: "mars", gender: "man" }, locale: "en" });
    expect(res.body.errors).toEqual([{ question: "program", message: "That answer is not one of the options." }]);
    const closed = await submit("NOPE", { id: newId(), answers: {}, locale: "en" });
    expect(closed.body.error).toBe("The survey does not exist. Check the code.");
  });

  it("answers 404 for an unknown code, 410 for a closed campaign and 409 before it opens", async () => {
    expect((await submit("NOPE", { id: newId(), answers: VALID_ANSWERS })).status).toBe(404);
    await updateCampaignDates({ id: campaignId, opensOn: "2020-01-01", closesOn: "2021-01-01" });
    const closed = await submit("TEST", { id: newId(), answers: VALID_ANSWERS });
    expect(closed.status).toBe(410);
    expect(closed.body.error).toBe("Enkäten är stängd. Det går inte att svara längre.");
    await updateCampaignDates({ id: campaignId, opensOn: "2098-01-01", closesOn: "2099-01-01" });
    const early = await submit("TEST", { id: newId(), answers: VALID_ANSWERS });
    expect(early.status).toBe(409);
    expect(early.body.error).toContain("2098-01-01");
    expect(await count("responses")).toBe(0);
  });

  it("still answers duplicate for a stored response after the campaign closed", async () => {
    const id = newId();
    await submit("TEST", { id, answers: VALID_ANSWERS });
    await updateCampaignDates({ id: campaignId, opensOn: "2020-01-01", closesOn: "2021-01-01" });
    expect((await submit("TEST", { id, answers: VALID_ANSWERS })).body.status).toBe("duplicate");
  });

  it("answers 413 over 64 KiB, 400 for malformed JSON or a bad id, 415 for a form post", async () => {
    const big = { id: newId(), answers: { ...VALID_ANSWERS, free_text: "x".repeat(70 * 1024) } };
    expect((await submit("TEST", big)).status).toBe(413);
    expect((await submit("TEST", "{ not json")).status).toBe(400);
    const badId = await submit("TEST", { id: "not-a-uuid", answers: VALID_ANSWERS });
    expect(badId.status).toBe(400);
    expect(badId.body.error).toContain("id");
    expect((await submit("TEST", [1, 2, 3])).status).toBe(400);
    expect((await submit("TEST", "a=b", { "Content-Type": "application/x-www-form-urlencoded" })).status).toBe(415);
    expect(await count("responses")).toBe(0);
  });

  it("drops unknown keys, __proto__ and constructor, and survives deep nesting and huge arrays", async () => {
    const id = newId();
    const body = `{"id":"${id}","answers":{"program":"bostad_forst","gender":"man","__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"hacker":"<script>","toString":"x"}}`;
    const res = await submit("TEST", body);
    expect(res.status).toBe(201);
    const stored = JSON.parse((await db("responses").where({ id }).first()).answers);
    expect(stored).toEqual({ program: "bostad_forst", gender: "man" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const deep = `{"id":"${newId()}","answers":{"program":${"[".repeat(20000)}${"]".repeat(20000)}}}`;
    expect([400, 413, 422]).toContain((await submit("TEST", deep)).status);
    const huge = await submit("TEST", {
      id: newId(),
      answers: { program: "bostad_forst", gender: "man", activities: Array.from({ length: 5000 }, () => "yoga") },
    });
    expect(huge.status).toBe(422);
    expect(await count("responses")).toBe(1);
  });

  it("drops answers to questions the person's own answers hid", async () => {
    const id = newId();
    const res = await submit("TEST", {
      id,
      answers: { program: "fot", gender: "man", visits: "aldrig", activities: ["yoga"], quote_consent: "ja" },
    });
    expect(res.status).toBe(201);
    const stored = JSON.parse((await db("responses").where({ id }).first()).answers);
    expect(stored).toEqual({ program: "fot", gender: "man", visits: "aldrig" });
  });

  it("keeps HTML and script in free text as text, and sends it to the feedback inbox with consent", async () => {
    const id = newId();
    const text = '<img src=x onerror="alert(1)"> Mer yoga!';
    await submit("TEST", { id, answers: { ...VALID_ANSWERS, wishes: text, quote_consent: "ja" } });
    const feedback = await db("feedback").where({ source: "survey" });
    expect(feedback).toHaveLength(1);
    expect(feedback[0]).toMatchObject({ text, program_id: programId, source_ref: `response:${id}:wishes` });
    expect(Boolean(feedback[0].consent_to_quote)).toBe(true);
    const noConsent = newId();
    await submit("TEST", {
      id: noConsent,
      answers: { ...VALID_ANSWERS, free_text: "Bra personal", quote_consent: "nej" },
    });
    expect(
      Boolean(
        (
          await db("feedback")
            .where({ source_ref: `response:${noConsent}:free_text` })
            .first()
        ).consent_to_quote,
      ),
    ).toBe(false);
  });

  it("refuses text over the question's limit", async () => {
    const res = await submit("TEST", { id: newId(), answers: { ...VALID_ANSWERS, wishes: "x".repeat(1001) } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ question: "wishes", message: "Texten är för lång. Skriv högst 1000 tecken." }]);
  });

  it("stores only an HMAC of a participant code, never the code", async () => {
    const coded = await makeCampaign({ programId, code: "KOD", mode: "participant_code" });
    void coded;
    const id = newId();
    expect((await submit("KOD", { id, answers: VALID_ANSWERS, participantCode: "an07lu" })).status).toBe(201);
    const row = await db("responses").where({ id }).first();
    expect(row.participant_code_hmac).toBe(participantCodeHmac("AN07LU"));
    expect(JSON.stringify(row)).not.toMatch(/an07lu/i);
    expect((await submit("KOD", { id: newId(), answers: VALID_ANSWERS, participantCode: "<script>" })).status).toBe(
      422,
    );
  });

  it("checks answers against their own survey version after the file changed", async () => {
    const current = (await loadSurveys()).get("brukarenkat")!;
    const old = JSON.parse(current.content);
    old.pages[0].elements
      .find((e: { name: string }) => e.name === "program")
      .choices.push({ value: "gammalt", text: { sv: "Gammalt", en: "Old" } });
    const oldContent = JSON.stringify(old);
    const oldHash = "a".repeat(64);
    const oldVersionId = await ensureSurveyVersion({
      surveyKey: "brukarenkat",
      hash: oldHash,
      content: oldContent,
      title: "old",
    });
    const id = newId();
    const res = await submit("TEST", { id, answers: { ...VALID_ANSWERS, program: "gammalt" }, version: oldHash });
    expect(res.status).toBe(201);
    expect((await db("responses").where({ id }).first()).survey_version_id).toBe(oldVersionId);
    expect((await submit("TEST", { id: newId(), answers: { ...VALID_ANSWERS, program: "gammalt" } })).status).toBe(422);
    forgetLoadedSurveys();
  });

  it("records the kiosk and staff help", async () => {
    await makeCampaign({ programId, code: "KIOSK", kiosk: true });
    const id = newId();
    await submit("KIOSK", { id, answers: VALID_ANSWERS, assisted: true });
    expect(await db("responses").where({ id }).first()).toMatchObject({ channel: "kiosk" });
    expect(Boolean((await db("responses").where({ id }).first()).staff_assisted)).toBe(true);
  });
});

describe("a shared tablet's answers so far (partial, decision 0032)", () => {
  it("stores them marked partial, without answer rows, where the survey takes them on a kiosk; once per id", async () => {
    await makeCampaign({ programId, code: "YOGA", surveyKey: "aktivitet", kiosk: true });
    const id = newId();
    const res = await submit("YOGA", { id, answers: { rating: 5 }, channel: "kiosk", partial: true });
    expect(res).toEqual({ status: 201, body: { id, status: "stored" } });
    const row = await db("responses").where({ id }).first();
    expect(Boolean(row.partial)).toBe(true);
    expect(row.channel).toBe("kiosk");
    expect(JSON.parse(row.answers)).toEqual({ rating: 5 });
    const answerRows = await db("response_answers").where({ response_id: id }).count<{ n: number }[]>("* as n");
    expect(Number(answerRows[0].n)).toBe(0);
    expect((await submit("YOGA", { id, answers: { rating: 5 }, channel: "kiosk", partial: true })).status).toBe(200);
    expect(await count("responses")).toBe(1);
    // A whole response is not partial.
    const whole = newId();
    await submit("YOGA", { id: whole, answers: { rating: 4 }, channel: "kiosk" });
    expect(Boolean((await db("responses").where({ id: whole }).first()).partial)).toBe(false);
  });

  it("still checks every answer given, and refuses an empty one, a phone's, or a survey that does not take them", async () => {
    await makeCampaign({ programId, code: "YOGA", surveyKey: "aktivitet", kiosk: true });
    await makeCampaign({ programId, code: "YOGAPHONE", surveyKey: "aktivitet" });
    await makeCampaign({ programId, code: "KIOSK", kiosk: true });
    const bad = await submit("YOGA", { id: newId(), answers: { rating: 9 }, channel: "kiosk", partial: true });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ question: "rating", message: "Svaret ligger utanför skalan." }]);
    const empty = await submit("YOGA", { id: newId(), answers: {}, channel: "kiosk", partial: true });
    expect(empty).toMatchObject({ status: 422, body: { error: "Det finns inga svar att skicka." } });
    const phone = await submit("YOGAPHONE", { id: newId(), answers: { rating: 5 }, partial: true });
    expect(phone).toMatchObject({ status: 422, body: { error: "Den här enkäten tar bara emot svar som är klara." } });
    const brukarenkat = await submit("KIOSK", { id: newId(), answers: { program: "bostad_forst" }, partial: true });
    expect(brukarenkat.status).toBe(422);
    expect(await count("responses")).toBe(0);
  });

  it("keeps them out of the outcome figures' counts and the research export", async () => {
    const yoga = await makeCampaign({ programId, code: "YOGA", surveyKey: "aktivitet", kiosk: true });
    await submit("YOGA", { id: newId(), answers: { rating: 5 }, channel: "kiosk", partial: true });
    await submit("YOGA", { id: newId(), answers: { rating: 4 }, channel: "kiosk" });
    expect(await countResponsesPerCampaign({ campaignIds: [yoga] })).toEqual([{ campaignId: yoga, n: 1 }]);
    expect(
      (await countAnswerValues({ campaignIds: [yoga], groupBy: null, questions: ["rating"] })).map((c) => [
        c.value,
        c.n,
      ]),
    ).toEqual([["4", 1]]);
    expect((await listOutcomeCampaigns({})).find((c) => c.id === yoga)?.responses).toBe(1);
    expect(await countExportRows({ campaignIds: [yoga] })).toBe(1);
  });
});
