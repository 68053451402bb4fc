import { beforeEach, describe, expect, it } from "vitest";
import { getAttendance, listAttendanceForDate } from "~/models/attendance.server";
import { listAudit } from "~/models/audit.server";
import { action as registerAction, loader as registerLoader } from "~/routes/staff.attendance._index";
import { action as correctAction, loader as correctLoader } from "~/routes/staff.attendance.$id";
import { action as importAction } from "~/routes/staff.attendance.import";
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
  makeActivity,
} from "../support/fixtures";

const ctx = { context: { clientAddress: "198.51.100.7" } };

beforeEach(resetDatabase);

async function setup() {
  const programs = await makePrograms();
  const { cookie } = await signedInStaff(
    "coordinator",
    programs.map((p) => p.id),
  );
  const yoga = await makeActivity({ name: "Yoga", schedule: [{ weekday: 5, startsAt: "10:00", endsAt: "11:00" }] });
  return { programs, yoga, cookie };
}

const post = (fields: Record<string, string>, cookie: string) =>
  settle(() => registerAction({ request: postForm("/staff/attendance", fields, { cookie }), params: {}, ...ctx }));

/** A correction carries every count (a form slip must not empty a day); the ones a case leaves out are 0. */
const correct = (id: number, fields: Record<string, string>, cookie: string) =>
  settle(() =>
    correctAction({
      request: postForm(
        `/staff/attendance/${id}`,
        { women: "0", men: "0", other: "0", notStated: "0", ...fields },
        { cookie },
      ),
      params: { id: String(id) },
      ...ctx,
    }),
  );

function upload(csv: string, cookie: string, intent = "check") {
  const form = new FormData();
  form.append("intent", intent);
  if (intent === "import") form.append("csv", csv);
  else form.append("file", new Blob([csv], { type: "text/csv" }), "narvaro.csv");
  return settle(() =>
    importAction({
      request: new Request(`${BASE}/staff/attendance/import`, {
        method: "POST",
        headers: { Cookie: cookie, Origin: BASE, Host: new URL(BASE).host },
        body: form,
      }),
      params: {},
      ...ctx,
    }),
  );
}

const count = async (table: string) => Number((await db(table).count<{ n: number }[]>("* as n"))[0].n);

/** Registers two people (AB12 a woman in programme 1, CD34 a man in no programme) at yoga on 2025-03-14. */
async function registerTwo(yoga: number, programId: number, cookie: string) {
  return post(
    {
      date: "2025-03-14",
      activityId: String(yoga),
      women: "2",
      men: "1",
      codes: "ab-12\nCD 34",
      "newGender.AB12": "women",
      "newProgram.AB12": String(programId),
      "newGender.CD34": "men",
      "newProgram.CD34": "none",
    },
    cookie,
  );
}

