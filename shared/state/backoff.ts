/**
 * Reconnect backoff: exponential with "equal jitter" and a cap. Half of each step is fixed and
 * half is random, so clients that lost the network together do not come back in lockstep, and
 * no delay is ever shorter than half the base: there is no tight loop while offline.
 */

export interface BackoffConfig {
  /** Delay step of the first retry (ms). */
  baseMs: number;
  /** Largest delay (ms); attempts beyond it keep retrying at most this often. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffConfig = { baseMs: 1_000, maxMs: 120_000 };

/** A source of numbers in [0, 1), such as Math.random. */
export type RandomSource = () => number;

/**
 * The delay before retry number `attempt` (1 = first retry): the step is
 * min(maxMs, baseMs * 2^(attempt-1)) and the delay is uniform in [step/2, step].
 * Pure: the randomness comes from `random`.
 */
export function nextBackoff(
  attempt: number,
  random: RandomSource,
  config: BackoffConfig = DEFAULT_BACKOFF,
): number {
  const base = Math.max(1, config.baseMs);
  const max = Math.max(base, config.maxMs);
  const n = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  // 2^exponent stops growing long before it could overflow: the cap is reached first.
  const exponent = Math.min(n - 1, Math.ceil(Math.log2(max / base)) + 1);
  const step = Math.min(max, base * 2 ** exponent);
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0.5;
  return Math.round(step / 2 + (step / 2) * unit);
}

/** The range nextBackoff draws from for `attempt` (for tests and for "retrying in ..." texts). */
export function backoffBounds(
  attempt: number,
  config: BackoffConfig = DEFAULT_BACKOFF,
): { min: number; max: number } {
  return { min: nextBackoff(attempt, () => 0, config), max: nextBackoff(attempt, () => 1, config) };
}
