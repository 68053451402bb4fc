import { beforeEach, describe, expect, it } from "vitest";
import { personsReached } from "~/models/persons-reached.server";
import { registerAttendance } from "~/models/attendance.server";
import { participantCodeHmac } from "~/privacy/participant-code.server";
import type { Gender } from "~/outcomes/attendance-rules";
import { loader as statsLoader } from "~/routes/staff.attendance.stats";
import {
  db,
  makePrograms,
  makeStaff,
  resetDatabase,
  sessionCookie,
  makeActivity,
  loadRoute,
} from "../support/fixtures";

beforeEach(resetDatabase);

async function setup() {
  const programs = await makePrograms();
  const admin = await makeStaff({ role: "admin", programIds: [] });
  const activity = (name: string, programId: number | null) =>
    makeActivity({ name, ...(programId ? { programId } : {}) });
  return { programs, admin, sy: await activity("Sygrupp", null), peer: await activity("Peer support", programs[0].id) };
}

const counts = (c: Partial<Record<Gender, number>>) => ({ women: 0, men: 0, other: 0, notStated: 0, ...c });

describe("personsReached", () => {
  it("counts coded people once however often they came, says 'minst' when visits came without a code", async () => {
    const { programs, admin, sy, peer } = await setup();
    const actor = { id: admin.id, email: admin.email };
    // Eight women in Bostad Först and six men in no programme, by code; each comes to every registration below.
    const people = [
      ...Array.from({ length: 8 }, (_, i) => ({
        code: `KVINNA${i}`,
        gender: "women" as const,
        programId: programs[0].id,
      })),
      ...Array.from({ length: 6 }, (_, i) => ({ code: `MAN${i}X`, gender: "men" as const, programId: null })),
    ];
    const coded = () => ({
      codes: people.map((p) => ({ code: p.code, hmac: participantCodeHmac(p.code) })),
      newVisitors: new Map(people.map((p) => [p.code, { gender: p.gender, programId: p.programId }])),
    });
    for (const [date, activityId, anonymous] of [
      ["2025-03-03", sy, counts({ men: 2 })],
      ["2025-03-04", peer, counts({ women: 1 })],
      ["2025-03-05", sy, counts({})],
    ] as const) {
      const out = await registerAttendance({
        actor,
        ip: "127.0.0.1",
        input: { date, activityId, ...anonymous, firstTime: null, note: "" },
        coded: coded(),
      });
      expect(out.ok).toBe(true);
    }
    const all = await personsReached({ from: "2025-03-01", to: "2025-03-31" });
    expect(all.figures.exact).toBe(false);
    expect(all.figures.visits).toEqual({ total: 45, withCode: 42, withoutCode: 3 });
    expect(all.figures.codedPersons).toEqual({ women: 8, men: 6, otherOrNotStated: 0, total: 14 });
    // At one registration 8 men came (6 coded + 2 without): no fewer than 8 different men.
    expect(all.figures.persons).toEqual({ women: 9, men: 8, otherOrNotStated: 0, total: 17 });
    expect(all.figures.firstTimers.total).toBe(14);
    expect(all.figures.visitBands.map((b) => [b.band, b.cells.total])).toEqual([
      ["1", 0],
      ["2-4", 14],
      ["5-9", 0],
      ["10+", 0],
    ]);
    expect(all.figures.byProgram.map((p) => [p.programId, p.cells.total])).toEqual([
      [programs[0].id, 8],
      [programs[1].id, 0],
      [null, 6],
    ]);
    // FoT's figures: its own activities (none), those open to all and drop-in: the peer support day is not counted.
    const fot = await personsReached({ from: "2025-03-01", to: "2025-03-31", programIds: [programs[1].id] });
    expect(fot.figures.visits.total).toBe(30);
    expect(fot.programs.map((p) => p.id)).toEqual([programs[1].id]);
    expect(fot.figures.byProgram.map((p) => [p.programId, p.cells.total])).toEqual([
      [programs[1].id, 0],
      [null, 14],
    ]);
    // The next month: nobody came; the first-timers were in March.
    const april = await personsReached({ from: "2025-04-01", to: "2025-04-30" });
    expect(april.figures.visits.total).toBe(0);

    // The statistics page shows it, and nothing on it is a code or a hash.
    const cookie = await sessionCookie(admin);
    const page = await loadRoute(statsLoader, "/staff/attendance/stats?from=2025-03-01&to=2025-03-31", { cookie });
    const json = JSON.stringify(page.value);
    expect(json).toContain('"codedPersons"');
    const hmacs: string[] = (await db("visitors").select("code_hmac")).map((r) => r.code_hmac);
    for (const h of hmacs) expect(json).not.toContain(h);
    expect(json).not.toMatch(/KVINNA|MAN0X/);
  });
});
