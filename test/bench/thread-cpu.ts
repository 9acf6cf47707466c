import { readFileSync } from 'node:fs';

/**
 * CPU time of this process's main thread, in µs, from Linux's per-thread counters (10 ms ticks);
 * null elsewhere. The rest of the process's CPU is its other threads' (SQLite's checkpointer,
 * workers, the GC's helpers).
 */
export function mainThreadCpuUs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime (fields 14 and 15 of stat(5)), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return null;
  }
}
