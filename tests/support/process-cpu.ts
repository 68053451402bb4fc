import fs from "node:fs";

/**
 * CPU seconds a process has used so far, all its threads (user + system, from /proc): Linux only, NaN elsewhere
 * or once the process is gone. Benchmarks read a server's cost with it.
 */
export function cpuSeconds(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return NaN;
  }
}

/**
 * A process's CPU seconds split by thread: its main thread (JavaScript, HTTP) and all the others (for the app:
 * node-sqlite3's pool threads, where SQLite runs, and V8's helpers). Linux only; NaN elsewhere.
 */
export function threadCpuSeconds(pid: number | undefined): { main: number; others: number } {
  if (!pid) return { main: NaN, others: NaN };
  const split = { main: 0, others: 0 };
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      let fields: string[];
      try {
        fields = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8").split(") ")[1].split(" ");
      } catch {
        continue; // the thread ended between the listing and the read
      }
      split[tid === String(pid) ? "main" : "others"] += (Number(fields[11]) + Number(fields[12])) / 100;
    }
    return split;
  } catch {
    return { main: NaN, others: NaN };
  }
}
