import { beforeEach, describe, expect, it } from "vitest";
import { isPostgres } from "~/db.server";
import { createActivity } from "~/models/activity.server";
import { listAllPrograms, listPrograms, PROGRAM_REFERENCES } from "~/models/program.server";
import { loader as newActivityLoader } from "~/routes/staff.activities.new";
import { loader as statsLoader } from "~/routes/staff.attendance.stats";
import { action as programAction, loader as programLoader } from "~/routes/staff.programs.$id";
import { action as listAction, loader as listLoader } from "~/routes/staff.programs._index";
import {
  dataOf,
  db,
  get,
  locationOf,
  makePrograms,
  makeStaff,
  postForm,
  resetDatabase,
  signedInStaff,
  settle,
  statusOf,
} from "../support/fixtures";

const ctx = { context: { clientAddress: "198.51.100.24" } };

beforeEach(resetDatabase);

const admin = () => signedInStaff("admin");

const add = (cookie: string, fields: Record<string, string> | string) =>
  settle(() => listAction({ request: postForm("/staff/programs", fields, { cookie }), params: {}, ...ctx }));

const change = (cookie: string, id: number, fields: Record<string, string>) =>
  settle(() =>
    programAction({
      request: postForm(`/staff/programs/${id}`, fields, { cookie }),
      params: { id: String(id) },
      ...ctx,
    }),
  );

const row = (id: number) => db("programs").where({ id }).first();
const auditOf = (action: string) => db("audit_log").where({ action, entity_type: "program" });

