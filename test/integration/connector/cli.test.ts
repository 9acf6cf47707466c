/**
 * The connector's command line against a real cloud: a login that ends in a Connection Error is
 * not a success (issue 8, wrong today 9).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningCloud } from '../../../electron/cloud/cloud.js';
import {
  PASSWORD,
  enableOktaProvisioning,
  idpOf,
  storyCloud,
} from '../stories/connector-harness.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'electron/connector/cli.ts');

let cloud: RunningCloud;
let dir: string;
beforeAll(async () => {
  cloud = await storyCloud();
  dir = await mkdtemp(join(tmpdir(), 'cli-'));
});
afterAll(async () => {
  await cloud.close();
  await rm(dir, { recursive: true, force: true });
});

function connectorCli(...args: string[]): Promise<{ code: number; json: Record<string, unknown> }> {
  const all = ['--cloud', cloud.baseUrl, '--state-dir', dir, ...args];
  return new Promise((resolve) => {
    execFile(TSX, [CLI, ...all], { cwd: ROOT, timeout: 60_000 }, (error, stdout) => {
      const code = error ? ((error as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === 'number' ? code : 1, json: JSON.parse(stdout) });
    });
  });
}

it('login exits 0 when the service comes on', async () => {
  const r = await connectorCli('--user', 'bob@acme.example', '--password', PASSWORD, 'login');
  expect(r.code).toBe(0);
  expect(r.json).toMatchObject({
    service: { status: 'On' },
    authentication: { status: 'Authenticated' },
  });
}, 90_000);

it('login exits non-zero with the error JSON when the result is a Connection Error', async () => {
  await enableOktaProvisioning(cloud, idpOf(cloud, 'okta').id); // nobody is synced yet
  const r = await connectorCli('--user', 'alice@acme.example', '--password', PASSWORD, 'login');
  expect(r.code).not.toBe(0);
  expect(r.json).toMatchObject({
    error: { code: 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE', reason: 'not_synced' },
    service: { status: 'Connection Error' },
    authentication: { status: 'Authenticated' },
  });
}, 90_000);

it('status, apps, open and logout report the signed-in client; a bad command exits 1 with USAGE', async () => {
  // A cloud of its own: the test above turned SCIM on for Okta, where nobody is synced.
  const fresh = await storyCloud();
  const own = await mkdtemp(join(tmpdir(), 'cli-'));
  // The later --cloud and --state-dir win over connectorCli's.
  const as = (...args: string[]) =>
    connectorCli('--cloud', fresh.baseUrl, '--state-dir', own, ...args);
  expect((await as('--user', 'bob@acme.example', '--password', PASSWORD, 'login')).code).toBe(0);

  const status = await as('status');
  expect(status).toMatchObject({
    code: 0,
    json: { service: { status: 'On' }, authentication: { user: 'bob@acme.example' } },
  });
  const apps = (await as('apps')).json as unknown as { app: string; access: string }[];
  expect(apps.find((a) => a.app === 'intranet.acme.example')?.access).toBe('allowed');
  // bob is in Sales: the engineering apps are blocked by policy.
  expect(apps.find((a) => a.app === 'git.acme.example')?.access).toBe('blocked');

  const opened = await as('open', 'intranet.acme.example', '--port', '80');
  expect(opened).toMatchObject({
    code: 0,
    json: { access: 'allowed', port: 80, connection: { state: 'open', port: 80 } },
  });
  const blocked = await as('open', 'git.acme.example');
  expect(blocked.json).toMatchObject({
    access: 'blocked',
    error: { code: 'BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY' },
  });
  expect(blocked.json).not.toHaveProperty('connection');

  for (const args of [['open'], ['frobnicate']]) {
    expect(await as(...args), args.join(' ')).toMatchObject({
      code: 1,
      json: { error: { code: 'USAGE' } },
    });
  }
  expect(await as('logout')).toMatchObject({
    code: 0,
    json: { service: { status: 'Off' }, authentication: { status: 'Not Authenticated' } },
  });
  await rm(own, { recursive: true, force: true });
  await fresh.close();
}, 180_000);
