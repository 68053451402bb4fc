// npm run bench: speed goals measured as ratios against a baseline in the same run. Not a timed test.
import { buildApp } from "../support/start-server";
import { benchSubmissions } from "./submissions";

const only = process.argv[2];
// The export benchmark runs the export code directly; the others serve the built app.
if (only !== "export" && only !== "outcomes" && only !== "report" && only !== "reach") buildApp();

if (!only || only === "submissions") {
  console.log("\n== Survey submissions at 50 connections");
  const r = await benchSubmissions();
  for (const line of r.lines) console.log(line);
  console.log(`throughput ratio (full / bare): ${r.ratio.toFixed(2)}×   (goal ≥ 0.80×)`);
  console.log(`p99 ratio (full / bare): ${(r.full.p99 / r.baseline.p99).toFixed(2)}×`);
}

if (!only || only === "outcomes") {
  const { benchOutcomes } = await import("./outcomes");
  console.log("\n== Outcome figures at 100 000 responses: the page's loader against raw SQL GROUP BY, same database");
  const r = await benchOutcomes();
  for (const line of r.lines) console.log(line);
}

if (!only || only === "phone") {
  const { benchFirstQuestion } = await import("./first-question");
  console.log("\n== Participant page on an emulated low-end phone (4× CPU slowdown, 1.6 Mbit/s, 150 ms)");
  const r = await benchFirstQuestion();
  for (const line of r.lines) console.log(line);
}
if (!only || only === "export") {
  const { benchExport } = await import("./export");
  console.log("\n== Research export: 100 000 and 1 000 000 responses against sqlite3 -csv on the same file");
  const sizes = process.env.BENCH_EXPORT_SIZES?.split(",").map(Number) ?? [100_000, 1_000_000];
  const r = await benchExport(sizes);
  for (const line of r.lines) console.log(line);
}
if (!only || only === "report") {
  const { benchReport } = await import("./report");
  console.log(
    "\n== Follow-up report: a year of the demo data drafted, DOCX included, against its raw rows in plain SQL",
  );
  const r = benchReport();
  for (const line of r.lines) console.log(line);
}
if (!only || only === "reach") {
  const { benchReach } = await import("./reach");
  console.log("\n== Persons reached over a year: 500 coded visitors, 20 000 check-ins, against raw SQL counts");
  const r = await benchReach();
  for (const line of r.lines) console.log(line);
}
if (!only || only === "workshop-board") {
  const { benchWorkshopBoard } = await import("./workshop-board");
  console.log("\n== Workshop board: a note from a phone to the board, against the board's own poll interval");
  const r = await benchWorkshopBoard();
  for (const line of r.lines) console.log(line);
}
process.exit(0);
