/** The SCIM benchmark's summary tables against its targets, and the phase windows for a profile. */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Options } from './options.js';
import type { PhaseResult } from './phase.js';
import { int, ms, pct, table } from './stats.js';

const TARGETS = {
  lookupsPerSec: 5000,
  createsPerSec: 1500,
  deactivationsPerSec: 3000,
  lookupP99Ms: 5,
  /** "No slower at the big size": rate at least this fraction of the small-size rate. */
  bigVsSmall: 0.9,
};

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

export function printSummary(opts: Options, results: PhaseResult[]) {
  console.log('\n=== Summary ===\n');
  console.log(
    table(
      ['phase', 'ops', 'seconds', 'ops/s', 'requests/s', 'server CPU', 'harness CPU', 'errors'],
      results.map((r) => [
        r.name + (r.aborted ? ' (stopped early)' : ''),
        `${int(r.ops)}`,
        r.seconds.toFixed(2),
        `${int(r.ops / r.seconds)}`,
        `${int(r.requests / r.seconds)}`,
        pct(r.serverCpu),
        pct(r.harnessCpu),
        int(r.errors.total),
      ]),
    ),
  );
  console.log('');
  console.log(
    table(
      ['phase', 'request', 'count', 'mean', 'p50', 'p90', 'p99', 'max'],
      results.flatMap((r) =>
        r.latencies.map(([kind, s]) => [
          r.name,
          kind,
          int(s.count),
          ms(s.mean),
          ms(s.p50),
          ms(s.p90),
          ms(s.p99),
          ms(s.max),
        ]),
      ),
    ),
  );

  const find = (prefix: string) => results.find((r) => r.name.startsWith(prefix));
  const rate = (r: PhaseResult | undefined) => (r ? r.ops / r.seconds : NaN);
  const p99 = (r: PhaseResult | undefined) => r?.latencies[0]?.[1].p99 ?? NaN;
  const create = find('create');
  const grow = find('grow');
  const lookups = results.filter((r) => r.name.startsWith('lookup'));
  const [lookupSmall, lookupBig] = [lookups[0], lookups[1]];
  const deactivate = find('deactivate');
  const rows: string[][] = [];
  const target = (
    what: string,
    r: PhaseResult | undefined,
    figure: number,
    text: string,
    goal: string,
    met: boolean,
  ) => {
    if (r) rows.push([what, text, goal, Number.isFinite(figure) ? (met ? 'met' : 'MISSED') : '-']);
  };
  const perSec = (n: number) => `${int(n)}/s`;
  target(
    `lookups/s ${lookupSmall?.name.slice(7) ?? ''}`,
    lookupSmall,
    rate(lookupSmall),
    perSec(rate(lookupSmall)),
    `>= ${int(TARGETS.lookupsPerSec)}/s`,
    rate(lookupSmall) >= TARGETS.lookupsPerSec,
  );
  target(
    `lookups/s ${lookupBig?.name.slice(7) ?? ''}`,
    lookupBig,
    rate(lookupBig),
    perSec(rate(lookupBig)),
    `>= ${int(TARGETS.lookupsPerSec)}/s`,
    rate(lookupBig) >= TARGETS.lookupsPerSec,
  );
  target(
    'creates/s (lookup + POST)',
    create,
    rate(create),
    perSec(rate(create)),
    `>= ${int(TARGETS.createsPerSec)}/s`,
    rate(create) >= TARGETS.createsPerSec,
  );
  target(
    'creates/s (grow, POST only)',
    grow,
    rate(grow),
    perSec(rate(grow)),
    `>= ${int(TARGETS.createsPerSec)}/s`,
    rate(grow) >= TARGETS.createsPerSec,
  );
  target(
    'deactivations/s',
    deactivate,
    rate(deactivate),
    perSec(rate(deactivate)),
    `>= ${int(TARGETS.deactivationsPerSec)}/s`,
    rate(deactivate) >= TARGETS.deactivationsPerSec,
  );
  target(
    `lookup p99 ${lookupSmall?.name.slice(7) ?? ''}`,
    lookupSmall,
    p99(lookupSmall),
    ms(p99(lookupSmall)),
    `< ${TARGETS.lookupP99Ms} ms`,
    p99(lookupSmall) < TARGETS.lookupP99Ms,
  );
  target(
    `lookup p99 ${lookupBig?.name.slice(7) ?? ''}`,
    lookupBig,
    p99(lookupBig),
    ms(p99(lookupBig)),
    `< ${TARGETS.lookupP99Ms} ms`,
    p99(lookupBig) < TARGETS.lookupP99Ms,
  );
  if (lookupSmall && lookupBig) {
    const ratio = rate(lookupBig) / rate(lookupSmall);
    target(
      `lookups/s ${lookupBig.name.slice(7)} vs ${lookupSmall.name.slice(7)}`,
      lookupBig,
      ratio,
      `${ratio.toFixed(2)}x`,
      `>= ${TARGETS.bigVsSmall}x (no slower)`,
      ratio >= TARGETS.bigVsSmall,
    );
    const p99Ratio = p99(lookupBig) / p99(lookupSmall);
    target(
      `lookup p99 ${lookupBig.name.slice(7)} vs ${lookupSmall.name.slice(7)}`,
      lookupBig,
      p99Ratio,
      `${p99Ratio.toFixed(2)}x`,
      `<= ${(1 / TARGETS.bigVsSmall).toFixed(2)}x (no slower)`,
      p99Ratio <= 1 / TARGETS.bigVsSmall,
    );
  }
  const errors = results.reduce((n, r) => n + r.errors.total, 0);
  rows.push(['correctness errors', int(errors), 'none', errors === 0 ? 'met' : 'MISSED']);
  console.log('');
  console.log(table(['target', 'figure', 'goal', ''], rows));
  if (opts.concurrency !== 8)
    console.log(`(targets assume 8 in flight; this run had ${opts.concurrency})`);
}
