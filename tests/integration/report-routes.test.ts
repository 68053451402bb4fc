import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { insertAttendanceBatch } from "~/models/attendance.server";
import { insertEnrolments } from "~/models/enrolment.server";
import { getReport, listReportVersions } from "~/models/report.server";
import { action as newAction } from "~/routes/staff.reports.new";
import { action as reportAction, loader as reportLoader } from "~/routes/staff.reports.$id._index";
import { action as sectionAction } from "~/routes/staff.reports.$id.sections.$key";
import { loader as docxLoader } from "~/routes/staff.reports.$id[.]docx";
import { loader as chartLoader } from "~/routes/staff.reports.$id.charts.$key[.]png";
import { loader as listLoader } from "~/routes/staff.reports._index";
import type { Program } from "~/models/program.server";
import { addVisitors } from "~/models/visitor.server";
import { blocksToText } from "~/reports/plain-text";
import type { StaffUser } from "~/models/staff.server";
import {
  dataOf,
  db,
  makePrograms,
  makeStaff,
  postForm,
  resetDatabase,
  sessionCookie,
  settle,
  statusOf,
  locationOf,
  headersOf,
  makeActivity,
  loadRoute,
} from "../support/fixtures";

const ctx = { context: { clientAddress: "198.51.100.7" } };
let bf: Program;
let fot: Program;
let coordinator: StaffUser;
let cookie: string;

async function attendance(date: string, women: number, men: number, activityId: number) {
  await insertAttendanceBatch({
    rows: [{ input: { date, activityId, women, men, other: 0, notStated: 0, firstTime: null, note: "" } }],
  });
}

beforeEach(async () => {
  await resetDatabase();
  [bf, fot] = await makePrograms();
  coordinator = await makeStaff({ role: "coordinator", programIds: [bf.id] });
  cookie = await sessionCookie(coordinator);
  const sy = await makeActivity({
    name: "Sygrupp",
    startsOn: "2026-01-01",
    schedule: [{ weekday: 2, startsAt: "13:00", endsAt: "15:00" }],
  });
  await attendance("2026-07-07", 3, 9, sy);
  await attendance("2026-07-14", 2, 8, sy);
  await insertEnrolments({
    rows: [{ programId: bf.id, onDate: "2026-07-01", women: 40, men: 120, other: 0, notStated: 0 }],
  });
});

afterAll(resetDatabase);

const create = (fields: Record<string, string | string[]>, c = cookie) =>
  settle(() => newAction({ request: postForm("/staff/reports/new", fields, { cookie: c }), params: {}, ...ctx }));

async function newReport(): Promise<number> {
  const out = await create({
    title: "Uppföljning juli–december 2026",
    from: "2026-07-01",
    to: "2026-12-31",
    programId: String(bf.id),
  });
  expect(statusOf(out)).toBe(303);
  const location = locationOf(out)!;
  expect(location).toMatch(/^\/staff\/reports\/\d+$/);
  return Number(location.split("/").pop());
}

const sectionPost = (id: number, key: string, fields: Record<string, string>) =>
  settle(() =>
    sectionAction({
      request: postForm(`/staff/reports/${id}/sections/${key}`, fields, { cookie }),
      params: { id: String(id), key },
      ...ctx,
    }),
  );

const reportPost = (id: number, fields: Record<string, string>) =>
  settle(() =>
    reportAction({ request: postForm(`/staff/reports/${id}`, fields, { cookie }), params: { id: String(id) }, ...ctx }),
  );

/** Writes the two sections the drafting leaves an instruction in, as the coordinator does before finalising. */
async function writeInstructedSections(id: number, version: number): Promise<void> {
  const background = "Partnerskapet gäller 1 januari 2026 – 31 december 2028.";
  const governance = "Styrgruppen har sammanträtt två gånger och samverkansgruppen varje månad.";
  expect(
    statusOf(await sectionPost(id, "bakgrund", { intent: "save", text: background, version: String(version) })),
  ).toBe(303);
  expect(
    statusOf(await sectionPost(id, "samverkan", { intent: "save", text: governance, version: String(version + 1) })),
  ).toBe(303);
}

