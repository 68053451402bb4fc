import { beforeEach, describe, expect, it } from "vitest";
import { countUniqueParticipants, listAttendanceForDate, getAttendance } from "~/models/attendance.server";
import { listAudit } from "~/models/audit.server";
import { addDays, todayInStockholm } from "~/outcomes/calendar";
import { action as registerAction, loader as registerLoader } from "~/routes/staff.attendance._index";
import { action as correctAction } from "~/routes/staff.attendance.$id";
import {
  dataOf,
  db,
  get,
  makePrograms,
  postForm,
  resetDatabase,
  signedInStaff,
  settle,
  statusOf,
  locationOf,
  makeActivity,
} from "../support/fixtures";

const ctx = { context: { clientAddress: "198.51.100.7" } };

beforeEach(resetDatabase);

async function setup() {
  const programs = await makePrograms();
  const { staff: coordinator, cookie } = await signedInStaff(
    "coordinator",
    programs.map((p) => p.id),
  );
  const { cookie: cmCookie } = await signedInStaff("case_manager", [programs[0].id]);
  const { cookie: facilitatorCookie } = await signedInStaff("facilitator", [programs[0].id]);
  const yoga = await makeActivity({ name: "Yoga", schedule: [{ weekday: 5, startsAt: "10:00", endsAt: "11:00" }] });
  const jam = await makeActivity({
    name: "Fredagsjam",
    place: "Münchenbryggeriet",
    scope: "city",
    countsAttendance: false,
    startsOn: undefined,
  });
  const newer = await makeActivity({ name: "Ny grupp", startsOn: "2025-01-01" });
  return {
    programs,
    yoga,
    jam,
    newer,
    coordinator,
    cookie,
    cmCookie,
    facilitatorCookie,
  };
}

const post = (fields: Record<string, string>, cookie: string, origin?: string | null) =>
  registerAction({ request: postForm("/staff/attendance", fields, { cookie, origin }), params: {}, ...ctx });

const count = async () => Number((await db("attendance").count<{ n: number }[]>("* as n"))[0].n);

