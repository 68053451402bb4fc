import { execFileSync } from "node:child_process";
import path from "node:path";
import { ROOT } from "../support/start-server";

const TSX = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");
const WORKER = path.join(ROOT, "tests/bench/report-worker.ts");

/** Runs the report benchmark in its own process on a fresh SQLite file with the demo data. */
export function benchReport(): { lines: string[] } {
  const out = execFileSync(process.execPath, [TSX, WORKER], {
    cwd: ROOT,
    env: { ...process.env },
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split("\n").pop()!);
}
