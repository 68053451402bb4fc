// npm run bench -- reach: persons reached over a year (500 coded visitors, 20 000 coded check-ins) through
// `personsReached`, against a hand-written raw SQL count of the same distinct people on the same database in the
// same run. Not a timed test: it prints times and their ratio.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const VISITORS = Number(process.env.REACH_BENCH_VISITORS ?? 500);
const CHECKINS = Number(process.env.REACH_BENCH_CHECKINS ?? 20_000);
const RUNS = 9;
const FROM = "2025-01-01";
const TO = "2025-12-31";

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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function benchReach(): Promise<{ lines: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deltagarrost-reach-bench-"));
  process.env.DATABASE_URL ??= `file:${path.join(dir, "bench.sqlite")}`;
  process.env.SESSION_SECRET ??= "reach-bench-secret-0123456789";
  // Imported after DATABASE_URL is set: the app's one knex instance reads it on import.
  const { db, closeDatabase, nowIso } = await import("~/db.server");
  const { createProgram } = await import("~/models/program.server");
  const { createActivity } = await import("~/models/activity.server");
  const { personsReached } = await import("~/models/persons-reached.server");
  const { participantCodeHmac } = await import("~/privacy/participant-code.server");
  const { addDays, isoWeekday } = await import("~/outcomes/calendar");
  const lines: string[] = [];
  try {
    await db.migrate.latest();
    const programs = [
      await createProgram({ slug: "bostad-forst", name: "Bostad Först" }),
      await createProgram({ slug: "fot", name: "Försöks- och träningslägenheter" }),
    ];
    const activityIds: number[] = [];
    for (const [i, name] of ["Sygrupp", "Matlagning", "Peer support", "Yoga"].entries()) {
      activityIds.push(
        await createActivity({
          name,
          place: "Mallis",
          kind: "regular",
          scope: "mallis",
          countsAttendance: true,
          startsOn: "2024-01-01",
          schedule: [],
          ...(i === 2 ? { programId: programs[0].id } : {}),
        }),
      );
    }
    const rnd = prng(13);
    const genders = ["women", "men", "men", "men", "other", "notStated"] as const;
    const now = nowIso();
    const people = Array.from({ length: VISITORS }, (_, i) => ({
      hmac: participantCodeHmac(`BESOK${String(i).padStart(5, "0")}`),
      gender: genders[Math.floor(rnd() * genders.length)],
      // Some come far more often than others.
      weight: 0.2 + 10 * rnd() ** 3,
    }));
    await db.batchInsert(
      "visitors",
      people.map((p, i) => ({
        code_hmac: p.hmac,
        gender: p.gender,
        program_id: i % 7 === 3 ? null : programs[i % 5 === 2 ? 1 : 0].id,
        first_visit_on: addDays("2024-06-01", Math.floor(rnd() * 500)),
        last_visit_on: TO,
        source: "staff",
        created_at: now,
      })),
      500,
    );
    // Opening days Monday to Friday; every activity each day, with drop-in: the coded check-ins spread over them.
    const days: string[] = [];
    for (let d = FROM; d <= TO; d = addDays(d, 1)) if (isoWeekday(d) <= 5) days.push(d);
    const slots = days.flatMap((date) => [...activityIds, null].map((activityId) => ({ date, activityId })));
    const perSlot = Math.ceil(CHECKINS / slots.length);
    const totalWeight = people.reduce((s, p) => s + p.weight, 0);
    const pickPerson = () => {
      let r = rnd() * totalWeight;
      for (const p of people) if ((r -= p.weight) <= 0) return p;
      return people[people.length - 1];
    };
    let checkins = 0;
    for (let i = 0; i < slots.length; i += 200) {
      const batch = slots.slice(i, i + 200);
      const rows: Record<string, unknown>[] = [];
      const codes: { slot: number; hmac: string }[] = [];
      batch.forEach((s, j) => {
        const chosen = new Map<string, (typeof people)[number]>();
        while (chosen.size < Math.min(perSlot, CHECKINS - checkins)) {
          const p = pickPerson();
          chosen.set(p.hmac, p);
        }
        checkins += chosen.size;
        const counts = { women: 0, men: 0, other: 0, not_stated: 0 };
        for (const p of chosen.values()) counts[p.gender === "notStated" ? "not_stated" : p.gender] += 1;
        // A few came without a code: the figures say "minst".
        counts.men += Math.floor(rnd() * 3);
        rows.push({
          date: s.date,
          activity_id: s.activityId,
          slot: s.activityId === null ? "drop-in" : `a${s.activityId}`,
          ...counts,
          first_time: null,
          note: "",
          source: "import",
          created_at: now,
          updated_at: now,
        });
        for (const hmac of chosen.keys()) codes.push({ slot: j, hmac });
      });
      const ids: number[] = [];
      for (const row of rows) {
        const [inserted] = await db("attendance").insert(row).returning("id");
        ids.push(typeof inserted === "object" ? Number(inserted.id) : Number(inserted));
      }
      await db.batchInsert(
        "attendance_codes",
        codes.map((c) => ({ attendance_id: ids[c.slot], code_hmac: c.hmac })),
        500,
      );
    }
    if (db.client.config.client !== "pg") await db.raw("ANALYZE");
    else await db.raw("ANALYZE");
    lines.push(
      `database (${db.client.config.client}): ${VISITORS} visitors, ${checkins.toLocaleString("en")} coded check-ins in ${slots.length.toLocaleString("en")} registrations over ${FROM}…${TO}`,
    );

    /** The same distinct people by gender and the visits, written by hand. */
    const rawSql = () =>
      Promise.all([
        db.raw(
          `select v.gender, count(distinct c.code_hmac) as n
           from attendance t join attendance_codes c on c.attendance_id = t.id
           left join visitors v on v.code_hmac = c.code_hmac
           where t.date >= ? and t.date <= ? group by v.gender`,
          [FROM, TO],
        ),
        db.raw(
          `select sum(women) as w, sum(men) as m, sum(other) as o, sum(not_stated) as n from attendance
           where date >= ? and date <= ?`,
          [FROM, TO],
        ),
      ]);

    const all = await personsReached({ from: FROM, to: TO });
    for (let i = 0; i < 2; i++) {
      await rawSql();
      await personsReached({ from: FROM, to: TO });
    }
    const raw: number[] = [];
    const full: number[] = [];
    const scoped: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      raw.push(await time(rawSql));
      full.push(await time(() => personsReached({ from: FROM, to: TO })));
      scoped.push(await time(() => personsReached({ from: FROM, to: TO, programIds: [programs[1].id] })));
    }
    const { protectPersonsReached } = await import("~/outcomes/persons-reached");
    const protectOnly = median(
      await Promise.all(Array.from({ length: RUNS }, () => time(() => protectPersonsReached(all.figures)))),
    );
    const r = median(raw);
    lines.push(`raw SQL (distinct codes by gender + visit sums): ${r.toFixed(1)} ms (median of ${RUNS})`);
    lines.push(
      `personsReached, every programme: ${median(full).toFixed(1)} ms → ${(median(full) / r).toFixed(2)}× raw SQL`,
    );
    lines.push(
      `personsReached, one programme:   ${median(scoped).toFixed(1)} ms → ${(median(scoped) / r).toFixed(2)}× raw SQL`,
    );
    lines.push(`  of which the small-count protection alone: ${protectOnly.toFixed(1)} ms`);
    lines.push(
      `figures: ${all.figures.codedPersons.total} coded persons (${all.figures.exact ? "exact" : "minst " + all.figures.persons.total}), ${all.figures.visits.total.toLocaleString("en")} visits`,
    );
  } finally {
    await closeDatabase();
    if (!process.env.REACH_BENCH_KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
  return { lines };
}
