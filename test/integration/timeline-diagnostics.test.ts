/**
 * The timeline and the diagnostics import on the Okta sync error: a real connector (the host's
 * ConnectorService on the real core) signs in as alice before she is provisioned, reports its
 * transitions, exports its logs; the admin reads her timeline and imports the real ZIP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCloud } from '../../electron/cloud/cloud.js';
import { MemorySecretStore } from '../../electron/connector/core/session-store.js';
import { ConnectorService } from '../../electron/connector/host/connector-service.js';
import { HttpFormBrowser } from '../../electron/connector/http-browser.js';
import { IssueReporter } from '../../electron/connector/host/issue-reporter.js';
import { SettingsStore } from '../../electron/connector/host/settings-store.js';
import { waitForState } from '../../electron/connector/host/wait-for-state.js';
import {
  MAX_DIAGNOSTICS_ZIP_BYTES,
  type DiagnosticsImport,
  type TimelineEvent,
} from '../../shared/contract/cloud-api/cockpit.js';
import { eventually, httpRequest } from '../helpers/cloud.js';
import { demoSessionToken } from '../helpers/connector-session.js';
import { zipBomb } from '../helpers/zip-bomb.js';
import {
  ADMIN_TOKEN,
  PASSWORD,
  enableOktaProvisioning,
  idpOf,
  storyCloud,
} from './stories/connector-harness.js';

const ALICE = 'alice@acme.example';
const SCIM_INACTIVE = 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE';
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

let cloud: RunningCloud;
let service: ConnectorService;
let dir: string;
let exportZip: Buffer;

const adminGet = (path: string) =>
  httpRequest('GET', `${cloud.baseUrl}/api/admin${path}`, { headers: auth });
const importZip = (body: Uint8Array, contentType = 'application/zip') =>
  httpRequest('POST', `${cloud.baseUrl}/api/admin/diagnostics`, {
    rawBody: body,
    contentType,
    headers: auth,
  });

beforeAll(async () => {
  cloud = await storyCloud();
  dir = mkdtempSync(join(tmpdir(), 'timeline-'));
  service = new ConnectorService({
    host: 'web-shell',
    appVersion: '1.0.0',
    settings: new SettingsStore(dir),
    bundledCloudUrl: cloud.baseUrl,
    browser: new HttpFormBrowser({ username: ALICE, password: PASSWORD }),
    secretsFor: () => new MemorySecretStore(),
    issues: new IssueReporter(dir),
  });
  await service.start();
  await enableOktaProvisioning(cloud, idpOf(cloud, 'okta').id);
  await service.invoke('signIn', { username: ALICE });
  const failed = await waitForState(service.connector, (s) => s.service.status === 'error', 10_000);
  expect(failed.service).toMatchObject({ status: 'error', code: SCIM_INACTIVE });
  const exported = await service.invoke('exportLogs');
  if (!exported.ok) throw new Error(exported.error.message);
  exportZip = Buffer.from(exported.value.base64, 'base64');
});
afterAll(async () => {
  await service.dispose();
  await cloud.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/admin/timeline', () => {
  it("merges every source of alice's Okta sync error in time order, the error marked", async () => {
    const events = await eventually(async () => {
      const res = await adminGet(`/timeline?user=${encodeURIComponent(ALICE)}`);
      expect(res.status).toBe(200);
      const body = res.body as TimelineEvent[];
      // The connector reports its transitions after they happen: wait for its error.
      expect(body.some((e) => e.source === 'client' && e.code === SCIM_INACTIVE)).toBe(true);
      return body;
    });
    const times = events.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const sources = new Set(events.map((e) => e.source));
    for (const s of ['idp', 'config', 'client'] as const) expect(sources).toContain(s);
    // The IdP side: SCIM Sync turned on, Okta's out-of-sync, the sign-in refused by the SCIM check.
    expect(events).toContainEqual(
      expect.objectContaining({ source: 'config', text: expect.stringMatching(/scimSyncEnabled/) }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        source: 'idp',
        error: true,
        text: expect.stringMatching(/out of sync/i),
      }),
    );
    const signIn = events.find((e) => e.source === 'idp' && e.code === SCIM_INACTIVE)!;
    expect(signIn).toMatchObject({ error: true, text: expect.stringMatching(/not synced/) });
    const clientError = events.find((e) => e.source === 'client' && e.error)!;
    expect(clientError).toMatchObject({
      code: SCIM_INACTIVE,
      text: expect.stringMatching(/Service Status: Connection Error/),
    });
    // Cause before effect: the refused sign-in comes no later than the client's error.
    expect(Date.parse(signIn.at)).toBeLessThanOrEqual(Date.parse(clientError.at));
  });

  it('records policy decisions and sends them with the other sources', async () => {
    const token = await demoSessionToken(cloud.baseUrl, 'erin@globex.example', 'dev-bob');
    const open = await httpRequest(
      'POST',
      `${cloud.baseUrl}/api/connector/apps/open`,
      {
        body: { app: 'nowhere.globex.example', port: 443 },
        headers: { authorization: `Bearer ${token}` },
      },
      {},
      'application/json',
    );
    expect(open.status).toBe(200);
    const res = await adminGet('/timeline?user=erin%40globex.example');
    expect(res.body).toContainEqual(
      expect.objectContaining({
        source: 'policy',
        code: open.body.decision.code,
        text: expect.stringContaining('nowhere.globex.example:443'),
      }),
    );
  });

  it('is empty for a user the cloud does not know', async () => {
    const res = await adminGet('/timeline?user=nobody%40acme.example');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });

  it('narrows to since/until, and refuses bad dates in the admin error shape', async () => {
    const all = (await adminGet(`/timeline?user=${encodeURIComponent(ALICE)}`))
      .body as TimelineEvent[];
    const cut = all[Math.floor(all.length / 2)]!.at;
    const later = (await adminGet(`/timeline?user=${encodeURIComponent(ALICE)}&since=${cut}`))
      .body as TimelineEvent[];
    expect(later.length).toBeGreaterThan(0);
    expect(later.length).toBeLessThan(all.length);
    expect(later.every((e) => e.at >= cut)).toBe(true);
    for (const q of [
      'since=yesterday',
      'until=2026-13-01T00:00:00Z',
      `since=${cut}&until=2000-01-01T00:00:00Z`,
    ]) {
      const bad = await adminGet(`/timeline?user=${encodeURIComponent(ALICE)}&${q}`);
      expect(bad.status, q).toBe(400);
      expect(bad.body.error).toMatchObject({
        code: 'invalid_request',
        message: expect.any(String),
      });
    }
    expect((await adminGet('/timeline')).status).toBe(400);
  });
});

describe('the connector timeline routes', () => {
  it('What happened: the signed-in user gets only their own timeline', async () => {
    const own = await service.invoke('getTimeline');
    if (!own.ok) throw new Error(own.error.message);
    expect(own.value.some((e) => e.source === 'client' && e.code === SCIM_INACTIVE)).toBe(true);
    expect(own.value.some((e) => e.text.includes('nowhere.globex.example'))).toBe(false);

    const bob = await demoSessionToken(cloud.baseUrl, 'erin@globex.example', 'dev-bob-2');
    const bobs = await httpRequest('GET', `${cloud.baseUrl}/api/connector/timeline`, {
      headers: { authorization: `Bearer ${bob}` },
    });
    expect(bobs.status).toBe(200);
    expect(JSON.stringify(bobs.body)).not.toContain(SCIM_INACTIVE);
    const anonymous = await httpRequest('GET', `${cloud.baseUrl}/api/connector/timeline`);
    expect(anonymous.status).toBe(401);
  });

  it('refuses a report that is not client transitions', async () => {
    const token = await demoSessionToken(cloud.baseUrl, 'erin@globex.example', 'dev-bob-3');
    const post = (events: unknown) =>
      httpRequest(
        'POST',
        `${cloud.baseUrl}/api/connector/timeline`,
        { body: { events }, headers: { authorization: `Bearer ${token}` } },
        {},
        'application/json',
      );
    const good = {
      at: new Date().toISOString(),
      source: 'client',
      code: null,
      text: 'x',
      error: false,
    };
    expect((await post([good])).status).toBe(204);
    expect((await post([{ ...good, source: 'broker' }])).status).toBe(400);
    expect((await post([{ ...good, at: 'now' }])).status).toBe(400);
    expect((await post([])).status).toBe(400);
  });
});

describe('POST /api/admin/diagnostics', () => {
  it("imports a real Export Logs ZIP: alice's timeline and the catalog's explanation", async () => {
    const res = await importZip(exportZip);
    expect(res.status).toBe(201);
    const body = res.body as DiagnosticsImport;
    expect(body.user).toBe(ALICE);
    expect(body.timeline.length).toBeGreaterThan(1);
    expect(body.timeline.every((e) => e.source === 'client')).toBe(true);
    expect(body.timeline).toContainEqual(
      expect.objectContaining({ code: SCIM_INACTIVE, error: true }),
    );
    const explained = body.errors.find((e) => e.code === SCIM_INACTIVE)!;
    // The snapshot's variant (not_synced) and vendor (Okta) pick the precise entry.
    expect(explained.adminAction).toMatch(/PROVISION_OUT_OF_SYNC_USERS/);
    expect(explained.title).toBeTruthy();
    expect(explained.userAction).toBeTruthy();

    const again = await adminGet(`/diagnostics/${body.id}`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(body);
    expect((await adminGet('/diagnostics/DIAG-none')).status).toBe(404);
  });

  it('takes application/octet-stream too, and needs the admin token', async () => {
    expect((await importZip(exportZip, 'application/octet-stream')).status).toBe(201);
    const anonymous = await httpRequest('POST', `${cloud.baseUrl}/api/admin/diagnostics`, {
      rawBody: exportZip,
      contentType: 'application/zip',
    });
    expect(anonymous.status).toBe(401);
  });

  it('refuses what is not an Export Logs ZIP with a clear 400', async () => {
    const cases: [Uint8Array, string, RegExp][] = [
      [strToU8('hello, not a zip'), 'not_zip', /not a ZIP/],
      [zipSync({ 'client.log': strToU8('x') }), 'no_timeline', /timeline\.json/],
      [zipSync({ 'timeline.json': strToU8('[{"at":') }), 'bad_entry', /not valid JSON/],
      [
        zipSync({ 'timeline.json': strToU8('[{"source":"client"}]') }),
        'bad_entry',
        /timeline\.json: 0\./,
      ],
    ];
    for (const [zip, code, message] of cases) {
      const res = await importZip(zip);
      expect(res.status, code).toBe(400);
      expect(res.body.error).toMatchObject({ code, message: expect.stringMatching(message) });
    }
    const json = await httpRequest(
      'POST',
      `${cloud.baseUrl}/api/admin/diagnostics`,
      { body: { zip: 'no' }, headers: auth },
      {},
      'application/json',
    );
    expect(json.status).toBe(400);
    expect(json.body.error.code).toBe('not_zip');
  });

  it('refuses a ZIP over the size limit with 413', async () => {
    const res = await importZip(Buffer.alloc(MAX_DIAGNOSTICS_ZIP_BYTES + 1, 0x50));
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'too_large' });
  });

  it('stops inflating a ZIP bomb at the unpacked limit (its headers lie about the size)', async () => {
    const bomb = zipBomb('timeline.json', 200 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(MAX_DIAGNOSTICS_ZIP_BYTES);
    const res = await importZip(bomb);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'too_large_unpacked',
      message: expect.stringMatching(/unpacks to more than/),
    });
    // A small one of the same making is read (the crafted format is sound, only its size refused).
    const small = await importZip(zipBomb('timeline.json', 1024));
    expect(small.body.error.code).toBe('bad_entry');
  }, 30_000);
});
