import { readFileSync } from 'node:fs';

/**
 * CPU time of a process's main thread (this process's unless `pid` is given), in µs, from Linux's
 * per-thread counters (10 ms ticks); null elsewhere. The rest of a process's CPU is its other
 * threads' (SQLite's checkpointer, workers, the GC's helpers).
 */
export function mainThreadCpuUs(pid: number = process.pid): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime (fields 14 and 15 of stat(5)), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return null;
  }
}
