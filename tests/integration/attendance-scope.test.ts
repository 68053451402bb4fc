import { beforeEach, describe, expect, it } from "vitest";
import { createActivity, getActivity } from "~/models/activity.server";
import { getAttendance, insertAttendanceBatch, listAttendanceForDate } from "~/models/attendance.server";
import { listAudit } from "~/models/audit.server";
import { insertEnrolments, listEnrolments } from "~/models/enrolment.server";
import type { AttendanceInput } from "~/outcomes/attendance-rules";
import type { AttendanceStats } from "~/outcomes/attendance-stats";
import { action as registerAction, loader as registerLoader } from "~/routes/staff.attendance._index";
import { action as correctAction, loader as correctLoader } from "~/routes/staff.attendance.$id";
import { loader as statsLoader } from "~/routes/staff.attendance.stats";
import { action as enrolmentAction, loader as enrolmentLoader } from "~/routes/staff.attendance.enrolment";
import { action as importAction } from "~/routes/staff.attendance.import";
import { loader as activitiesLoader } from "~/routes/staff.activities._index";
import { action as editActivityAction, loader as editActivityLoader } from "~/routes/staff.activities.$id";
import { action as newActivityAction, loader as newActivityLoader } from "~/routes/staff.activities.new";
import {
  BASE,
  dataOf,
  db,
  makePrograms,
  makeStaff,
  postForm,
  resetDatabase,
  sessionCookie,
  settle,
  statusOf,
  loadRoute,
} from "../support/fixtures";

const ctx = { context: { clientAddress: "198.51.100.21" } };

beforeEach(resetDatabase);

/**
 * Two programmes, an activity tied to each, one open to all, and registrations for all three plus
 * drop-in on Friday 2025-03-14. Staff in Bostad Först only must not see or touch FoT's.
 */
async function setup() {
  const [bf, fot] = await makePrograms();
  const admin = await makeStaff({ role: "admin", programIds: [] });
  const bfCm = await makeStaff({ role: "case_manager", programIds: [bf.id] });
  const fotCm = await makeStaff({ role: "case_manager", programIds: [fot.id] });
  const bfCoordinator = await makeStaff({ role: "coordinator", programIds: [bf.id] });
  const friday = [{ weekday: 5, startsAt: "10:00", endsAt: "11:00" }];
  const base = {
    place: "Mallis",
    kind: "regular" as const,
    scope: "mallis" as const,
    countsAttendance: true,
    startsOn: "2023-07-01",
  };
  const bfAct = await createActivity({ ...base, name: "BF-träff", programId: bf.id, schedule: friday });
  const fotAct = await createActivity({ ...base, name: "FoT-träff", programId: fot.id, schedule: friday });
  const fotOther = await createActivity({ ...base, name: "FoT-promenad", programId: fot.id, schedule: [] });
  const open = await createActivity({ ...base, name: "Sygrupp", schedule: friday });
  const row = (activityId: number | null, c: Partial<AttendanceInput>, date = "2025-03-14") => ({
    input: { date, activityId, women: 0, men: 0, other: 0, notStated: 0, firstTime: null, note: "", ...c },
  });
  await insertAttendanceBatch({
    rows: [
      row(bfAct, { women: 2, men: 3 }),
      row(fotAct, { women: 40, men: 50 }),
      row(open, { women: 1, men: 1 }),
      row(null, { men: 4 }),
    ],
  });
  const ids = Object.fromEntries(
    (await listAttendanceForDate({ date: "2025-03-14" })).map((r) => [r.activityName ?? "drop-in", r.id]),
  );
  return {
    bf,
    fot,
    bfAct,
    fotAct,
    fotOther,
    open,
    records: { bf: ids["BF-träff"], fot: ids["FoT-träff"], open: ids["Sygrupp"], dropIn: ids["drop-in"] },
    admin: await sessionCookie(admin),
    bfCm: await sessionCookie(bfCm),
    fotCm: await sessionCookie(fotCm),
    bfCoordinator: await sessionCookie(bfCoordinator),
  };
}

const attendanceCount = async () => Number((await db("attendance").count<{ n: number }[]>("* as n"))[0].n);

