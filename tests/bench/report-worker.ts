// The worker of `npm run bench -- report`: drafting a follow-up report for a year of the demo data, DOCX included, against
// reading the same figures' raw rows with plain SQL in the same run. Runs in its own process on a fresh SQLite file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-bench-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.sqlite")}`;
process.env.SESSION_SECRET ??= "bench-secret-0123456789abcdef0123456789";
process.env.NODE_ENV = "production";

const { db, closeDatabase } = await import("~/db.server");
const { seedDemo } = await import("../../db/seeds/demo/index");
const { listPrograms } = await import("~/models/program.server");
const { gatherReportInput } = await import("~/reports/report-input.server");
const { buildDraft } = await import("~/reports/draft");
const { resolveSections } = await import("~/reports/resolve");
const { reportDocx } = await import("~/reports/report-docx.server");

const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 5);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm-up: module caches, SQLite page cache, fonts
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

try {
  await db.migrate.latest();
  await seedDemo();
  const programs = (await listPrograms()).map((p) => ({ id: p.id, name: p.name }));
  const ids = programs.map((p) => p.id);
  const [{ last }] = await db("attendance").max({ last: "date" });
  const to = String(last);
  // A year: the twelve months ending on the last registered day.
  const start = new Date(`${to}T00:00:00Z`);
  start.setUTCFullYear(start.getUTCFullYear() - 1);
  start.setUTCDate(start.getUTCDate() + 1);
  const from = start.toISOString().slice(0, 10);
  const [{ n: rows }] = await db("attendance").where("date", ">=", from).where("date", "<=", to).count({ n: "*" });

  // The baseline: the raw rows behind the same figures, read with plain SQL and nothing computed.
  const raw = async () => {
    await db.raw(
      "select t.*, a.name, a.kind, (select count(*) from attendance_codes c where c.attendance_id = t.id) as codes from attendance t left join activities a on a.id = t.activity_id where t.date between ? and ? and (a.program_id is null or a.program_id in (" +
        ids.map(() => "?").join(",") +
        "))",
      [from, to, ...ids],
    );
    await db.raw("select * from enrolments where on_date <= ?", [to]);
    await db.raw("select * from activities");
    await db.raw("select * from workshops where held_on <= ?", [to]);
    await db.raw("select workshop_id, count(*) from workshop_notes group by workshop_id");
    await db.raw("select * from proposals p join proposal_status_changes c on c.proposal_id = p.id");
    await db.raw(
      "select f.source, it.theme_id from feedback f left join feedback_item_themes it on it.feedback_id = f.id where f.created_at >= ? and f.created_at < ?",
      [`${from}T00:00:00Z`, `${to}T23:59:59Z`],
    );
    await db.raw("select * from quotes where status = 'approved' and quote_date between ? and ?", [from, to]);
    await db.raw("select * from attendance_codes c join visitors v on v.code_hmac = c.code_hmac");
  };
  let docxBytes = 0;
  let figures = 0;
  let drafted = 0;
  const draftOnly = async () => {
    const input = await gatherReportInput({ from, to, programs, chosenQuoteIds: null });
    const draft = buildDraft(input);
    figures = Object.keys(draft.figures).length;
    return draft;
  };
  const full = async () => {
    const draft = await draftOnly();
    const t = performance.now();
    const buffer = await reportDocx({
      title: "Uppföljning",
      from,
      to,
      programNames: draft.programNames,
      status: "draft",
      dated: to,
      draft,
      sections: resolveSections(draft, []),
    });
    drafted = performance.now() - t;
    docxBytes = buffer.length;
  };
  const baseline = median(await time(raw));
  const draftMs = median(await time(draftOnly));
  const fullMs = median(await time(full));
  const lines = [
    `period ${from} – ${to}: ${rows} attendance registrations, ${figures} named figures, DOCX ${(docxBytes / 1024).toFixed(0)} KiB`,
    `raw rows with plain SQL (baseline): ${baseline.toFixed(1)} ms (median of ${RUNS})`,
    `draft (gather + narrative + one-pass suppression): ${draftMs.toFixed(1)} ms = ${(draftMs / baseline).toFixed(1)}× baseline`,
    `draft + DOCX with charts: ${fullMs.toFixed(1)} ms = ${(fullMs / baseline).toFixed(1)}× baseline (DOCX part ${drafted.toFixed(0)} ms; goal under 2000 ms)`,
  ];
  console.log(JSON.stringify({ lines, baseline, draftMs, fullMs }));
} finally {
  await closeDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
}
