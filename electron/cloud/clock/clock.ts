/**
 * The cloud's one source of time. Everything time-based (token and log timestamps, SCIM meta,
 * IdP push cycles, timeouts) reads this clock, so a demo or a test can skip "wait 48 hours".
 */
export interface Clock {
  /** Milliseconds since the epoch, simulated. */
  now(): number;
}

import { InvalidError } from '../domain-errors.js';

/**
 * The latest time the clock may show: the last millisecond of 9999, so every timestamp keeps a
 * four-digit year (ISO 8601, SQL, SCIM meta) and `new Date(now)` is always a valid date.
 */
export const CLOCK_MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Real time plus an offset that only ever grows when an admin fast-forwards. */
export class SimulatedClock implements Clock {
  private offsetMs = 0;
  private readonly listeners = new Set<(now: number) => void>();

  constructor(private readonly realNow: () => number = Date.now) {}

  now(): number {
    return this.realNow() + this.offsetMs;
  }

  /** Jumps forward; time never goes backwards, so timestamps stay ordered. */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new InvalidError('invalid_request', 'advance needs a non-negative number of ms');
    }
    ms = Math.round(ms);
    if (this.now() + ms > CLOCK_MAX_MS) {
      throw new InvalidError(
        'clock_out_of_range',
        `The clock cannot pass ${new Date(CLOCK_MAX_MS).toISOString()}.`,
      );
    }
    this.offsetMs += ms;
    const now = this.now();
    for (const listener of this.listeners) listener(now);
    return now;
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** Called after every fast-forward, so schedulers can run what became due. */
  onAdvance(listener: (now: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const isoTime = (ms: number): string => new Date(ms).toISOString();
