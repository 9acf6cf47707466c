/**
 * One timed phase of the SCIM benchmark: operations until a count or a duration is reached,
 * a few in flight, with both processes' CPU.
 */
import { performance } from 'node:perf_hooks';
import type { CloudProcess } from './server.js';
import { int, ms, pct, type Errors, type Latencies, type LatencySummary } from './stats.js';

export interface PhaseResult {
  name: string;
  /** What one operation is, for the rate: "creates", "lookups", ... */
  unit: string;
  ops: number;
  requests: number;
  seconds: number;
  latencies: [string, LatencySummary][];
  /** The samples themselves, so rounds can be pooled for their percentiles. */
  samples: [string, Latencies][];
  errors: Errors;
  serverCpu: number;
  harnessCpu: number;
  aborted: string | undefined;
  startUs: number;
  endUs: number;
}

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/** When a phase ends: after `ops` operations or once `seconds` have passed, whichever is first. */
export interface Limit {
  ops: number;
  seconds: number;
}

export const forOps = (ops: number): Limit => ({ ops, seconds: Infinity });
export const forSeconds = (seconds: number): Limit => ({ ops: Infinity, seconds });

/**
 * Runs operations `concurrency` at a time (each worker awaits one operation before taking the
 * next index) until the limit, and measures the wall time and both processes' CPU time. A timed
 * phase starts no operation after its deadline; those in flight finish and count.
 */
export async function runPhase(
  server: CloudProcess,
  name: string,
  unit: string,
  limit: Limit,
  concurrency: number,
  latencies: [string, Latencies][],
  errors: Errors,
  op: (i: number) => Promise<void>,
  quiet = false,
): Promise<PhaseResult> {
  const what = Number.isFinite(limit.ops) ? `${int(limit.ops)} ${unit}` : `${limit.seconds} s`;
  if (!quiet) process.stdout.write(`[${name}] ${what}, ${concurrency} in flight... `);
  let next = 0;
  let done = 0;
  let aborted: string | undefined;
  let deadline = Infinity;
  const shouldStop = () => {
    if (aborted) return true;
    if (server.exited()) aborted = 'the server exited';
    else if (errors.total >= 200 && errors.total > done / 2) aborted = 'more than half failed';
    return aborted !== undefined;
  };
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= limit.ops || performance.now() >= deadline || shouldStop()) return;
      await op(i);
      done++;
    }
  };
  const cpu0 = process.cpuUsage();
  const serverCpu0 = server.cpuSeconds();
  const startUs = monotonicUs();
  const t0 = performance.now();
  deadline = t0 + limit.seconds * 1000;
  const workers = Math.max(1, Math.min(concurrency, limit.ops));
  await Promise.all(Array.from({ length: workers }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const endUs = monotonicUs();
  const cpu = process.cpuUsage(cpu0);
  const result: PhaseResult = {
    name,
    unit,
    ops: done,
    requests: latencies.reduce((sum, [, l]) => sum + l.count, 0),
    seconds,
    latencies: latencies.map(([kind, l]) => [kind, l.summary()]),
    samples: latencies,
    errors,
    serverCpu: ((server.cpuSeconds() - serverCpu0) / seconds) * 100,
    harnessCpu: ((cpu.user + cpu.system) / 1e6 / seconds) * 100,
    aborted,
    startUs,
    endUs,
  };
  if (!quiet) {
    console.log(`${seconds.toFixed(2)} s`);
    printPhase(result);
  }
  return result;
}

export function printPhase(r: PhaseResult) {
  const rate = r.ops / r.seconds;
  const lines = [
    `  ${int(r.ops)} ${r.unit} in ${r.seconds.toFixed(2)} s: ${int(rate)} ${r.unit}/s, ` +
      `${int(r.requests / r.seconds)} requests/s; server CPU ${pct(r.serverCpu)}, ` +
      `harness CPU ${pct(r.harnessCpu)}; errors ${int(r.errors.total)}`,
  ];
  for (const [kind, s] of r.latencies) {
    lines.push(
      `  ${kind.padEnd(12)} p50 ${ms(s.p50)}  p90 ${ms(s.p90)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  (${int(s.count)})`,
    );
  }
  if (r.aborted) lines.push(`  PHASE STOPPED EARLY: ${r.aborted}`);
  for (const [kind, count] of r.errors.byKind) lines.push(`  error ×${int(count)}: ${kind}`);
  for (const e of r.errors.examples) lines.push(`    e.g. ${e}`);
  console.log(lines.join('\n'));
}
