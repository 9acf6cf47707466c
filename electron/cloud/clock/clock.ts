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

/**
 * Real time plus an offset (never negative): an admin fast-forwards it, sets it to a later time,
 * or puts it back to real time (the only way time goes back, for the next demo).
 */
export class SimulatedClock implements Clock {
  private offsetMs = 0;
  private readonly listeners = new Set<(now: number) => void>();

  constructor(private readonly realNow: () => number = Date.now) {}

  now(): number {
    return this.realNow() + this.offsetMs;
  }

  /** Jumps forward by `ms`. */
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
    return this.moveTo(this.offsetMs + ms);
  }

  /** Sets the time: not before real time (the offset stays >= 0), not past CLOCK_MAX_MS. */
  set(ms: number): number {
    if (!Number.isFinite(ms)) {
      throw new InvalidError('invalid_request', 'set needs a time in ms since the epoch');
    }
    ms = Math.round(ms);
    if (ms > CLOCK_MAX_MS) {
      throw new InvalidError(
        'clock_out_of_range',
        `The clock cannot pass ${new Date(CLOCK_MAX_MS).toISOString()}.`,
      );
    }
    const real = this.realNow();
    if (ms < real) {
      throw new InvalidError(
        'clock_out_of_range',
        `The clock cannot be set before real time (${new Date(real).toISOString()}); use real time instead.`,
      );
    }
    return this.moveTo(ms - real);
  }

  /** Back to real time (offset 0). */
  realTime(): number {
    return this.moveTo(0);
  }

  private moveTo(offsetMs: number): number {
    this.offsetMs = offsetMs;
    const now = this.now();
    for (const listener of this.listeners) listener(now);
    return now;
  }

  get offset(): number {
    return this.offsetMs;
  }

  /**
   * Called after every change of time (advance, set, real time), so schedulers run what became
   * due and connectors get the new time.
   */
  onAdvance(listener: (now: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const isoTime = (ms: number): string => new Date(ms).toISOString();