describe("the programmes admin page (issue 10, point 15)", () => {
  it("adds a programme with a slug of its own, audited, and refuses a name that is empty, too long or taken", async () => {
    await makePrograms();
    const { cookie } = await admin();
    const out = await add(cookie, { name: "  Ungdomsboende\u0000  Söder " });
    expect(statusOf(out)).toBe(303);
    const id = Number(new URL(locationOf(out)!, "http://x").searchParams.get("added"));
    expect(await row(id)).toMatchObject({
      name: "Ungdomsboende Söder",
      slug: "ungdomsboende-soder",
      archived_at: null,
    });
    const [entry] = await auditOf("program.create");
    expect(entry).toMatchObject({ entity_id: String(id) });

    const before = await db("programs").count("* as n");
    for (const [fields, status, error] of [
      [{ name: "" }, 422, "errName"],
      [{ name: "   \u200b " }, 422, "errName"],
      [{ name: "x".repeat(201) }, 422, "errName"],
      [{}, 422, "errName"],
      [{ name: "bostad  FÖRST" }, 409, "errTaken"],
    ] as const) {
      const refused = await add(cookie, fields);
      expect(statusOf(refused), JSON.stringify(fields)).toBe(status);
      expect(dataOf<{ errors: Record<string, string> }>(refused).errors.name).toBe(error);
    }
    expect(await db("programs").count("* as n")).toEqual(before);
    expect(await auditOf("program.create")).toHaveLength(1);
  });

  it("renames with the version the page showed, and answers a stale page with 409 leaving the newer name", async () => {
    const [bf] = await makePrograms();
    const { cookie } = await admin();
    const page = dataOf<{ program: { version: number } }>(
      await settle(() =>
        programLoader({ request: get(`/staff/programs/${bf.id}`, { cookie }), params: { id: String(bf.id) }, ...ctx }),
      ),
    );
    const version = String(page.program.version);
    const first = await change(cookie, bf.id, { intent: "rename", version, name: "Bostad Först Stockholm" });
    expect(statusOf(first)).toBe(303);
    // A second tab still showing the old version.
    const stale = await change(cookie, bf.id, { intent: "rename", version, name: "Något annat" });
    expect(statusOf(stale)).toBe(409);
    expect(dataOf<{ errors: Record<string, string> }>(stale).errors.form).toBe("errConflict");
    expect(await row(bf.id)).toMatchObject({ name: "Bostad Först Stockholm", version: 2 });
    const staleArchive = await change(cookie, bf.id, { intent: "archive", version });
    expect(statusOf(staleArchive)).toBe(409);
    expect((await row(bf.id)).archived_at).toBeNull();
    const renames = await auditOf("program.rename");
    expect(renames).toHaveLength(1);
    expect(JSON.parse(renames[0].details)).toEqual({ from: "Bostad Först", to: "Bostad Först Stockholm" });
    // A missing or malformed version is refused like a stale one.
    for (const v of ["", "abc", "-1"]) {
      expect(statusOf(await change(cookie, bf.id, { intent: "rename", version: v, name: "X" }))).toBe(409);
    }
    expect(statusOf(await change(cookie, bf.id, { intent: "explode", version: "2" }))).toBe(400);
  });

  it("archives: gone from pickers, kept in statistics and history; restores; never deletes one with data", async () => {
    const [bf, fot] = await makePrograms();
    const { staff, cookie } = await admin();
    await makeStaff({ role: "case_manager", programIds: [fot.id] });
    await createActivity({
      name: "FoT-träff",
      place: "Mallis",
      kind: "regular",
      scope: "mallis",
      countsAttendance: true,
      programId: fot.id,
      startsOn: "2024-01-01",
      schedule: [],
    });
    const out = await change(cookie, fot.id, { intent: "archive", version: "1" });
    expect(statusOf(out)).toBe(303);
    expect((await row(fot.id)).archived_at).toMatch(/^\d{4}-/);
    expect((await listPrograms()).map((p) => p.id)).toEqual([bf.id]);
    expect((await listAllPrograms()).map((p) => [p.id, p.archived])).toEqual([
      [bf.id, false],
      [fot.id, true],
    ]);
    // A picker for something new leaves it out; the statistics still offer its history.
    const newActivity = dataOf<{ programs: { id: number }[] }>(
      await settle(() => newActivityLoader({ request: get("/staff/activities/new", { cookie }), params: {}, ...ctx })),
    );
    expect(newActivity.programs.map((p) => p.id)).toEqual([bf.id]);
    const stats = await settle(() =>
      statsLoader({ request: get(`/staff/attendance/stats?program=${fot.id}`, { cookie }), params: {}, ...ctx }),
    );
    expect(statusOf(stats)).toBe(200);
    expect(dataOf<{ programs: { id: number; archived: boolean }[] }>(stats).programs).toContainEqual(
      expect.objectContaining({ id: fot.id, archived: true }),
    );

    // Data (an activity, a staff member's scope): never deleted.
    const refused = await change(cookie, fot.id, { intent: "delete", version: "2" });
    expect(statusOf(refused)).toBe(409);
    expect(dataOf<{ errors: Record<string, string> }>(refused).errors.form).toBe("errInUse");
    expect(await row(fot.id)).toBeTruthy();
    expect(await db("staff_programs").where({ program_id: fot.id })).toHaveLength(1);

    expect(statusOf(await change(cookie, fot.id, { intent: "restore", version: "2" }))).toBe(303);
    expect((await row(fot.id)).archived_at).toBeNull();
    expect(statusOf(await change(cookie, fot.id, { intent: "restore", version: "3" }))).toBe(409);
    expect((await auditOf("program.archive")).map((e) => e.actor_id)).toEqual([staff.id]);
    expect(await auditOf("program.restore")).toHaveLength(1);
  });

  it("deletes a programme nothing refers to, audited", async () => {
    await makePrograms();
    const { cookie } = await admin();
    const added = await add(cookie, { name: "Felskrivet" });
    const id = Number(new URL(locationOf(added)!, "http://x").searchParams.get("added"));
    const out = await change(cookie, id, { intent: "delete", version: "1" });
    expect(locationOf(out)).toBe("/staff/programs?deleted=1");
    expect(await row(id)).toBeUndefined();
    expect(await auditOf("program.delete")).toHaveLength(1);
    const gone = await settle(() =>
      programLoader({ request: get(`/staff/programs/${id}`, { cookie }), params: { id: String(id) }, ...ctx }),
    );
    expect(statusOf(gone)).toBe(404);
  });

  it("is for admins only", async () => {
    const [bf] = await makePrograms();
    const { cookie } = await signedInStaff("coordinator", [bf.id]);
    const list = await settle(() => listLoader({ request: get("/staff/programs", { cookie }), params: {}, ...ctx }));
    expect(statusOf(list)).toBe(403);
    expect(statusOf(await add(cookie, { name: "Smyg" }))).toBe(403);
    expect(statusOf(await change(cookie, bf.id, { intent: "archive", version: "1" }))).toBe(403);
    expect((await row(bf.id)).archived_at).toBeNull();
  });

  it("knows every table that refers to a programme (a new one must be added to the list)", async () => {
    const tables: string[] = isPostgres()
      ? (
          await db("information_schema.columns")
            .where({ column_name: "program_id" })
            .whereRaw("table_schema = current_schema()")
            .select("table_name")
        ).map((r: { table_name: string }) => r.table_name)
      : (await db("sqlite_master").where({ type: "table" }).select("name")).map((r: { name: string }) => r.name);
    const withProgram = isPostgres()
      ? tables
      : (await Promise.all(tables.map(async (t) => ((await db.schema.hasColumn(t, "program_id")) ? t : null)))).filter(
          (t): t is string => t !== null,
        );
    expect([...withProgram].sort()).toEqual(PROGRAM_REFERENCES.map((r) => r.table).sort());
  });
});
