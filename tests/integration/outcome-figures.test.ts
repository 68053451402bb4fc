import { beforeEach, describe, expect, it } from "vitest";
import { loadOutcomeReport, loadOutcomeReportWithAudit, OutcomeQueryError } from "~/outcomes/load-outcomes.server";
import { describeShare } from "~/outcomes/wording";
import { newcombeDifference, wilsonInterval } from "~/outcomes/statistics";
import { derivedFigures } from "~/privacy/small-counts";
import type { MeasureFigures } from "~/outcomes/figures";
import { makePrograms, resetDatabase } from "../support/fixtures";
import { makeCampaign } from "../support/surveys";
import { storeResponses } from "../support/outcomes";
import { lineSolver, lpSolver } from "../support/disclosure-audit";

/**
 * The fixture, by hand.
 *
 * Wave 2024 (20 people, participant codes for persons 0–11):
 *   gender          0–7 kvinna (8), 8–17 man (10), 18–19 annan (2)
 *   program         0–14 bostad_forst, 15–19 fot (5)
 *   support_daytime 0–5 ja (6), 6–15 nej (10), 16–19 vet_inte (4)      → 30 % (6 av 20)
 *   support_lonel.  0–3 ja (4), 4–13 nej (10), 14–16 vet_inte (3), 17–19 skipped → 17 answered, "färre än 5" say ja
 *   UCLA-3          0–6 (3,3,2)=8, 7–17 (1,2,1)=4, 18–19 only two items → 18 scored (7 lonely, 11 not), 2 not scored
 *                   mean (7·8 + 11·4)/18 = 5.556
 *   satisfaction    0–9: 5, 10–19: 4 → mean 4.5
 *   channel         0–14 phone, 15–19 kiosk
 * Wave 2025 (25 people, codes for persons 0–11 = the same people as 0–11 in 2024):
 *   gender 0–9 kvinna, 10–24 man; program bostad_forst
 *   support_daytime 0–4 ja (5), 5–19 nej (15), 20–24 vet_inte (5)      → 20 % (5 av 25)
 *   UCLA-3 0–4 = 8, 5–24 (1,1,1) = 3; satisfaction 4
 * Pairs (0–11): UCLA-3 differences 0–4: 0, 5–6: −5, 7–11: −1 → mean −15/12 = −1.25.
 *   support_daytime: both 5, first only 1 (person 5), neither 6 → a cell of 1: hidden.
 */
let campaigns: { w2024: number; w2025: number; other: number; fotOnly: number };
let programs: { bf: number; fot: number };

function wave2024(i: number) {
  const answers: Record<string, unknown> = {
    program: i < 15 ? "bostad_forst" : "fot",
    gender: i < 8 ? "kvinna" : i < 18 ? "man" : "annan",
    support_daytime: i < 6 ? "ja" : i < 16 ? "nej" : "vet_inte",
    satisfaction: i < 10 ? 5 : 4,
  };
  if (i < 17) answers.support_loneliness = i < 4 ? "ja" : i < 14 ? "nej" : "vet_inte";
  if (i < 7) Object.assign(answers, { ucla_companionship: 3, ucla_left_out: 3, ucla_isolated: 2 });
  else if (i < 18) Object.assign(answers, { ucla_companionship: 1, ucla_left_out: 2, ucla_isolated: 1 });
  else Object.assign(answers, { ucla_companionship: 3, ucla_left_out: 3 });
  return { answers, code: i < 12 ? `KOD${i}` : undefined, channel: (i < 15 ? "phone" : "kiosk") as "phone" | "kiosk" };
}

function wave2025(i: number) {
  const lonely = i < 5;
  return {
    answers: {
      program: "bostad_forst",
      gender: i < 10 ? "kvinna" : "man",
      support_daytime: i < 5 ? "ja" : i < 20 ? "nej" : "vet_inte",
      ucla_companionship: lonely ? 3 : 1,
      ucla_left_out: lonely ? 3 : 1,
      ucla_isolated: lonely ? 2 : 1,
      satisfaction: 4,
    },
    code: i < 12 ? `KOD${i}` : undefined,
  };
}

