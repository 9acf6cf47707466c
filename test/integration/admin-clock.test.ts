/**
 * The clock routes the admin console uses: GET /clock, POST /clock/advance, POST /clock/set and
 * POST /clock/real-time, with the admin API's 400 for bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCloud } from '../../electron/cloud/cloud.js';
import { httpRequest, startTestCloud } from '../helpers/cloud.js';

let cloud: RunningCloud;
const call = (method: 'GET' | 'POST', path: string, body?: unknown, token = cloud.adminToken) =>
  httpRequest(
    method,
    `${cloud.baseUrl}/api/admin/clock${path}`,
    { headers: { authorization: `Bearer ${token}` }, body },
    {},
    'application/json',
  );

beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

describe('the simulated clock over the admin API', () => {
  it('sets a later time, then goes back to real time', async () => {
    const at = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const set = await call('POST', '/set', { at });
    expect(set.status).toBe(200);
    expect(Math.abs(Date.parse(set.body.now) - Date.parse(at))).toBeLessThan(50);
    expect(set.body.offsetMs).toBeGreaterThan(2 * 86_400_000 - 60_000);
    expect(Math.abs(cloud.clock.now() - Date.parse(at))).toBeLessThan(1000);

    const back = await call('POST', '/real-time');
    expect(back.status).toBe(200);
    expect(back.body.offsetMs).toBe(0);
    expect(cloud.clock.offset).toBe(0);
    expect(Math.abs(Date.parse(back.body.now) - Date.now())).toBeLessThan(5000);
  });

  it('refuses bad input with 400 in the admin error format, and does not move', async () => {
    await call('POST', '/advance', { hours: 1 });
    const before = cloud.clock.offset;
    for (const body of [
      {},
      { at: 'tomorrow' },
      { at: 12 },
      { at: '2026-13-01T00:00:00Z' },
      { at: '2026-12-07T10:00:00Z', extra: true },
    ]) {
      const res = await call('POST', '/set', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code, JSON.stringify(body)).toBe('invalid_request');
    }
    const past = await call('POST', '/set', { at: '2001-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.error.code).toBe('clock_out_of_range');
    expect(past.body.error.message).toContain('before real time');
    expect(cloud.clock.offset).toBe(before);
  });

  it('needs the admin token', async () => {
    expect((await call('POST', '/set', { at: new Date().toISOString() }, 'wrong')).status).toBe(
      401,
    );
    expect((await call('POST', '/real-time', undefined, 'wrong')).status).toBe(401);
  });
});
