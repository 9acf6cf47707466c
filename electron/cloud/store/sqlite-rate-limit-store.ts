import type { Db } from './database.js';
import type { RateLimitStore } from './instance-state-types.js';

/**
 * The scim_rate_buckets table (migration 6): a token bucket per IdP, refilled and taken from in
 * one statement, so instances sharing the database share the limit. `refill` is the bucket
 * after the time since its last take (never negative, however the instances' clocks differ),
 * capped at the capacity; a take that finds less than one token leaves the refill and takes none.
 */
const REFILL = `CASE
    WHEN scim_rate_buckets.tokens + (CASE WHEN @now > scim_rate_buckets.at
                                     THEN @now - scim_rate_buckets.at ELSE 0 END) * @cap / 1000.0 > @cap
    THEN @cap * 1.0
    ELSE scim_rate_buckets.tokens + (CASE WHEN @now > scim_rate_buckets.at
                                     THEN @now - scim_rate_buckets.at ELSE 0 END) * @cap / 1000.0
  END`;

export class SqliteRateLimitStore implements RateLimitStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      take: db.prepare<
        { key: string; now: number; cap: number },
        { tokens: number; granted: number }
      >(
        `INSERT INTO scim_rate_buckets (idp_id, tokens, at, granted)
         VALUES (@key, @cap - 1.0, @now, 1)
         ON CONFLICT (idp_id) DO UPDATE SET
           tokens = CASE WHEN ${REFILL} >= 1 THEN ${REFILL} - 1 ELSE ${REFILL} END,
           granted = CASE WHEN ${REFILL} >= 1 THEN 1 ELSE 0 END,
           at = CASE WHEN @now > scim_rate_buckets.at THEN @now ELSE scim_rate_buckets.at END
         RETURNING tokens, granted`,
      ),
    };
  }

  take(key: string, perSecond: number, nowMs: number) {
    const row = this.s.take.get({ key, now: Math.round(nowMs), cap: perSecond })!;
    return { granted: row.granted === 1, tokens: row.tokens };
  }
}
