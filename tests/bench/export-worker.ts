// One step of the export benchmark, in its own process so its peak RSS is its own.
// `prepare FILE` migrates a fresh SQLite file and adds a programme, two waves and an admin;
// `export FILE` builds the research export of both waves and prints its figures as JSON.
import fs from "node:fs";
import { performance } from "node:perf_hooks";

/** CPU seconds of this process's main thread so far (Linux: /proc), or null elsewhere. */
function mainThreadCpuSeconds(): number | null {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds so far of each of this process's threads, by thread name (Linux: /proc), or null elsewhere. */
function threadCpuSeconds(): Map<string, number> | null {
  try {
    const out = new Map<string, number>();
    for (const tid of fs.readdirSync("/proc/self/task")) {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      const name = tid === String(process.pid) ? "main" : stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(`${name}#${tid}`, (Number(fields[11]) + Number(fields[12])) / 100);
    }
    return out;
  } catch {
    return null;
  }
}

/**
 * CPU seconds spent between two `threadCpuSeconds` readings by each thread that worked, busiest first
 * (`main`, then the others by name and id: V8's helpers, libuv's pool where SQLite runs, the compressing thread).
 */
function cpuByThread(before: Map<string, number> | null, after: Map<string, number> | null) {
  if (!before || !after) return null;
  return [...after]
    .map(([key, seconds]) => [key, Number((seconds - (before.get(key) ?? 0)).toFixed(2))] as const)
    .filter(([, seconds]) => seconds > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([key, seconds]) => `${key} ${seconds}`);
}

const [mode, file] = process.argv.slice(2);
process.env.DATABASE_URL = `file:${file}`;
process.env.SESSION_SECRET ??= "bench-secret-0123456789abcdef0123456789";

const { db, closeDatabase } = await import("~/db.server");
const { loadSurveys } = await import("~/surveys/registry.server");

if (mode === "prepare") {
  await db.migrate.latest();
  const { createProgram } = await import("~/models/program.server");
  const { createCampaign } = await import("~/models/campaign.server");
  const { createStaff } = await import("~/models/staff.server");
  const program = await createProgram({ slug: "bostad-forst", name: "Bostad Först" });
  for (const code of ["BENCH1", "BENCH2"])
    await createCampaign({
      code,
      surveyKey: "brukarenkat",
      title: `Brukarenkät ${code}`,
      programId: program.id,
      activityId: null,
      opensOn: "2026-01-01",
      closesOn: "2026-12-31",
      mode: "participant_code",
      kiosk: false,
      createdBy: null,
    });
  await createStaff({ email: "bench@local", name: "Bench", role: "admin", programIds: [], passwordHash: "x" });
  const version = (await loadSurveys()).get("brukarenkat")!;
  console.log(JSON.stringify({ versionId: version.versionId }));
} else if (mode === "export") {
  const { buildExportZip } = await import("~/exports/build.server");
  const { resolveExportSource } = await import("~/exports/exports.server");
  const staff = (await db("staff_users").first()) as { id: number; email: string };
  const campaignIds = ((await db("campaigns").select("id")) as { id: number }[]).map((c) => c.id);
  const resolved = await resolveExportSource(
    { id: staff.id, email: staff.email, role: "admin", programIds: [] },
    { campaignIds, k: 5, freeText: false },
    "bench",
  );
  if (!resolved.ok) throw new Error(resolved.error);
  const rssBefore = process.memoryUsage().rss;
  let peak = 0;
  let at: NodeJS.MemoryUsage | null = null;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peak) {
      peak = m.rss;
      at = m;
    }
  }, 50);
  const cpuBefore = process.cpuUsage();
  const threadsBefore = threadCpuSeconds();
  const mainBefore = mainThreadCpuSeconds();
  const started = performance.now();
  const built = await buildExportZip(resolved.source, {
    exportId: 1,
    createdAt: new Date().toISOString(),
    creatorRole: "admin",
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const threads = cpuByThread(threadsBefore, threadCpuSeconds());
  const mainAfter = mainThreadCpuSeconds();
  clearInterval(sampler);
  console.log(
    JSON.stringify({
      rows: built.summary.readRows,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      mainThreadCpuSeconds: mainBefore === null || mainAfter === null ? null : mainAfter - mainBefore,
      cpuByThread: threads,
      zipBytes: built.bytes,
      timings: built.timings,
      suppressedCells: built.summary.suppressedCells,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      sampledPeakRssBytes: peak,
      rssBeforeBytes: rssBefore,
      atPeak: at,
      heapUsedAfterBytes: process.memoryUsage().heapUsed,
    }),
  );
}
await closeDatabase();