beforeEach(async () => {
  await resetDatabase();
  const [bf, fot] = await makePrograms();
  programs = { bf: bf.id, fot: fot.id };
  const w2024 = await makeCampaign({ programId: bf.id, code: "B24", mode: "participant_code" });
  const w2025 = await makeCampaign({ programId: bf.id, code: "B25", mode: "participant_code" });
  const other = await makeCampaign({ programId: bf.id, code: "AKT", surveyKey: "aktivitet" });
  const fotOnly = await makeCampaign({ programId: fot.id, code: "FOT" });
  campaigns = { w2024, w2025, other, fotOnly };
  await storeResponses(
    w2024,
    Array.from({ length: 20 }, (_, i) => wave2024(i)),
  );
  await storeResponses(
    w2025,
    Array.from({ length: 25 }, (_, i) => wave2025(i)),
  );
});

const measure = (ms: MeasureFigures[], tag: string) => ms.find((m) => m.tag === tag)!;

describe("loadOutcomeReport", () => {
  it("counts a yes/no measure: numerator, denominator with 'vet inte', Wilson interval, words", async () => {
    const report = await loadOutcomeReport({ campaignIds: [campaigns.w2024], scope: undefined });
    const daytime = measure(report.measures, "support_need_daytime");
    const all = daytime.waves[0].all;
    expect(all.respondents).toEqual({ n: 20, status: "shown" });
    expect(all.positive).toEqual({ n: 6, status: "shown" });
    expect(all.share).toBeCloseTo(0.3, 10);
    expect(all.interval).toEqual(wilsonInterval(6, 20));
    // 4 said "vet inte": hidden, and "nej" with it, or 20 − 6 − 10 would give the 4 back.
    expect(all.distribution.map((d) => [d.value, d.count.n, d.count.status])).toEqual([
      ["ja", 6, "shown"],
      ["nej", null, "complementary"],
      ["vet_inte", null, "small"],
    ]);
    expect(describeShare(daytime, all, "sv")).toBe(
      "30 procent (6 av 20) behöver mer stöd med något att göra på dagarna",
    );
    expect(report.waves[0].responses).toEqual({ n: 20, status: "shown" });
  });

  it("leaves skipped questions out of the denominator and hides a numerator under 5 with its share", async () => {
    const report = await loadOutcomeReport({ campaignIds: [campaigns.w2024], scope: undefined });
    const all = measure(report.measures, "support_need_loneliness").waves[0].all;
    expect(all.respondents.n).toBe(17);
    expect(all.positive).toEqual({ n: null, status: "small" });
    expect(all.share).toBeNull();
    expect(all.interval).toBeNull();
    expect(describeShare(measure(report.measures, "support_need_loneliness"), all, "sv")).toMatch(/visas inte/);
  });

  it("scores UCLA-3 only with all three items, and says how many were not scored", async () => {
    const report = await loadOutcomeReport({ campaignIds: [campaigns.w2024], scope: undefined });
    const all = measure(report.measures, "loneliness_ucla3").waves[0].all;
    expect(all.respondents).toEqual({ n: 18, status: "shown" });
    expect(all.positive).toEqual({ n: 7, status: "shown" });
    // Item non-response is not protected, but 1–4 is printed as "färre än 5" like every count of persons (0055).
    expect(all.notScored).toEqual({ n: null, status: "small" });
    expect(all.mean?.mean).toBeCloseTo(100 / 18, 10);
    expect(all.distribution.map((d) => d.count.n)).toEqual([11, 7]);
  });

  it("gives a mean with a t interval for satisfaction", async () => {
    const report = await loadOutcomeReport({ campaignIds: [campaigns.w2024], scope: undefined });
    const all = measure(report.measures, "satisfaction").waves[0].all;
    expect(all.mean?.mean).toBeCloseTo(4.5, 10);
    // sd of ten 5s and ten 4s: √(20·0.25/19); t(0.975, 19) = 2.093
    const half = (2.093 * Math.sqrt(5 / 19)) / Math.sqrt(20);
    expect(all.mean?.interval?.lower).toBeCloseTo(4.5 - half, 3);
  });

  it("states the change since the earlier wave with Newcombe's interval: no sure difference", async () => {
    const report = await loadOutcomeReport({ campaignIds: [campaigns.w2025, campaigns.w2024], scope: undefined });
    expect(report.waves.map((w) => w.id)).toEqual([campaigns.w2024, campaigns.w2025]);
    const change = measure(report.measures, "support_need_daytime").change!;
    const expected = newcombeDifference(5, 25, 6, 20);
    expect(change.difference).toBeCloseTo(-0.1, 10);
    expect(change.interval.lower).toBeCloseTo(expected.lower, 10);
    expect(change.interval.upper).toBeCloseTo(expected.upper, 10);
    expect(change.sure).toBe(false);
  });

  it("pairs the same participant codes across waves: UCLA-3 mean difference, hidden 2×2 with a cell of 1", async () => {
    const report = await loadOutcomeReport({ campaignIds: [campaigns.w2024, campaigns.w2025], scope: undefined });
    const ucla = measure(report.measures, "loneliness_ucla3").paired!;
    expect(ucla.pairs).toBe(12);
    expect(ucla.hiddenBecause).toBeNull();
    expect(ucla.difference).toBeCloseTo(-1.25, 10);
    const daytime = measure(report.measures, "support_need_daytime").paired!;
    expect(daytime.hiddenBecause).toBe("small_cells");
    expect(daytime.difference).toBeNull();
    const satisfaction = measure(report.measures, "satisfaction").paired!;
    expect(satisfaction).toMatchObject({ pairs: 12, hiddenBecause: null, difference: 0, pValue: 1, sure: false });
  });

  it("splits by gender with 'annan' merged, hides the small group and one more so it cannot be worked out", async () => {
    const { report, publication } = await loadOutcomeReportWithAudit({
      campaignIds: [campaigns.w2024],
      by: "gender",
      scope: undefined,
    });
    expect(report.breakdown?.groups.map((g) => g.key)).toEqual(["kvinna", "man", "other"]);
    const daytime = measure(report.measures, "support_need_daytime").waves[0];
    const other = daytime.groups.find((g) => g.group === "other")!;
    expect(other.respondents).toEqual({ n: null, status: "small" });
    expect(other.share).toBeNull();
    const hiddenRespondents = daytime.groups.filter((g) => g.respondents.n === null);
    expect(hiddenRespondents.length).toBeGreaterThanOrEqual(2);
    const primary = publication
      .all()
      .filter((f) => f.status === "small")
      .map((f) => f.key);
    const derived = derivedFigures(publication.all(), publication.equations());
    expect(primary.filter((k) => derived.has(k))).toEqual([]);
  });

  it("shows the whole wave beside a breakdown exactly as without it: two views of one page are one publication", async () => {
    const query = { campaignIds: [campaigns.w2024, campaigns.w2025], scope: undefined };
    const unsplit = await loadOutcomeReportWithAudit({ ...query, by: null });
    const shownUnsplit = unsplit.publication.all().filter((f) => f.status === "shown");
    const statusIn = (figures: { key: string; status: string }[]) => new Map(figures.map((f) => [f.key, f.status]));
    for (const by of ["gender", "program", "channel"] as const) {
      const split = await loadOutcomeReportWithAudit({ ...query, by });
      const splitStatus = statusIn(split.publication.all());
      // What the page without a breakdown shows is shown beside it, and what it hides stays hidden.
      for (const f of unsplit.publication.all())
        expect(splitStatus.get(f.key) === "shown", `${by} ${f.key}`).toBe(f.status === "shown");
      // A reader holding both pages knows no more than the split one tells (its own figures include the unsplit
      // ones), and from that nothing hidden can be worked out, by the outsider's two solvers.
      const figures = split.publication.all();
      const sums = split.publication.equations();
      expect(
        shownUnsplit.every((f) => splitStatus.get(f.key) === "shown"),
        by,
      ).toBe(true);
      expect(lineSolver(figures, sums), by).toEqual([]);
      expect(lpSolver(figures, sums), by).toEqual([]);
    }
  });

  it("walks every breakdown of both waves: no hidden count can be worked out, no mean beside a hidden cell", async () => {
    for (const by of [null, "gender", "program", "channel"] as const) {
      const { report, publication } = await loadOutcomeReportWithAudit({
        campaignIds: [campaigns.w2024, campaigns.w2025],
        by,
        scope: undefined,
      });
      const derived = derivedFigures(publication.all(), publication.equations());
      const leaks = publication
        .all()
        .filter((f) => f.status === "small" && derived.has(f.key))
        .map((f) => f.key);
      expect(leaks, `breakdown ${by}`).toEqual([]);
      for (const m of report.measures)
        for (const w of m.waves)
          for (const g of [w.all, ...w.groups]) {
            if (g.distribution.some((d) => d.count.n === null)) expect(g.mean, `${by} ${m.tag}`).toBeNull();
            if (g.respondents.n === null) expect(g.share).toBeNull();
            for (const d of g.distribution) if (d.count.n === null) expect(d.share).toBeNull();
          }
    }
  });

  it("reads every view of one selection as one publication (decision 0039): nothing under 5 from all together", async () => {
    const query = { campaignIds: [campaigns.w2024, campaigns.w2025], scope: undefined };
    const views = await Promise.all(
      ([null, "gender", "program", "channel"] as const).map(async (by) => ({
        by,
        audit: (await loadOutcomeReportWithAudit({ ...query, by })).publication,
      })),
    );
    // Each split request computes the same publication over every axis; each view prints its own part of it.
    const full = views.slice(1).map((v) => v.audit.all());
    expect(full[1]).toEqual(full[0]);
    expect(full[2]).toEqual(full[0]);
    const figures = new Map(views.flatMap((v) => v.audit.all(v.by)).map((f) => [f.key, f]));
    const sums = views.flatMap((v) => v.audit.equations(v.by));
    // The fixture has small groups: some are hidden, and nothing hidden comes back.
    expect([...figures.values()].some((f) => f.status === "small")).toBe(true);
    expect(lineSolver([...figures.values()], sums)).toEqual([]);
    expect(lpSolver([...figures.values()], sums)).toEqual([]);
  });

  it("filters to the people who say they live in a programme", async () => {
    const report = await loadOutcomeReport({
      campaignIds: [campaigns.w2024],
      programId: programs.fot,
      scope: undefined,
    });
    expect(report.programFilter?.id).toBe(programs.fot);
    expect(report.waves[0].responses).toEqual({ n: 5, status: "shown" });
    // persons 15–19: support_daytime nej (15), vet_inte (16–19)
    expect(measure(report.measures, "support_need_daytime").waves[0].all.distribution.map((d) => d.count.n)).toEqual([
      0,
      null,
      null,
    ]);
  });

  it("refuses bad queries with a 4xx", async () => {
    const fails = async (q: Parameters<typeof loadOutcomeReport>[0]) => {
      try {
        await loadOutcomeReport(q);
      } catch (e) {
        return e instanceof OutcomeQueryError ? [e.status, e.code] : e;
      }
      return "no error";
    };
    expect(await fails({ campaignIds: [], scope: undefined })).toEqual([400, "noCampaign"]);
    expect(await fails({ campaignIds: [999_999], scope: undefined })).toEqual([404, "unknownCampaign"]);
    expect(await fails({ campaignIds: [campaigns.w2024, campaigns.other], scope: undefined })).toEqual([
      400,
      "mixedSurveys",
    ]);
    // A case manager of Bostad Först cannot see the FoT campaign, nor filter on FoT.
    expect(await fails({ campaignIds: [campaigns.fotOnly], scope: [programs.bf] })).toEqual([404, "unknownCampaign"]);
    expect(await fails({ campaignIds: [campaigns.w2024], programId: programs.fot, scope: [programs.bf] })).toEqual([
      404,
      "unknownProgram",
    ]);
    expect(await fails({ campaignIds: [campaigns.w2024], compareWith: campaigns.w2024, scope: undefined })).toEqual([
      400,
      "badCompare",
    ]);
    expect(await fails({ campaignIds: [campaigns.other], by: "gender", scope: undefined })).toEqual([
      400,
      "breakdownNotAsked",
    ]);
  });
});
