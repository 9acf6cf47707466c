/**
 * The cloud and its references (the bare ceiling, and bare + SQLite when it runs) measured in
 * interleaved rounds: round 1 runs cloud, bare, bare+SQLite; round 2 bare, bare+SQLite, cloud;
 * and so on (with two sides: cloud–bare, bare–cloud), each for the same duration. A neighbour's
 * burst of load on the shared machine then hits every side of some round instead of one side of
 * the whole comparison, and the median of the per-round ratios ignores the round it spoiled.
 */
import { printPhase, type PhaseResult } from './phase.js';
import { Latencies, int, median, ms, type LatencySummary } from './stats.js';

/** The servers a measure runs on: the cloud, the bare ceiling, the bare + SQLite reference. */
export const SIDES = ['cloud', 'bare', 'sqlite'] as const;
export type Side = (typeof SIDES)[number];
/** The references the cloud is compared with. */
export type Reference = Exclude<Side, 'cloud'>;
export const SIDE_NAMES: Record<Side, string> = {
  cloud: 'cloud',
  bare: 'bare',
  sqlite: 'bare+SQLite',
};

/** A phase's name on a side: "lookup @5,000 round 1 (bare)"; the cloud's has no suffix. */
export const sideLabel = (side: Side, name: string) =>
  side === 'cloud' ? name : `${name} (${side})`;
export const isCloudPhase = (name: string) => !/ \((bare|sqlite)\)$/.test(name);

export interface Comparison {
  /** e.g. "lookup @5,000": the kind first (create, lookup, deactivate, grow). */
  name: string;
  /** Users in the cloud's directory while it ran. */
  users: number;
  cloud: PhaseResult[];
  bare: PhaseResult[];
  /** The bare + SQLite reference's rounds (sqlite-reference.ts); empty when it did not run. */
  sqlite: PhaseResult[];
  /** The untimed warm-ups, kept for their correctness errors. */
  warmups: PhaseResult[];
}

export const rate = (r: PhaseResult) => r.ops / r.seconds;
/** Operations per second of server CPU: what the neighbours' load moves least. */
export const perCpuSecond = (r: PhaseResult) => r.ops / ((r.serverCpu / 100) * r.seconds);
/** The server's CPU µs per operation, from /proc. */
export const cpuUsPerOp = (r: PhaseResult) => 1e6 / perCpuSecond(r);

/** "160 µs CPU/op". */
const cpuPerOp = (r: PhaseResult) => `${int(cpuUsPerOp(r))} µs CPU/op`;

/**
 * `side` ÷ `reference` (the cloud ÷ the bare ceiling by default) of each round, by `measure`
 * (wall-clock rate by default).
 */
export function roundRatios(
  c: Comparison,
  measure = rate,
  reference: Reference = 'bare',
  side: Side = 'cloud',
): number[] {
  return c[side].map((r, i) => measure(r) / measure(c[reference][i]!));
}

export const medianRatio = (
  c: Comparison,
  measure = rate,
  reference: Reference = 'bare',
  side: Side = 'cloud',
) => median(roundRatios(c, measure, reference, side));
export const medianRate = (results: readonly PhaseResult[]) => median(results.map(rate));
/** The median over the rounds of a side's CPU µs per operation. */
export const medianCpuUs = (results: readonly PhaseResult[]) => median(results.map(cpuUsPerOp));

/** The latencies of one request kind (0: the phase's first) pooled over every round. */
export function pooledLatency(results: readonly PhaseResult[], kind = 0): LatencySummary {
  return Latencies.merge(results.map((r) => r.samples[kind]![1])).summary();
}

export const totalErrors = (results: readonly PhaseResult[]) =>
  results.reduce((n, r) => n + r.errors.total, 0);

/** "41–52 %": the spread of the per-round ratios. */
export function spreadText(ratios: readonly number[]): string {
  const lo = Math.min(...ratios) * 100;
  const hi = Math.max(...ratios) * 100;
  return `${lo.toFixed(0)}–${hi.toFixed(0)} %`;
}

