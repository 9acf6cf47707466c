import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, backoffBounds, nextBackoff } from '../../../shared/state/index.js';

describe('nextBackoff', () => {
  it('doubles from 1 s with equal jitter: each delay lies in [step/2, step]', () => {
    for (let attempt = 1; attempt <= 7; attempt++) {
      const step = 1000 * 2 ** (attempt - 1);
      expect(nextBackoff(attempt, () => 0)).toBe(step / 2);
      expect(nextBackoff(attempt, () => 0.5)).toBe(0.75 * step);
      expect(nextBackoff(attempt, () => 0.999999)).toBeLessThanOrEqual(step);
      expect(nextBackoff(attempt, () => 0.999999)).toBeGreaterThan(0.99 * step);
    }
  });

  it('is capped at 120 s, and never below 60 s once capped', () => {
    for (const attempt of [8, 9, 10, 50, 1_000, 1e9, Number.MAX_SAFE_INTEGER]) {
      expect(nextBackoff(attempt, () => 1)).toBe(DEFAULT_BACKOFF.maxMs);
      expect(nextBackoff(attempt, () => 0)).toBe(DEFAULT_BACKOFF.maxMs / 2);
    }
  });

  it('never returns less than half the base, whatever it is given', () => {
    for (const attempt of [0, -3, Number.NaN, Number.NEGATIVE_INFINITY, 1.7]) {
      const d = nextBackoff(attempt, () => 0);
      expect(d).toBeGreaterThanOrEqual(500);
      expect(Number.isFinite(d)).toBe(true);
    }
    for (const r of [-1, 2, Number.NaN, Number.POSITIVE_INFINITY]) {
      const d = nextBackoff(3, () => r);
      expect(d).toBeGreaterThanOrEqual(2_000);
      expect(d).toBeLessThanOrEqual(4_000);
    }
  });

  it('jitters: different random draws spread the delays over the whole range', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed - 1) / 2147483646;
    };
    const delays = Array.from({ length: 2_000 }, () => nextBackoff(4, random));
    const { min, max } = backoffBounds(4);
    expect(min).toBe(4_000);
    expect(max).toBe(8_000);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(min);
      expect(d).toBeLessThanOrEqual(max);
    }
    expect(new Set(delays).size).toBeGreaterThan(1_000);
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    expect(mean).toBeGreaterThan(5_800);
    expect(mean).toBeLessThan(6_200);
    // Both halves of the range are used.
    expect(delays.filter((d) => d < 6_000).length).toBeGreaterThan(800);
    expect(delays.filter((d) => d >= 6_000).length).toBeGreaterThan(800);
  });

  it('is pure: the same draw gives the same delay', () => {
    expect(nextBackoff(5, () => 0.25)).toBe(nextBackoff(5, () => 0.25));
  });

  it('takes another configuration', () => {
    const config = { baseMs: 250, maxMs: 2_000 };
    expect(backoffBounds(1, config)).toEqual({ min: 125, max: 250 });
    expect(backoffBounds(4, config)).toEqual({ min: 1_000, max: 2_000 });
    expect(backoffBounds(20, config)).toEqual({ min: 1_000, max: 2_000 });
    // A cap below the base is raised to the base.
    expect(backoffBounds(3, { baseMs: 1_000, maxMs: 10 })).toEqual({ min: 500, max: 1_000 });
  });
});