describe("attendance records of another programme", () => {
  const load = (id: number, cookie: string) =>
    loadRoute(correctLoader, `/staff/attendance/${id}`, { cookie, params: { id: String(id) } });
  const correct = (id: number, cookie: string) =>
    settle(() =>
      correctAction({
        request: postForm(`/staff/attendance/${id}`, { women: "0", men: "1", other: "0", notStated: "0" }, { cookie }),
        params: { id: String(id) },
        ...ctx,
      }),
    );

  it("answer 404 to read and to correct, and the record stays as it was", async () => {
    const { records, bfCm } = await setup();
    expect(statusOf(await load(records.fot, bfCm))).toBe(404);
    expect(statusOf(await correct(records.fot, bfCm))).toBe(404);
    expect(await getAttendance({ id: records.fot })).toMatchObject({ women: 40, men: 50 });
    expect((await listAudit({ action: "attendance.correct" })).entries).toEqual([]);
  });

  it("stay readable and correctable for their own programme, open activities, drop-in and admins", async () => {
    const { records, bfCm, fotCm, admin } = await setup();
    for (const id of [records.bf, records.open, records.dropIn]) {
      expect(statusOf(await load(id, bfCm)), String(id)).toBe(200);
    }
    expect(dataOf<{ record: { activityName: string } }>(await load(records.fot, fotCm)).record.activityName).toBe(
      "FoT-träff",
    );
    expect(statusOf(await load(records.fot, admin))).toBe(200);
    expect(statusOf(await load(records.bf, fotCm))).toBe(404);
    expect(statusOf(await correct(records.dropIn, bfCm))).toBe(302);
    expect(statusOf(await correct(records.fot, admin))).toBe(302);
    expect(await getAttendance({ id: records.fot })).toMatchObject({ women: 0, men: 1 });
  });
});

describe("registering attendance across programmes", () => {
  const post = (fields: Record<string, string>, cookie: string) =>
    settle(() =>
      registerAction({
        request: postForm("/staff/attendance", { date: "2025-03-13", women: "2", men: "1", ...fields }, { cookie }),
        params: {},
        ...ctx,
      }),
    );
  type Page = {
    scheduled: { name: string }[];
    others: { name: string }[];
    specials: { name: string }[];
    registered: { id: number; name: string | null }[];
    saved: { id: number } | null;
  };
  const page = async (query: string, cookie: string) =>
    dataOf<Page>(await loadRoute(registerLoader, `/staff/attendance?${query}`, { cookie }));

  it("refuses another programme's activity with 422 like an unknown one, writing nothing", async () => {
    const { fotAct, fotOther, bfAct, open, bfCm } = await setup();
    const before = await attendanceCount();
    for (const id of [fotAct, fotOther]) {
      const out = await post({ activityId: String(id) }, bfCm);
      expect(statusOf(out)).toBe(422);
      expect(dataOf<{ errors: Record<string, string> }>(out).errors.activityId).toBe("errActivity");
    }
    expect(await attendanceCount()).toBe(before);
    expect(statusOf(await post({ activityId: String(bfAct) }, bfCm))).toBe(302);
    expect(statusOf(await post({ activityId: String(open) }, bfCm))).toBe(302);
    expect(statusOf(await post({ activityId: "drop-in" }, bfCm))).toBe(302);
    expect(await attendanceCount()).toBe(before + 3);
  });

  it("lists only the activities and the day's registrations the staff member may see", async () => {
    const { records, bfCm, admin } = await setup();
    const mine = await page("date=2025-03-14", bfCm);
    expect(mine.scheduled.map((a) => a.name).sort()).toEqual(["BF-träff", "Sygrupp"]);
    expect([...mine.others, ...mine.specials].map((a) => a.name)).toEqual([]);
    expect(mine.registered.map((r) => r.name ?? "drop-in").sort()).toEqual(["BF-träff", "Sygrupp", "drop-in"]);
    // The receipt of another programme's registration is not shown either.
    expect((await page(`date=2025-03-14&saved=${records.fot}`, bfCm)).saved).toBeNull();
    expect((await page(`date=2025-03-14&saved=${records.bf}`, bfCm)).saved?.id).toBe(records.bf);

    const all = await page("date=2025-03-14", admin);
    expect(all.scheduled.map((a) => a.name).sort()).toEqual(["BF-träff", "FoT-träff", "Sygrupp"]);
    expect(all.others.map((a) => a.name)).toEqual(["FoT-promenad"]);
    expect(all.registered).toHaveLength(4);
  });
});

