/**
 * Token bucket per IdP emulating the real cloud's limit of 50 SCIM updates per second
 * (shared/docs/domain.md §2.6). Uses the wall clock: a rate limit is about real load, not
 * simulated time.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond = 50,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token; returns 0 if allowed, else the seconds to wait before retrying. */
  take(key: string): number {
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
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
  }
}