describe("POST /staff/reports/new", () => {
  it("drafts a report and redirects to it (the fixed contract)", async () => {
    const id = await newReport();
    const report = await getReport({ id });
    expect(report?.status).toBe("draft");
    expect(report?.programIds).toEqual([bf.id]);
    const besok = report!.draft.sections.find((s) => s.key === "besok")!;
    expect(JSON.stringify(besok.blocks)).toContain("visits.total");
    expect(report!.draft.figures["visits.total"].value).toBe(22);
    const audit = await db("audit_log").where({ action: "report.create", entity_id: String(id) });
    expect(audit).toHaveLength(1);
  });

  it("refuses a period that ends before it starts, with a Swedish message and nothing saved", async () => {
    const out = await create({ title: "Fel", from: "2026-12-31", to: "2026-07-01", programId: String(bf.id) });
    expect(statusOf(out)).toBe(422);
    expect(dataOf<{ errors: Record<string, string> }>(out).errors.to).toBe("errOrder");
    expect(Number((await db("reports").count("* as n").first())?.n)).toBe(0);
  });

  it("refuses more than five years", async () => {
    const out = await create({ title: "Lång", from: "2019-01-01", to: "2026-12-31", programId: String(bf.id) });
    expect(statusOf(out)).toBe(422);
    expect(dataOf<{ errors: Record<string, string> }>(out).errors.to).toBe("errTooLong");
  });

  it("refuses a programme the user cannot see, and malformed input", async () => {
    expect(
      statusOf(await create({ title: "X", from: "2026-07-01", to: "2026-12-31", programId: String(fot.id) })),
    ).toBe(422);
    expect(statusOf(await create({ title: "X", from: "2026-02-31", to: "2026-12-31", programId: "1" }))).toBe(422);
    expect(statusOf(await create({ title: "X", from: "2026-07-01", to: "2026-12-31", programId: "1 OR 1=1" }))).toBe(
      422,
    );
    expect(statusOf(await create({ title: "", from: "2026-07-01", to: "2026-12-31", programId: String(bf.id) }))).toBe(
      422,
    );
    expect(Number((await db("reports").count("* as n").first())?.n)).toBe(0);
  });

  it("writes a report that says so when the period has no data at all", async () => {
    const out = await create({ title: "Tom", from: "2020-01-01", to: "2020-06-30", programId: String(bf.id) });
    const id = Number(locationOf(out)!.split("/").pop());
    const page = dataOf<Awaited<ReturnType<typeof reportLoader>>>(
      await loadRoute(reportLoader, `/staff/reports/${id}`, { cookie, params: { id: String(id) } }),
    );
    const text = JSON.stringify(page.view.sections);
    expect(text).toContain("Under perioden registrerades inga besök");
    expect(text).toContain("Under perioden hölls ingen framtidsverkstad.");
    expect(text).not.toMatch(/NaN|undefined|0 procent av 0/);
  });

  it("is closed to roles without the reports capability", async () => {
    const cm = await makeStaff({ role: "case_manager", programIds: [bf.id] });
    const out = await create(
      { title: "X", from: "2026-07-01", to: "2026-12-31", programId: String(bf.id) },
      await sessionCookie(cm),
    );
    expect(statusOf(out)).toBe(403);
  });
});

