/**
 * The web shell serves the window while its bundled cloud starts (`onListening`, the `--json`
 * mode's `{ listening }` line): the page loads at once, and a bridge opened then gets the
 * signed-out state before the cloud is up (it waits, instead of being refused, only for the
 * service to have that state), then the state on the bundled cloud.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startWebShell, type RunningWebShell } from '../../electron/web-shell/server.js';
import { bridge, launchCookie, until } from './web-shell-client.js';

const dir = mkdtempSync(join(tmpdir(), 'ws-early-'));
let shell: RunningWebShell | undefined;
afterAll(async () => {
  await shell?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('serves the window and holds its bridge while the bundled cloud starts', async () => {
  const renderer = join(dir, 'renderer');
  mkdirSync(renderer, { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>early app</title>');
  let started = false;
  let early: Promise<{ page: string; servedBeforeStart: boolean; link: ReturnType<typeof bridge> }>;
  const starting = startWebShell({
    port: 0,
    rendererDir: renderer,
    userDataDir: join(dir, 'data'),
    cloud: { bundled: { db: ':memory:' } },
    onListening: (launchUrl) => {
      const port = Number(new URL(launchUrl).port);
      const listening = { launchUrl, port } as RunningWebShell;
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

const cloudOf = (payload: unknown) => (payload as { cloudUrl?: string }).cloudUrl;