/** Round `i`'s order: the sides rotated by `i`, so no side always goes first (or last). */
export const roundOrder = <S>(sides: readonly S[], i: number): S[] =>
  sides.map((_, k) => sides[(k + i) % sides.length]!);

const percent = (ratio: number) => `${(ratio * 100).toFixed(0)} %`;

function printRound(c: Comparison, sides: readonly Side[], i: number) {
  const results = sides.map((side) => [side, c[side][i]!] as const);
  const each = results.map(
    ([side, r]) =>
      `${SIDE_NAMES[side]} ${int(rate(r))}/s (${cpuPerOp(r)}, p99 ${ms(r.latencies[0]![1].p99)})`,
  );
  const mine = rate(c.cloud[i]!);
  const shares = results
    .filter(([side]) => side !== 'cloud')
    .map(([side, r]) => `${percent(mine / rate(r))} of ${SIDE_NAMES[side]}`);
  console.log(`  round ${i + 1}: ${each.join(', ')}: ${shares.join(', ')}`);
}

export interface Timing {
  rounds: number;
  /** Seconds of one side of one round. */
  seconds: number;
  warmupSeconds: number;
  /** Seconds of the bare + SQLite reference's side of a round (its rate needs no more). */
  referenceSeconds: number;
}

/**
 * Runs `phase` on every side: first a short untimed warm-up on each (JIT, caches, connections),
 * then `rounds` timed rounds, each in the previous round's order rotated by one. Prints one line
 * per round.
 */
export async function interleave(
  name: string,
  users: number,
  timing: Timing,
  sides: readonly Side[],
  phase: (side: Side, seconds: number, label: string) => Promise<PhaseResult>,
): Promise<Comparison> {
  const { rounds, seconds, warmupSeconds, referenceSeconds } = timing;
  const secondsOn = (side: Side) => (side === 'sqlite' ? referenceSeconds : seconds);
  const warmups: PhaseResult[] = [];
  process.stdout.write(`[${name}] `);
  if (warmupSeconds > 0) {
    process.stdout.write(`warm-up ${warmupSeconds} s each... `);
    for (const side of sides) {
      const w = await phase(side, warmupSeconds, sideLabel(side, `${name} warm-up`));
      if (w.errors.total > 0 || w.aborted) printPhase(w);
      warmups.push(w);
    }
  }
  const shorter = sides.includes('sqlite') && referenceSeconds !== seconds;
  console.log(
    `${rounds} rounds of ${seconds} s each${shorter ? ` (bare+SQLite ${referenceSeconds} s)` : ''}, ` +
      'rotating which side goes first',
  );
  const c: Comparison = { name, users, cloud: [], bare: [], sqlite: [], warmups };
  for (let i = 0; i < rounds; i++) {
    let aborted = false;
    for (const side of roundOrder(sides, i)) {
      const r = await phase(side, secondsOn(side), sideLabel(side, `${name} round ${i + 1}`));
      c[side].push(r);
      if (r.errors.total > 0 || r.aborted) printPhase(r);
      aborted ||= r.aborted !== undefined;
    }
    printRound(c, sides, i);
    if (aborted) break;
  }
  const ratios = roundRatios(c);
  const references = sides.includes('sqlite')
    ? `; ${percent(medianRatio(c, rate, 'sqlite'))} of bare+SQLite (rounds ` +
      `${spreadText(roundRatios(c, rate, 'sqlite'))}, per CPU second ` +
      `${percent(medianRatio(c, perCpuSecond, 'sqlite'))}, its ${int(medianCpuUs(c.sqlite))} µs CPU/op)`
    : '';
  console.log(
    `  median ${percent(median(ratios))} of the ceiling (rounds ${spreadText(ratios)}), ` +
      `per server CPU second ${percent(medianRatio(c, perCpuSecond))} ` +
      `(the cloud's median ${int(medianCpuUs(c.cloud))} µs CPU/op, the ceiling's ` +
      `${int(medianCpuUs(c.bare))})${references}`,
  );
  return c;
}