describe("the visitor register on the attendance form", () => {
  it("asks about codes it does not know, storing nothing, then adds them to the counts by stated gender", async () => {
    const { yoga, programs, cookie } = await setup();
    const asked = await post(
      { date: "2025-03-14", activityId: String(yoga), women: "2", men: "1", codes: "ab-12\nCD 34" },
      cookie,
    );
    expect(statusOf(asked)).toBe(422);
    expect(dataOf<{ errors: { codes: string }; newCodes: string[] }>(asked)).toMatchObject({
      errors: { codes: "errUnknownCodes" },
      newCodes: ["AB12", "CD34"],
    });
    expect(await count("attendance")).toBe(0);
    expect(await count("visitors")).toBe(0);

    expect(statusOf(await registerTwo(yoga, programs[0].id, cookie))).toBe(302);
    const [row] = await listAttendanceForDate({ date: "2025-03-14" });
    // Typed: 2 women and 1 man without a code; the register adds one woman and one man.
    expect(row).toMatchObject({ women: 3, men: 2, other: 0, notStated: 0, codeCount: 2, firstTime: 2 });
    const visitors = await db("visitors").select("*").orderBy("gender");
    expect(visitors.map((v) => [v.gender, v.program_id, v.first_visit_on, v.last_visit_on])).toEqual([
      ["men", null, "2025-03-14", "2025-03-14"],
      ["women", programs[0].id, "2025-03-14", "2025-03-14"],
    ]);
    expect(visitors.every((v) => /^[0-9a-f]{64}$/.test(v.code_hmac))).toBe(true);

    // A known code on a later day: counted by its stated gender, not a first-timer, and no question asked.
    const again = await post(
      { date: "2025-03-21", activityId: String(yoga), women: "0", men: "0", codes: "AB12", firstTime: "0" },
      cookie,
    );
    expect(statusOf(again)).toBe(302);
    const [later] = await listAttendanceForDate({ date: "2025-03-21" });
    expect(later).toMatchObject({ women: 1, men: 0, codeCount: 1, firstTime: 0 });
    expect(await db("visitors").where({ gender: "women" }).first()).toMatchObject({ last_visit_on: "2025-03-21" });

    // The day list says how many of the count came with a code.
    const day = dataOf<{ registered: { total: number; coded: number }[] }>(
      await settle(() =>
        registerLoader({ request: get("/staff/attendance?date=2025-03-14", { cookie }), params: {}, ...ctx }),
      ),
    );
    expect(day.registered).toEqual([expect.objectContaining({ total: 5, coded: 2 })]);
  });

  it("refuses bad codes and bad answers with 4xx and a message, storing nothing at all", async () => {
    const { yoga, cookie } = await setup();
    const base = { date: "2025-03-14", activityId: String(yoga), women: "1" };
    const fiveThousand = Array.from({ length: 5000 }, (_, i) => `K${String(i).padStart(4, "0")}`).join("\n");
    const cases: [Record<string, string>, number, string | null][] = [
      [{ ...base, codes: "AB12\nA1" }, 422, "errCodeMalformed"],
      [{ ...base, codes: "AB12\n<script>alert(1)</script>" }, 422, "errCodeMalformed"],
      [{ ...base, codes: "=HYPERLINK(1)" }, 422, "errCodeMalformed"],
      [{ ...base, codes: "x'); DROP TABLE visitors;--" }, 422, "errCodeMalformed"],
      [{ ...base, codes: "AB12\nab-12" }, 422, "errCodeTwice"],
      [{ ...base, codes: "AB12", "newGender.AB12": "kvinna", "newProgram.AB12": "none" }, 422, "errNewGender"],
      [{ ...base, codes: "AB12", "newGender.AB12": "women", "newProgram.AB12": "999" }, 422, "errNewProgram"],
      [{ ...base, date: "2999-01-01", codes: "AB12", "newGender.AB12": "women", "newProgram.AB12": "none" }, 422, null],
      [{ ...base, codes: fiveThousand }, 413, null],
      [{ ...base, codes: fiveThousand.slice(0, 12_000) }, 422, "errCodesTooLong"],
    ];
    for (const [fields, status, error] of cases) {
      const out = await post(fields, cookie);
      expect(statusOf(out), JSON.stringify(fields).slice(0, 80)).toBe(status);
      if (error) expect(dataOf<{ errors: { codes?: string } }>(out).errors.codes).toBe(error);
    }
    // 199 people without a code plus two coded ones is over the limit of 200.
    const over = await post(
      {
        ...base,
        women: "199",
        codes: "AB12\nCD34",
        "newGender.AB12": "women",
        "newProgram.AB12": "none",
        "newGender.CD34": "men",
        "newProgram.CD34": "none",
      },
      cookie,
    );
    expect(statusOf(over)).toBe(422);
    expect(dataOf<{ errors: { codes?: string } }>(over).errors.codes).toBe("errTooManyWithCodes");
    expect(await count("attendance")).toBe(0);
    expect(await count("visitors")).toBe(0);
    expect(await count("attendance_codes")).toBe(0);
  });

  it("corrects without a code list keeping the coded visitors, and replaces or clears the codes when asked", async () => {
    const { yoga, programs, cookie } = await setup();
    await registerTwo(yoga, programs[0].id, cookie);
    const [row] = await listAttendanceForDate({ date: "2025-03-14" });
    const page = dataOf<{ anonymous: Record<string, number>; coded: { linked: number }; anonymousFirstTime: number }>(
      await settle(() =>
        correctLoader({
          request: get(`/staff/attendance/${row.id}`, { cookie }),
          params: { id: String(row.id) },
          ...ctx,
        }),
      ),
    );
    expect(page.anonymous).toEqual({ women: 2, men: 1, other: 0, notStated: 0 });
    expect(page.coded.linked).toBe(2);
    expect(page.anonymousFirstTime).toBe(0);

    expect(statusOf(await correct(row.id, { women: "3", men: "1" }, cookie))).toBe(302);
    expect(await getAttendance({ id: row.id })).toMatchObject({ women: 4, men: 2, codeCount: 2 });

    // A new, unknown code on a correction is asked about too, and nothing changes meanwhile.
    const asked = await correct(row.id, { women: "3", men: "1", codes: "AB12\nEF56" }, cookie);
    expect(statusOf(asked)).toBe(422);
    expect(dataOf<{ newCodes: string[] }>(asked).newCodes).toEqual(["EF56"]);
    expect(await getAttendance({ id: row.id })).toMatchObject({ women: 4, men: 2, codeCount: 2 });

    const replaced = await correct(
      row.id,
      { women: "3", men: "1", codes: "AB12\nEF56", "newGender.EF56": "notStated", "newProgram.EF56": "none" },
      cookie,
    );
    expect(statusOf(replaced)).toBe(302);
    expect(await getAttendance({ id: row.id })).toMatchObject({ women: 4, men: 1, notStated: 1, codeCount: 2 });

    expect(statusOf(await correct(row.id, { women: "3", men: "1", clearCodes: "1" }, cookie))).toBe(302);
    expect(await getAttendance({ id: row.id })).toMatchObject({ women: 3, men: 1, notStated: 0, codeCount: 0 });
    const { entries } = await listAudit({ action: "attendance.correct" });
    expect(JSON.stringify(entries)).not.toMatch(/[0-9a-f]{64}|AB12|EF56/);
  });

  it("imports a column of known codes, and refuses a file with an unknown or malformed code without importing", async () => {
    const { yoga, programs, cookie } = await setup();
    await registerTwo(yoga, programs[0].id, cookie);
    const bad =
      "datum;aktivitet;kvinnor;män;annan;vill inte uppge;koder\n2025-03-07;Yoga;1;0;0;0;AB12 ZZ99\n2025-02-28;Yoga;1;0;0;0;AB12 A1\n2025-02-21;Drop-in;0;1;0;0;CD34\n";
    const refused = await upload(bad, cookie);
    expect(statusOf(refused)).toBe(422);
    const problems = dataOf<{ problems: { line: number; reasons: { key: string }[] }[] }>(refused).problems;
    expect(problems.map((p) => [p.line, p.reasons[0].key])).toEqual([
      [2, "importUnknownCodes"],
      [3, "importCodeMalformed"],
    ]);
    // Sent straight to "import", skipping the preview: refused the same way.
    expect(statusOf(await upload(bad, cookie, "import"))).toBe(422);
    expect(await count("attendance")).toBe(1);

    const good = "2025-03-07;Yoga;1;0;0;0;AB12 cd-34\n2025-02-21;Drop-in;0;1;0;0;\n";
    expect(statusOf(await upload(good, cookie))).toBe(200);
    expect(statusOf(await upload(good, cookie, "import"))).toBe(302);
    const [march7] = await listAttendanceForDate({ date: "2025-03-07" });
    expect(march7).toMatchObject({ women: 2, men: 1, codeCount: 2 });
    // The import moved both visitors' first visit back to 2025-03-07.
    expect((await db("visitors").select("first_visit_on")).map((v) => v.first_visit_on)).toEqual([
      "2025-03-07",
      "2025-03-07",
    ]);
  });
});
