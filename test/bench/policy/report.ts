/** The policy benchmark's printed tables, and its figures for `npm run bench`. */
import { recordFigures } from '../results.js';
import { rowFigure } from '../rows.js';
import { int, median, pct, table } from '../scim/stats.js';
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

/** Every run's rates and latencies (each round's, in the order they ran within the round). */
export function printRuns(results: RunResult[], pools: string[][]): void {
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
}

/** One run kind's big-vs-small ratio: the median of the rounds', their spread, the rates. */
interface Ratio {
  mode: string;
  trace: boolean;
  perSec: number;
  perCpuSec: number;
  min: number;
  max: number;
  bigPerSec: number;
  smallPerSec: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Each run kind's ratio, big pool ÷ small, per round (a round holds the runs at sizes[0], then
 * the same runs at sizes[1]), and the median of the rounds'.
 */
export function ratios(rounds: RunResult[][]): Ratio[] {
  const half = rounds[0]!.length / 2;
  return rounds[0]!.slice(0, half).map((kind, i) => {
    const pairs = rounds.map((runs) => [runs[i]!, runs[half + i]!] as const);
    const perSec = pairs.map(([small, big]) => big.perSec / small.perSec);
    return {
      mode: kind.mode,
      trace: kind.trace,
      perSec: median(perSec),
      perCpuSec: median(pairs.map(([small, big]) => big.perCpuSec / small.perCpuSec)),
      min: Math.min(...perSec),
      max: Math.max(...perSec),
      bigPerSec: median(pairs.map(([, big]) => big.perSec)),
      smallPerSec: median(pairs.map(([small]) => small.perSec)),
    };
  });
}

const spread = (r: Ratio, rounds: number) =>
  `median of ${rounds} rounds, rounds ${r.min.toFixed(2)}–${r.max.toFixed(2)}×`;

export function printRatios(rounds: RunResult[][], sizes: readonly number[]): void {
  console.log(
    '\n' +
      table(
        [
          'mode',
          'trace',
          `decisions/s, ${int(sizes[1]!)} vs ${int(sizes[0]!)} users`,
          'rounds',
          'per CPU s',
        ],
        ratios(rounds).map((r) => [
          r.mode,
          r.trace ? 'full' : 'off',
          `${r.perSec.toFixed(2)}x`,
          `${r.min.toFixed(2)}–${r.max.toFixed(2)}x`,
          `${r.perCpuSec.toFixed(2)}x`,
        ]),
      ),
  );
}

/** The big-vs-small ratios as figures; the service's with the full trace is the row. */
export function recordRatios(rounds: RunResult[][], sizes: readonly number[]): void {
  recordFigures({
    benchmark: 'policy',
    parameters: { rules: RULES, small: sizes[0]!, big: sizes[1]!, rounds: rounds.length },
    figures: ratios(rounds).map((r) => {
      const value = round2(r.perSec);
      const sizesText = `${int(sizes[1]!)} vs ${int(sizes[0]!)} users`;
      const note = `${int(r.bigPerSec)}/s vs ${int(r.smallPerSec)}/s; ${spread(r, rounds.length)}`;
      // The broker asks with the full trace (PolicyDecider.decide's default): that is the row.
      return r.mode === 'service' && r.trace
        ? rowFigure('policyService', { value, unit: 'x', detail: sizesText, note })
        : {
            measure: `policy ${r.mode} decisions/s, ${sizesText} (trace ${r.trace ? 'full' : 'off'})`,
            value,
            unit: 'x',
            note,
          };
    }),
  });
}