describe("editing, regenerating and finalising", () => {
  it("keeps an edited section through regeneration and marks it when its figures changed", async () => {
    const id = await newReport();
    const before = await getReport({ id });
    const saved = await sectionPost(id, "besok", {
      intent: "save",
      text: "Verksamheten hade många besök.\n\n– en punkt",
      version: String(before!.version),
    });
    expect(statusOf(saved)).toBe(303);
    // New data arrives, then the figures are fetched again.
    const [activity] = await db("activities").select("id");
    await attendance("2026-08-04", 4, 10, activity.id);
    const afterEdit = await getReport({ id });
    const regen = await reportPost(id, { intent: "regenerate", version: String(afterEdit!.version) });
    expect(statusOf(regen)).toBe(303);
    const report = await getReport({ id });
    const besok = report!.sections.find((s) => s.key === "besok")!;
    expect(besok.editedText).toBe("Verksamheten hade många besök.\n\n– en punkt");
    expect(besok.stale).toBe(true);
    expect(besok.changedFigures.find((c) => c.key === "visits.total")).toMatchObject({
      before: "22 besök",
      after: "36 besök",
    });
    // An unedited section follows the new figures.
    expect(report!.draft.figures["visits.total"].value).toBe(36);
    expect((await listReportVersions({ id })).map((v) => v.action)).toEqual(["regenerate", "edit", "create"]);
  });

  it("refuses an edit made from an old version, so nobody overwrites someone else unseen", async () => {
    const id = await newReport();
    const first = await sectionPost(id, "bakgrund", { intent: "save", text: "Ett", version: "1" });
    expect(statusOf(first)).toBe(303);
    const second = await sectionPost(id, "bakgrund", { intent: "save", text: "Två", version: "1" });
    expect(statusOf(second)).toBe(409);
    expect((await getReport({ id }))!.sections.find((s) => s.key === "bakgrund")!.editedText).toBe("Ett");
  });

  it("refuses oversized, empty and unknown-section edits with 4xx and saves nothing", async () => {
    const id = await newReport();
    expect(statusOf(await sectionPost(id, "besok", { intent: "save", text: "å".repeat(20_001), version: "1" }))).toBe(
      422,
    );
    expect(statusOf(await sectionPost(id, "besok", { intent: "save", text: "x".repeat(300_000), version: "1" }))).toBe(
      413,
    );
    expect(statusOf(await sectionPost(id, "besok", { intent: "save", text: "  \n ", version: "1" }))).toBe(422);
    const unknown = await sectionPost(id, "nope", { intent: "save", text: "x", version: "1" });
    expect(unknown.thrown).toBe(true);
    expect(statusOf(unknown)).toBe(404);
    expect((await getReport({ id }))!.version).toBe(1);
  });

  it("refuses to finalise while a section still holds the drafting's instruction ('Beskriv här …')", async () => {
    const id = await newReport();
    const refused = await reportPost(id, { intent: "finalise", version: "1", confirm: "on" });
    expect(statusOf(refused)).toBe(422);
    const report = await getReport({ id });
    expect(report!.status).toBe("draft");
    expect(report!.version).toBe(1);
    expect(await db("audit_log").where({ action: "report.finalise", entity_id: String(id) })).toHaveLength(0);
    // Written, but the instruction left in: still refused.
    const kept = "Avtalet gäller 2026–2028. Beskriv här partnerskapets avtalsperiod och eventuella förändringar.";
    expect(statusOf(await sectionPost(id, "bakgrund", { intent: "save", text: kept, version: "1" }))).toBe(303);
    expect(statusOf(await reportPost(id, { intent: "finalise", version: "2", confirm: "on" }))).toBe(422);
    await writeInstructedSections(id, 2);
    expect(statusOf(await reportPost(id, { intent: "finalise", version: "4", confirm: "on" }))).toBe(303);
    expect((await getReport({ id }))!.status).toBe("final");
  });

  it("locks a finalised report: its figures stay frozen and edits are refused", async () => {
    const id = await newReport();
    expect(statusOf(await reportPost(id, { intent: "finalise", version: "1" }))).toBe(422);
    await writeInstructedSections(id, 1);
    expect(statusOf(await reportPost(id, { intent: "finalise", version: "3", confirm: "on" }))).toBe(303);
    const [activity] = await db("activities").select("id");
    await attendance("2026-09-01", 5, 5, activity.id);
    expect(statusOf(await sectionPost(id, "besok", { intent: "save", text: "Nytt", version: "4" }))).toBe(409);
    expect(statusOf(await reportPost(id, { intent: "regenerate", version: "4" }))).toBe(409);
    const report = await getReport({ id });
    expect(report!.status).toBe("final");
    expect(report!.draft.figures["visits.total"].value).toBe(22);
    const audit = await db("audit_log").where({ action: "report.finalise", entity_id: String(id) });
    expect(audit).toHaveLength(1);
  });

  it("gives the Word document and the charts, and hides other programmes' reports", async () => {
    const id = await newReport();
    const docx = await loadRoute(docxLoader, `/staff/reports/${id}.docx`, { cookie, params: { id: String(id) } });
    const response = docx.value as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("wordprocessingml");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(String.fromCharCode(bytes[0], bytes[1])).toBe("PK");
    const chart = await loadRoute(chartLoader, `/staff/reports/${id}/charts/visits-month-chart.png`, {
      cookie,
      params: { id: String(id), key: "visits-month-chart" },
    });
    expect(headersOf(chart).get("Content-Type")).toBe("image/png");
    const badChart = await loadRoute(chartLoader, `/staff/reports/${id}/charts/__proto__.png`, {
      cookie,
      params: { id: String(id), key: "__proto__" },
    });
    expect(statusOf(badChart)).toBe(404);

    const other = await makeStaff({ role: "coordinator", programIds: [fot.id] });
    const otherCookie = await sessionCookie(other);
    const hidden = await loadRoute(reportLoader, `/staff/reports/${id}`, {
      cookie: otherCookie,
      params: { id: String(id) },
    });
    expect(statusOf(hidden)).toBe(404);
    const list = dataOf<{ reports: unknown[] }>(await loadRoute(listLoader, "/staff/reports", { cookie: otherCookie }));
    expect(list.reports).toHaveLength(0);
  });

  it("starts the next report's background from the previous report's", async () => {
    const id = await newReport();
    await sectionPost(id, "bakgrund", { intent: "save", text: "Vår egen bakgrundstext.", version: "1" });
    const next = await newReport();
    const report = await getReport({ id: next });
    expect(report!.sections.find((s) => s.key === "bakgrund")!.editedText).toBe("Vår egen bakgrundstext.");
  });
});

