/**
 * The cloud and the bare ceiling measured in interleaved rounds: round 1 runs the cloud then the
 * ceiling, round 2 the ceiling then the cloud, and so on, each for the same duration. A neighbour's
 * burst of load on the shared machine then hits both sides of some round instead of one side of
 * the whole comparison, and the median of the per-round ratios ignores the round it spoiled.
 */
import { printPhase, type PhaseResult } from './phase.js';
import { Latencies, int, median, ms, type LatencySummary } from './stats.js';

export interface Comparison {
  /** e.g. "lookup @5,000": the kind first (create, lookup, deactivate, grow). */
  name: string;
  /** Users in the cloud's directory while it ran. */
  users: number;
  cloud: PhaseResult[];
  bare: PhaseResult[];
  /** The untimed warm-ups, kept for their correctness errors. */
  warmups: PhaseResult[];
}

export const rate = (r: PhaseResult) => r.ops / r.seconds;
/** Operations per second of server CPU: what the neighbours' load moves least. */
export const perCpuSecond = (r: PhaseResult) => r.ops / ((r.serverCpu / 100) * r.seconds);

/** "160 µs CPU/op": the server's CPU time per operation, from /proc. */
const cpuPerOp = (r: PhaseResult) => `${int(1e6 / perCpuSecond(r))} µs CPU/op`;

/** cloud ÷ ceiling of each round, by `measure` (wall-clock rate by default). */
export function roundRatios(c: Comparison, measure = rate): number[] {
  return c.cloud.map((r, i) => measure(r) / measure(c.bare[i]!));
}

export const medianRatio = (c: Comparison, measure = rate) => median(roundRatios(c, measure));
export const medianRate = (results: readonly PhaseResult[]) => median(results.map(rate));

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

/**
 * Runs `phase` on both sides: first a short untimed warm-up on each (JIT, caches, connections),
 * then `rounds` timed rounds in alternating order. Prints one line per round.
 */
export async function interleave(
  name: string,
  users: number,
  { rounds, seconds, warmupSeconds }: { rounds: number; seconds: number; warmupSeconds: number },
  phase: (side: 'cloud' | 'bare', seconds: number, label: string) => Promise<PhaseResult>,
): Promise<Comparison> {
  const warmups: PhaseResult[] = [];
  process.stdout.write(`[${name}] `);
  if (warmupSeconds > 0) {
    process.stdout.write(`warm-up ${warmupSeconds} s each... `);
    for (const side of ['cloud', 'bare'] as const) {
      const w = await phase(
        side,
        warmupSeconds,
        `${name} warm-up${side === 'bare' ? ' (bare)' : ''}`,
      );
      if (w.errors.total > 0 || w.aborted) printPhase(w);
      warmups.push(w);
    }
  }
  console.log(`${rounds} rounds of ${seconds} s each, alternating which side goes first`);
  const c: Comparison = { name, users, cloud: [], bare: [], warmups };
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 === 0 ? (['cloud', 'bare'] as const) : (['bare', 'cloud'] as const);
    for (const side of order) {
      const r = await phase(
        side,
        seconds,
        `${name} round ${i + 1}${side === 'bare' ? ' (bare)' : ''}`,
      );
      c[side].push(r);
      if (r.errors.total > 0 || r.aborted) printPhase(r);
    }
    const mine = c.cloud[i]!;
    const bare = c.bare[i]!;
    console.log(
      `  round ${i + 1}: cloud ${int(rate(mine))}/s (${cpuPerOp(mine)}, ` +
        `p99 ${ms(mine.latencies[0]![1].p99)}), bare ${int(rate(bare))}/s ` +
        `(${cpuPerOp(bare)}, p99 ${ms(bare.latencies[0]![1].p99)}): ` +
        `${((rate(mine) / rate(bare)) * 100).toFixed(0)} %`,
    );
    if (mine.aborted || bare.aborted) break;
  }
  const ratios = roundRatios(c);
  console.log(
    `  median ${(median(ratios) * 100).toFixed(0)} % of the ceiling (rounds ${spreadText(ratios)}), ` +
      `per server CPU second ${(medianRatio(c, perCpuSecond) * 100).toFixed(0)} % ` +
      `(the cloud's median ${int(median(c.cloud.map((r) => 1e6 / perCpuSecond(r))))} µs CPU/op)`,
  );
  return c;
}
