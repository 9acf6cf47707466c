/**
 * The web shell serves the window before its bundled cloud starts (`onListening`, the `--json`
 * mode's `{ listening }` line): the page loads at once, a bridge opened then gets the signed-out
 * state before the cloud is up (it waits, instead of being refused, only for the service to have
 * that state), then the state on the bundled cloud. The cloud starts once the window is there
 * (cloud-start.ts), or at once when a stored session waits for it and no window comes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { FileSecretStore, secretFileFor } from '../../electron/connector/host/file-secret-store.js';
import { startWebShell, type RunningWebShell } from '../../electron/web-shell/server.js';
import { bridge, launchCookie, until } from './web-shell-client.js';

const dir = mkdtempSync(join(tmpdir(), 'ws-early-'));
let shell: RunningWebShell | undefined;
afterAll(async () => {
  await shell?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => performance.clearMarks());

/** When this process's web shell passed its milestone (server.ts's `web-shell:*` marks). */
const markAt = (name: string) =>
  performance.getEntriesByName(`web-shell:${name}`).at(-1)!.startTime;

it('serves the window and holds its bridge while the bundled cloud starts', async () => {
  const renderer = join(dir, 'renderer');
  mkdirSync(renderer, { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>early app</title>');
  let started = false;
  let windowAt = NaN;
  let early: Promise<{ page: string; servedBeforeStart: boolean; link: ReturnType<typeof bridge> }>;
  const starting = startWebShell({
    port: 0,
    rendererDir: renderer,
    userDataDir: join(dir, 'data'),
    cloud: { bundled: { db: ':memory:' } },
    onListening: (launchUrl) => {
      const port = Number(new URL(launchUrl).port);
      const listening = { launchUrl, port } as RunningWebShell;
      windowAt = performance.now();
      early = (async () => {
        const cookie = await launchCookie(listening);
        const res = await fetch(new URL('/', launchUrl), { headers: { cookie } });
        const page = await res.text();
        const servedBeforeStart = !started;
        return { page, servedBeforeStart, link: bridge(listening, { headers: { cookie } }) };
      })();
    },
  });
  shell = await starting.finally(() => (started = true));
  const { page, servedBeforeStart, link } = await early!;
  expect(page).toContain('<title>early app</title>');
  expect(servedBeforeStart).toBe(true);
  // The cloud's start waited for the window (it would have taken the cores its paint needs).
  expect(markAt('cloudStarted')).toBeGreaterThan(windowAt);
  // The bridge opened while the cloud started: the signed-out state first, then the cloud's.
  await link.open;
  await until(
    () => link.frames,
    (f) => f.some((frame) => 'event' in frame && cloudOf(frame.payload) === shell!.cloud!.baseUrl),
  );
  expect(link.frames[0]).toMatchObject({
    event: 'state',
    payload: { cloudUrl: '', auth: { status: 'unauthenticated' } },
  });
  link.ws.close();
}, 60_000);

it('starts the cloud at once when a stored session waits for it, without a window', async () => {
  const userData = join(dir, 'resume');
  // A session from an earlier run (unknown to this new cloud: the resume fails, signed out).
  const secrets = new FileSecretStore(secretFileFor(userData, 'bundled'));
  await secrets.save({ sessionToken: 'stored-token', username: 'erin@globex.example' });
  const resumed = await startWebShell({
    port: 0,
    rendererDir: join(dir, 'renderer'),
    userDataDir: userData,
    cloud: { bundled: { db: ':memory:' } },
  });
  try {
    expect(resumed.cloud!.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The service could show nothing before the cloud: it asked for it, the host did not wait.
    expect(markAt('cloudStarted')).toBeLessThan(markAt('connectorReady'));
  } finally {
    await resumed.close();
  }
}, 60_000);

const cloudOf = (payload: unknown) => (payload as { cloudUrl?: string }).cloudUrl;
