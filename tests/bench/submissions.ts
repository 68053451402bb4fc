import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { formatLoad, runLoad, type LoadResult } from "./load";
import { cpuSeconds, threadCpuSeconds } from "../support/process-cpu";
import { freePort, ROOT, startServer, waitForHealth } from "../support/start-server";

const ANSWERS = {
  program: "bostad_forst",
  gender: "kvinna",
  visits: "varje_vecka",
  activities: ["yoga", "matlagning"],
  support_daytime: "ja",
  support_loneliness: "nej",
  ucla_companionship: 2,
  ucla_left_out: 1,
  ucla_isolated: 2,
  lonely_direct: 2,
  community: "ja",
  society: "delvis",
  barriers: ["dagsform", "sl_kort"],
  satisfaction: 4,
  wishes: "Mer matlagning och längre öppettider på fredagar.",
  quote_consent: "ja",
};

const body = () => JSON.stringify({ id: randomUUID(), answers: ANSWERS, locale: "sv" });

const ROUNDS = 7;

interface Measured extends LoadResult {
  /** Server CPU per answered request, in ms. */
  cpuMs: number;
  /** Of that, the main thread's (JavaScript, HTTP) and the other threads' (SQLite in node-sqlite3's pool, V8). */
  mainMs: number;
  othersMs: number;
  /** The machine's one-minute load average when the run ended. */
  load: number;
}

async function measured(pid: number | undefined, run: () => Promise<LoadResult>): Promise<Measured> {
  const before = cpuSeconds(pid);
  const threadsBefore = threadCpuSeconds(pid);
  const result = await run();
  const threadsAfter = threadCpuSeconds(pid);
  const perRequest = (seconds: number) => (seconds * 1000) / result.requests;
  return {
    ...result,
    cpuMs: perRequest(cpuSeconds(pid) - before),
    mainMs: perRequest(threadsAfter.main - threadsBefore.main),
    othersMs: perRequest(threadsAfter.others - threadsBefore.others),
    load: os.loadavg()[0],
  };
}

const describe = (r: Measured) =>
  `${formatLoad(r)}   server CPU ${r.cpuMs.toFixed(2)} ms/req (main ${r.mainMs.toFixed(2)}, other threads ` +
  `${r.othersMs.toFixed(2)}), load ${r.load.toFixed(1)}`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The q-quantile (0–1), interpolated between the sorted values. */
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}
const quartiles = (xs: number[], digits: number, unit = "") =>
  `quartiles ${quantile(xs, 0.25).toFixed(digits)}–${quantile(xs, 0.75).toFixed(digits)}${unit}`;

/**
 * Full submissions (validation, answer rows, feedback intake) against a bare one-row insert, same run, 50
 * connections, both servers on the same knex + SQLite settings; the median of alternating rounds. Each round also
 * reports both servers' CPU per request: on a shared machine the throughput drifts with everyone else's load, the
 * CPU a request costs much less.
 */
export async function benchSubmissions({ durationMs = 3000, connections = 50 } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deltagarrost-bench-"));
  const barePort = await freePort();
  // `node --import tsx` rather than the tsx command: one process, as the app's `node server.js`, whose CPU is read.
  const bare = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/bench/bare-insert-server.ts")], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(barePort), BARE_DB: path.join(dir, "bare.sqlite") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let bareOut = "";
  bare.stdout?.on("data", (d) => (bareOut += d));
  bare.stderr?.on("data", (d) => (bareOut += d));
  const app = await startServer();
  try {
    await waitForHealth(`http://127.0.0.1:${barePort}`, bare, () => bareOut, "/");
    // Warm both up, at the measured concurrency, until the JIT is done: after one second at 10 connections the app's
    // profile still spent ~10 % of its samples compiling (it has far more code on the path than the bare server).
    for (const url of [`http://127.0.0.1:${barePort}/`, `${app.baseUrl}/s/DEMO`])
      await runLoad({ label: "warm-up", url, body, connections, durationMs: 3000 });
    // Alternating rounds, each pair back to back: on a shared machine the load drifts by the second, and one long
    // run of each (bare first, full after) measured the drift as much as the code (0.31× to 1.26× in three runs).
    const bareRun = () =>
      measured(bare.pid, () =>
        runLoad({ label: "bare one-row insert", url: `http://127.0.0.1:${barePort}/`, body, connections, durationMs }),
      );
    const fullRun = () =>
      measured(app.pid, () =>
        runLoad({
          label: "POST /s/DEMO, full validation",
          url: `${app.baseUrl}/s/DEMO`,
          body,
          connections,
          durationMs,
        }),
      );
    const rounds: { baseline: Measured; full: Measured; ratio: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Every other round the full submissions go first, so neither side always meets the load the other left.
      const first = round % 2 === 0 ? await bareRun() : await fullRun();
      const second = round % 2 === 0 ? await fullRun() : await bareRun();
      const [baseline, full] = round % 2 === 0 ? [first, second] : [second, first];
      rounds.push({ baseline, full, ratio: full.rps / baseline.rps });
    }
    const ratios = rounds.map((r) => r.ratio).sort((a, b) => a - b);
    const middle = rounds.find((r) => r.ratio === median(ratios))!;
    const bareCpus = rounds.map((r) => r.baseline.cpuMs);
    const fullCpus = rounds.map((r) => r.full.cpuMs);
    const bareCpu = median(bareCpus);
    const fullCpu = median(fullCpus);
    const cpuRatios = rounds.map((r) => r.baseline.cpuMs / r.full.cpuMs);
    const threads = (side: "baseline" | "full") =>
      `main ${median(rounds.map((r) => r[side].mainMs)).toFixed(2)} ms, other threads ` +
      `${median(rounds.map((r) => r[side].othersMs)).toFixed(2)} ms`;
    const loads = rounds.flatMap((r) => [r.baseline.load, r.full.load]);
    return {
      baseline: middle.baseline,
      full: middle.full,
      ratio: middle.ratio,
      lines: [
        ...rounds.flatMap((r, i) => [
          `round ${i + 1}: ${describe(r.baseline)}`,
          `round ${i + 1}: ${describe(r.full)}   ratio ${r.ratio.toFixed(2)}×`,
        ]),
        `throughput ratios per round: ${ratios.map((r) => r.toFixed(2)).join(", ")} (median below, ${quartiles(ratios, 2, "×")})`,
        `server CPU per request, median of rounds: bare ${bareCpu.toFixed(2)} ms (${quartiles(bareCpus, 2, " ms")}), ` +
          `full ${fullCpu.toFixed(2)} ms (${quartiles(fullCpus, 2, " ms")})`,
        `server CPU per request by thread, medians: bare ${threads("baseline")}; full ${threads("full")}`,
        `CPU ratio bare / full per round: median ${median(cpuRatios).toFixed(2)}× (${quartiles(cpuRatios, 2, "×")}); ` +
          `load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} on ${os.cpus().length} cores`,
      ],
    };
  } finally {
    bare.kill("SIGTERM");
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
