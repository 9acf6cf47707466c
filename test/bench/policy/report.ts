/** The policy benchmark's printed tables, and its figures for `npm run bench`. */
import { recordFigures } from '../results.js';
import { rowFigure } from '../rows.js';
import { int, pct, table } from '../scim/stats.js';
import type { RunResult } from './measure.js';
import { RULES } from './options.js';
import type { World } from './world.js';

export const us = (n: number) => `${n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : int(n)} µs`;

/** The policy's shape: sizes, build and compile times, candidate rules per segment. */
export function printPolicy(w: World): void {
  const compiled = w.policy.compiled();
  const candidates = w.segments.map((s) => compiled.access.candidates(s.id).length);
  const everywhere = compiled.access.rules.filter((r) =>
    w.segments.every((s) => compiled.access.candidates(s.id).includes(r)),
  ).length;
  const mean = candidates.reduce((a, b) => a + b, 0) / candidates.length;
  console.log(
    table(
      ['policy', 'value'],
      [
        ['application segments', int(w.segments.length)],
        [
          'access / forwarding / timeout rules',
          `${compiled.access.rules.length} / ${compiled.forwarding.rules.length} / ${compiled.timeout.rules.length}`,
        ],
        ['built through the admin service in', `${int(w.setupMs.policy)} ms`],
        ['compiled (once per policy version) in', `${w.setupMs.compile.toFixed(1)} ms`],
        ['access rules that can apply to every segment', int(everywhere)],
        [
          'access rule candidates per segment (min / mean / max)',
          `${Math.min(...candidates)} / ${mean.toFixed(0)} / ${Math.max(...candidates)}`,
        ],
      ],
    ),
  );
}

/**
 * Every run's rates and latencies, then each run at the big pool against the small one.
 * `results` holds the runs at sizes[0] then the same runs at sizes[1].
 */
export function printRuns(results: RunResult[], pools: string[][], sizes: number[]): void {
  console.log(
    '\n' +
      table(['SCIM users', 'pool built in', 'store.scim.findByName', 'store.scim.groupsOf'], pools),
  );
  console.log(
    '\n' +
      table(
        [
          'mode',
          'SCIM users',
          'trace',
          'decisions',
          'rules/decision',
          'decisions/s',
          'mean',
          'p50',
          'p99',
          'allowed',
          'blocked',
          'bypassed',
          'reauth',
        ],
        results.map((r) => [
          r.mode,
          int(r.users),
          r.trace ? 'full' : 'off',
          int(r.decisions),
          r.rulesPerDecision === null ? '' : r.rulesPerDecision.toFixed(1),
          int(r.perSec),
          us(r.lat.mean),
          us(r.lat.p50),
          us(r.lat.p99),
          pct((100 * r.outcomes.allowed) / r.decisions),
          pct((100 * r.outcomes.blocked) / r.decisions),
          pct((100 * r.outcomes.bypassed) / r.decisions),
          pct((100 * r.outcomes.reauth_required) / r.decisions),
        ]),
      ),
  );
  const half = results.length / 2;
  console.log(
    '\n' +
      table(
        ['mode', 'trace', `decisions/s, ${int(sizes[1]!)} vs ${int(sizes[0]!)} users`, 'per CPU s'],
        results.slice(0, half).map((small, i) => {
          const big = results[half + i]!;
          return [
            small.mode,
            small.trace ? 'full' : 'off',
            `${(big.perSec / small.perSec).toFixed(2)}x`,
            `${(big.perCpuSec / small.perCpuSec).toFixed(2)}x`,
          ];
        }),
      ),
  );
}

/** The big-vs-small ratios as figures; the service's with the full trace is the row. */
export function recordRatios(results: RunResult[], sizes: number[]): void {
  const half = results.length / 2;
  recordFigures({
    benchmark: 'policy',
    parameters: { rules: RULES, small: sizes[0]!, big: sizes[1]! },
    figures: results.slice(0, half).map((small, i) => {
      const big = results[half + i]!;
      const value = Math.round((big.perSec / small.perSec) * 100) / 100;
      const sizesText = `${int(sizes[1]!)} vs ${int(sizes[0]!)} users`;
      const rates = `${int(big.perSec)}/s vs ${int(small.perSec)}/s`;
      // The broker asks with the full trace (PolicyDecider.decide's default): that is the row.
      return small.mode === 'service' && small.trace
        ? rowFigure('policyService', { value, unit: 'x', detail: sizesText, note: rates })
        : {
            measure: `policy ${small.mode} decisions/s, ${sizesText} (trace ${small.trace ? 'full' : 'off'})`,
            value,
            unit: 'x',
            note: rates,
          };
    }),
  });
}
