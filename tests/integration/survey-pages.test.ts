import { beforeEach, describe, expect, it } from "vitest";
import { updateCampaignDates } from "~/models/campaign.server";
import { loader as surveyLoader } from "~/routes/s.$code";
import { action as stepAction } from "~/routes/s.$code_.svara";
import { action as foresightAction } from "~/routes/s.$code_.framat";
import { findAhead } from "~/components/survey/use-full-foresight";
import type { SurveyPageData } from "~/surveys/participant-page.server";
import { aheadKey, type AheadPage, type QuestionPage } from "~/surveys/question-view";
import { readStepAnswer } from "~/surveys/step-input";
import { forgetCachedCampaigns } from "~/surveys/campaign-cache.server";
import { startedToken, startedWhileOpen } from "~/surveys/started-token.server";
import { todayInStockholm } from "~/outcomes/calendar";
import { dataOf, db, get, makePrograms, postForm, resetDatabase, settle, statusOf } from "../support/fixtures";
import { makeCampaign, newId, submit, VALID_ANSWERS } from "../support/surveys";

let campaignId: number;

beforeEach(async () => {
  await resetDatabase();
  const [program] = await makePrograms();
  campaignId = await makeCampaign({ programId: program.id, code: "TEST" });
});

async function landing(code = "TEST", query = "") {
  const out = await settle(() => surveyLoader({ request: get(`/s/${code}${query}`), params: { code }, context: {} }));
  return { status: statusOf(out), page: dataOf<SurveyPageData>(out) };
}

async function step(view: QuestionPage, fields: Record<string, string | string[]>, intent = "next") {
  const out = await settle(() =>
    stepAction({
      request: postForm("/s/TEST/svara", {
        state: JSON.stringify(view.state),
        question: view.question.name,
        intent,
        ...fields,
      }),
      params: { code: "TEST" },
      context: {},
    }),
  );
  return { status: statusOf(out), page: dataOf<SurveyPageData>(out) };
}

function questionOf(page: SurveyPageData): QuestionPage {
  if (page.view.kind !== "question") throw new Error(`expected a question, got ${page.view.kind}`);
  return page.view;
}

