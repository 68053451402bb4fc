// npm run bench -- outcomes: the outcome page's figures at 100 000 responses (~2 million answer rows), against
// hand-written raw SQL GROUP BY of the same counts on the same database in the same run. Not a timed test.
// OUTCOME_BENCH_DB=/tmp/x.sqlite keeps the database in that file and uses it again next time (the build takes
// minutes on a busy machine). OUTCOME_BENCH_RUNS sets the rounds per page (default 7: raw SQL, the warm page and the
// page right after a submission to each wave in every round), OUTCOME_BENCH_COLD_RUNS the rounds that also time the
// page after an update (default 3: each counts the waves' sums again in full, decision 0049; 1 for all ten waves).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const RESPONSES = Number(process.env.OUTCOME_BENCH_RESPONSES ?? 100_000);
const WAVES = 10;
const RUNS = Number(process.env.OUTCOME_BENCH_RUNS ?? 7);
const COLD_RUNS = Number(process.env.OUTCOME_BENCH_COLD_RUNS ?? 3);
/** The last two waves use participant codes; this share of their people answered both (paired change). */
const CODED_WAVES = 2;
const CODED_SHARE = 0.3;

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
  const { outcomeCountsSettled } = await import("~/models/outcome-counts.server");
  const { participantCodeHmac } = await import("~/privacy/participant-code.server");
  const lines: string[] = [];
  // Printed as measured too (on stderr): a run takes many minutes on a loaded machine.
  const push = lines.push.bind(lines);
  lines.push = (...xs: string[]) => {
    for (const x of xs) process.stderr.write(`${x}\n`);
    return push(...xs);
  };
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
          mode: w >= WAVES - CODED_WAVES ? "participant_code" : "anonymous",
          kiosk: false,
          createdBy: null,
        }),
      );
    }
    const survey = await surveyOfBench();
    const rnd = prng(1);
    const started = Date.now();
    let rows = 0;
    for (let i = 0; i < RESPONSES; i += 2000) {
      const batch = [];
      for (let j = i; j < Math.min(RESPONSES, i + 2000); j++) {
        const result = validatedAnswers(survey.compiled, rnd);
        rows += result.rows.length;
        const wave = j % WAVES;
        // In the coded waves a share of the people gave the same code in both (person j of the one and j + 1 of
        // the next share a code), the rest gave none.
        const person = Math.floor(j / WAVES) * WAVES + (wave >= WAVES - CODED_WAVES ? WAVES - CODED_WAVES : wave);
        const coded = wave >= WAVES - CODED_WAVES && rnd() < CODED_SHARE;
        batch.push({
          id: randomUUID(),
          campaignId: campaignIds[wave],
          surveyVersionId: survey.versionId,
          submittedAt: new Date(Date.UTC(2017 + (j % WAVES), 3, 15)).toISOString(),
          locale: "sv",
          channel: (["phone", "phone", "kiosk", "staff"] as const)[Math.floor(rnd() * 4)],
          staffAssisted: false,
          participantCodeHmac: coded ? participantCodeHmac(`B${person}`) : null,
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

  async function surveyOfBench() {
    const survey = (await currentSurvey("brukarenkat"))!;
    return { versionId: survey.versionId, compiled: compiledSurvey(survey.versionId, survey.json) };
  }

  /** One person's answers to the brukarenkät, drawn from `rnd`, validated as a submission is. */
  function validatedAnswers(compiled: ReturnType<typeof compiledSurvey>, rnd: () => number) {
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const jdn = ["ja", "delvis", "nej", "vet_inte"];
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
    return result;
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
      // One after another, as the page's own statements go: SQLite has one connection, statements sent at once
      // only queue on it (and a long queue waits past knex's acquire timeout on a busy machine).
      for (const statement of [
        () =>
          db.raw(
            `${cte}select a.campaign_id, a.question, a.value_text${grp}, count(*) as n from response_answers a ${g}
           where a.campaign_id in (${inList(ids)}) and a.question in (${inList(singleAndChoice)})
           group by a.campaign_id, a.question, a.value_text${grp}`,
            [...cteArgs, ...ids, ...singleAndChoice],
          ),
        () =>
          db.raw(
            `${cte}select a.campaign_id, a.question${grp}, count(distinct a.response_id) as n from response_answers a ${g}
           where a.campaign_id in (${inList(ids)}) and a.question in (${inList(checkbox)})
           group by a.campaign_id, a.question${grp}`,
            [...cteArgs, ...ids, ...checkbox],
          ),
        () =>
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
        () =>
          db.raw(
            `select campaign_id, count(*) as n from responses where campaign_id in (${inList(ids)}) and partial = ?
           group by campaign_id`,
            [...ids, false],
          ),
      ])
        await statement();
    }

    /**
     * Paired change written by hand: each code's latest full response in both coded waves, their answer rows picked
     * by an IN list (no index leads from a response to its answers), the (first, second) answers counted per
     * question and UCLA-3's paired differences summed.
     */
    async function rawPaired(firstId: number, secondId: number) {
      const pairs = `with l as materialized (
          select r.id, r.campaign_id, r.participant_code_hmac as h from responses r
          where r.campaign_id in (?, ?) and r.participant_code_hmac is not null and r.partial = ?
            and not exists (select 1 from responses x where x.campaign_id = r.campaign_id
              and x.participant_code_hmac = r.participant_code_hmac and x.partial = ?
              and (x.submitted_at > r.submitted_at or (x.submitted_at = r.submitted_at and x.id > r.id)))),
        p as materialized (select min(case when campaign_id = ? then id end) as r1,
            min(case when campaign_id = ? then id end) as r2 from l group by h having count(*) = 2),
        a as materialized (select a.response_id, a.question, a.value_text, a.value_num from response_answers a
          where a.campaign_id in (?, ?) and a.question in (${inList(pairedQuestions)})
            and a.response_id in (select r1 from p union all select r2 from p))`;
      const args = [firstId, secondId, false, false, firstId, secondId, firstId, secondId, ...pairedQuestions];
      await db.raw(
        `${pairs} select x.question, x.value_text as v1, y.value_text as v2, count(*) as n from p
         join a x on x.response_id = p.r1 join a y on y.response_id = p.r2 and y.question = x.question
         where x.question not in (${inList(ucla)}) group by x.question, x.value_text, y.value_text`,
        [...args, ...ucla],
      );
      await db.raw(
        `${pairs}, u as materialized (select response_id, count(*) as k, sum(value_num) as s from a
           where question in (${inList(ucla)}) group by response_id)
         select count(*) as n, sum(u2.s - u1.s) as d, sum((u2.s - u1.s) * (u2.s - u1.s)) as dd from p
         join u u1 on u1.response_id = p.r1 join u u2 on u2.response_id = p.r2 where u1.k = 3 and u2.k = 3`,
        [...args, ...ucla],
      );
    }
    // The measures paired change reads: one-answer questions (checkbox ones have no paired figure) and UCLA-3.
    const pairedQuestions = [...singleAndChoice.filter((q) => !checkbox.includes(q)), ...ucla];

    const median = (xs: number[]) => quantile(xs, 0.5);
    const load = () => os.loadavg()[0];
    const loads = (xs: number[]) =>
      `load ${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)} (1-minute, ${os.cpus().length} cores)`;
    const survey = await surveyOfBench();
    const rnd = prng(2);
    /**
     * One submission to every chosen wave: a response with its answer rows, stored as the survey route stores one (the
     * same validation, `insertResponses`), so the insert trigger marks the wave grown (decision 0055) and the next
     * page adds what arrived to the stored sums.
     */
    const submitToEach = async (ids: number[]) => {
      for (const campaignId of ids) {
        const result = validatedAnswers(survey.compiled, rnd);
        await insertResponses([
          {
            id: randomUUID(),
            campaignId,
            surveyVersionId: survey.versionId,
            submittedAt: new Date().toISOString(),
            locale: "sv",
            channel: "phone",
            staffAssisted: false,
            participantCodeHmac: null,
            answers: result.answers,
            rows: result.rows,
          },
        ]);
      }
    };
    /**
     * An update of one counted answer row in every chosen wave (its value written again as it was: the figures stay
     * the same), as a redaction or a correction would: the update trigger moves the wave's version, and the next page
     * counts its sums again in full from the answer rows.
     */
    const someAnswer = new Map<number, number>();
    for (const id of campaignIds) {
      const row = await db("response_answers").where({ campaign_id: id, question: "satisfaction" }).first("id");
      someAnswer.set(id, Number(row.id));
    }
    const updateInEach = (ids: number[]) =>
      db("response_answers")
        .whereIn(
          "id",
          ids.map((id) => someAnswer.get(id)!),
        )
        .update({ value_text: db.raw("value_text") });
    const pageUrl = (ids: number[], by: string | null) =>
      new URL(`http://bench/staff/outcomes?${ids.map((id) => `campaign=${id}`).join("&")}${by ? `&by=${by}` : ""}`);
    const three = campaignIds.slice(-3);
    const [firstCoded, secondCoded] = campaignIds.slice(-2);

    lines.push(
      `Each page: ${RUNS} interleaved rounds of [raw SQL, warm loader, a submission to each wave and the loader, ` +
        `in the first ${COLD_RUNS} also an update in each wave and the loader], ` +
        "statements one after another on the one SQLite connection; medians (quartiles).",
      "Raw SQL = the page's figures by hand: value counts, checkbox respondents, UCLA-3 sums, responses per wave " +
        "(split pages: by gender, programme and channel at once, decision 0039), and paired change over the two " +
        "coded waves (the page compares the newest wave with the one before: both coded).",
      "Warm loader = the page's loader with every wave's stored sums up to date (decision 0049): it reads the sums " +
        "and computes paired change, the figures and their suppression afresh; nothing of the result is kept.",
      "After a submission = the same right after one new response (answer rows and all) in every chosen wave: the " +
        "page adds what arrived since the sums were counted, by every axis, to them (decision 0055).",
      `After an update = the same right after an update of one counted answer row in every chosen wave (first ${COLD_RUNS} ` +
        "rounds; 1 for all ten waves): its version moves and its sums are counted again from the answer rows, by every " +
        "axis before a split page reads them; a page without a breakdown counts its own view and stores them after.",
    );
    const pages: { label: string; ids: number[]; by: string | null }[] = [
      {
        label: `3 latest waves (${(RESPONSES * 0.3).toLocaleString("en")} responses), no breakdown`,
        ids: three,
        by: null,
      },
      { label: "3 latest waves, by gender", ids: three, by: "gender" },
      { label: "3 latest waves, by programme", ids: three, by: "program" },
      { label: "3 latest waves, by channel", ids: three, by: "channel" },
      {
        label: `all ${WAVES} waves (${RESPONSES.toLocaleString("en")} responses), no breakdown`,
        ids: campaignIds,
        by: null,
      },
    ];
    for (const p of pages) {
      const url = pageUrl(p.ids, p.by);
      const split = p.by !== null;
      const raw = () => rawSql(p.ids, split, split).then(() => rawPaired(firstCoded, secondCoded));
      // Once each before timing: the sums stored, the database's pages read.
      await raw();
      await outcomePage(staff, url);
      const rawMs: number[] = [];
      const warm: number[] = [];
      const appended: number[] = [];
      const updated: number[] = [];
      const storedAfter: number[] = [];
      const sampled: number[] = [];
      // The page of every wave counts ten waves in full after an update: once is enough to see what that costs.
      const coldRuns = p.ids.length > 3 ? 1 : COLD_RUNS;
      for (let r = 0; r < RUNS; r++) {
        sampled.push(load());
        rawMs.push(await time(raw));
        warm.push(await time(() => outcomePage(staff, url)));
        await submitToEach(p.ids);
        appended.push(await time(() => outcomePage(staff, url)));
        if (r < coldRuns) {
          await updateInEach(p.ids);
          updated.push(await time(() => outcomePage(staff, url)));
          // A page without a breakdown leaves the full count by every axis for after it answered (decision 0055):
          // timed from the page's end, and awaited before the next round.
          storedAfter.push(await time(outcomeCountsSettled));
        }
      }
      sampled.push(load());
      const ratio = (xs: number[]) => `ratio to raw SQL ${(median(xs) / median(rawMs)).toFixed(2)}×`;
      lines.push(
        `${p.label}, ${loads(sampled)}:`,
        `  raw SQL                             ${spread(rawMs, 0, " ms")}`,
        `  warm loader                         ${spread(warm, 0, " ms")}, ${ratio(warm)}   (goal ≤ 1.5×, < 300 ms)`,
        `  after a submission to each wave     ${spread(appended, 0, " ms")}, ${ratio(appended)}`,
        `  after an update in each wave        ${spread(updated, 0, " ms")} (${updated.length} runs), ${ratio(updated)}`,
        ...(split ? [] : [`    then stored by every axis after the page in ${spread(storedAfter, 0, " ms")}`]),
      );
    }
    // Paired change on its own: the loader's statement against the hand-written one, interleaved.
    const { countPairedChange } = await import("~/models/outcome-pairs.server");
    const pairedMeasures = [
      ...pairedQuestions
        .filter((q) => !ucla.includes(q))
        .map((q) => ({ key: q, questions: [q], kind: "answer" as const })),
      { key: "ucla", questions: ucla, kind: "scale" as const, items: 3 },
    ];
    const counted = await countPairedChange({
      firstCampaignId: firstCoded,
      secondCampaignId: secondCoded,
      measures: pairedMeasures,
    });
    const ours: number[] = [];
    const byHand: number[] = [];
    const sampled: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      sampled.push(load());
      byHand.push(await time(() => rawPaired(firstCoded, secondCoded)));
      ours.push(
        await time(() =>
          countPairedChange({ firstCampaignId: firstCoded, secondCampaignId: secondCoded, measures: pairedMeasures }),
        ),
      );
    }
    sampled.push(load());
    const scale = counted.get("ucla");
    lines.push(
      `paired change over the two coded waves (${scale?.kind === "scale" ? scale.n.toLocaleString("en") : "?"} UCLA-3 pairs), ${loads(sampled)}:`,
      `  hand-written SQL ${spread(byHand, 0, " ms")}; the loader's statement ${spread(ours, 0, " ms")}, ratio ${(median(ours) / median(byHand)).toFixed(2)}×`,
    );
  }
}