describe("persons reached", () => {
  it("counts persons by gender where codes were registered, and says the count is a floor when some were not", async () => {
    const [activity] = await db("activities").select("id");
    const women = Array.from({ length: 6 }, (_, i) => `w${i}`.padEnd(64, "0"));
    const men = Array.from({ length: 8 }, (_, i) => `m${i}`.padEnd(64, "0"));
    await addVisitors(db, [
      ...women.map((hmac) => ({ hmac, gender: "women" as const, programId: bf.id, source: "staff" as const })),
      ...men.map((hmac) => ({ hmac, gender: "men" as const, programId: bf.id, source: "staff" as const })),
    ]);
    await insertAttendanceBatch({
      rows: [
        {
          input: {
            date: "2026-08-11",
            activityId: activity.id,
            women: 6,
            men: 8,
            other: 0,
            notStated: 0,
            firstTime: null,
            note: "",
          },
          codeHmacs: [...women, ...men],
        },
      ],
    });
    const id = await newReport();
    const report = await getReport({ id });
    const besok = report!.draft.sections.find((s) => s.key === "besok")!;
    const text = blocksToText(besok.blocks, report!.draft.figures);
    // 22 visits had no code: a floor, the 14 coded people or the busiest registration (nine men) where larger.
    expect(text).toContain("Under perioden nådde verksamheten minst 15 personer: minst sex kvinnor och minst nio män.");
    expect(text).toContain("Av besöken registrerades 22 utan deltagarkod.");
    expect(report!.draft.tables.reach.rows[0].cells).toEqual(["6", "9", "0", "15"]);
  });
});
