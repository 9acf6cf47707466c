import { zipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCloud, type RunningCloud } from '../../electron/cloud/cloud.js';
import { demoSessionToken } from '../helpers/connector-session.js';

let cloud: RunningCloud;
/** alice's session on device-1: reports need a signed-in connector. */
let token: string;
beforeAll(async () => {
  cloud = await startCloud({ port: 0, db: ':memory:', adminToken: 'issues-admin' });
  token = await sessionOn('device-1');
});
afterAll(async () => cloud.close());

/** A connector session for alice (Okta SAML) on `deviceId`. */
const sessionOn = (deviceId: string) =>
  demoSessionToken(cloud.baseUrl, 'alice@acme.example', deviceId);

const zip = Buffer.from(zipSync({ 'client.log': new TextEncoder().encode('hello\n') })).toString(
  'base64',
);
const report = (over: Record<string, unknown> = {}) => ({
  form: {
    name: 'Alice',
    email: 'alice@acme.example',
    comments: 'Cannot reach payroll',
    problem: 'Private Access',
  },
  deviceId: 'device-1',
  username: 'alice@acme.example',
  about: { appVersion: '0.1.0' },
  logs: { fileName: 'logs.zip', base64: zip },
  ...over,
});
const post = (body: unknown, bearer: string | null = token) =>
  fetch(`${cloud.baseUrl}/api/connector/issues`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    },
    body: JSON.stringify(body),
  });

it('stores a report with its logs for the support admin', async () => {
  const res = await post(report());
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  expect(id).toMatch(/^ISS-\d{8}-[0-9A-F]{6}$/);

  const admin = { authorization: 'Bearer issues-admin' };
  const list = (await (
    await fetch(`${cloud.baseUrl}/api/admin/issues`, { headers: admin })
  ).json()) as {
    total: number;
    reports: {
      id: string;
      userName: string;
      doc: { form: { problem: string; priority: string } };
    }[];
  };
  expect(list.total).toBe(1);
  expect(list.reports[0]).toMatchObject({
    id,
    userName: 'alice@acme.example',
    doc: { form: { problem: 'Private Access', priority: 'Normal' } },
  });
  const logs = await fetch(`${cloud.baseUrl}/api/admin/issues/${id}/logs`, { headers: admin });
  expect(logs.headers.get('content-type')).toBe('application/zip');
  expect(Buffer.from(await logs.arrayBuffer()).toString('base64')).toBe(zip);
  expect((await fetch(`${cloud.baseUrl}/api/admin/issues`)).status).toBe(401);
});

it('refuses bad reports with the client codes for each field', async () => {
  const codeOf = async (body: unknown) =>
    ((await (await post(body)).json()) as { error: { code: string } }).error.code;
  expect(await codeOf(report({ form: { name: '', email: 'a@b.example', comments: 'x' } }))).toBe(
    '8790',
  );
  expect(await codeOf(report({ form: { name: 'A', email: 'nope', comments: 'x' } }))).toBe('8792');
  expect(await codeOf(report({ form: { name: 'A', email: 'a@b.example', comments: '' } }))).toBe(
    '8798',
  );
  expect(await codeOf(report({ logs: { fileName: 'logs.txt', base64: zip } }))).toBe('8800');
  expect(
    await codeOf(
      report({
        logs: { fileName: 'logs.zip', base64: Buffer.from('not a zip').toString('base64') },
      }),
    ),
  ).toBe('8802');
});

it('lists a report stored before the cloud kept its session, with sessionId null', async () => {
  // The shape a cloud wrote before reports carried the sender's session.
  const { form, deviceId, username, about } = report();
  cloud.store.issues.insert({
    id: 'ISS-20260101-0000AA',
    createdAt: Date.parse('2026-01-01T00:00:00Z'),
    userName: username,
    doc: { form, deviceId, username, about, logs: { fileName: 'logs.zip', bytes: 0 } },
    logs: null,
  });
  const res = await fetch(`${cloud.baseUrl}/api/admin/issues?limit=100`, {
    headers: { authorization: 'Bearer issues-admin' },
  });
  expect(res.status).toBe(200);
  const { reports } = (await res.json()) as { reports: { id: string; doc: object }[] };
  expect(reports.find((r) => r.id === 'ISS-20260101-0000AA')?.doc).toMatchObject({
    deviceId: 'device-1',
    sessionId: null,
  });
});