describe("the survey as plain pages, one question each (no scripts needed)", () => {
  it("shows the first question at once, with a fresh response id and a stable 'Fråga 1 av N'", async () => {
    const { status, page } = await landing();
    expect(status).toBe(200);
    const view = questionOf(page);
    expect(view.question).toMatchObject({ name: "program", title: "Var bor du?", required: true, kind: "single" });
    expect(view).toMatchObject({ position: 1, isFirst: true, isLast: false });
    expect(page.intro).toMatchObject({ withParticipantCode: false });
    expect(view.state.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await landing()).page.view).not.toEqual(view);
    expect((await landing("NOPE")).status).toBe(404);
  });

  it("walks through with survey-core's checks and conditions, back and forth, and stores once", async () => {
    let view = questionOf((await landing()).page);
    const total = view.total;

    const missing = await step(view, {});
    expect(missing.status).toBe(422);
    expect(questionOf(missing.page).errors).toEqual(["Svara på frågan för att gå vidare."]);

    const hostile = await step(view, { answer: "<script>alert(1)</script>" });
    expect(hostile.status).toBe(422);
    expect(questionOf(hostile.page).errors).toEqual(["Det svaret finns inte bland alternativen."]);

    view = questionOf((await step(view, { answer: "bostad_forst", participantCode: "", assisted: "on" })).page);
    expect(view.question.name).toBe("gender");
    expect(view.state.assisted).toBe(true);
    view = questionOf((await step(view, { answer: "kvinna" })).page);
    expect(view.question.name).toBe("visits");
    // "Aldrig" hides the activities question: the next one is the one after it, and the total stays.
    view = questionOf((await step(view, { answer: "aldrig" })).page);
    expect(view.question.name).toBe("support_daytime");
    expect(view.total).toBe(total);
    expect(view.position).toBe(5);
    // Back keeps what was given.
    const back = questionOf((await step(view, {}, "back")).page);
    expect(back.question).toMatchObject({ name: "visits", selected: ["aldrig"] });
    view = questionOf((await step(back, { answer: "varje_vecka" })).page);
    expect(view.question.name).toBe("activities");
    view = questionOf((await step(view, { answer: ["yoga", "sygrupp"] })).page);
    while (view.question.name !== "barriers") view = questionOf((await step(view, {})).page);

    const both = await step(view, { answer: ["inget", "tider"] });
    expect(questionOf(both.page).errors[0]).toMatch(/går inte att välja tillsammans/);
    view = questionOf((await step(view, { answer: ["tider", "other"], other: "Bussen" })).page);
    expect(view.question).toMatchObject({ name: "satisfaction", kind: "smileys" });
    expect(view.question.choices.map((c) => c.text)).toEqual(["Mycket dåligt", "Dåligt", "Sådär", "Bra", "Mycket bra"]);
    view = questionOf((await step(view, { answer: "4" })).page);
    view = questionOf((await step(view, { answer: "Mer yoga" })).page);
    expect(view.question.name).toBe("free_text");
    // Text written earlier brings the consent question forward.
    view = questionOf((await step(view, {})).page);
    expect(view.question.name).toBe("quote_consent");
    expect(view.isLast).toBe(true);

    const sent = await step(view, { answer: "ja" }, "send");
    expect(sent.page.view).toEqual({ kind: "thanks" });
    const again = await step(view, { answer: "ja" }, "send");
    expect(again.page.view).toEqual({ kind: "thanks" });
    const rows = await db("responses").select("*");
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(view.state.id);
    expect(rows[0].channel).toBe("staff");
    expect(JSON.parse(rows[0].answers)).toEqual({
      program: "bostad_forst",
      gender: "kvinna",
      visits: "varje_vecka",
      activities: ["sygrupp", "yoga"],
      barriers: ["tider", "other"],
      "barriers-Comment": "Bussen",
      satisfaction: 4,
      wishes: "Mer yoga",
      quote_consent: "ja",
    });
  });

  it("foresees, for every answer, exactly the page the server then serves", async () => {
    const first = questionOf((await landing()).page);
    const more = await foresightAction({
      request: postForm("/s/TEST/framat", { state: JSON.stringify(first.state), question: first.question.name }),
      params: { code: "TEST" },
      context: {},
    });
    expect(more.status).toBe(200);
    const full = (await more.json()) as Pick<QuestionPage, "ahead" | "aheadByAnswer">;
    // The first page stays small: it sees a few questions ahead; the rest comes from /s/CODE/framat.
    expect(JSON.stringify(first).length * 3).toBeLessThan(JSON.stringify(full).length);
    const forged = await foresightAction({
      request: postForm("/s/TEST/framat", { state: "{}", question: "program" }),
      params: { code: "TEST" },
      context: {},
    });
    expect(forged.status).toBe(404);

    const answers: Record<string, string | string[]> = {
      program: "fot",
      gender: "man",
      visits: "aldrig",
      wishes: "Mer fika",
      free_text: "",
    };
    let view: QuestionPage = { ...first, ...full };
    let checked = 0;
    for (;;) {
      const given = answers[view.question.name] ?? [];
      const value = readStepAnswer(view.question, { answers: [given].flat(), other: "" }).value;
      const foreseen: AheadPage | null | undefined = view.aheadByAnswer
        ? view.aheadByAnswer.pages[aheadKey(view.aheadByAnswer.by, value)]
        : view.ahead;
      const served = await step(view, given === "" ? {} : { answer: given }, view.isLast ? "send" : "next");
      if (served.page.view.kind !== "question") {
        expect(foreseen ?? null).toBeNull();
        break;
      }
      const next = questionOf(served.page);
      expect(foreseen, `ahead of ${view.question.name}`).toBeTruthy();
      const pick = (p: AheadPage) => ({
        question: p.question,
        position: p.position,
        isFirst: p.isFirst,
        isLast: p.isLast,
        mayReveal: p.mayReveal,
      });
      expect(pick(foreseen as AheadPage)).toEqual(pick(next));
      checked += 1;
      view = next;
    }
    // "Aldrig" skips the activities; the text written brings the consent question forward.
    expect(checked).toBe(21);
    expect(view.question.name).toBe("quote_consent");
  });

  it("shows a person who taps ahead of the server the same pages with the foresight fetched once as with 60 pages on every step", async () => {
    const first = questionOf((await landing()).page);
    const ask = async () => {
      const reply = await foresightAction({
        request: postForm("/s/TEST/framat", { state: JSON.stringify(first.state), question: first.question.name }),
        params: { code: "TEST" },
        context: {},
      });
      expect(reply.status).toBe(200);
      return reply.text();
    };
    // Worked out once per survey version for a fresh start: the same text for everyone (another response id too).
    const text = await ask();
    expect(await ask()).toBe(text);
    const other = questionOf((await landing()).page);
    expect(other.state.id).not.toBe(first.state.id);
    const full = JSON.parse(text) as Pick<QuestionPage, "ahead" | "aheadByAnswer">;

    const answers: Record<string, string | string[]> = {
      program: "fot",
      gender: "man",
      visits: "varje_vecka",
      activities: ["yoga"],
      wishes: "Mer fika",
      free_text: "",
    };
    // Every step answered by the server, and the same walk shown by the page alone: the served page as it is sent
    // now (a few pages ahead) and filled in from the fetched foresight, as the page does it (`useFullForesight`).
    let served: QuestionPage = first;
    let given: Record<string, unknown> = {};
    let steps = 0;
    for (;;) {
      const raw = answers[served.question.name] ?? [];
      const value = readStepAnswer(served.question, { answers: [raw].flat(), other: "" }).value;
      const known =
        served.ahead || served.aheadByAnswer || served.isLast
          ? served
          : (findAhead({ ...full, question: first.question }, served.state.answers, served.question.name) ?? served);
      const withFull = served.question.name === first.question.name ? { ...served, ...full } : known;
      const foreseen = withFull.aheadByAnswer
        ? withFull.aheadByAnswer.pages[aheadKey(withFull.aheadByAnswer.by, value)]
        : withFull.ahead;
      // And the path from the very first page alone, as a person who never waits for the server sees it.
      given = value === undefined ? given : { ...given, [served.question.name]: value };
      const reply = await step(served, raw === "" ? {} : { answer: raw }, served.isLast ? "send" : "next");
      if (reply.page.view.kind !== "question") {
        expect(foreseen ?? null).toBeNull();
        break;
      }
      const next = questionOf(reply.page);
      const alone = findAhead({ ...full, question: first.question }, given, next.question.name);
      const pick = (p: AheadPage) => ({
        question: { ...p.question, selected: [], text: "", otherText: "" },
        position: p.position,
        total: p.total,
        isFirst: p.isFirst,
        isLast: p.isLast,
        mayReveal: p.mayReveal,
      });
      expect(foreseen, `ahead of ${served.question.name}`).toBeTruthy();
      expect(pick(foreseen as AheadPage)).toEqual(pick(next));
      expect(alone, `${next.question.name} from the first page`).toBeTruthy();
      expect(pick(alone as AheadPage)).toEqual(pick(next));
      steps += 1;
      served = next;
    }
    expect(steps).toBeGreaterThan(15);
  });

  it("turns broken, forged or oversized forms into a plain page, never a 500", async () => {
    const view = questionOf((await landing()).page);
    const forged = await settle(() =>
      stepAction({
        request: postForm("/s/TEST/svara", {
          state: '{"id":"x","answers":{"__proto__":{"a":1}}}',
          question: "program",
        }),
        params: { code: "TEST" },
        context: {},
      }),
    );
    expect(statusOf(forged)).toBe(200);
    expect(questionOf(dataOf<SurveyPageData>(forged)).question.name).toBe("program");
    const big = await step(view, { answer: "x".repeat(70 * 1024) });
    expect(big.status).toBe(413);
    expect(big.page.view).toMatchObject({ kind: "rejected", message: "Svaren är för stora för att skickas." });
    const unknownQuestion = await step({ ...view, question: { ...view.question, name: "nope" } }, {});
    expect(questionOf(unknownQuestion.page).question.name).toBe("program");
    expect(Number((await db("responses").count({ n: "*" }))[0].n)).toBe(0);
  });

  it("gives a shared tablet's first page fresh starts for the next people, each one its own signed start", async () => {
    expect((await landing()).page.spareStarts).toBeUndefined();
    const { page } = await landing("TEST", "?kiosk=1");
    const spares = page.spareStarts ?? [];
    expect(spares.length).toBeGreaterThanOrEqual(5);
    const ids = new Set([questionOf(page).state.id, ...spares.map((s) => s.id)]);
    expect(ids.size).toBe(spares.length + 1);
    const campaign = { id: campaignId, opensOn: "2020-01-01", closesOn: "2099-12-31" };
    const today = todayInStockholm();
    for (const spare of spares) {
      expect(startedWhileOpen({ token: spare.started, campaign, responseId: spare.id, today })).toBe(true);
      // A token is the start of its own id only.
      expect(startedWhileOpen({ token: spare.started, campaign, responseId: newId(), today })).toBe(false);
    }
  });

  it("says a closed campaign is closed, with 410", async () => {
    await updateCampaignDates({ id: campaignId, opensOn: "2020-01-01", closesOn: "2021-01-01" });
    const { status, page } = await landing();
    expect(status).toBe(410);
    expect(page.view).toEqual({ kind: "closed" });
  });
});

