// npm run bench -- outcomes: the outcome page's figures at 100 000 responses (~2 million answer rows), against
// hand-written raw SQL GROUP BY of the same counts on the same database in the same run. Not a timed test.
// OUTCOME_BENCH_DB=/tmp/x.sqlite keeps the database in that file and uses it again next time (the build takes
// minutes on a busy machine). OUTCOME_BENCH_RUNS sets the runs per scenario (default 7).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const RESPONSES = Number(process.env.OUTCOME_BENCH_RESPONSES ?? 100_000);
const WAVES = 10;
const RUNS = Number(process.env.OUTCOME_BENCH_RUNS ?? 7);

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The q-quantile (0–1), interpolated between the sorted values. */
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}
/** "median (quartiles q1–q3)" */
const spread = (xs: number[], digits = 0, unit = "") =>
  `${quantile(xs, 0.5).toFixed(digits)}${unit} (quartiles ${quantile(xs, 0.25).toFixed(digits)}–` +
  `${quantile(xs, 0.75).toFixed(digits)}${unit})`;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function benchOutcomes(): Promise<{ lines: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deltagarrost-outcomes-bench-"));
  const keptFile = process.env.OUTCOME_BENCH_DB;
  process.env.DATABASE_URL ??= `file:${keptFile ?? path.join(dir, "bench.sqlite")}`;
  process.env.SESSION_SECRET ??= "outcome-bench-secret-0123456789";
  // Imported after DATABASE_URL is set: the app's one knex instance reads it on import.
  const { db, closeDatabase } = await import("~/db.server");
  const { createProgram } = await import("~/models/program.server");
  const { createCampaign } = await import("~/models/campaign.server");
  const { createStaff, getStaffById } = await import("~/models/staff.server");
  const { insertResponses } = await import("~/models/response.server");
  const { currentSurvey } = await import("~/surveys/registry.server");
  const { compiledSurvey, validateAnswers } = await import("~/surveys/validate.server");
  const { surveys: strings } = await import("~/i18n/strings/surveys");
  const { outcomePage } = await import("~/outcomes/outcome-page.server");
  const lines: string[] = [];
  try {
    await db.migrate.latest();
    // A kept database already built: its waves and staff member as they are.
    const built: { id: number }[] = keptFile
      ? await db("campaigns").where("code", "like", "W20%").orderBy("id").select("id")
      : [];
    const kept = built.length === WAVES ? await getStaffById({ id: 1 }) : null;
    const { staff, campaignIds } = kept
      ? { staff: kept, campaignIds: built.map((c) => Number(c.id)) }
      : await buildDatabase();
    lines.push(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(", ")} on ${os.cpus().length} cores at start`,
    );
    await measure(staff, campaignIds);
  } finally {
    await closeDatabase();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { lines };

  async function buildDatabase() {
    const program = await createProgram({ slug: "bostad-forst", name: "Bostad Först" });
    const staff = await createStaff({
      email: "bench@bench.local",
      name: "Bench",
      role: "admin",
      programIds: [program.id],
      passwordHash: "x",
    });
    const campaignIds: number[] = [];
    for (let w = 0; w < WAVES; w++) {
      campaignIds.push(
        await createCampaign({
          code: `W${2017 + w}`,
          surveyKey: "brukarenkat",
          title: `Brukarenkät ${2017 + w}`,
          programId: program.id,
          activityId: null,
          opensOn: `${2017 + w}-04-01`,
          closesOn: `${2017 + w}-05-31`,
          mode: "anonymous",
          kiosk: false,
          createdBy: null,
        }),
      );
    }
    const survey = (await currentSurvey("brukarenkat"))!;
    const compiled = compiledSurvey(survey.versionId, survey.json);
    const rnd = prng(1);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const jdn = ["ja", "delvis", "nej", "vet_inte"];
    const started = Date.now();
    let rows = 0;
    for (let i = 0; i < RESPONSES; i += 2000) {
      const batch = [];
      for (let j = i; j < Math.min(RESPONSES, i + 2000); j++) {
        const answers = {
          program: pick(["bostad_forst", "bostad_forst", "fot", "vet_inte"]),
          gender: pick(["kvinna", "man", "man", "annan", "vill_inte"]),
          visits: pick(["varje_vecka", "varje_manad", "sallan"]),
          activities: [...new Set([pick(["yoga", "sygrupp", "matlagning"]), pick(["peer_support", "ekonomi"])])],
          support_daytime: pick(["ja", "nej", "vet_inte"]),
          support_loneliness: pick(["ja", "nej", "vet_inte"]),
          ucla_companionship: 1 + Math.floor(rnd() * 3),
          ucla_left_out: 1 + Math.floor(rnd() * 3),
          ucla_isolated: 1 + Math.floor(rnd() * 3),
          lonely_direct: 1 + Math.floor(rnd() * 4),
          community: pick(["ja", "delvis", "nej"]),
          society: pick(["ja", "delvis", "nej"]),
          digital_part: pick(jdn),
          digital_can: [pick(["bankid", "videosamtal", "e_tjanst"])],
          digital_help: pick(["ja", "nej", "vet_inte"]),
          influence: pick(jdn),
          own_day: pick(jdn),
          listened_to: pick(jdn),
          barriers: [pick(["dagsform", "maende", "sl_kort", "tider"])],
          satisfaction: 1 + Math.floor(rnd() * 5),
        };
        const result = validateAnswers({ survey: compiled, answers, locale: "sv", messages: strings.sv });
        if (!result.ok) throw new Error(JSON.stringify(result.errors));
        rows += result.rows.length;
        batch.push({
          id: randomUUID(),
          campaignId: campaignIds[j % WAVES],
          surveyVersionId: survey.versionId,
          submittedAt: new Date(Date.UTC(2017 + (j % WAVES), 3, 15)).toISOString(),
          locale: "sv",
          channel: pick(["phone", "phone", "kiosk", "staff"] as const),
          staffAssisted: false,
          participantCodeHmac: null,
          answers: result.answers,
          rows: result.rows,
        });
      }
      await insertResponses(batch);
    }
    lines.push(
      `database: ${RESPONSES.toLocaleString("en")} responses, ${rows.toLocaleString("en")} answer rows, ${WAVES} waves (built in ${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
    if (db.client.config.client !== "pg") await db.raw("ANALYZE");
    return { staff, campaignIds };
  }

  async function measure(staff: NonNullable<Awaited<ReturnType<typeof getStaffById>>>, campaignIds: number[]) {
    const singleAndChoice = [
      "program",
      "gender",
      "visits",
      "activities",
      "support_daytime",
      "support_loneliness",
      "lonely_direct",
      "community",
      "society",
      "digital_part",
      "digital_can",
      "digital_help",
      "influence",
      "own_day",
      "listened_to",
      "barriers",
      "satisfaction",
    ];
    const checkbox = ["activities", "digital_can", "barriers"];
    const ucla = ["ucla_companionship", "ucla_left_out", "ucla_isolated"];
    const inList = (xs: readonly (string | number)[]) => xs.map(() => "?").join(", ");

    /**
     * The same counts the loader needs, written by hand: value counts, checkbox respondents, UCLA sums, responses.
     * Split by gender, each answer row joins the waves' gender answers gathered first (a materialised CTE), the
     * quickest hand-written form on SQLite: joining straight to `response_answers` probes its whole index per row
     * (about three times slower at 30 000 responses).
     */
    async function rawSql(ids: number[], byGender: boolean, allAxes = false) {
      // Split views are published over every axis at once (decision 0039): the counts split by gender, programme
      // and channel together, each person's grouping answers and channel gathered first.
      const cte = allAxes
        ? `with g as materialized (select r.id as response_id, r.channel as ch, x.g0, x.g1 from responses r
             left join (select response_id, max(case when question = 'gender' then value_text end) as g0,
                               max(case when question = 'program' then value_text end) as g1
                        from response_answers where campaign_id in (${inList(ids)})
                          and question in ('gender', 'program') group by response_id) x on x.response_id = r.id
             where r.campaign_id in (${inList(ids)})) `
        : byGender
          ? `with g as materialized (select response_id, value_text from response_answers
             where campaign_id in (${inList(ids)}) and question = 'gender') `
          : "";
      const cteArgs = allAxes ? [...ids, ...ids] : byGender ? ids : [];
      const g = byGender ? "left join g on g.response_id = a.response_id" : "";
      const grp = allAxes ? ", g.g0, g.g1, g.ch" : byGender ? ", g.value_text" : "";
      const pGroups = allAxes ? "p.g0, p.g1, p.ch" : "p.grp";
      await Promise.all([
        db.raw(
          `${cte}select a.campaign_id, a.question, a.value_text${grp}, count(*) as n from response_answers a ${g}
           where a.campaign_id in (${inList(ids)}) and a.question in (${inList(singleAndChoice)})
           group by a.campaign_id, a.question, a.value_text${grp}`,
          [...cteArgs, ...ids, ...singleAndChoice],
        ),
        db.raw(
          `${cte}select a.campaign_id, a.question${grp}, count(distinct a.response_id) as n from response_answers a ${g}
           where a.campaign_id in (${inList(ids)}) and a.question in (${inList(checkbox)})
           group by a.campaign_id, a.question${grp}`,
          [...cteArgs, ...ids, ...checkbox],
        ),
        db.raw(
          `${cte}select p.campaign_id, ${pGroups}, p.answered, p.score, count(*) as n from (
             select a.campaign_id, ${allAxes ? "g.g0, g.g1, g.ch" : byGender ? "g.value_text as grp" : "null as grp"},
                    a.response_id, count(*) as answered,
                    sum(a.value_num) as score
             from response_answers a ${g}
             where a.campaign_id in (${inList(ids)}) and a.question in (${inList(ucla)})
             group by a.campaign_id, a.response_id${grp}) p
           group by p.campaign_id, ${pGroups}, p.answered, p.score`,
          [...cteArgs, ...ids, ...ucla],
        ),
        // Partial responses (decision 0032) are no respondents: the page leaves them out, so the same figures do.
        db.raw(
          `select campaign_id, count(*) as n from responses where campaign_id in (${inList(ids)}) and partial = ?
           group by campaign_id`,
          [...ids, false],
        ),
      ]);
    }

    const scenarios: { label: string; ids: number[]; byGender: boolean }[] = [
      {
        label: `3 latest waves (${(RESPONSES * 0.3).toLocaleString("en")} responses)`,
        ids: campaignIds.slice(-3),
        byGender: false,
      },
      { label: "3 latest waves, split by gender", ids: campaignIds.slice(-3), byGender: true },
      { label: `all ${WAVES} waves (${RESPONSES.toLocaleString("en")} responses)`, ids: campaignIds, byGender: false },
    ];
    for (const s of scenarios) {
      const url = new URL(
        `http://bench/staff/outcomes?${s.ids.map((id) => `campaign=${id}`).join("&")}${s.byGender ? "&by=gender" : ""}`,
      );
      // Warm up both (JIT, page cache, the survey registry).
      await outcomePage(staff, url);
      await rawSql(s.ids, s.byGender);
      const loader: number[] = [];
      const raw: number[] = [];
      const rawOneAxis: number[] = [];
      const ratios: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        // Each run times the two back to back, so a ratio compares like with like on a machine whose load drifts.
        const l = await time(() => outcomePage(staff, url));
        const q = await time(() => rawSql(s.ids, s.byGender, s.byGender));
        loader.push(l);
        raw.push(q);
        ratios.push(l / q);
        if (s.byGender) rawOneAxis.push(await time(() => rawSql(s.ids, true)));
      }
      lines.push(
        `${s.label}, ${RUNS} runs, load ${os.loadavg()[0].toFixed(1)}:`,
        `  loader ${spread(loader, 0, " ms")}, raw SQL${s.byGender ? " (all three axes)" : ""} ${spread(raw, 0, " ms")}`,
        `  ratio ${spread(ratios, 2, "×")}   (goal ≤ 1.5×, loader < 300 ms)`,
      );
      if (s.byGender) {
        const one = rawOneAxis.map((q, i) => loader[i] / q);
        lines.push(
          `  against raw SQL split by gender alone: ${spread(rawOneAxis, 0, " ms")}, ratio ${spread(one, 2, "×")}`,
        );
      }
    }
  }
}
