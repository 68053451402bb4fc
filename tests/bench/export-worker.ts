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
  const mainBefore = mainThreadCpuSeconds();
  const started = performance.now();
  const built = await buildExportZip(resolved.source, {
    exportId: 1,
    createdAt: new Date().toISOString(),
    creatorRole: "admin",
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const mainAfter = mainThreadCpuSeconds();
  clearInterval(sampler);
  console.log(
    JSON.stringify({
      rows: built.summary.readRows,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      mainThreadCpuSeconds: mainBefore === null || mainAfter === null ? null : mainAfter - mainBefore,
      zipBytes: built.bytes,
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
