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
