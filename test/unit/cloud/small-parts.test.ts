import { describe, expect, it } from 'vitest';
import { CLOCK_MAX_MS, SimulatedClock } from '../../../electron/cloud/clock/clock.js';
import { InvalidError } from '../../../electron/cloud/domain-errors.js';
import { RateLimiter } from '../../../electron/cloud/scim/rate-limiter.js';
import { hashPassword, passwordMatches } from '../../../electron/cloud/security/passwords.js';
import {
  bearerToken,
  hashToken,
  newToken,
  tokenMatches,
} from '../../../electron/cloud/security/tokens.js';
import { openDatabase } from '../../../electron/cloud/store/database.js';
import { MIGRATIONS } from '../../../electron/cloud/store/migrations.js';

describe('tokens', () => {
  it('reads bearer tokens from the header only, in the standard form', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });

  it('matches a token against its hash only', () => {
    const t = newToken();
    expect(t.length).toBeGreaterThanOrEqual(43);
    expect(tokenMatches(t, hashToken(t))).toBe(true);
    expect(tokenMatches(`${t}x`, hashToken(t))).toBe(false);
    expect(tokenMatches(t, null)).toBe(false);
    expect(tokenMatches(t, 'not-hex')).toBe(false);
  });

  it('makes URL-safe tokens that never start with a dash, so a command line takes them as values', () => {
    // With one token in 64 starting with '-', 5,000 tokens all passing by luck is ~1e-34.
    for (let i = 0; i < 5000; i++) expect(newToken()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{42}$/);
  });
});

describe('passwords', () => {
  it('hashes with a salt and verifies', () => {
    const h = hashPassword('Passw0rd!');
    expect(h).not.toContain('Passw0rd!');
    expect(hashPassword('Passw0rd!')).not.toBe(h);
    expect(passwordMatches('Passw0rd!', h)).toBe(true);
    expect(passwordMatches('passw0rd!', h)).toBe(false);
    expect(passwordMatches('x', 'garbage')).toBe(false);
  });
});

describe('rate limiter', () => {
  it('allows 50 updates per second, then asks to retry', () => {
    let now = 0;
    const limiter = new RateLimiter(50, () => now);
    for (let i = 0; i < 50; i++) expect(limiter.take('idp')).toBe(0);
    expect(limiter.take('idp')).toBe(1);
    expect(limiter.take('other')).toBe(0);
    now += 100; // 5 tokens refilled
    for (let i = 0; i < 5; i++) expect(limiter.take('idp')).toBe(0);
    expect(limiter.take('idp')).toBeGreaterThan(0);
  });
});

describe('simulated clock', () => {
  it('only moves forward and tells listeners', () => {
    const clock = new SimulatedClock(() => 1000);
    const seen: number[] = [];
    clock.onAdvance((n) => seen.push(n));
    expect(clock.advance(500)).toBe(1500);
    expect(() => clock.advance(-1)).toThrow(InvalidError);
    expect(() => clock.advance(Number.NaN)).toThrow(InvalidError);
    expect(seen).toEqual([1500]);
    expect(clock.now()).toBe(1500);
  });

  it('cannot pass the year 9999, however it is advanced, so every date stays valid', () => {
    const clock = new SimulatedClock(() => Date.UTC(2026, 0, 1));
    const tenYears = 3650 * 24 * 3600_000;
    let refused = 0;
    for (let i = 0; i < 1000; i++) {
      try {
        clock.advance(tenYears);
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidError);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(clock.now()).toBeLessThanOrEqual(CLOCK_MAX_MS);
    expect(new Date(clock.now()).toISOString()).toMatch(/^9\d{3}-/);
    expect(() => clock.advance(CLOCK_MAX_MS)).toThrow(/cannot pass/);
  });
});

describe('migrations', () => {
  it('bring a new database to the latest version and are idempotent', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('memory');
    db.close();
  });
});
