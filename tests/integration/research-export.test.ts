import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { exportJob } from "~/exports/exports.server";
import { listAudit } from "~/models/audit.server";
import { getExport } from "~/models/export.server";
import { participantCodeHmac } from "~/privacy/participant-code.server";
import { loader as listLoader } from "~/routes/staff.exports._index";
import { loader as detailLoader } from "~/routes/staff.exports.$id";
import { loader as zipLoader } from "~/routes/staff.exports.$id[.]zip";
import { action as newAction } from "~/routes/staff.exports.new";
import { addRedactionName } from "~/models/redaction-name.server";
import { seedBrukarenkat } from "../support/export-data";
import {
  dataOf,
  db,
  get,
  makePrograms,
  makeStaff,
  postForm,
  resetDatabase,
  sessionCookie,
  settle,
  statusOf,
  locationOf,
} from "../support/fixtures";
import { makeCampaign } from "../support/surveys";
import { listZipEntries, readZipEntry } from "../support/zip";

const ctx = { context: { clientAddress: "192.0.2.20" } };
const FILES = [
  "LÄS_MIG.txt",
  "data.csv",
  "data_sv.csv",
  "codebook.csv",
  "codebook.html",
  "import.R",
  "import.sps",
  "manifest.json",
];
const PNR = "19121212-1212";
const QI = ["program", "gender", "visits"];

let programs: Awaited<ReturnType<typeof makePrograms>>;

beforeAll(() => {
  process.env.EXPORT_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "deltagarrost-exports-"));
});

beforeEach(async () => {
  await resetDatabase();
  programs = await makePrograms();
});

async function countExports(): Promise<number> {
  return Number((await db("exports").count("* as n").first())!.n);
}

async function createExport(cookie: string, fields: Record<string, string | string[]>) {
  const out = await settle(async () =>
    newAction({ request: postForm("/staff/exports/new", fields, { cookie }), params: {}, ...ctx }),
  );
  return out;
}

async function createAndWait(cookie: string, fields: Record<string, string | string[]>): Promise<number> {
  const out = await createExport(cookie, fields);
  expect(statusOf(out)).toBe(303);
  const location = locationOf(out)!;
  const id = Number(/\/staff\/exports\/(\d+)/.exec(location)![1]);
  await exportJob(id);
  return id;
}

async function download(cookie: string, id: number): Promise<Buffer> {
  const res = (await zipLoader({
    request: get(`/staff/exports/${id}.zip`, { cookie }),
    params: { id: String(id) },
    ...ctx,
  })) as Response;
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("application/zip");
  return Buffer.from(await res.arrayBuffer());
}

function csvRows(text: string, delimiter = ","): Record<string, string>[] {
  expect(text.startsWith("\uFEFF")).toBe(true);
  return parse(text.slice(1), { columns: true, delimiter, relax_column_count: false }) as Record<string, string>[];
}

async function scenario() {
  const researcher = await makeStaff({ role: "researcher", programIds: [programs[0].id] });
  const wave1 = await makeCampaign({ programId: programs[0].id, code: "VAR26", mode: "participant_code" });
  const wave2 = await makeCampaign({ programId: programs[0].id, code: "HOST26", mode: "participant_code" });
  const people = ["ABC123", "DEF456", "GHI789"].map(participantCodeHmac);
  const ids1 = await seedBrukarenkat({
    campaignId: wave1,
    count: 60,
    seed: 7,
    participants: people,
    freeTexts: [`Mitt personnummer är ${PNR}, ring 08-508 250 84`, '=HYPERLINK("http://evil")', "Hälsa till Gunilla"],
  });
  const ids2 = await seedBrukarenkat({ campaignId: wave2, count: 45, seed: 8, participants: people, month: "2026-10" });
  return { researcher, wave1, wave2, people, ids: [...ids1, ...ids2] };
}

