import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { NOTHING, recordScope, type Scope } from "~/auth/scope";
import { down as dropReportPrograms, up as addReportPrograms } from "../../db/migrations/0034_report_programs";
import { listProgramsForAdmin, type Program } from "~/models/program.server";
import { createReport, getReport, latestEditedTexts, listReports, saveSectionText } from "~/models/report.server";
import type { StaffUser } from "~/models/staff.server";
import { createWorkshop, listWorkshopsByIds } from "~/models/workshop.server";
import type { Draft } from "~/reports/draft-types";
import { loader as listLoader } from "~/routes/staff.reports._index";
import { loader as reportLoader } from "~/routes/staff.reports.$id._index";
import {
  dataOf,
  db,
  get,
  makePrograms,
  makeStaff,
  resetDatabase,
  sessionCookie,
  settle,
  statusOf,
} from "../support/fixtures";

// Programme scope is a condition in the SQL of every list (issue 9, item 2; decision 0037): a record outside the
// reader's scope never leaves the database, on SQLite and on PostgreSQL alike.

const ctx = { context: { clientAddress: "198.51.100.7" } };
let bf: Program;
let fot: Program;
let admin: StaffUser;
let coordinator: StaffUser;

async function report(title: string, programIds: number[]): Promise<number> {
  return createReport({
    title,
    from: "2026-01-01",
    to: "2026-06-30",
    programIds,
    draft: {} as Draft,
    carried: {},
    actor: admin,
    ip: "198.51.100.7",
  });
}

const titles = async (scope?: Scope) => (await listReports({ scope })).map((r) => r.title).sort();

beforeEach(async () => {
  await resetDatabase();
  [bf, fot] = await makePrograms();
  admin = await makeStaff({ role: "admin", programIds: [] });
  coordinator = await makeStaff({ role: "coordinator", programIds: [bf.id] });
});

afterAll(resetDatabase);

describe("reports: in scope when every programme they cover is", () => {
  beforeEach(async () => {
    await report("Bostad Först", [bf.id]);
    await report("FoT", [fot.id]);
    await report("Båda", [bf.id, fot.id]);
  });

  it("lists to a coordinator only the reports all of whose programmes they work in", async () => {
    expect(await titles(recordScope(coordinator, "shared"))).toEqual(["Bostad Först"]);
    expect(await titles(recordScope(admin, "shared"))).toEqual(["Bostad Först", "Båda", "FoT"]);
    expect(await titles(NOTHING)).toEqual([]);
  });

  it("follows the named rule for a report tied to no programme", async () => {
    await report("Utan program", []);
    const shared: Scope = { all: false, programIds: [bf.id], unassigned: true };
    const triage: Scope = { all: false, programIds: [bf.id], unassigned: false };
    expect(await titles(shared)).toEqual(["Bostad Först", "Utan program"]);
    expect(await titles(triage)).toEqual(["Bostad Först"]);
    expect(await titles({ all: false, programIds: [], unassigned: true })).toEqual(["Utan program"]);
  });

  it("returns one report only within scope", async () => {
    const both = (await listReports()).find((r) => r.title === "Båda")!;
    expect(await getReport({ id: both.id, scope: recordScope(coordinator, "shared") })).toBeNull();
    expect((await getReport({ id: both.id, scope: recordScope(admin, "shared") }))?.title).toBe("Båda");
    expect((await getReport({ id: both.id }))?.programIds).toEqual([bf.id, fot.id]);
  });

  it("keeps the reports list and page of another programme's report from a coordinator", async () => {
    const cookie = await sessionCookie(coordinator);
    const list = dataOf<{ reports: { title: string }[] }>(
      await settle(() => listLoader({ request: get("/staff/reports", { cookie }), params: {}, ...ctx })),
    );
    expect(list.reports.map((r) => r.title)).toEqual(["Bostad Först"]);
    const both = (await listReports()).find((r) => r.title === "Båda")!;
    const page = await settle(() =>
      reportLoader({ request: get(`/staff/reports/${both.id}`, { cookie }), params: { id: String(both.id) }, ...ctx }),
    );
    expect(statusOf(page)).toBe(404);
  });

  it("carries background texts only from reports sharing a programme", async () => {
    const fotReport = (await listReports()).find((r) => r.title === "FoT")!;
    await saveSectionText({
      id: fotReport.id,
      key: "bakgrund",
      text: "FoT:s bakgrund",
      editedFigures: {},
      expectedVersion: 1,
      actor: admin,
      ip: "198.51.100.7",
    });
    expect(await latestEditedTexts({ programIds: [bf.id], keys: ["bakgrund"] })).toEqual({});
    expect(await latestEditedTexts({ programIds: [fot.id], keys: ["bakgrund"] })).toEqual({
      bakgrund: "FoT:s bakgrund",
    });
  });

  it("counts a report as a use of each of its programmes (so neither can be deleted)", async () => {
    const uses = new Map((await listProgramsForAdmin()).map((p) => [p.id, p.use.reports]));
    expect(uses.get(bf.id)).toBe(2);
    expect(uses.get(fot.id)).toBe(2);
  });

  it("backfills the programme rows from the JSON list written before migration 0034", async () => {
    await dropReportPrograms(db);
    await db("reports").insert({
      title: "Gammal",
      period_from: "2025-01-01",
      period_to: "2025-06-30",
      program_ids: JSON.stringify([fot.id, fot.id]),
      status: "draft",
      draft: "{}",
      version: 1,
      created_at: "2025-07-01T00:00:00.000Z",
      updated_at: "2025-07-01T00:00:00.000Z",
      generated_at: "2025-07-01T00:00:00.000Z",
    });
    await addReportPrograms(db);
    expect(await titles(recordScope(coordinator, "shared"))).toEqual(["Bostad Först"]);
    expect(await titles({ all: false, programIds: [fot.id], unassigned: false })).toEqual(["FoT", "Gammal"]);
    expect(Number((await db("report_programs").count("* as n").first())?.n)).toBe(5);
  });
});

describe("workshops followed up: scope in SQL", () => {
  it("returns another programme's session to no one outside it, and one without a programme to everyone", async () => {
    const make = (title: string, programId: number | null) =>
      createWorkshop({ title, heldOn: "2026-03-01", place: "Mallis", programId, followsIds: [], facilitatorId: null });
    const ids = [(await make("BF", bf.id)).id, (await make("FoT", fot.id)).id, (await make("Öppen", null)).id];
    const seen = async (scope: Scope) => (await listWorkshopsByIds({ ids, scope })).map((w) => w.title).sort();
    expect(await seen(recordScope(coordinator, "shared"))).toEqual(["BF", "Öppen"]);
    expect(await seen({ all: false, programIds: [bf.id], unassigned: false })).toEqual(["BF"]);
    expect(await seen(recordScope(admin, "shared"))).toEqual(["BF", "FoT", "Öppen"]);
  });
});