describe("answers finished while the campaign was open", () => {
  it("are stored, marked late, after it closes; without the page's token it stays 410", async () => {
    const id = newId();
    const started = startedToken({ campaignId, responseId: id, day: "2020-06-01" });
    await updateCampaignDates({ id: campaignId, opensOn: "2020-01-01", closesOn: "2099-01-01" });
    forgetCachedCampaigns();
    await updateCampaignDates({ id: campaignId, opensOn: "2020-01-01", closesOn: todayMinus(1) });
    forgetCachedCampaigns();
    const late = { ...VALID_ANSWERS };
    const token = startedToken({ campaignId, responseId: id, day: todayMinus(2) });
    expect((await submit("TEST", { id, answers: late, started: "forged.token" })).status).toBe(410);
    expect((await submit("TEST", { id: newId(), answers: late, started: token })).status).toBe(410);
    expect((await submit("TEST", { id, answers: late, started })).status).toBe(201);
    expect((await submit("TEST", { id, answers: late, started: token })).status).toBe(200);
    const rows = await db("responses").select("id", "late");
    expect(rows.map((r) => ({ id: r.id, late: Boolean(r.late) }))).toEqual([{ id, late: true }]);
  });
});

function todayMinus(days: number): string {
  const d = new Date(Date.now() + 60 * 60 * 1000);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}
