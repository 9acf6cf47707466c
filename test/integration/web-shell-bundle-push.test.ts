/**
 * The push worker from a bundle: the web shell's bundle (dist/web-shell/main.mjs), run with Node
 * alone, starts the provisioning engine's push worker from push-worker.mjs beside it. A push of
 * WORKER_MIN_USERS users through the admin API must create them all, with the progress figure,
 * and without the engine falling back to its own thread (which it announces on stderr).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, expect, it } from 'vitest';
import { buildWebShell, WEB_SHELL_BUNDLE } from '../../build/build-web-shell.mjs';
import { WORKER_MIN_USERS } from '../../electron/cloud/idp/provisioning/engine.js';
import { eventually } from '../helpers/cloud.js';

const dir = mkdtempSync(join(tmpdir(), 'cc-web-shell-push-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOKEN = 'bundle-push-token';

it('pushes a big assignment from the bundle through its push worker', async () => {
  await buildWebShell({ ifStale: true });
  // The window is not what this is about: a stand-in renderer, so nothing is built.
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'console'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(renderer, 'console', 'index.html'), '<!doctype html><title>c</title>');
  const child = spawn(
    process.execPath,
    [
      WEB_SHELL_BUNDLE,
      ...['--port', '0', '--db', ':memory:', '--user-data', join(dir, 'user')],
      ...['--renderer', renderer, '--admin-token', TOKEN, '--no-build', '--json'],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    const cloudUrl = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (l) => {
        const line = JSON.parse(l) as { ready?: boolean; cloudUrl: string };
        if (line.ready) resolve(line.cloudUrl);
      });
      child.once('exit', (code) => reject(new Error(`the bundle exited (${code}): ${stderr}`)));
    });
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${cloudUrl}/api/admin${path}`, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (text ? JSON.parse(text) : null) as any;
    };
    const okta = ((await call('GET', '/idps')) as { id: string; name: string }[]).find((i) =>
      i.name.includes('Okta'),
    )!;
    await call('PATCH', `/idps/${okta.id}`, { scimSyncEnabled: true });
    const { token } = await call('POST', `/idps/${okta.id}/scim-token`, {});
    const { scimEndpoint } = await call('GET', `/idps/${okta.id}`);
    await call('PUT', `/idps/${okta.id}/provisioning`, {
      enabled: true,
      baseUrl: scimEndpoint,
      token,
    });
    const d = `/idps/${okta.id}/directory`;
    const group = await call('POST', `${d}/groups`, { name: 'Bundle Push' });
    const ids: string[] = [];
    for (let i = 0; i < WORKER_MIN_USERS; i++) {
      const u = await call('POST', `${d}/users`, {
        userName: `bundle.${i}@acme.example`,
        givenName: 'Bundle',
        familyName: `User ${i}`,
        password: 'Passw0rd!',
      });
      ids.push(u.id);
    }
    await call('POST', `${d}/groups/${group.id}/members`, { userIds: ids });
    await call('POST', `${d}/assignments`, { groupIds: [group.id] });

    await eventually(async () => {
      expect(await call('GET', `/idps/${okta.id}/provisioning/progress`)).toMatchObject({
        running: false,
        done: WORKER_MIN_USERS,
        total: WORKER_MIN_USERS,
        failed: 0,
      });
    }, 60_000);
    const scim = await call('GET', `/idps/${okta.id}/scim/users?count=1`);
    expect(scim.totalResults).toBe(WORKER_MIN_USERS);
    expect(stderr).not.toContain('Push worker failed');
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
}, 180_000);
