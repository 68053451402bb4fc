import { beforeEach, describe, expect, it } from "vitest";
import { publishStatsPage } from "~/activities/attendance-statistics.server";
import { createActivity } from "~/models/activity.server";
import { registerAttendance } from "~/models/attendance.server";
import { personsReached } from "~/models/persons-reached.server";
import type { Gender } from "~/outcomes/attendance-rules";
import type { AttendanceProtection, AttendanceStats } from "~/outcomes/attendance-stats";
import type { ProtectedPersonsReached } from "~/outcomes/persons-reached";
import { participantCodeHmac } from "~/privacy/participant-code.server";
import { cellKey } from "~/privacy/small-counts";
import { loader as statsLoader } from "~/routes/staff.attendance.stats";
import { lineSolver, lpSolver, type PublishedSum } from "../support/disclosure-audit";
import { dataOf, makePrograms, makeStaff, resetDatabase, sessionCookie, loadRoute } from "../support/fixtures";
import { seededRandom } from "../support/random-attendance";

beforeEach(resetDatabase);

type Page = {
  stats: AttendanceStats;
  protection: AttendanceProtection;
  reach: { figures: ProtectedPersonsReached };
};

const GENDERS: Gender[] = ["women", "men", "other", "notStated"];

/**
 * Issue 10 (the review's last point): the persons-reached section is part of the statistics page's one
 * publication whichever programme is chosen. It counts the people behind the very visits the tables count, so
 * its totals are the page's totals, and nothing hidden anywhere on the page can be worked out from the rest,
 * checked by an outsider who adds the equalities it knows of its own accord.
 */
describe("the statistics page with persons reached", () => {
  it("counts the same visits in every section and leaves nothing hidden derivable, with or without a programme", async () => {
    const [bf, fot] = await makePrograms();
    const admin = await makeStaff({ role: "admin", programIds: [] });
    const cookie = await sessionCookie(admin);
    const actor = { id: admin.id, email: admin.email };
    const activity = (name: string, programId: number | null) =>
      createActivity({
        name,
        place: "Mallis",
        kind: "regular",
        scope: "mallis",
        countsAttendance: true,
        startsOn: "2024-01-01",
        schedule: [],
        ...(programId ? { programId } : {}),
      });
    const activities = [await activity("Sygrupp", null), await activity("Peer", bf.id), await activity("FoT", fot.id)];
    // Forty people with codes, each with a stated gender and programme; a few come often, most now and then.
    const rand = seededRandom(1010);
    const people = Array.from({ length: 40 }, (_, i) => ({
      code: `KOD${String(i).padStart(3, "0")}X`,
      gender: GENDERS[Math.floor(rand() * 10) < 4 ? 0 : Math.floor(rand() * 10) < 8 ? 1 : 2 + (i % 2)],
      programId: [bf.id, fot.id, null][i % 3],
    }));
    const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
    for (let n = 0; n < 120; n++) {
      for (const activityId of [...activities, null]) {
        if (rand() > 0.25) continue;
        const coming = people.filter(() => rand() < 0.08);
        const small = () => (rand() < 0.5 ? 0 : Math.floor(rand() * 4));
        const out = await registerAttendance({
          actor,
          ip: "127.0.0.1",
          input: {
            date: day(n),
            activityId,
            women: small(),
            men: small(),
            other: rand() < 0.1 ? 1 : 0,
            notStated: 0,
            firstTime: null,
            note: "",
          },
          coded: {
            codes: coming.map((p) => ({ code: p.code, hmac: participantCodeHmac(p.code) })),
            newVisitors: new Map(coming.map((p) => [p.code, { gender: p.gender, programId: p.programId }])),
          },
        });
        expect(out.ok).toBe(true);
      }
    }

    for (const [from, to] of [
      ["2024-01-01", "2024-02-29"],
      ["2024-03-01", "2024-04-30"],
    ]) {
      for (const program of ["", String(bf.id), String(fot.id)]) {
        const what = `${from} program=${program || "alla"}`;
        const out = await loadRoute(statsLoader, `/staff/attendance/stats?from=${from}&to=${to}&program=${program}`, {
          cookie,
        });
        const { stats, protection, reach } = dataOf<Page>(out);
        expect(stats.registrations, what).toBeGreaterThan(5);
        // The same visits: the people reached came to exactly the visits the tables count.
        expect(reach.figures.visits.total.value, what).toBe(stats.total.total);
        expect(reach.figures.codedPersons.total.value, what).toBe(stats.unique.people);

        // The page's publication, rebuilt from the same exact figures, gives the statuses the page shows.
        const figures = (
          await personsReached({
            from,
            to,
            ...(program ? { programIds: [Number(program)], shared: false } : {}),
          })
        ).figures;
        const published = publishStatsPage(stats, figures).protect();
        expect(published.cell(cellKey("reach:coded", "all")), what).toEqual(reach.figures.codedPersons.total);
        expect(published.cell(cellKey("visits", "all")), what).toEqual(protection.byGender.total);

        // The outsider's audit over everything the page publishes, with the equalities it knows itself.
        const all = published.all();
        for (const f of all) if (f.value > 0 && f.value < 5) expect(f.status, `${what} ${f.key}`).not.toBe("shown");
        const known: PublishedSum[] = [
          { total: cellKey("visits", "all"), parts: ["reach:visits|all"] },
          { total: "unique|people", parts: [cellKey("reach:coded", "all")] },
        ];
        const equations = [...published.equations(), ...known];
        expect(lineSolver(all, equations), what).toEqual([]);
        expect(lpSolver(all, equations), what).toEqual([]);
      }
    }
  }, 180_000);
});
