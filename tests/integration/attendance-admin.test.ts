import iconv from "iconv-lite";
import { beforeEach, describe, expect, it } from "vitest";
import { getActivity, listActivities } from "~/models/activity.server";
import { listAudit } from "~/models/audit.server";
import { enrolmentOn, listEnrolments } from "~/models/enrolment.server";
import { action as importAction } from "~/routes/staff.attendance.import";
import { action as enrolmentAction } from "~/routes/staff.attendance.enrolment";
import { action as newActivityAction } from "~/routes/staff.activities.new";
import { action as editActivityAction, loader as editActivityLoader } from "~/routes/staff.activities.$id";
import { loader as activitiesLoader } from "~/routes/staff.activities._index";
import {
  BASE,
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

const ctx = { context: { clientAddress: "198.51.100.11" } };

beforeEach(resetDatabase);

async function setup() {
  const programs = await makePrograms();
  const { cookie } = await signedInStaff(
    "coordinator",
    programs.map((p) => p.id),
  );
  const { cookie: cmCookie } = await signedInStaff("case_manager", [programs[0].id]);
  const sy = await makeActivity({ name: "Sygrupp", schedule: [{ weekday: 1, startsAt: "13:00", endsAt: "15:00" }] });
  const peer = await makeActivity({ name: "Peer support från Bostad Först" });
  return { programs, sy, peer, cookie, cmCookie };
}

function upload(
  fields: Record<string, string | Blob>,
  { cookie, fileName = "narvaro.csv" }: { cookie: string; fileName?: string },
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === "string") form.append(k, v);
    else form.append(k, v, fileName);
  }
  return new Request(`${BASE}/staff/attendance/import`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: BASE, Host: new URL(BASE).host },
    body: form,
  });
}

const attendanceCount = async () => Number((await db("attendance").count<{ n: number }[]>("* as n"))[0].n);

