/**
 * The cloud's one source of time. Everything time-based (token and log timestamps, SCIM meta,
 * IdP push cycles, timeouts) reads this clock, so a demo or a test can skip "wait 48 hours".
 */
export interface Clock {
  /** Milliseconds since the epoch, simulated. */
  now(): number;
}

import { InvalidError } from '../domain-errors.js';
import type { ClockOffsetStore } from '../store/instance-state-types.js';

/**
 * The latest time the clock may show: the last millisecond of 9999, so every timestamp keeps a
 * four-digit year (ISO 8601, SQL, SCIM meta) and `new Date(now)` is always a valid date.
 */
export const CLOCK_MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * How long a clock shared through the database (several cloud instances) trusts the offset it
 * read: another instance's change shows here within this time, and at most one read a
 * `SHARED_OFFSET_TTL_MS` goes to the database however often the time is asked.
 */
export const SHARED_OFFSET_TTL_MS = 200;

/**
 * Real time plus an offset (never negative): an admin fast-forwards it, sets it to a later time,
 * or puts it back to real time (the only way time goes back, for the next demo).
 *
 * Given a `shared` offset store, the offset lives in the tenant's database, so every instance on
 * it shows the same time: a change is written there at once, another instance reads it within
 * SHARED_OFFSET_TTL_MS and then tells its own listeners. Without one (SQLite, a single process)
 * the offset is this object's alone.
 */
export class SimulatedClock implements Clock {
  private offsetMs = 0;
  private readAt = -Infinity;
  private readonly listeners = new Set<(now: number) => void>();

  constructor(
    private readonly realNow: () => number = Date.now,
    private readonly shared?: ClockOffsetStore,
  ) {}

  now(): number {
    if (this.shared) this.refresh();
    return this.realNow() + this.offsetMs;
  }

  /** Re-reads a shared offset once its cache has expired; a change made elsewhere is announced. */
  private refresh(): void {
    const at = performance.now();
    if (at - this.readAt < SHARED_OFFSET_TTL_MS) return;
    this.readAt = at;
    let offset: number;
    try {
      offset = this.shared!.get();
    } catch {
      return; // the database is gone (closing, or a lost connection): keep the last known time
    }
    if (offset === this.offsetMs) return;
    this.offsetMs = offset;
    // Not from inside now(): a listener may be mid-transaction in whatever asked for the time.
    setImmediate(() => this.announce());
  }

  /** Jumps forward by `ms`. */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new InvalidError('invalid_request', 'advance needs a non-negative number of ms');
    }
    ms = Math.round(ms);
    const outOfRange = () =>
      new InvalidError(
        'clock_out_of_range',
        `The clock cannot pass ${new Date(CLOCK_MAX_MS).toISOString()}.`,
      );
    if (this.shared) {
      // Added in the database, so two instances advancing at once both count.
      const offset = this.shared.add(ms, this.realNow(), CLOCK_MAX_MS);
      if (offset === undefined) throw outOfRange();
      return this.moved(offset);
    }
    if (this.now() + ms > CLOCK_MAX_MS) throw outOfRange();
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
    this.shared?.set(offsetMs);
    return this.moved(offsetMs);
  }

  private moved(offsetMs: number): number {
    this.offsetMs = offsetMs;
    this.readAt = performance.now();
    return this.announce();
  }

  private announce(): number {
    const now = this.realNow() + this.offsetMs;
    for (const listener of this.listeners) listener(now);
    return now;
  }

  get offset(): number {
    if (this.shared) this.refresh();
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

/**
 * `new Date(ms).toISOString()`, with the part up to the second kept for the last two seconds
 * asked (a SCIM response formats "now" and the resource's creation time: 20 ns instead of 500
 * for the first). Years 1970–9999 only; any other value, or a fraction of a millisecond, goes
 * to Date as before.
 */
export function isoTime(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > ISO_CACHE_MAX_MS) return new Date(ms).toISOString();
  const second = Math.floor(ms / 1000);
  const milli = ms - second * 1000;
  return `${secondPrefix(second)}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

/** 9999-12-31T23:59:59.999Z: past it toISOString writes a six-digit year. */
const ISO_CACHE_MAX_MS = 253_402_300_799_999;
let hot = { second: NaN, prefix: '' };
let cold = { second: NaN, prefix: '' };

/** "YYYY-MM-DDTHH:mm:ss." of a second since the epoch; the two last used are kept. */
function secondPrefix(second: number): string {
  if (second !== hot.second) {
    if (second !== cold.second) {
      cold = { second, prefix: new Date(second * 1000).toISOString().slice(0, 20) };
    }
    [hot, cold] = [cold, hot];
  }
  return hot.prefix;
}
