import type { RateLimitStore } from '../store/instance-state-types.js';

/**
 * Token bucket per IdP emulating the real cloud's limit of 50 SCIM updates per second
 * (shared/docs/domain.md §2.6). Uses the wall clock: a rate limit is about real load, not
 * simulated time.
 *
 * In memory for one process; given the store's `shared` buckets (PostgreSQL, several instances
 * on one database), each take is one atomic statement on the IdP's bucket row, so the instances
 * together keep the limit. `now` is then epoch milliseconds, comparable between instances.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly now: () => number;

  constructor(
    private readonly perSecond = 50,
    now?: () => number,
    private readonly shared?: RateLimitStore,
  ) {
    this.now = now ?? (shared ? Date.now : () => performance.now());
  }

  /** Takes one token; returns 0 if allowed, else the seconds to wait before retrying. */
  take(key: string): number {
    if (this.shared) {
      const { granted, tokens } = this.shared.take(key, this.perSecond, this.now());
      return granted ? 0 : this.waitFor(tokens);
    }
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.perSecond, at: now };
    bucket.tokens = Math.min(
      this.perSecond,
      bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond,
    );
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return this.waitFor(bucket.tokens);
  }

  private waitFor(tokens: number): number {
    return Math.max(1, Math.ceil((1 - tokens) / this.perSecond));
  }
}