describe("CSV import", () => {
  it("previews an Excel (Windows-1252, semicolon) file, then imports every row with an audit entry", async () => {
    const { cookie, peer } = await setup();
    const bytes = iconv.encode(
      "Datum;Aktivitet;Kvinnor;Män;Annan;Vill inte uppge\r\n2023-10-02;Sygrupp;2;3;0;0\r\n2023-10-05;Peer support från Bostad Först;1;4;0;1\r\n2023-10-05;Drop-in;0;2;0;0\r\n",
      "win1252",
    );
    const preview = await settle(() =>
      importAction({
        request: upload({ intent: "check", file: new Blob([new Uint8Array(bytes)]) }, { cookie }),
        params: {},
        ...ctx,
      }),
    );
    expect(statusOf(preview)).toBe(200);
    const body = dataOf<{ count: number; problems: unknown[]; rows: { activity: string }[]; csv: string }>(preview);
    expect(body.count).toBe(3);
    expect(body.problems).toEqual([]);
    expect(body.rows[1].activity).toBe("Peer support från Bostad Först");
    expect(await attendanceCount()).toBe(0);

    const done = await settle(() =>
      importAction({
        request: upload({ intent: "import", csv: body.csv, fileName: "narvaro.csv" }, { cookie }),
        params: {},
        ...ctx,
      }),
    );
    expect(statusOf(done)).toBe(302);
    expect(await attendanceCount()).toBe(3);
    const peerRow = await db("attendance").where({ activity_id: peer }).first();
    expect(peerRow).toMatchObject({ date: "2023-10-05", women: 1, men: 4, not_stated: 1, source: "import" });
    expect((await listAudit({ action: "attendance.import" })).entries[0].details).toMatchObject({ rows: 3 });
  });

  it("imports nothing when one row is bad, and names each bad line", async () => {
    const { cookie } = await setup();
    const csv = "2023-10-02,Sygrupp,2,3,0,0\n2023-10-03,Okänd,1,1,0,0\n2023-10-04,Sygrupp,-2,1,0,0\n";
    const out = await settle(() =>
      importAction({ request: upload({ intent: "check", file: new Blob([csv]) }, { cookie }), params: {}, ...ctx }),
    );
    expect(statusOf(out)).toBe(422);
    const body = dataOf<{ problems: { line: number; reasons: { key: string }[] }[] }>(out);
    expect(body.problems.map((p) => [p.line, p.reasons[0].key])).toEqual([
      [2, "importUnknownActivity"],
      [3, "errCount"],
    ]);
    // Even a direct import of the same text is refused as a whole.
    const direct = await settle(() =>
      importAction({ request: upload({ intent: "import", csv }, { cookie }), params: {}, ...ctx }),
    );
    expect(statusOf(direct)).toBe(422);
    expect(await attendanceCount()).toBe(0);
  });

  it("refuses rows already registered", async () => {
    const { cookie } = await setup();
    const csv = "2023-10-02;Sygrupp;2;3;0;0\n";
    await importAction({ request: upload({ intent: "import", csv }, { cookie }), params: {}, ...ctx });
    const again = await settle(() =>
      importAction({ request: upload({ intent: "check", file: new Blob([csv]) }, { cookie }), params: {}, ...ctx }),
    );
    expect(statusOf(again)).toBe(422);
    expect(dataOf<{ problems: { reasons: { key: string }[] }[] }>(again).problems[0].reasons[0].key).toBe(
      "importDuplicateSaved",
    );
    expect(await attendanceCount()).toBe(1);
  });

  it("refuses a file over 2 MB with 413, a case manager with 403 and a foreign origin with 403", async () => {
    const { cookie, cmCookie } = await setup();
    const big = new Blob(["2023-10-02;Sygrupp;2;3;0;0\n".repeat(90_000)]);
    expect(big.size).toBeGreaterThan(2 * 1024 * 1024);
    const tooBig = await settle(() =>
      importAction({ request: upload({ intent: "check", file: big }, { cookie }), params: {}, ...ctx }),
    );
    expect(statusOf(tooBig)).toBe(413);
    expect(dataOf<{ fatal: string }>(tooBig).fatal).toBe("importTooLarge");
    const cm = await settle(() =>
      importAction({
        request: upload({ intent: "check", file: new Blob(["x"]) }, { cookie: cmCookie }),
        params: {},
        ...ctx,
      }),
    );
    expect(statusOf(cm)).toBe(403);
    const foreign = new Request(`${BASE}/staff/attendance/import`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: "https://evil.example", Host: new URL(BASE).host },
      body: new FormData(),
    });
    expect(statusOf(await settle(() => importAction({ request: foreign, params: {}, ...ctx })))).toBe(403);
    expect(await attendanceCount()).toBe(0);
  });
});

describe("enrolment", () => {
  it("records enrolment by gender, replaces the same date (audited) and refuses bad figures", async () => {
    const { cookie, cmCookie, programs } = await setup();
    const bf = programs[0].id;
    const post = (fields: Record<string, string>, c = cookie) =>
      settle(() =>
        enrolmentAction({
          request: postForm("/staff/attendance/enrolment", fields, { cookie: c }),
          params: {},
          ...ctx,
        }),
      );
    expect(
      statusOf(
        await post({ programId: String(bf), onDate: "2023-12-31", women: "34", men: "97", other: "", notStated: "" }),
      ),
    ).toBe(302);
    expect(
      statusOf(
        await post({ programId: String(bf), onDate: "2023-12-31", women: "34", men: "98", other: "0", notStated: "0" }),
      ),
    ).toBe(302);
    expect((await listEnrolments()).map((e) => [e.onDate, e.women, e.men])).toEqual([["2023-12-31", 34, 98]]);
    expect((await enrolmentOn({ date: "2024-05-01", programIds: [bf] }))[0].men).toBe(98);
    expect((await listAudit({ action: "enrolment.correct" })).entries[0].details).toMatchObject({
      before: { men: 97 },
    });
    for (const bad of [{ women: "-1" }, { men: "tio" }, { onDate: "2099-01-01" }, { programId: "999" }]) {
      const out = await post({ programId: String(bf), onDate: "2024-01-31", women: "1", men: "1", ...bad });
      expect(statusOf(out), JSON.stringify(bad)).toBe(422);
    }
    expect(statusOf(await post({ programId: String(bf), onDate: "2024-01-31", women: "1" }, cmCookie))).toBe(403);
    expect(await listEnrolments()).toHaveLength(1);
  });
});

