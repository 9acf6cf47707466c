/**
 * Two cloud instances on one PostgreSQL database share the tenant's simulated clock and the
 * SCIM rate limit (issue 13): time moved on A is B's time too, and 50 SCIM writes per second per
 * IdP is the limit of both together, not of each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCloud } from '../../electron/cloud/cloud.js';
import { SHARED_OFFSET_TTL_MS } from '../../electron/cloud/clock/clock.js';
import { RateLimiter } from '../../electron/cloud/scim/rate-limiter.js';
import {
  admin,
  enableScim,
  eventually,
  expectScimError,
  expectStatus,
  scim,
  sleep,
  startTestCloud,
} from '../helpers/cloud.js';
import { freshPostgresUrl } from './test-db.js';

const ADMIN_TOKEN = 'two-instances';
let a: RunningCloud;
let b: RunningCloud;
let rateLimited: { endpoint: string; token: string };

beforeAll(async () => {
  const db = (await freshPostgresUrl({ seeded: true }))!;
  a = await startTestCloud({ db, adminToken: ADMIN_TOKEN });
  // Configured before B starts: which IdP config changes B sees at once is another test's business.
  const created = await admin(a).post('/idps', {
    name: 'Rate Limited',
    protocol: 'oidc',
    scimRateLimitEnabled: true,
  });
  expectStatus(created, 201);
  rateLimited = await enableScim(a, 'Rate Limited');
  b = await startTestCloud({ db, adminToken: ADMIN_TOKEN });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

const clockOf = async (cloud: RunningCloud) =>
  expectStatus(await admin(cloud).get('/clock'), 200) as { now: string; offsetMs: number };

describe('the simulated clock', () => {
  it('moved on one instance is the time on the other, and tells the other’s listeners', async () => {
    const heardOnB: number[] = [];
    const stop = b.clock.onAdvance((now) => heardOnB.push(now));
    try {
      await admin(a).advanceClock({ hours: 48 });
      expect((await clockOf(a)).offsetMs).toBe(48 * 3600_000);
      await eventually(async () => expect((await clockOf(b)).offsetMs).toBe(48 * 3600_000), 2000);
      const onB = Date.parse((await clockOf(b)).now);
      expect(onB - Date.now()).toBeGreaterThan(48 * 3600_000 - 60_000);
      await eventually(() => expect(heardOnB.length).toBeGreaterThan(0), 2000);

      // Advances on both instances at once add up.
      await Promise.all([admin(a).advanceClock({ hours: 1 }), admin(b).advanceClock({ hours: 1 })]);
      await sleep(SHARED_OFFSET_TTL_MS + 50);
      expect((await clockOf(a)).offsetMs).toBe(50 * 3600_000);
      expect((await clockOf(b)).offsetMs).toBe(50 * 3600_000);

      // Back to real time on B: A follows.
      expectStatus(await admin(b).post('/clock/real-time'), 200);
      await eventually(async () => expect((await clockOf(a)).offsetMs).toBe(0), 2000);
    } finally {
      stop();
    }
  });

  it('refuses to pass the year 9999 on either instance, whatever the other did', async () => {
    expectStatus(await admin(a).post('/clock/set', { at: '9999-12-31T00:00:00Z' }), 200);
    await eventually(
      async () =>
        expect(Date.parse((await clockOf(b)).now)).toBeGreaterThan(
          Date.parse('9999-12-30T00:00:00Z'),
        ),
      2000,
    );
    const refused = await admin(b).post('/clock/advance', { days: 2 });
    expect(refused.status).toBe(400);
    expectStatus(await admin(a).post('/clock/real-time'), 200);
  });
});

describe('the SCIM rate limit (50 writes per second per IdP)', () => {
  it('grants 50 at one instant however the takes alternate between two stores, then 50 a second', () => {
    const now = { ms: Date.now() };
    const [one, two] = [a.store, b.store].map(
      (s) => new RateLimiter(50, () => now.ms, s.rateLimits),
    );
    const granted = (n: number, key: string) =>
      Array.from({ length: n }, (_, i) => (i % 2 ? one! : two!).take(key)).filter((w) => w === 0)
        .length;
    expect(granted(80, 'idp-x')).toBe(50);
    expect(two!.take('idp-x')).toBe(1); // seconds to wait
    expect(granted(10, 'idp-y')).toBe(10); // another IdP has its own bucket
    now.ms += 200; // 10 tokens back
    expect(granted(20, 'idp-x')).toBe(10);
    now.ms -= 5_000; // an instance whose clock is behind takes nothing back, gives nothing
    expect(granted(5, 'idp-x')).toBe(0);
    now.ms += 60_000; // never more than a full bucket
    expect(granted(80, 'idp-x')).toBe(50);
  });

  it('is the limit of both instances together, over HTTP', async (test) => {
    const onA = scim(rateLimited.endpoint, rateLimited.token);
    const onB = scim(rateLimited.endpoint.replace(a.baseUrl, b.baseUrl), rateLimited.token);
    // Deletes of users that do not exist: writes (so limited) that cost the server one read, so
    // the pair answers faster than 50 a second even on a busy machine.
    const started = performance.now();
    const writes = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? onB : onA).delete(`/Users/nobody-${i}`)),
    );
    const seconds = (performance.now() - started) / 1000;
    const passed = writes.filter((r) => r.status === 404);
    const refused = writes.filter((r) => r.status === 429);
    expect(passed.length + refused.length).toBe(200);
    for (const r of refused) {
      expectScimError(r, 429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    // A full bucket of 50, then 50 a second, for both together: apart, each would let 50 through
    // at once and 50 a second after.
    expect(passed.length).toBeGreaterThanOrEqual(50);
    expect(passed.length).toBeLessThanOrEqual(50 + Math.ceil(50 * seconds));
    if (refused.length === 0 && 200 < 50 + 50 * seconds + 10) {
      // Nothing exceeded the limit: the pair took fewer than 50 writes a second (a busy machine).
      test.skip(`the instances answered only ${Math.round(200 / seconds)} writes a second`);
    }
    expect(refused.length).toBeGreaterThan(0);
    expect(
      writes.filter((r, i) => i % 2 === 1 && r.status === 429).length,
      'both instances refuse',
    ).toBeGreaterThan(0);
  });
});