describe("registering attendance", () => {
  it("stores the counts by gender, audits it, and redirects to the day with a receipt", async () => {
    const { yoga, cmCookie } = await setup();
    const out = await settle(() =>
      post(
        {
          date: "2025-03-14",
          activityId: String(yoga),
          women: "2",
          men: "3",
          other: "1",
          notStated: "0",
          firstTime: "1",
          note: "Fint väder",
        },
        cmCookie,
      ),
    );
    expect(statusOf(out)).toBe(302);
    const location = locationOf(out)!;
    expect(location).toMatch(/^\/staff\/attendance\?date=2025-03-14&saved=\d+$/);
    const [row] = await listAttendanceForDate({ date: "2025-03-14" });
    expect(row).toMatchObject({
      activityId: yoga,
      activityName: "Yoga",
      women: 2,
      men: 3,
      other: 1,
      notStated: 0,
      firstTime: 1,
      note: "Fint väder",
    });
    const { entries } = await listAudit({ action: "attendance.register" });
    expect(entries).toHaveLength(1);
    expect(entries[0].ip).toBe("198.51.100.7");

    const page = dataOf<{ saved: { total: number } | null; registered: unknown[] }>(
      await settle(() => registerLoader({ request: get(location, { cookie: cmCookie }), params: {}, ...ctx })),
    );
    expect(page.saved?.total).toBe(6);
    expect(page.registered).toHaveLength(1);
  });

  it("orders the day's scheduled activities first", async () => {
    const { cookie } = await setup();
    // 2025-03-14 is a Friday: Yoga is on the schedule.
    const page = dataOf<{ scheduled: { name: string; time: string }[]; others: { name: string }[] }>(
      await settle(() =>
        registerLoader({ request: get("/staff/attendance?date=2025-03-14", { cookie }), params: {}, ...ctx }),
      ),
    );
    expect(page.scheduled).toEqual([{ id: expect.any(Number), name: "Yoga", time: "10:00" }]);
    expect(page.others.map((a) => a.name)).toEqual(["Ny grupp"]);
  });

  it("keeps drop-in visits apart from activities, one registration per day each", async () => {
    const { yoga, cookie } = await setup();
    expect(
      statusOf(
        await settle(() =>
          post({ date: "2025-03-14", activityId: "drop-in", women: "1", men: "4", other: "", notStated: "" }, cookie),
        ),
      ),
    ).toBe(302);
    expect(
      statusOf(
        await settle(() =>
          post(
            { date: "2025-03-14", activityId: String(yoga), women: "1", men: "1", other: "", notStated: "" },
            cookie,
          ),
        ),
      ),
    ).toBe(302);
    const again = await settle(() =>
      post({ date: "2025-03-14", activityId: "drop-in", women: "2", men: "2", other: "", notStated: "" }, cookie),
    );
    expect(statusOf(again)).toBe(409);
    const body = dataOf<{ duplicate: { id: number } }>(again);
    const first = await getAttendance({ id: body.duplicate.id });
    expect(first).toMatchObject({ activityId: null, women: 1, men: 4 });
    expect(await count()).toBe(2);
  });

  it("refuses a second registration for the same activity and day, offering the first", async () => {
    const { yoga, cookie } = await setup();
    await post({ date: "2025-03-14", activityId: String(yoga), women: "2", men: "3" }, cookie);
    const out = await settle(() =>
      post({ date: "2025-03-14", activityId: String(yoga), women: "9", men: "9" }, cookie),
    );
    expect(statusOf(out)).toBe(409);
    expect(dataOf<{ duplicate: { name: string } }>(out).duplicate.name).toBe("Yoga");
    expect(await count()).toBe(1);
    // The unique index holds even when the check is bypassed (two requests at once).
    await expect(
      db("attendance").insert({
        date: "2025-03-14",
        activity_id: yoga,
        slot: `a${yoga}`,
        created_at: "x",
        updated_at: "x",
      }),
    ).rejects.toThrow();
  });

  it.each([
    ["a negative count", { women: "-1" }, "counts"],
    ["an absurd count", { men: "201" }, "counts"],
    ["a total over 200", { women: "120", men: "120" }, "counts"],
    ["text as a count", { men: "tre" }, "counts"],
    ["a future date", { date: addDays(todayInStockholm(), 1) }, "date"],
    ["an impossible date", { date: "2025-02-30" }, "date"],
    ["more first-time visitors than visitors", { firstTime: "9" }, "firstTime"],
  ])("refuses %s with 422 and writes nothing", async (_label, change, field) => {
    const { yoga, cookie } = await setup();
    const out = await settle(() =>
      post({ date: "2025-03-14", activityId: String(yoga), women: "2", men: "3", ...change }, cookie),
    );
    expect(statusOf(out)).toBe(422);
    expect(Object.keys(dataOf<{ errors: object }>(out).errors)).toContain(field);
    expect(await count()).toBe(0);
  });

  it("refuses unknown, uncounted and not-yet-started activities", async () => {
    const { jam, newer, cookie } = await setup();
    for (const [activityId, date, error] of [
      ["99999", "2025-03-14", "errActivity"],
      [String(jam), "2025-03-14", "errNotCounted"],
      [String(newer), "2024-12-31", "errBeforeStart"],
      ["", "2025-03-14", "errActivity"],
    ]) {
      const out = await settle(() => post({ date, activityId, women: "2", men: "3" }, cookie));
      expect(statusOf(out)).toBe(422);
      const errors = dataOf<{ errors: Record<string, string> }>(out).errors;
      expect(Object.values(errors)).toContain(error);
    }
    expect(await count()).toBe(0);
  });

  it("refuses foreign-origin posts and roles without access, writing nothing", async () => {
    const { yoga, cookie, facilitatorCookie } = await setup();
    const foreign = await settle(() =>
      post({ date: "2025-03-14", activityId: String(yoga), women: "2" }, cookie, "https://evil.example"),
    );
    expect(statusOf(foreign)).toBe(403);
    const wrongRole = await settle(() =>
      post({ date: "2025-03-14", activityId: String(yoga), women: "2" }, facilitatorCookie),
    );
    expect(statusOf(wrongRole)).toBe(403);
    const anonymous = await settle(() => registerLoader({ request: get("/staff/attendance"), params: {}, ...ctx }));
    expect(statusOf(anonymous)).toBe(302);
    expect(await count()).toBe(0);
  });

  it("stores participant codes only as keyed hashes and counts unique people", async () => {
    const { yoga, cookie } = await setup();
    const first = await settle(() =>
      post(
        {
          date: "2025-03-14",
          activityId: String(yoga),
          women: "1",
          men: "2",
          codes: "AB12\nCD34",
          "newGender.AB12": "women",
          "newProgram.AB12": "none",
          "newGender.CD34": "men",
          "newProgram.CD34": "none",
        },
        cookie,
      ),
    );
    expect(statusOf(first)).toBe(302);
    await post(
      {
        date: "2025-03-14",
        activityId: "drop-in",
        women: "0",
        men: "2",
        codes: "cd-34\nEF56",
        "newGender.EF56": "other",
        "newProgram.EF56": "none",
      },
      cookie,
    );
    const stored: { code_hmac: string }[] = await db("attendance_codes").select("code_hmac");
    expect(stored).toHaveLength(4);
    expect(stored.every((r) => /^[0-9a-f]{64}$/.test(r.code_hmac))).toBe(true);
    expect(JSON.stringify(stored)).not.toContain("AB12");
    expect(await countUniqueParticipants({ from: "2025-03-01", to: "2025-03-31" })).toEqual({
      total: 3,
      byMonth: [{ month: "2025-03", people: 3 }],
    });
  });
});

