/**
 * Client mistakes get a 400 in the route's error format, never a 500, and leave the cloud
 * working (issue 9, "Measured" items 5 and 6).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCloud } from '../../electron/cloud/cloud.js';
import { admin, httpRequest, startTestCloud, type AdminClient } from '../helpers/cloud.js';

let cloud: RunningCloud;
let api: AdminClient;

beforeAll(async () => {
  cloud = await startTestCloud();
  api = admin(cloud);
});
afterAll(() => cloud.close());

const connector = (path: string, body: unknown) =>
  httpRequest('POST', `${cloud.baseUrl}/api/connector${path}`, { body }, {}, 'application/json');

const loginStart = (redirectUri: string) =>
  connector('/login/start', {
    username: 'alice@acme.example',
    deviceId: 'device-1',
    redirectUri,
    state: 'state-12345678',
    codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  });

/** The cloud still answers: health, the clock, and the start of a sign-in. */
async function expectCloudHealthy() {
  expect((await httpRequest('GET', `${cloud.baseUrl}/api/health`)).status).toBe(200);
  expect((await api.get('/clock')).status).toBe(200);
  expect((await loginStart('http://127.0.0.1:53682/callback')).status).toBe(200);
}

describe('the simulated clock cannot be pushed to an invalid date (item 5)', () => {
  it('refuses {"days":1e8} with 400 and does not move', async () => {
    const before = (await api.get('/clock')).body.offsetMs;
    for (const body of [
      { days: 1e8 },
      { ms: 8.64e15 },
      { hours: 1e300 },
      { minutes: 3650 * 24 * 60, days: 3650 },
      { days: -1 },
      { days: '1' },
      {},
    ]) {
      const res = await api.post('/clock/advance', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
    expect((await api.get('/clock')).body.offsetMs).toBe(before);
    await expectCloudHealthy();
  });

  it('moves by up to ten years at a time, and refuses to pass the year 9999', async () => {
    const res = await api.post('/clock/advance', { days: 3650 });
    expect(res.status).toBe(200);
    // Close to the end of time in one step (directly on the clock), then one more hour is refused.
    cloud.clock.advance(Date.UTC(9999, 11, 31, 23, 0, 0) - cloud.clock.now());
    const refused = await api.post('/clock/advance', { hours: 2 });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('clock_out_of_range');
    expect((await api.get('/clock')).body.now).toMatch(/^9999-12-31T23:00/);
    await expectCloudHealthy();
  });
});

describe('400, not 500, for malformed numbers and URLs (item 6)', () => {
  it('GET /api/admin/issues?limit=1.5 and other bad pages', async () => {
    for (const q of ['limit=1.5', 'limit=0', 'limit=abc', 'offset=-1', 'offset=1e400', 'x=1']) {
      const res = await api.get(`/issues?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request' });
    }
    expect((await api.get('/issues?limit=2&offset=0')).status).toBe(200);
  });

  it('POST /api/connector/login/start with a redirectUri on port 99999', async () => {
    for (const uri of ['http://[::1]:99999/', 'http://127.0.0.1:70000/cb', 'http://[::1', '']) {
      const res = await loginStart(uri);
      expect(res.status, uri).toBe(400);
      expect(res.body.error.code).toBe('INVALID_REQUEST');
    }
    expect((await loginStart('http://[::1]:9999/callback')).status).toBe(200);
  });
});
