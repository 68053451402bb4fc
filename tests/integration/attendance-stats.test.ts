import { beforeEach, describe, expect, it } from "vitest";
import { insertAttendanceBatch } from "~/models/attendance.server";
import { insertEnrolments } from "~/models/enrolment.server";
import type { AttendanceInput } from "~/outcomes/attendance-rules";
import { publishAttendanceStats, type AttendanceStats, type protectAttendanceStats } from "~/outcomes/attendance-stats";
import type { StatsSelection } from "~/activities/attendance-statistics.server";
import { participantCodeHmac } from "~/privacy/participant-code.server";
import { loader as statsLoader } from "~/routes/staff.attendance.stats";
import {
  dataOf,
  db,
  makePrograms,
  makeStaff,
  resetDatabase,
  sessionCookie,
  statusOf,
  makeActivity,
  loadRoute,
} from "../support/fixtures";
import { lineSolver, lpSolver } from "../support/disclosure-audit";

beforeEach(resetDatabase);

type Page = {
  error: string | null;
  stats: AttendanceStats;
  protection: ReturnType<typeof protectAttendanceStats>;
  selection: StatsSelection;
};

/**
 * The fixture period, January–February 2024:
 *   Tue 2024-01-09 Sygrupp  w2 m4        (6)
 *   Thu 2024-01-11 Yoga     w1 m2 o1     (4)  first-time 1
 *   Thu 2024-01-11 drop-in  w0 m3        (3)
 *   Tue 2024-01-16 Sygrupp  w3 m5 n1     (9)  first-time 2
 *   Tue 2024-02-06 Sygrupp  w2 m6        (8)
 *   Wed 2024-02-14 Julfest  w6 m9        (15) special
 *   Thu 2024-02-15 Yoga (programme FoT only) w1 m1 (2)
 */
async function fixture() {
  const programs = await makePrograms();
  const [bf, fot] = programs;
  const coordinator = await makeStaff({ role: "coordinator", programIds: [bf.id, fot.id] });
  const sy = await makeActivity({ name: "Sygrupp", schedule: [{ weekday: 2, startsAt: "13:00", endsAt: "15:00" }] });
  const yoga = await makeActivity({ name: "Yoga" });
  const party = await makeActivity({ name: "Julfest", kind: "special" });
  const fotOnly = await makeActivity({ name: "FoT-träff", programId: fot.id, startsOn: undefined });
  const row = (
    date: string,
    activityId: number | null,
    c: Partial<AttendanceInput>,
  ): { input: AttendanceInput; codeHmacs?: string[] } => ({
    input: { date, activityId, women: 0, men: 0, other: 0, notStated: 0, firstTime: null, note: "", ...c },
  });
  await insertAttendanceBatch({
    rows: [
      {
        ...row("2024-01-09", sy, { women: 2, men: 4 }),
        codeHmacs: ["A", "B", "C", "D", "E", "F"].map(participantCodeHmac),
      },
      row("2024-01-11", yoga, { women: 1, men: 2, other: 1, firstTime: 1 }),
      row("2024-01-11", null, { men: 3 }),
      {
        ...row("2024-01-16", sy, { women: 3, men: 5, notStated: 1, firstTime: 2 }),
        codeHmacs: ["A", "B", "G"].map(participantCodeHmac),
      },
      { ...row("2024-02-06", sy, { women: 2, men: 6 }), codeHmacs: ["A", "H"].map(participantCodeHmac) },
      row("2024-02-14", party, { women: 6, men: 9 }),
      row("2024-02-15", fotOnly, { women: 1, men: 1 }),
      // Outside the period:
      row("2023-12-28", sy, { women: 50, men: 50 }),
      row("2024-03-01", sy, { women: 50, men: 50 }),
    ],
  });
  await insertEnrolments({
    rows: [
      { programId: bf.id, onDate: "2023-12-31", women: 34, men: 97, other: 0, notStated: 0 },
      { programId: bf.id, onDate: "2024-06-30", women: 1, men: 1, other: 0, notStated: 0 },
      { programId: fot.id, onDate: "2024-01-31", women: 20, men: 60, other: 1, notStated: 0 },
    ],
  });
  return { bf, fot, cookie: await sessionCookie(coordinator) };
}

async function load(query: string, cookie: string) {
  return loadRoute(statsLoader, `/staff/attendance/stats?${query}`, { cookie });
}

