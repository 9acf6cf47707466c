/** The SCIM benchmark's summary: latencies pooled over the rounds, and the absolute targets. */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Options } from './options.js';
import type { PhaseResult } from './phase.js';
import { medianRate, pooledLatency, totalErrors, type Comparison } from './rounds.js';
import { int, ms, table } from './stats.js';

const TARGETS = {
  lookupsPerSec: 5000,
  createsPerSec: 1500,
  deactivationsPerSec: 3000,
  lookupP99Ms: 5,
  /** "No slower at the big size": rate at least this fraction of the small-size rate. */
  bigVsSmall: 0.9,
};

/** The cloud's phase windows (every round), for profile-summary.ts --phase. */
export function writePhases(dir: string, results: PhaseResult[]): string {
  const file = join(dir, 'phases.json');
  writeFileSync(
    file,
    JSON.stringify(
      results.map((r) => ({ name: r.name, startUs: r.startUs, endUs: r.endUs })),
      null,
      2,
    ),
  );
  return resolve(dir);
}

function printLatencies(comparisons: Comparison[]) {
  const rows: string[][] = [];
  for (const c of comparisons) {
    for (const [side, results] of [
      ['cloud', c.cloud],
      ['bare', c.bare],
      ['bare+SQLite', c.sqlite],
    ] as const) {
      results[0]?.samples.forEach(([kind], k) => {
        const s = pooledLatency(results, k);
        rows.push([
          `${c.name} ${side}`,
          kind,
          int(s.count),
          ms(s.mean),
          ms(s.p50),
          ms(s.p90),
          ms(s.p99),
          ms(s.max),
        ]);
      });
    }
  }
  console.log('\n=== Latencies, every round pooled ===\n');
  console.log(table(['measure', 'request', 'count', 'mean', 'p50', 'p90', 'p99', 'max'], rows));
}

export function printSummary(opts: Options, comparisons: Comparison[], passes: PhaseResult[]) {
  printLatencies(comparisons);
  const find = (kind: string) => comparisons.filter((c) => c.name.startsWith(kind));
  const [create] = find('create');
  const [grow] = find('grow');
  const [deactivate] = find('deactivate');
  const [lookupSmall, lookupBig] = find('lookup');
  const rate = (c: Comparison | undefined) => (c ? medianRate(c.cloud) : NaN);
  const p99 = (c: Comparison | undefined) => (c ? pooledLatency(c.cloud).p99 : NaN);
  const at = (c: Comparison | undefined) => (c ? `@${int(c.users)}` : '');
  const rows: string[][] = [];
  const target = (
    what: string,
    c: Comparison | undefined,
    text: string,
    goal: string,
    met: boolean,
  ) => {
    if (c) rows.push([what, text, goal, met ? 'met' : 'MISSED']);
  };
  const atLeast = (what: string, c: Comparison | undefined, min: number) =>
    target(what, c, `${int(rate(c))}/s`, `>= ${int(min)}/s`, rate(c) >= min);
  atLeast(`lookups/s ${at(lookupSmall)}`, lookupSmall, TARGETS.lookupsPerSec);
  atLeast(`lookups/s ${at(lookupBig)}`, lookupBig, TARGETS.lookupsPerSec);
  atLeast('creates/s (lookup + POST)', create, TARGETS.createsPerSec);
  atLeast('creates/s (grow, POST only)', grow, TARGETS.createsPerSec);
  atLeast('deactivations/s', deactivate, TARGETS.deactivationsPerSec);
  for (const c of [lookupSmall, lookupBig]) {
    const goal = `< ${TARGETS.lookupP99Ms} ms`;
    target(`lookup p99 ${at(c)}`, c, ms(p99(c)), goal, p99(c) < TARGETS.lookupP99Ms);
  }
  if (lookupSmall && lookupBig) {
    const ratio = rate(lookupBig) / rate(lookupSmall);
    const vs = `${at(lookupBig)} vs ${at(lookupSmall)}`;
    const noSlower = `>= ${TARGETS.bigVsSmall}x (no slower)`;
    target(
      `lookups/s ${vs}`,
      lookupBig,
      `${ratio.toFixed(2)}x`,
      noSlower,
      ratio >= TARGETS.bigVsSmall,
    );
    const p99Ratio = p99(lookupBig) / p99(lookupSmall);
    target(
      `lookup p99 ${vs}`,
      lookupBig,
      `${p99Ratio.toFixed(2)}x`,
      `<= ${(1 / TARGETS.bigVsSmall).toFixed(2)}x (no slower)`,
      p99Ratio <= 1 / TARGETS.bigVsSmall,
    );
  }
  const errors =
    totalErrors(passes) +
    comparisons.reduce(
      (n, c) => n + totalErrors([...c.cloud, ...c.bare, ...c.sqlite, ...c.warmups]),
      0,
    );
  rows.push(['correctness errors', int(errors), 'none', errors === 0 ? 'met' : 'MISSED']);
  console.log('\n=== Absolute targets (the cloud alone, medians of the rounds) ===\n');
  console.log(table(['target', 'figure', 'goal', ''], rows));
  if (opts.concurrency !== 8)
    console.log(`(targets assume 8 in flight; this run had ${opts.concurrency})`);
}
