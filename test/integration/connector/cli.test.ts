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