describe("activity catalogue", () => {
  it("lets a coordinator create and edit an activity with a weekly schedule, and archive it, never delete", async () => {
    const { cookie, sy } = await setup();
    const created = await settle(() =>
      newActivityAction({
        request: postForm(
          "/staff/activities/new",
          {
            intent: "save",
            name: "Målargrupp",
            place: "Mallis",
            description: "",
            kind: "regular",
            scope: "mallis",
            countsAttendance: "on",
            startsOn: "2025-01-01",
            programId: "",
            weekday0: "3",
            startsAt0: "13:00",
            endsAt0: "15:00",
            weekday1: "",
            startsAt1: "",
            endsAt1: "",
          },
          { cookie },
        ),
        params: {},
        ...ctx,
      }),
    );
    expect(statusOf(created)).toBe(302);
    const id = Number(locationOf(created)!.match(/activities\/(\d+)/)![1]);
    expect(await getActivity({ id })).toMatchObject({
      name: "Målargrupp",
      countsAttendance: true,
      startsOn: "2025-01-01",
      schedule: [{ weekday: 3, startsAt: "13:00", endsAt: "15:00" }],
    });

    const edit = (fields: Record<string, string>) =>
      settle(() =>
        editActivityAction({
          request: postForm(`/staff/activities/${sy}`, fields, { cookie }),
          params: { id: String(sy) },
          ...ctx,
        }),
      );
    const base = {
      intent: "save",
      name: "Sygrupp",
      place: "Mallis",
      description: "Vi syr.",
      kind: "regular",
      scope: "mallis",
      startsOn: "2023-07-01",
      programId: "",
    };
    expect(
      statusOf(
        await edit({
          ...base,
          weekday0: "1",
          startsAt0: "13:00",
          endsAt0: "15:00",
          weekday1: "4",
          startsAt1: "10:00",
          endsAt1: "",
        }),
      ),
    ).toBe(302);
    expect(await getActivity({ id: sy })).toMatchObject({
      description: "Vi syr.",
      countsAttendance: false,
      schedule: [{ weekday: 1 }, { weekday: 4, endsAt: null }],
    });
    expect(statusOf(await edit({ ...base, weekday0: "1", startsAt0: "15:00", endsAt0: "13:00" }))).toBe(422);
    expect(statusOf(await edit({ ...base, name: "" }))).toBe(422);
    expect(statusOf(await edit({ ...base, kind: "party" }))).toBe(422);

    expect(statusOf(await edit({ intent: "archive" }))).toBe(302);
    expect((await getActivity({ id: sy }))?.archived).toBe(true);
    expect((await listActivities()).map((a) => a.name)).not.toContain("Sygrupp");
    expect((await listActivities({ includeArchived: true })).map((a) => a.name)).toContain("Sygrupp");
    expect((await listAudit({ action: "activity." })).entries.map((e) => e.action).sort()).toEqual([
      "activity.archive",
      "activity.create",
      "activity.update",
    ]);
  });

  it("shows case managers the catalogue but not the editing pages", async () => {
    const { cmCookie, sy } = await setup();
    const list = await settle(() =>
      activitiesLoader({ request: get("/staff/activities", { cookie: cmCookie }), params: {}, ...ctx }),
    );
    expect(dataOf<{ canEdit: boolean; active: unknown[] }>(list)).toMatchObject({ canEdit: false });
    expect(dataOf<{ active: unknown[] }>(list).active).toHaveLength(2);
    const edit = await settle(() =>
      editActivityLoader({
        request: get(`/staff/activities/${sy}`, { cookie: cmCookie }),
        params: { id: String(sy) },
        ...ctx,
      }),
    );
    expect(statusOf(edit)).toBe(403);
  });
});
