/**
 * The SCIM benchmark's round arithmetic: the median of per-round ratios (not the ratio of
 * medians), their spread, and percentiles pooled over every round.
 */
import { describe, expect, it } from 'vitest';
import type { PhaseResult } from '../../bench/scim/phase.js';
import {
  medianRate,
  medianRatio,
  pooledLatency,
  roundRatios,
  spreadText,
  type Comparison,
} from '../../bench/scim/rounds.js';
import { Errors, Latencies, median } from '../../bench/scim/stats.js';

function phase(ops: number, seconds: number, latencies: number[]): PhaseResult {
  const l = new Latencies(latencies.length);
  for (const ms of latencies) l.add(ms);
  return {
    name: 'x',
    unit: 'ops',
    ops,
    requests: ops,
    seconds,
    latencies: [['GET', l.summary()]],
    samples: [['GET', l]],
    errors: new Errors(),
    serverCpu: 100,
    harnessCpu: 50,
    aborted: undefined,
    startUs: 0,
    endUs: 0,
  };
}

describe('SCIM benchmark rounds', () => {
  it('median of an odd and an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('the ratio is the median of the rounds, each cloud round over its own ceiling round', () => {
    const c: Comparison = {
      name: 'lookup @5',
      users: 5,
      // Round 2's neighbour burst slowed both sides: its ratio stays sane.
      cloud: [phase(500, 1, [1]), phase(100, 1, [1]), phase(450, 1, [1])],
      bare: [phase(1000, 1, [1]), phase(250, 1, [1]), phase(1000, 1, [1])],
      sqlite: [],
      warmups: [],
    };
    expect(roundRatios(c)).toEqual([0.5, 0.4, 0.45]);
    expect(medianRatio(c)).toBe(0.45);
    expect(spreadText(roundRatios(c))).toBe('40–50 %');
    expect(medianRate(c.cloud)).toBe(450);
    // Not the ratio of the median rates (450 / 1000).
    c.bare[2] = phase(900, 1, [1]);
    expect(medianRatio(c)).toBe(0.5);
  });

  it('percentiles pool the samples of every round', () => {
    const fast = Array.from({ length: 99 }, () => 1);
    const rounds = [phase(99, 1, fast), phase(1, 1, [50])];
    const pooled = pooledLatency(rounds);
    expect(pooled.count).toBe(100);
    expect(pooled.p50).toBe(1);
    expect(pooled.max).toBe(50);
    expect(pooledLatency([phase(3, 1, [5, 1, 3])]).p50).toBe(3);
  });
});
