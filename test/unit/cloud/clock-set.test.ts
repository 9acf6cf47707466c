/** The simulated clock set to a time and back to real time (the console's clock page). */
import { describe, expect, it } from 'vitest';
import { CLOCK_MAX_MS, SimulatedClock } from '../../../electron/cloud/clock/clock.js';
import { InvalidError } from '../../../electron/cloud/domain-errors.js';

const REAL = Date.UTC(2026, 11, 7, 9, 0, 0);

describe('simulated clock: set and real time', () => {
  it('sets a later time, tells listeners, and goes back to real time', () => {
    const clock = new SimulatedClock(() => REAL);
    const seen: number[] = [];
    clock.onAdvance((n) => seen.push(n));
    const later = REAL + 48 * 3600_000;
    expect(clock.set(later)).toBe(later);
    expect(clock.offset).toBe(48 * 3600_000);
    expect(clock.realTime()).toBe(REAL);
    expect(clock.offset).toBe(0);
    expect(seen).toEqual([later, REAL]);
    // Real time itself is allowed (offset 0), and advancing still adds to a set time.
    expect(clock.set(REAL)).toBe(REAL);
    clock.set(later);
    expect(clock.advance(1000)).toBe(later + 1000);
  });

  it('refuses a time before real time, past the year 9999, or not a number, and does not move', () => {
    const clock = new SimulatedClock(() => REAL);
    clock.advance(3600_000);
    for (const bad of [REAL - 1, CLOCK_MAX_MS + 1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => clock.set(bad), String(bad)).toThrow(InvalidError);
    }
    expect(clock.offset).toBe(3600_000);
    expect(clock.set(CLOCK_MAX_MS)).toBe(CLOCK_MAX_MS);
  });
});
