import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { formatLoad, runLoad, type LoadResult } from "./load";
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

const ROUNDS = 5;

/**
 * Full submissions (validation, answer rows, feedback intake) against a bare one-row insert, same run, 50
 * connections, both servers on the same knex + SQLite settings; the median of alternating rounds.
 */
export async function benchSubmissions({ durationMs = 3000, connections = 50 } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deltagarrost-bench-"));
  const barePort = await freePort();
  const bare = spawn(
    process.execPath,
    [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), path.join(ROOT, "tests/bench/bare-insert-server.ts")],
    {
      cwd: ROOT,
      env: { ...process.env, PORT: String(barePort), BARE_DB: path.join(dir, "bare.sqlite") },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let bareOut = "";
  bare.stdout?.on("data", (d) => (bareOut += d));
  bare.stderr?.on("data", (d) => (bareOut += d));
  const app = await startServer();
  try {
    await waitForHealth(`http://127.0.0.1:${barePort}`, bare, () => bareOut, "/");
    // Warm both up so JIT and the survey's cached model are ready.
    await runLoad({ label: "warm-up", url: `http://127.0.0.1:${barePort}/`, body, connections: 10, durationMs: 1000 });
    await runLoad({ label: "warm-up", url: `${app.baseUrl}/s/DEMO`, body, connections: 10, durationMs: 1000 });
    // Alternating rounds, each pair back to back: on a shared machine the load drifts by the second, and one long
    // run of each (bare first, full after) measured the drift as much as the code (0.31× to 1.26× in three runs).
    const bareRun = () =>
      runLoad({ label: "bare one-row insert", url: `http://127.0.0.1:${barePort}/`, body, connections, durationMs });
    const fullRun = () =>
      runLoad({ label: "POST /s/DEMO, full validation", url: `${app.baseUrl}/s/DEMO`, body, connections, durationMs });
    const rounds: { baseline: LoadResult; full: LoadResult; ratio: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Every other round the full submissions go first, so neither side always meets the load the other left.
      const first = round % 2 === 0 ? await bareRun() : await fullRun();
      const second = round % 2 === 0 ? await fullRun() : await bareRun();
      const [baseline, full] = round % 2 === 0 ? [first, second] : [second, first];
      rounds.push({ baseline, full, ratio: full.rps / baseline.rps });
    }
    const ratios = rounds.map((r) => r.ratio).sort((a, b) => a - b);
    const median = rounds.find((r) => r.ratio === ratios[Math.floor(ratios.length / 2)])!;
    return {
      baseline: median.baseline,
      full: median.full,
      ratio: median.ratio,
      lines: [
        ...rounds.flatMap((r, i) => [
          `round ${i + 1}: ${formatLoad(r.baseline)}`,
          `round ${i + 1}: ${formatLoad(r.full)}   ratio ${r.ratio.toFixed(2)}×`,
        ]),
        `ratios per round: ${ratios.map((r) => r.toFixed(2)).join(", ")} (median below)`,
      ],
    };
  } finally {
    bare.kill("SIGTERM");
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