describe("statistics and enrolment figures across programmes", () => {
  type Page = { error: boolean; stats: AttendanceStats; programs: { id: number }[] };
  const load = (query: string, cookie: string) =>
    loadRoute(statsLoader, `/staff/attendance/stats?from=2025-03-01&to=2025-03-31${query}`, { cookie });

  async function withEnrolment() {
    const s = await setup();
    await insertEnrolments({
      rows: [
        { programId: s.bf.id, onDate: "2025-01-31", women: 30, men: 90, other: 0, notStated: 0 },
        { programId: s.fot.id, onDate: "2025-01-31", women: 20, men: 60, other: 1, notStated: 0 },
      ],
    });
    return s;
  }

  it("shows a case manager only their own programme's figures when no programme is chosen", async () => {
    const { bf, bfCm } = await withEnrolment();
    const out = await load("", bfCm);
    expect(statusOf(out)).toBe(200);
    const { stats, programs } = dataOf<Page>(out);
    expect(programs.map((p) => p.id)).toEqual([bf.id]);
    // BF-träff 5, Sygrupp 2, drop-in 4; FoT-träff's 90 visits are left out.
    expect(stats.total.total).toBe(11);
    expect(stats.perActivity.map((a) => a.label)).not.toContain("FoT-träff");
    // Shared visits belong to every programme: Bostad Först's enrolment alone is not set against them (decision 0012).
    expect(stats.reach.enrolled.total).toBe(0);
    expect(dataOf<Page & { selection: { enrolmentComparable: boolean } }>(out).selection.enrolmentComparable).toBe(
      false,
    );
  });

  it("refuses another programme's id instead of showing its figures", async () => {
    const { fot, bfCm } = await withEnrolment();
    const out = await load(`&program=${fot.id}`, bfCm);
    expect(statusOf(out)).toBe(400);
    expect(dataOf<Page>(out).stats).toBeNull();
  });

  it("still shows admins every programme, and one programme when chosen", async () => {
    const { fot, admin } = await withEnrolment();
    const all = dataOf<Page>(await load("", admin)).stats;
    expect(all.total.total).toBe(101);
    expect(all.reach.enrolled.total).toBe(201);
    const fotOnly = dataOf<Page>(await load(`&program=${fot.id}`, admin)).stats;
    // FoT's own activity only (FoT-träff 90); Sygrupp and drop-in belong to everyone (decision 0012).
    expect(fotOnly.total.total).toBe(90);
    expect(fotOnly.reach.enrolled.total).toBe(81);
  });
});

describe("enrolment writes across programmes", () => {
  const post = (programId: number, cookie: string) =>
    settle(() =>
      enrolmentAction({
        request: postForm(
          "/staff/attendance/enrolment",
          { programId: String(programId), onDate: "2025-01-31", women: "3", men: "4", other: "0", notStated: "0" },
          { cookie },
        ),
        params: {},
        ...ctx,
      }),
    );

  it("refuses a coordinator another programme's enrolment with 422 and lists only their own", async () => {
    const { bf, fot, bfCoordinator, admin } = await setup();
    const refused = await post(fot.id, bfCoordinator);
    expect(statusOf(refused)).toBe(422);
    expect(dataOf<{ errors: Record<string, string> }>(refused).errors.programId).toBe("errProgram");
    expect(await listEnrolments()).toEqual([]);
    expect(statusOf(await post(bf.id, bfCoordinator))).toBe(302);
    expect(statusOf(await post(fot.id, admin))).toBe(302);
    expect((await listEnrolments()).map((e) => e.programId).sort()).toEqual([bf.id, fot.id].sort());

    const page = dataOf<{ programs: { id: number }[]; enrolments: { programId: number }[] }>(
      await loadRoute(enrolmentLoader, "/staff/attendance/enrolment", { cookie: bfCoordinator }),
    );
    expect(page.programs.map((p) => p.id)).toEqual([bf.id]);
    expect(page.enrolments.map((e) => e.programId)).toEqual([bf.id]);
  });
});

describe("CSV import across programmes", () => {
  function upload(fields: Record<string, string | Blob>, cookie: string) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) {
      if (typeof v === "string") form.append(k, v);
      else form.append(k, v, "narvaro.csv");
    }
    return new Request(`${BASE}/staff/attendance/import`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: BASE, Host: new URL(BASE).host },
      body: form,
    });
  }
  const csv = "2025-03-10;BF-träff;2;3;0;0\n2025-03-10;FoT-träff;1;1;0;0\n2025-03-10;Sygrupp;1;0;0;0\n";

  it("makes another programme's rows bad rows and imports nothing, even when asked to import directly", async () => {
    const { bfCoordinator } = await setup();
    const before = await attendanceCount();
    const checked = await settle(() =>
      importAction({ request: upload({ intent: "check", file: new Blob([csv]) }, bfCoordinator), params: {}, ...ctx }),
    );
    expect(statusOf(checked)).toBe(422);
    const problems = dataOf<{
      problems: { line: number; reasons: { key: string; params?: Record<string, string> }[] }[];
    }>(checked).problems;
    expect(problems).toEqual([{ line: 2, reasons: [{ key: "importUnknownActivity", params: { name: "FoT-träff" } }] }]);
    const direct = await settle(() =>
      importAction({ request: upload({ intent: "import", csv }, bfCoordinator), params: {}, ...ctx }),
    );
    expect(statusOf(direct)).toBe(422);
    expect(await attendanceCount()).toBe(before);
  });

  it("imports the same file for an admin", async () => {
    const { admin } = await setup();
    const before = await attendanceCount();
    const done = await settle(() =>
      importAction({ request: upload({ intent: "import", csv }, admin), params: {}, ...ctx }),
    );
    expect(statusOf(done)).toBe(302);
    expect(await attendanceCount()).toBe(before + 3);
  });
});

