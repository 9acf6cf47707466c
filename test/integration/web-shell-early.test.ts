/**
 * The web shell serves the window before its connector service and its bundled cloud start
 * (`onListening`, the `--json` mode's `{ listening }` line): the page loads at once, a bridge
 * opened then gets the signed-out state before the service's modules are loaded (the state
 * before the core), then the state on the bundled cloud. The service and the cloud start once
 * the window has its state (first-window.ts), or at once when a stored session waits for them:
 * then a window's bridge waits for the resume instead of showing the sign-in page.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { FileSecretStore, secretFileFor } from '../../electron/connector/host/file-secret-store.js';
import { PAGE_STATE_ELEMENT_ID } from '../../shared/contract/page-state.js';
import { WINDOW_GRACE_MS } from '../../electron/web-shell/first-window.js';
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

/** When a bridge's first frame arrived (this process's clock). */
const firstFrameAt = (link: ReturnType<typeof bridge>) =>
  new Promise<number>((resolve) => link.ws.once('message', () => resolve(performance.now())));

it('serves the window and holds its bridge while the bundled cloud starts', async () => {
  const renderer = join(dir, 'renderer');
  mkdirSync(renderer, { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>early app</title>');
  let started = false;
  let windowAt = NaN;
  let early: Promise<{
    page: string;
    cacheControl: string | null;
    servedBeforeStart: boolean;
    link: ReturnType<typeof bridge>;
    stateAt: Promise<number>;
  }>;
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
        const cacheControl = res.headers.get('cache-control');
        const servedBeforeStart = !started;
        const link = bridge(listening, { headers: { cookie } });
        return { page, cacheControl, servedBeforeStart, link, stateAt: firstFrameAt(link) };
      })();
    },
  });
  shell = await starting.finally(() => (started = true));
  const { page, cacheControl, servedBeforeStart, link, stateAt } = await early!;
  expect(page).toContain('<title>early app</title>');
  expect(servedBeforeStart).toBe(true);
  // The page came with the signed-out state, its first render is the sign-in page; it carries
  // a state of the moment, so no cache keeps it.
  expect(pageStateOf(page)).toMatchObject({ cloudUrl: '', auth: { status: 'unauthenticated' } });
  expect(cacheControl).toBe('no-store');
  // The window had its state before the connector service was loaded, and the service and the
  // cloud started after that (they would have taken the cores its paint needs).
  expect(await stateAt).toBeLessThan(markAt('connectorReady'));
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

it('with a stored session, starts at once and the window waits for the resume', async () => {
  const userData = join(dir, 'resume');
  // A session from an earlier run (unknown to this new cloud: the resume fails, signed out).
  const secrets = new FileSecretStore(secretFileFor(userData, 'bundled'));
  await secrets.save({ sessionToken: 'stored-token', username: 'erin@globex.example' });
  let listeningAt = NaN;
  let stateAt: Promise<number> | undefined;
  let page: Promise<string> | undefined;
  const resumed = await startWebShell({
    port: 0,
    rendererDir: join(dir, 'renderer'),
    userDataDir: userData,
    cloud: { bundled: { db: ':memory:' } },
    onListening: (launchUrl) => {
      listeningAt = performance.now();
      const listening = { launchUrl, port: Number(new URL(launchUrl).port) } as RunningWebShell;
      const cookie = launchCookie(listening);
      page = cookie.then(async (c) => {
        const res = await fetch(new URL('/', launchUrl), { headers: { cookie: c } });
        return res.text();
      });
      stateAt = cookie.then((c) => firstFrameAt(bridge(listening, { headers: { cookie: c } })));
    },
  });
  try {
    expect(resumed.cloud!.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // Nothing to show before the resume: the service and the cloud did not wait for the
    // loading window's state (which never comes before them: they would start after the grace).
    expect(markAt('cloudStarted')).toBeLessThan(markAt('connectorReady'));
    expect(markAt('cloudStarted') - listeningAt).toBeLessThan(WINDOW_GRACE_MS / 2);
    // The window's bridge waited for the service (it never showed the sign-in page first), and
    // its page came without a state: "Connecting…" until the resume ends.
    expect(await stateAt!).toBeGreaterThan(markAt('connectorReady'));
    expect(pageStateOf(await page!)).toBeNull();
    // Once the service is there, a page comes with its state (this session failed: signed out).
    const cookie = await launchCookie(resumed);
    const later = await (await fetch(new URL('/', resumed.url), { headers: { cookie } })).text();
    expect(pageStateOf(later)).toMatchObject({
      cloudUrl: resumed.cloud!.baseUrl,
      auth: { status: 'unauthenticated' },
    });
  } finally {
    await resumed.close();
  }
}, 60_000);

/** The state a page was served with (page-state.ts's data block), or null. */
function pageStateOf(html: string): unknown {
  const block = new RegExp(
    `<script type="application/json" id="${PAGE_STATE_ELEMENT_ID}">(.*?)</script>`,
  );
  const json = block.exec(html)?.[1];
  return json === undefined ? null : JSON.parse(json);
}

const cloudOf = (payload: unknown) => (payload as { cloudUrl?: string }).cloudUrl;
