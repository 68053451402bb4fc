import { beforeEach, describe, expect, it } from "vitest";
import { insertAttendanceBatch } from "~/models/attendance.server";
import { insertEnrolments } from "~/models/enrolment.server";
import { protectAttendanceStats, publishAttendanceStats, type AttendanceStats } from "~/outcomes/attendance-stats";
import { loader as statsLoader } from "~/routes/staff.attendance.stats";
import { lineSolver, lpSolver } from "../support/disclosure-audit";
import {
  dataOf,
  makePrograms,
  makeStaff,
  resetDatabase,
  sessionCookie,
  makeActivity,
  loadRoute,
} from "../support/fixtures";
import { RANDOM_ACTIVITIES, randomFacts, seededRandom } from "../support/random-attendance";

beforeEach(resetDatabase);

/**
 * Random attendance stored in the real database (SQLite, or PostgreSQL with DATABASE_URL), read back by the
 * statistics page's loader: nothing the page publishes hidden can be worked out from the rest.
 */
describe("linked suppression on stored data", () => {
  it("leaves nothing hidden derivable on pages built from random stored attendance", async () => {
    const [bf] = await makePrograms();
    // An admin sees every programme, so the page sets visits against the enrolment of all of them.
    const admin = await makeStaff({ role: "admin", programIds: [] });
    const cookie = await sessionCookie(admin);
    const ids = new Map<number, number>();
    for (const a of RANDOM_ACTIVITIES) {
      if (a.id === null) continue;
      ids.set(a.id, await makeActivity({ name: a.name!, kind: a.kind, startsOn: "2020-01-01" }));
    }
    const rand = seededRandom(2023);
    // Four half-years of random registrations, one page each.
    const periods = [
      ["2022-01-01", "2022-06-30"],
      ["2022-07-01", "2022-12-31"],
      ["2023-01-01", "2023-06-30"],
      ["2023-07-01", "2023-12-31"],
    ];
    for (const [from] of periods) {
      const facts = randomFacts(rand, { from, days: 180 });
      await insertAttendanceBatch({
        rows: facts.map((f) => ({
          input: {
            date: f.date,
            activityId: f.activityId === null ? null : ids.get(f.activityId)!,
            women: f.women,
            men: f.men,
            other: f.other,
            notStated: f.notStated,
            firstTime: f.firstTime,
            note: "",
          },
        })),
      });
    }
    await insertEnrolments({
      rows: [{ programId: bf.id, onDate: "2021-12-31", women: 41, men: 90, other: 1, notStated: 1 }],
    });
    for (const [from, to] of periods) {
      const out = await loadRoute(statsLoader, `/staff/attendance/stats?from=${from}&to=${to}`, { cookie });
      const { stats, protection } = dataOf<{
        stats: AttendanceStats;
        protection: ReturnType<typeof protectAttendanceStats>;
      }>(out);
      expect(stats.registrations).toBeGreaterThan(10);
      const published = publishAttendanceStats(stats).protect();
      expect(published.table("perActivity")).toEqual(protection.perActivity);
      const figures = published.all();
      for (const f of figures) if (f.value > 0 && f.value < 5) expect(f.status, f.key).not.toBe("shown");
      expect(lineSolver(figures, published.equations()), from).toEqual([]);
      expect(lpSolver(figures, published.equations()), from).toEqual([]);
      // The enrolment of women and men is printed; the merged third category (2) and the total are not.
      expect(protection.enrolled.cells.map((c) => c.status)).toEqual(["shown", "shown", "small"]);
      expect(protection.enrolled.total.status).toBe("complementary");
    }
  }, 120_000);
});