describe("the activity catalogue across programmes", () => {
  const form = (programId: string) => ({
    intent: "save",
    name: "Ny träff",
    place: "Mallis",
    description: "",
    kind: "regular",
    scope: "mallis",
    countsAttendance: "on",
    startsOn: "2025-01-01",
    programId,
  });

  it("lists and edits only activities the staff member may see; another programme's answers 404", async () => {
    const { fotAct, bfAct, bfCm, bfCoordinator } = await setup();
    const list = dataOf<{ active: { name: string }[] }>(
      await loadRoute(activitiesLoader, "/staff/activities", { cookie: bfCm }),
    );
    expect(list.active.map((a) => a.name).sort()).toEqual(["BF-träff", "Sygrupp"]);
    const read = await loadRoute(editActivityLoader, `/staff/activities/${fotAct}`, {
      cookie: bfCoordinator,
      params: { id: String(fotAct) },
    });
    expect(statusOf(read)).toBe(404);
    for (const fields of [form(""), { intent: "archive" }]) {
      const write = await settle(() =>
        editActivityAction({
          request: postForm(`/staff/activities/${fotAct}`, fields, { cookie: bfCoordinator }),
          params: { id: String(fotAct) },
          ...ctx,
        }),
      );
      expect(statusOf(write)).toBe(404);
    }
    expect(await getActivity({ id: fotAct })).toMatchObject({ name: "FoT-träff", archived: false });
    const own = await loadRoute(editActivityLoader, `/staff/activities/${bfAct}`, {
      cookie: bfCoordinator,
      params: { id: String(bfAct) },
    });
    expect(statusOf(own)).toBe(200);
  });

  it("lets a coordinator tie a new or changed activity only to their own programmes", async () => {
    const { bf, fot, bfAct, bfCoordinator } = await setup();
    const choices = dataOf<{ programs: { id: number }[] }>(
      await loadRoute(newActivityLoader, "/staff/activities/new", { cookie: bfCoordinator }),
    );
    expect(choices.programs.map((p) => p.id)).toEqual([bf.id]);
    const create = (programId: number) =>
      settle(() =>
        newActivityAction({
          request: postForm("/staff/activities/new", form(String(programId)), { cookie: bfCoordinator }),
          params: {},
          ...ctx,
        }),
      );
    expect(statusOf(await create(fot.id))).toBe(422);
    expect(statusOf(await create(bf.id))).toBe(302);
    const move = await settle(() =>
      editActivityAction({
        request: postForm(
          `/staff/activities/${bfAct}`,
          { ...form(String(fot.id)), name: "BF-träff" },
          { cookie: bfCoordinator },
        ),
        params: { id: String(bfAct) },
        ...ctx,
      }),
    );
    expect(statusOf(move)).toBe(422);
    expect((await getActivity({ id: bfAct }))?.programId).toBe(bf.id);
  });
});

describe("ids in the address", () => {
  it("answer 404 when malformed, through the shared parser", async () => {
    const { bfCoordinator } = await setup();
    for (const raw of ["abc", "0", "-3", "1.5", "9007199254740993"]) {
      const record = await loadRoute(correctLoader, `/staff/attendance/${raw}`, {
        cookie: bfCoordinator,
        params: { id: raw },
      });
      expect(statusOf(record), raw).toBe(404);
      const activity = await loadRoute(editActivityLoader, `/staff/activities/${raw}`, {
        cookie: bfCoordinator,
        params: { id: raw },
      });
      expect(statusOf(activity), raw).toBe(404);
      const receipt = await loadRoute(registerLoader, `/staff/attendance?saved=${raw}`, { cookie: bfCoordinator });
      expect(statusOf(receipt), raw).toBe(404);
    }
  });
});
