/**
 * Report an Issue against a flood: only a signed-in connector may report, a body over the limit
 * gets a 413 its sender can read (even one still writing), and each device has a quota (429 with
 * Retry-After). Refused reports leave nothing in the database.
 */
import { randomBytes } from 'node:crypto';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_LOGS_ZIP_BYTES } from '../../shared/contract/issue-report.js';
import { startCloud, type RunningCloud } from '../../electron/cloud/cloud.js';
import { postOversized } from '../helpers/oversized-post.js';
import { demoSessionToken } from '../helpers/connector-session.js';

let cloud: RunningCloud;
beforeAll(async () => {
  cloud = await startCloud({ port: 0, db: ':memory:', adminToken: 'limits-admin' });
});
afterAll(async () => cloud.close());

const sessionOn = (deviceId: string) =>
  demoSessionToken(cloud.baseUrl, 'erin@globex.example', deviceId);

const smallZip = Buffer.from(zipSync({ 'client.log': new TextEncoder().encode('hi\n') }));
const report = (zip: Uint8Array = smallZip) => ({
  form: { name: 'Erin', email: 'erin@globex.example', comments: 'Cannot reach the wiki' },
  deviceId: 'ignored-the-session-says',
  username: 'erin@globex.example',
  about: { appVersion: '0.1.0' },
  logs: { fileName: 'logs.zip', base64: Buffer.from(zip).toString('base64') },
});
const post = (body: unknown, bearer: string | null) =>
  fetch(`${cloud.baseUrl}/api/connector/issues`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    },
    body: JSON.stringify(body),
  });
const stored = async () =>
  (
    (await (
      await fetch(`${cloud.baseUrl}/api/admin/issues`, {
        headers: { authorization: 'Bearer limits-admin' },
      })
    ).json()) as { total: number }
  ).total;

it('refuses a report without a valid connector session (401, 8808)', async () => {
  const before = await stored();
  for (const bearer of [null, 'not-a-session-token']) {
    const res = await post(report(), bearer);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: '8808', message: 'Sign in to Client Connector to report an issue.' },
    });
  }
  expect(await stored()).toBe(before);
});

it('takes a logs ZIP of the largest size a connector produces', async () => {
  const token = await sessionOn('device-largest');
  // Incompressible content, so the ZIP is as large as the limit allows.
  const zip = zipSync({ 'client.log': randomBytes(MAX_LOGS_ZIP_BYTES - 1024) }, { level: 0 });
  expect(zip.length).toBeLessThanOrEqual(MAX_LOGS_ZIP_BYTES);
  const res = await post(report(zip), token);
  expect(res.status).toBe(201);
});

it('answers a 12 MB report with a 413 a client still writing can read (8806)', async () => {
  const token = await sessionOn('device-huge');
  const before = await stored();
  const answer = await postOversized({
    url: `${cloud.baseUrl}/api/connector/issues`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    totalBytes: 12 * 1024 * 1024,
  });
  expect(answer.status).toBe(413);
  expect(JSON.parse(answer.body)).toEqual({
    error: {
      code: '8806',
      message: expect.stringMatching(/its logs ZIP may be at most 1048576 bytes/),
    },
  });
  expect(await stored()).toBe(before);
});

it('limits each device to a burst of 5 reports (429 with Retry-After, 8810)', async () => {
  const token = await sessionOn('device-flood');
  for (let i = 0; i < 5; i++) expect((await post(report(), token)).status).toBe(201);
  const before = await stored();
  const refused = await post(report(), token);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('8810');
  expect(await stored()).toBe(before);
  // Another device is not held back.
  expect((await post(report(), await sessionOn('device-other'))).status).toBe(201);
});