describe("the research export", () => {
  it("makes a ZIP with every file; de-identified, k-anonymous, Excel-safe, checksums that match", async () => {
    const { researcher, wave1, wave2, people, ids } = await scenario();
    await addRedactionName({ name: "Gunilla", actor: researcher, ip: "192.0.2.20" });
    const cookie = await sessionCookie(researcher);
    const id = await createAndWait(cookie, { campaignId: [String(wave1), String(wave2)], freeText: "on", k: "5" });
    const record = (await getExport({ id }))!;
    expect(record.status).toBe("done");
    const zip = await download(cookie, id);
    expect(createHash("sha256").update(zip).digest("hex")).toBe(record.checksum);
    expect(listZipEntries(zip)).toEqual(FILES);

    const text = Object.fromEntries(FILES.map((f) => [f, readZipEntry(zip, f)!]));
    const rows = csvRows(text["data.csv"]);
    expect(rows.length).toBe(record.rowCount);
    expect(rows.length + record.droppedRows!).toBe(105);
    const header = Object.keys(rows[0]);
    expect(header.slice(0, 6)).toEqual(["response", "participant", "wave", "month", "channel", "staff_helped"]);
    expect(header).toContain("activities__yoga");
    expect(header).toContain("barriers__other");
    expect(header).toContain("free_text");
    expect(header).not.toContain("locale");

    // Nothing that identifies: no identity number, no database id, no stored HMAC, no exact time.
    const everything = FILES.map((f) => text[f]).join("\n");
    expect(everything).not.toContain(PNR);
    expect(everything).not.toContain("1212-1212");
    expect(everything).not.toContain("508 250 84");
    expect(everything).not.toContain("070-123 45 67");
    expect(everything).not.toMatch(/Gunilla/);
    for (const responseId of ids) expect(everything).not.toContain(responseId);
    for (const hmac of people) expect(everything).not.toContain(hmac.slice(0, 16));
    // Only the manifest says when the export itself was made; no response time finer than the month anywhere.
    const dataFiles = FILES.filter((f) => f !== "manifest.json")
      .map((f) => text[f])
      .join("\n");
    expect(dataFiles).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(new Set(rows.map((r) => r.month))).toEqual(new Set(["2026-03", "2026-10"]));
    expect(rows.some((r) => r.free_text.includes("[personnummer]") && r.free_text.includes("[telefon]"))).toBe(true);
    expect(rows.some((r) => r.free_text === '\'=HYPERLINK("http://evil")')).toBe(true);
    for (const r of rows) for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    // The same person links across waves, under a pseudonym of this export.
    const linked = rows.filter((r) => r.participant !== "");
    expect(linked.length).toBeGreaterThanOrEqual(4);
    for (const p of new Set(linked.map((r) => r.participant))) {
      expect(p).toMatch(/^P[0-9a-f]{16}$/);
    }
    const waves = (p: string) => new Set(linked.filter((r) => r.participant === p).map((r) => r.wave));
    expect([...new Set(linked.map((r) => r.participant))].some((p) => waves(p).size === 2)).toBe(true);
    expect(new Set(rows.map((r) => r.response)).size).toBe(rows.length);

    // Every combination of quasi-identifiers occurs at least k times within its wave.
    const combos = new Map<string, number>();
    for (const r of rows) {
      const key = JSON.stringify([r.wave, ...QI.map((q) => r[q])]);
      combos.set(key, (combos.get(key) ?? 0) + 1);
    }
    for (const [key, n] of combos) expect(n, key).toBeGreaterThanOrEqual(5);

    // The Swedish Excel file holds the same rows with semicolons.
    const sv = csvRows(text["data_sv.csv"], ";");
    expect(sv.map((r) => r.response)).toEqual(rows.map((r) => r.response));
    expect(sv.map((r) => r.gender)).toEqual(rows.map((r) => r.gender));

    // The manifest: counts, k, suppression, survey versions and a SHA-256 for every other file.
    const manifest = JSON.parse(text["manifest.json"]);
    expect(manifest).toMatchObject({
      exportId: id,
      creatorRole: "researcher",
      rows: rows.length,
      columns: header.length,
      k: 5,
    });
    expect(manifest.filters.freeText).toBe(true);
    expect(manifest.filters.waves.map((w: { title: string }) => w.title)).toEqual(["Test VAR26", "Test HOST26"]);
    expect(manifest.surveyVersions[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.files.map((f: { name: string }) => f.name).sort()).toEqual(
      FILES.filter((f) => f !== "manifest.json").sort(),
    );
    for (const f of manifest.files as { name: string; sha256: string; bytes: number }[]) {
      const bytes = Buffer.from(text[f.name], "utf8");
      expect(createHash("sha256").update(bytes).digest("hex"), f.name).toBe(f.sha256);
      expect(bytes.length).toBe(f.bytes);
    }
    const suppressed = Object.values(manifest.suppression.byVariable as Record<string, number>).reduce(
      (a, b) => a + b,
      0,
    );
    expect(suppressed).toBe(record.suppressedCells);
    // Count blank QI cells where the answer existed: every one is counted in the manifest.
    expect(suppressed).toBeGreaterThan(0);

    // The codebook names every variable with its labels and outcome tag.
    const codebook = csvRows(text["codebook.csv"]);
    expect(codebook.map((c) => c.variable)).toEqual(header);
    const gender = codebook.find((c) => c.variable === "gender")!;
    expect(gender).toMatchObject({ label_sv: "Vilket kön har du?", outcome: "gender", quasi_identifier: "1" });
    expect(gender.values_sv).toContain("1=Kvinna");
    expect(text["codebook.html"]).toContain('<th scope="row"><code>gender</code></th>');
    expect(text["import.R"]).toContain("read.csv(");
    expect(text["import.sps"]).toContain("VALUE LABELS");
    expect(text["LÄS_MIG.txt"]).toContain("k = 5");

    // Logged: the export and the download.
    const created = (await listAudit({ action: "export.create" })).entries[0];
    expect(created).toMatchObject({ actorId: researcher.id, entityId: String(id) });
    expect(created.details).toMatchObject({ rows: rows.length, k: 5, sha256: record.checksum });
    expect((await listAudit({ action: "export.download" })).entries[0]).toMatchObject({ actorId: researcher.id });
  });

  it("reads into R with labels when Rscript is installed", async (t) => {
    const rscript = spawnSync("Rscript", ["--version"]);
    if (rscript.error) {
      t.skip();
      console.warn("Rscript is not installed: import.R was not run (apt-get install r-base-core to run it).");
      return;
    }
    const { researcher, wave1 } = await scenario();
    const cookie = await sessionCookie(researcher);
    const id = await createAndWait(cookie, { campaignId: String(wave1), freeText: "on", k: "5" });
    const zip = await download(cookie, id);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-r-"));
    for (const f of ["data.csv", "import.R"]) fs.writeFileSync(path.join(dir, f), readZipEntry(zip, f)!, "utf8");
    const out = execFileSync(
      "Rscript",
      [
        "-e",
        'source("import.R"); cat(nrow(data), ncol(data), class(data$gender), levels(data$gender)[1], attr(data$gender, "label"), sep = "|")',
      ],
      { cwd: dir, encoding: "utf8" },
    );
    const rows = csvRows(readZipEntry(zip, "data.csv")!);
    expect(out.split("|")).toEqual([
      String(rows.length),
      String(Object.keys(rows[0]).length),
      "factor",
      "Kvinna",
      "Vilket kön har du?",
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("reads into PSPP with variable and value labels when pspp is installed (import.sps is SPSS syntax)", async (t) => {
    const pspp = spawnSync("pspp", ["--version"]);
    if (pspp.error) {
      t.skip();
      console.warn("pspp is not installed: import.sps was not run (apt-get install pspp to run it).");
      return;
    }
    const researcher = await makeStaff({ role: "researcher", programIds: [programs[0].id] });
    const wave = await makeCampaign({ programId: programs[0].id, code: "SPSS26" });
    await seedBrukarenkat({
      campaignId: wave,
      count: 40,
      seed: 11,
      freeTexts: ['Första raden, med komma\noch en andra rad med "citat"', "Åsa's ö"],
    });
    const cookie = await sessionCookie(researcher);
    const id = await createAndWait(cookie, { campaignId: String(wave), freeText: "on", k: "5" });
    const zip = await download(cookie, id);
    const rows = csvRows(readZipEntry(zip, "data.csv")!);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-pspp-"));
    for (const f of ["data.csv", "import.sps"]) fs.writeFileSync(path.join(dir, f), readZipEntry(zip, f)!, "utf8");
    // What a researcher runs after import.sps: the dictionary, a frequency table and the free text.
    fs.writeFileSync(
      path.join(dir, "check.sps"),
      [
        "INSERT FILE='import.sps' SYNTAX=BATCH ERROR=STOP.",
        "DISPLAY LABELS.",
        "FREQUENCIES VARIABLES=gender.",
        "SELECT IF (free_text <> '').",
        "LIST VARIABLES=free_text.",
        "",
      ].join("\n"),
    );
    const run = spawnSync("pspp", ["-O", "format=txt", "-O", "width=200", "-o", "out.txt", "check.sps"], {
      cwd: dir,
      encoding: "utf8",
    });
    const out = fs.readFileSync(path.join(dir, "out.txt"), "utf8");
    fs.rmSync(dir, { recursive: true, force: true });
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/error|warning/i);
    expect(run.status).toBe(0);
    // Variable labels, value labels, every case, and free text with a comma and quotes intact (a line break is
    // written " / ": GET DATA starts a new case at every line break, even inside quotes).
    expect(out).toMatch(/\|gender +\| +\d+\|Vilket kön har du\? *\|/);
    expect(out).toMatch(/\|staff_helped +\| +\d+\|Personal hjälpte till *\|/);
    expect(out).toMatch(/\|Valid +Kvinna *\| +\d+\|/);
    expect(out).toMatch(new RegExp(`\\|Total +\\| +${rows.length}\\|`));
    expect(out).toContain('Första raden, med komma / och en andra rad med "citat"');
    expect(out).toContain("Åsa's ö");
  }, 60_000);

  it("leaves free text out unless asked, and the preview tells the same figures before anything is made", async () => {
    const { researcher, wave1 } = await scenario();
    const cookie = await sessionCookie(researcher);
    const preview = await settle(async () =>
      listLoader({ request: get(`/staff/exports?campaignId=${wave1}&k=5&preview=1`, { cookie }), params: {}, ...ctx }),
    );
    expect(statusOf(preview)).toBe(200);
    const p = dataOf<{ preview: { rows: number; variables: number; suppressedCells: number } }>(preview).preview;
    expect(await countExports()).toBe(0);
    const id = await createAndWait(cookie, { campaignId: String(wave1), k: "5" });
    const record = (await getExport({ id }))!;
    expect(record.freeText).toBe(false);
    expect(p).toMatchObject({
      rows: record.rowCount,
      variables: record.columnCount,
      suppressedCells: record.suppressedCells,
    });
    const text = readZipEntry(await download(cookie, id), "data.csv")!;
    const header = Object.keys(csvRows(text)[0]);
    expect(header).not.toContain("free_text");
    expect(header).not.toContain("wishes");
    expect(header).not.toContain("barriers_other_text");
    expect(text).not.toContain("[personnummer]");
  });
});

describe("a larger export", () => {
  it("streams thousands of rows through both CSV files without stalling (back-pressure on two streams)", async () => {
    const researcher = await makeStaff({ role: "researcher", programIds: [programs[0].id] });
    const wave = await makeCampaign({ programId: programs[0].id, code: "STOR1" });
    await seedBrukarenkat({ campaignId: wave, count: 4000, seed: 3 });
    const cookie = await sessionCookie(researcher);
    const id = await createAndWait(cookie, { campaignId: String(wave), k: "5" });
    const record = (await getExport({ id }))!;
    expect(record.status).toBe("done");
    const zip = await download(cookie, id);
    const rows = csvRows(readZipEntry(zip, "data.csv")!);
    const sv = csvRows(readZipEntry(zip, "data_sv.csv")!, ";");
    expect(rows.length).toBe(record.rowCount);
    expect(rows.length + record.droppedRows!).toBe(4000);
    expect(sv.length).toBe(rows.length);
  }, 60_000);
});

describe("bad input and rights", () => {
  it("refuses k below 5, mixed surveys, waves without responses and unreadable ids with a 422 and writes nothing", async () => {
    const { researcher, wave1 } = await scenario();
    const activityWave = await makeCampaign({ programId: programs[0].id, code: "AKT1", surveyKey: "aktivitet" });
    const empty = await makeCampaign({ programId: programs[0].id, code: "TOM1" });
    const cookie = await sessionCookie(researcher);
    const cases: [Record<string, string | string[]>, string][] = [
      [{ campaignId: String(wave1), k: "4" }, "kTooSmall"],
      [{ campaignId: String(wave1), k: "fem" }, "kNotNumber"],
      [{ campaignId: String(wave1), k: "1000" }, "kTooLarge"],
      [{ campaignId: [String(wave1), String(activityWave)], k: "5" }, "mixedSurveys"],
      [{ campaignId: String(empty), k: "5" }, "noRows"],
      [{ campaignId: "1; drop table responses", k: "5" }, "badCampaign"],
      [{ k: "5" }, "noCampaign"],
    ];
    for (const [fields, error] of cases) {
      const out = await createExport(cookie, fields);
      expect(statusOf(out), error).toBe(422);
      expect(dataOf<{ error: string }>(out).error).toBe(error);
    }
    expect(await countExports()).toBe(0);
    expect(Number((await db("responses").count("* as n").first())!.n)).toBe(105);
  });

  it("logs every refused export and download with its reason", async () => {
    const { researcher, wave1 } = await scenario();
    const activityWave = await makeCampaign({ programId: programs[0].id, code: "AKT2", surveyKey: "aktivitet" });
    const empty = await makeCampaign({ programId: programs[0].id, code: "TOM2" });
    const cookie = await sessionCookie(researcher);
    const cases: [Record<string, string | string[]>, string][] = [
      [{ campaignId: String(wave1), k: "4" }, "kTooSmall"],
      [{ campaignId: [String(wave1), String(activityWave)], k: "5" }, "mixedSurveys"],
      [{ campaignId: String(empty), k: "5" }, "noRows"],
      [{ campaignId: "1; drop table responses", k: "5" }, "badCampaign"],
    ];
    for (const [fields] of cases) expect(statusOf(await createExport(cookie, fields))).toBe(422);
    const refused = (await listAudit({ action: "export.refused" })).entries;
    expect(refused.map((e) => (e.details as { reason: string }).reason).sort()).toEqual(cases.map((c) => c[1]).sort());
    for (const entry of refused) expect(entry).toMatchObject({ actorId: researcher.id });

    // A download asked for while the export is still being made is refused (409) and logged too.
    const started = await createExport(cookie, { campaignId: String(wave1), k: "5" });
    const id = Number(/\/staff\/exports\/(\d+)/.exec(locationOf(started)!)![1]);
    const early = (await zipLoader({
      request: get(`/staff/exports/${id}.zip`, { cookie }),
      params: { id: String(id) },
      ...ctx,
    })) as Response;
    await exportJob(id);
    expect([409, 200]).toContain(early.status);
    if (early.status === 409) {
      const last = (await listAudit({ action: "export.refused" })).entries[0];
      expect(last).toMatchObject({ actorId: researcher.id, entityId: String(id) });
      expect((last.details as { reason: string }).reason).toBe("still-running");
    }
  });

  it("answers 404 for a wave in another programme or one that does not exist, and logs the refusal", async () => {
    const { researcher } = await scenario();
    const other = await makeCampaign({ programId: programs[1].id, code: "ANNAN" });
    await seedBrukarenkat({ campaignId: other, count: 10 });
    const cookie = await sessionCookie(researcher);
    for (const campaignId of [String(other), "999999"]) {
      const out = await createExport(cookie, { campaignId, k: "5" });
      expect(out.thrown).toBe(true);
      expect(statusOf(out)).toBe(404);
      const preview = await settle(async () =>
        listLoader({
          request: get(`/staff/exports?campaignId=${campaignId}&preview=1`, { cookie }),
          params: {},
          ...ctx,
        }),
      );
      expect(statusOf(preview)).toBe(404);
    }
    expect((await listAudit({ action: "export.refused" })).total).toBeGreaterThanOrEqual(2);
    expect(await countExports()).toBe(0);
  });

  it("makes one export for a second click while the first runs", async () => {
    const { researcher, wave1 } = await scenario();
    const cookie = await sessionCookie(researcher);
    const fields = { campaignId: String(wave1), k: "5" };
    const [a, b] = await Promise.all([createExport(cookie, fields), createExport(cookie, fields)]);
    const locations = [a, b].map((o) => locationOf(o)!);
    const ids = locations.map((l) => Number(/\/(\d+)/.exec(l)![1]));
    expect(ids[0]).toBe(ids[1]);
    expect(locations.some((l) => l.endsWith("?again=1"))).toBe(true);
    await exportJob(ids[0]);
    expect(await countExports()).toBe(1);
    // After it is done, a new click makes a new export.
    const third = await createAndWait(cookie, fields);
    expect(third).not.toBe(ids[0]);
  });

  it("lets only the creator download; admins see every export in the list, researchers their own", async () => {
    const { researcher, wave1 } = await scenario();
    const colleague = await makeStaff({ role: "researcher", programIds: [programs[0].id] });
    const admin = await makeStaff({ role: "admin", programIds: [] });
    const id = await createAndWait(await sessionCookie(researcher), { campaignId: String(wave1), k: "5" });

    const theirs = await zipLoader({
      request: get(`/staff/exports/${id}.zip`, { cookie: await sessionCookie(colleague) }),
      params: { id: String(id) },
      ...ctx,
    });
    expect((theirs as Response).status).toBe(404);
    expect(await (theirs as Response).text()).toMatch(/Exporten finns inte/);
    const refused = (await listAudit({ action: "export.refused" })).entries[0];
    expect(refused).toMatchObject({ actorId: colleague.id, entityId: String(id) });

    const detail = await settle(async () =>
      detailLoader({
        request: get(`/staff/exports/${id}`, { cookie: await sessionCookie(colleague) }),
        params: { id: String(id) },
        ...ctx,
      }),
    );
    expect(statusOf(detail)).toBe(404);

    const colleagueList = dataOf<{ exports: unknown[] }>(
      await settle(async () =>
        listLoader({ request: get("/staff/exports", { cookie: await sessionCookie(colleague) }), params: {}, ...ctx }),
      ),
    );
    expect(colleagueList.exports).toEqual([]);
    const adminList = dataOf<{ exports: { id: number }[] }>(
      await settle(async () =>
        listLoader({ request: get("/staff/exports", { cookie: await sessionCookie(admin) }), params: {}, ...ctx }),
      ),
    );
    expect(adminList.exports.map((e) => e.id)).toEqual([id]);
    const adminZip = await zipLoader({
      request: get(`/staff/exports/${id}.zip`, { cookie: await sessionCookie(admin) }),
      params: { id: String(id) },
      ...ctx,
    });
    expect((adminZip as Response).status).toBe(404);

    const unknown = await zipLoader({
      request: get("/staff/exports/424242.zip", { cookie: await sessionCookie(researcher) }),
      params: { id: "424242" },
      ...ctx,
    });
    expect((unknown as Response).status).toBe(404);
  });

  it("keeps case managers and coordinators out (403) and sends the anonymous to the login", async () => {
    const cm = await makeStaff({ role: "case_manager", programIds: [programs[0].id] });
    const coordinator = await makeStaff({ role: "coordinator", programIds: [programs[0].id] });
    for (const staff of [cm, coordinator]) {
      const out = await settle(async () =>
        listLoader({ request: get("/staff/exports", { cookie: await sessionCookie(staff) }), params: {}, ...ctx }),
      );
      expect(statusOf(out)).toBe(403);
      const post = await createExport(await sessionCookie(staff), { campaignId: "1", k: "5" });
      expect(statusOf(post)).toBe(403);
    }
    const anonymous = await settle(async () => listLoader({ request: get("/staff/exports"), params: {}, ...ctx }));
    expect(statusOf(anonymous)).toBe(302);
    const foreign = await settle(async () =>
      newAction({
        request: postForm("/staff/exports/new", { campaignId: "1" }, { cookie: "x=y", origin: "https://evil.example" }),
        params: {},
        ...ctx,
      }),
    );
    expect(statusOf(foreign)).toBe(403);
  });
});