describe("correcting attendance", () => {
  it("changes the figures and logs the old and new ones", async () => {
    const { yoga, cookie } = await setup();
    await post({ date: "2025-03-14", activityId: String(yoga), women: "2", men: "3" }, cookie);
    const [row] = await listAttendanceForDate({ date: "2025-03-14" });
    const out = await settle(() =>
      correctAction({
        request: postForm(
          `/staff/attendance/${row.id}`,
          { women: "2", men: "4", other: "0", notStated: "1", date: "2020-01-01", activityId: "drop-in" },
          { cookie },
        ),
        params: { id: String(row.id) },
        ...ctx,
      }),
    );
    expect(statusOf(out)).toBe(302);
    const after = await getAttendance({ id: row.id });
    // Date and activity cannot be changed by a correction.
    expect(after).toMatchObject({ date: "2025-03-14", activityId: yoga, women: 2, men: 4, notStated: 1 });
    const { entries } = await listAudit({ action: "attendance.correct" });
    expect(entries[0].details).toMatchObject({ before: { men: 3, notStated: 0 }, after: { men: 4, notStated: 1 } });
  });

  it("refuses a bad correction and leaves the record alone; 404 for an unknown one", async () => {
    const { yoga, cookie } = await setup();
    await post({ date: "2025-03-14", activityId: String(yoga), women: "2", men: "3" }, cookie);
    const [row] = await listAttendanceForDate({ date: "2025-03-14" });
    const bad = await settle(() =>
      correctAction({
        request: postForm(`/staff/attendance/${row.id}`, { women: "500" }, { cookie }),
        params: { id: String(row.id) },
        ...ctx,
      }),
    );
    expect(statusOf(bad)).toBe(422);
    expect((await getAttendance({ id: row.id }))?.women).toBe(2);
    const missing = await settle(() =>
      correctAction({
        request: postForm("/staff/attendance/999", { women: "1" }, { cookie }),
        params: { id: "999" },
        ...ctx,
      }),
    );
    expect(statusOf(missing)).toBe(404);
  });

  it("refuses a correction that does not carry every count: an empty POST empties nothing", async () => {
    const { yoga, cookie } = await setup();
    await post({ date: "2025-03-14", activityId: String(yoga), women: "2", men: "3", other: "1" }, cookie);
    const [row] = await listAttendanceForDate({ date: "2025-03-14" });
    const slips: Record<string, string>[] = [{}, { women: "0" }, { women: "0", men: "0", other: "0", notStated: "" }];
    for (const fields of slips) {
      const out = await settle(() =>
        correctAction({
          request: postForm(`/staff/attendance/${row.id}`, fields, { cookie }),
          params: { id: String(row.id) },
          ...ctx,
        }),
      );
      expect(statusOf(out), JSON.stringify(fields)).toBe(422);
      expect(dataOf<{ errors: { counts?: string } }>(out).errors.counts).toBe("errCountsMissing");
    }
    expect(await getAttendance({ id: row.id })).toMatchObject({ women: 2, men: 3, other: 1, notStated: 0 });
    expect((await listAudit({ action: "attendance.correct" })).total).toBe(0);
  });
});
