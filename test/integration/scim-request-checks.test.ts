/**
 * The checks every SCIM request passes before its handler (electron/cloud/scim/routes.ts): the
 * bearer token (onRequest), then the body's charset (preParsing), then the rate limit
 * (preHandler, which the not-found handler runs too). Their order and reach are what a client
 * sees, and a change that merges or moves these hooks (tried for speed, test/bench/README.md
 * "SCIM over HTTP") must keep them: a wrong token is 401 whatever the charset, a charset other
 * than UTF-8 is 415 on any method, and a write to a path with no route counts against the limit
 * (and is refused by it) like any other write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCloud } from '../../electron/cloud/cloud.js';
import {
  admin,
  enableScim,
  expectScimError,
  expectStatus,
  scim,
  startTestCloud,
  USER_SCHEMA,
  type ScimClient,
} from '../helpers/cloud.js';

const LATIN1 = 'application/scim+json; charset=latin1';
/** Writes sent at once: beyond the full bucket (50) unless the cloud takes under 6 s for them. */
const BURST = 350;

let cloud: RunningCloud;
let client: ScimClient;

beforeAll(async () => {
  cloud = await startTestCloud({ adminToken: 'scim-checks-admin' });
  const oidc = await enableScim(cloud, 'OIDC');
  client = scim(oidc.endpoint, oidc.token);
});
afterAll(async () => cloud?.close());

describe('SCIM request checks', () => {
  it('answers a wrong token with 401 before looking at the charset', async () => {
    const stranger = scim(client.endpoint, 'not-the-token');
    const res = await stranger.request('POST', '/Users', { rawBody: '{}', contentType: LATIN1 });
    expectScimError(res, 401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('refuses another charset with 415 on any method, a body or not', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await client.request(method, '/Users', { headers: { 'content-type': LATIN1 } });
      expectScimError(res, 415);
      expect(res.body.detail).toMatch(/latin1/);
    }
    const res = await client.request('POST', '/Users', {
      rawBody: JSON.stringify({ schemas: [USER_SCHEMA], userName: 'latin1@acme.example' }),
      contentType: LATIN1,
    });
    expectScimError(res, 415);
    const list = await client.get('/Users?filter=userName eq "latin1@acme.example"');
    expect(expectStatus(list, 200).totalResults).toBe(0);
  });

  it('counts a write to a path with no route against the rate limit, and refuses it beyond', async (test) => {
    expectStatus(
      await admin(cloud).post('/idps', {
        name: 'Limited',
        protocol: 'oidc',
        scimRateLimitEnabled: true,
      }),
      201,
    );
    const { endpoint, token } = await enableScim(cloud, 'Limited');
    const limited = scim(endpoint, token);
    const started = performance.now();
    const writes = await Promise.all(
      Array.from({ length: BURST }, () => limited.post('/Printers', {})),
    );
    const seconds = (performance.now() - started) / 1000;
    const notFound = writes.filter((r) => r.status === 404);
    const refused = writes.filter((r) => r.status === 429);
    expect(notFound.length + refused.length).toBe(BURST);
    expect(notFound.length).toBeLessThanOrEqual(50 + Math.ceil(50 * seconds));
    if (refused.length === 0 && BURST < 50 + 50 * seconds + 10) {
      test.skip(`the cloud answered only ${Math.round(BURST / seconds)} writes a second`);
    }
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expectScimError(r, 429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    for (const r of notFound) expectScimError(r, 404);
    // A GET to a path with no route is not a write: never limited.
    expectScimError(await limited.get('/Printers'), 404);
  });
});