describe("attendance statistics on a fixture period", () => {
  it("counts visits per month by gender, opening days and the per-day range without special occasions", async () => {
    const { cookie } = await fixture();
    const out = await load("from=2024-01-01&to=2024-02-29", cookie);
    expect(statusOf(out)).toBe(200);
    const { stats } = dataOf<Page>(out);
    expect(stats.registrations).toBe(7);
    expect(stats.total).toMatchObject({ women: 15, men: 30, other: 1, notStated: 1, total: 47 });
    expect(stats.byMonth.map((m) => [m.month, m.total, m.openingDays, m.firstTime])).toEqual([
      ["2024-01", 22, 3, 3],
      ["2024-02", 25, 2, 0],
    ]);
    // Opening days: 6, 7 (4 + 3 drop-in), 9, 8, 2 — the 15 at Julfest is apart.
    expect(stats.perDay).toMatchObject({ openingDays: 5, min: 2, max: 9, median: 7 });
    expect(stats.specials).toEqual([expect.objectContaining({ label: "Julfest", date: "2024-02-14", total: 15 })]);
    expect(stats.perActivity.map((a) => [a.label, a.total, a.registrations, a.average])).toEqual([
      ["Sygrupp", 23, 3, 7.7],
      ["Julfest", 15, 1, 15],
      ["Yoga", 4, 1, 4],
      ["Drop-in", 3, 1, 3],
      ["FoT-träff", 2, 1, 2],
    ]);
    expect(stats.perWeekday.map((w) => [w.weekday, w.total, w.openingDays])).toEqual([
      [2, 23, 3],
      [4, 9, 2],
    ]);
    expect(stats.shares).toEqual({ women: 31.9, men: 63.8, other: 2.1, notStated: 2.1 });
    expect(stats.firstTime).toEqual({ visitors: 3, registrationsWithFigure: 2 });
    expect(stats.unique).toEqual({
      people: 8,
      byMonth: [
        { month: "2024-01", people: 7 },
        { month: "2024-02", people: 2 },
      ],
      registrationsWithCodes: 3,
      visitsWithCodes: 23,
    });
  });

  it("states reach against the latest enrolment on or before the period's end", async () => {
    const { cookie, fot } = await fixture();
    const all = dataOf<Page>(await load("from=2024-01-01&to=2024-02-29", cookie)).stats;
    expect(all.reach.enrolled).toMatchObject({ women: 54, men: 157, other: 1, total: 212, asOf: "2024-01-31" });
    expect(all.reach.uniqueShare).toBe(3.8);
    const fotOnly = dataOf<Page>(await load(`from=2024-01-01&to=2024-02-29&program=${fot.id}`, cookie)).stats;
    expect(fotOnly.reach.enrolled).toMatchObject({ women: 20, men: 60, other: 1, total: 81, asOf: "2024-01-31" });
    expect(fotOnly.reach.rows[0]).toMatchObject({ gender: "women", enrolled: 20, visits: 1 });
  });

  it("gives a programme only its own activities, and says so (issue 10, point 1)", async () => {
    const { cookie, bf, fot } = await fixture();
    const all = dataOf<Page>(await load("from=2024-01-01&to=2024-02-29", cookie));
    expect(all.stats.total.total).toBe(47);
    expect(all.selection).toMatchObject({ programId: null, everyProgram: true, enrolmentComparable: true });
    // FoT's own activity only: drop-in, Sygrupp, Yoga and the party belong to everyone.
    const fotOnly = dataOf<Page>(await load(`from=2024-01-01&to=2024-02-29&program=${fot.id}`, cookie));
    expect(fotOnly.stats.total.total).toBe(2);
    expect(fotOnly.stats.perActivity.map((a) => a.label)).toEqual(["FoT-träff"]);
    expect(fotOnly.selection).toMatchObject({ programName: "Försöks- och träningslägenheter" });
    // Bostad Först has no activity of its own in the fixture: no visits, not everyone's.
    const bfOnly = dataOf<Page>(await load(`from=2024-01-01&to=2024-02-29&program=${bf.id}`, cookie));
    expect(bfOnly.stats.total.total).toBe(0);
    expect(bfOnly.stats.reach.uniqueShare).toBeNull();
  });

  it("never sets one programme's enrolment against everyone's visits", async () => {
    const { bf } = await fixture();
    const cm = await makeStaff({ role: "case_manager", programIds: [bf.id] });
    const page = dataOf<Page>(await load("from=2024-01-01&to=2024-02-29", await sessionCookie(cm)));
    // Shared visits are in view, but only Bostad Först's enrolment would be: no comparison.
    expect(page.stats.total.total).toBe(45);
    expect(page.selection).toMatchObject({ everyProgram: false, enrolmentComparable: false });
    expect(page.stats.reach.enrolled.total).toBe(0);
    expect(page.stats.reach.uniqueShare).toBeNull();
  });

  it("tells a case manager who picks another programme that the programme is not theirs (point 12)", async () => {
    const { bf, fot } = await fixture();
    const cm = await makeStaff({ role: "case_manager", programIds: [bf.id] });
    const out = await load(`from=2024-01-01&to=2024-02-29&program=${fot.id}`, await sessionCookie(cm));
    expect(statusOf(out)).toBe(400);
    expect(dataOf<Page>(out).error).toBe("program");
    const bad = await load("from=2024-03-01&to=2024-01-01", await sessionCookie(cm));
    expect(dataOf<Page>(bad).error).toBe("period");
  });

  it("keeps unknown new-visitor figures apart from zero (point 5)", async () => {
    const { cookie } = await fixture();
    const { stats } = dataOf<Page>(await load("from=2024-01-01&to=2024-02-29", cookie));
    expect(stats.byMonth.map((m) => [m.month, m.firstTime, m.firstTimeKnown])).toEqual([
      ["2024-01", 3, 2],
      ["2024-02", 0, 0],
    ]);
  });

  it("marks what the small-count rule hides, including complementary cells", async () => {
    const { cookie } = await fixture();
    const { protection, stats } = dataOf<Page>(await load("from=2024-01-01&to=2024-02-29", cookie));
    // By gender: women 15, men 30, annan or not stated 1 + 1 = 2 (merged before suppressing).
    expect(protection.byGender.cells.map((c) => c.value)).toEqual([15, 30, 2]);
    expect(protection.byGender.cells[2].status).toBe("small");
    expect(protection.byGender.cells.filter((c) => c.status !== "shown").length).toBeGreaterThanOrEqual(2);
    for (const row of protection.byMonth.rows) {
      for (const c of row) if (c.value > 0 && c.value < 5) expect(c.status).not.toBe("shown");
    }
    const jan = protection.byMonth.rows[0];
    expect(jan.map((c) => c.value)).toEqual([6, 14, 2, 22]);
    // Exact values stay for staff.
    expect(stats.byMonth[0].women).toBe(6);
    // Participants per opening day describe no person's attribute: not protected.
    expect("perDay" in protection).toBe(false);
    expect(protection.firstTime).toEqual({ value: 3, status: "small" });
    expect(protection.uniqueByMonth.cells.map((c) => c.status)).toEqual(["shown", "small"]);
    // Everything the page publishes together: nothing hidden can be worked out.
    const out = publishAttendanceStats(stats).protect();
    expect(lineSolver(out.all(), out.equations())).toEqual([]);
    expect(lpSolver(out.all(), out.equations())).toEqual([]);
  });

  it("answers a bad period with 400 and a plain message, not a 500", async () => {
    const { cookie } = await fixture();
    for (const q of [
      "from=2024-02-30&to=2024-03-01",
      "from=2024-03-01&to=2024-01-01",
      "from=nonsense",
      "program=99999",
    ]) {
      const out = await load(q, cookie);
      expect(statusOf(out), q).toBe(400);
      expect(dataOf<Page>(out).error).toBeTruthy();
    }
  });

  it("reads hostile query values through the form toolkit: 400 with the reason, never a 500 (issue 9, item 4)", async () => {
    const { cookie } = await fixture();
    for (const [q, reason] of [
      [`from=${"2".repeat(100_000)}`, "period"],
      ["from=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "period"],
      ["to=2024-01-01%27%3B%20DROP%20TABLE%20attendance%3B--", "period"],
      ["from=2000-01-01&to=2024-01-01", "period"],
      ["program=1%20OR%201%3D1", "program"],
      ["program=%00", "program"],
      ["program=-5", "program"],
    ] as const) {
      const out = await load(q, cookie);
      expect(statusOf(out), q).toBe(400);
      const page = dataOf<Page & { filter: { from: string; to: string; program: string } }>(out);
      expect(page.error, q).toBe(reason);
      expect(page.filter.from.length, q).toBeLessThanOrEqual(40);
    }
    expect(Number((await db("attendance").count("* as n"))[0].n)).toBeGreaterThan(0);
  });
});
