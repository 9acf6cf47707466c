/**
 * The web shell's bundle (build/build-web-shell.mjs → dist/web-shell/main.mjs), which `npm start`
 * (without Electron), `npm run start:web` and the e2e tests run: rebuilt when a source is newer
 * than it, and, run with Node alone, it starts the bundled cloud (native better-sqlite3 and its
 * checkpointer worker included), serves the window and bridges it (with the bundle's own copy
 * of ws).
 */
import { spawn } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  buildWebShell,
  WEB_SHELL_BUNDLE,
  webShellBundleStale,
} from '../../build/build-web-shell.mjs';

const dir = mkdtempSync(join(tmpdir(), 'cc-web-shell-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('web shell bundle', () => {
  it('is rebuilt when it is older than its sources, and only then', async () => {
    await buildWebShell({ ifStale: true });
    // Older than every source: what a checkout after a change to electron/** looks like.
    utimesSync(WEB_SHELL_BUNDLE, new Date(1_000_000), new Date(1_000_000));
    expect(webShellBundleStale()).toBe(true);
    expect(await buildWebShell({ ifStale: true })).toBe(true);
    expect(statSync(WEB_SHELL_BUNDLE).mtimeMs).toBeGreaterThan(1_000_000);
    expect(webShellBundleStale()).toBe(false);
    expect(await buildWebShell({ ifStale: true })).toBe(false);
  }, 180_000);

  it("loads no zod before the window's first state (the contract's schemas come with the service)", async () => {
    await buildWebShell({ ifStale: true });
    const dir = dirname(WEB_SHELL_BUNDLE);
    const chunks = readdirSync(dir).filter((f) => f.endsWith('.mjs'));
    // What server.ts loads before the service: main.mjs, then the state before the core and the
    // bridges (imported once it listens), with what those import.
    const first = ['main.mjs', ...chunks.filter((f) => /^(state-before-core|bridge)-/.test(f))];
    expect(first).toHaveLength(3);
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(join(dir, file), 'utf8');
      expect(code, file).not.toMatch(/^import .* from "zod";$/m);
      for (const m of code.matchAll(/^import .* from "\.\/([^"]+)";$/gm)) visit(m[1]!);
    };
    first.forEach(visit);
    expect(seen.size).toBeGreaterThan(3);
    // The service's own chunk does import it: the check would see it.
    const service = chunks.find((f) => f.startsWith('connector-host-'))!;
    expect(readFileSync(join(dir, service), 'utf8')).toMatch(/^import .* from "zod";$/m);
  }, 180_000);

  it('starts with Node alone, with the bundled cloud, and serves the window', async () => {
    await buildWebShell({ ifStale: true });
    const renderer = join(dir, 'renderer');
    mkdirSync(join(renderer, 'console'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>bundled app</title>');
    writeFileSync(join(renderer, 'console', 'index.html'), '<!doctype html><title>c</title>');
    const child = spawn(
      process.execPath,
      [
        WEB_SHELL_BUNDLE,
        ...['--port', '0', '--db', join(dir, 'cloud.db'), '--user-data', join(dir, 'user')],
        ...['--renderer', renderer, '--admin-token', 'bundle-test-token', '--no-build', '--json'],
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const lines: { listening?: boolean; ready?: boolean; url: string; cloudUrl: string }[] = [];
      const ready = await new Promise<{ url: string; cloudUrl: string }>((resolve, reject) => {
        createInterface({ input: child.stdout! }).on('line', (l) => {
          lines.push(JSON.parse(l));
          if (lines.at(-1)!.ready) resolve(lines.at(-1)!);
        });
        child.once('exit', (code) => reject(new Error(`the bundle exited (${code})`)));
      });
      // Listening (the window can load) is told first, then ready with the cloud.
      expect(lines.map((l) => Object.keys(l)[0])).toEqual(['listening', 'ready']);
      expect(lines[0]!.url).toBe(ready.url);
      // The cloud answers from its seeded SQLite database.
      const idps = await fetch(`${ready.cloudUrl}/api/admin/idps`, {
        headers: { authorization: 'Bearer bundle-test-token' },
      });
      expect(idps.status).toBe(200);
      expect(((await idps.json()) as unknown[]).length).toBeGreaterThan(0);
      // The launch URL trades its secret for a cookie, then the window's page is served.
      const launch = await fetch(ready.url, { redirect: 'manual' });
      expect(launch.status).toBe(302);
      const page = await fetch(new URL(launch.headers.get('location')!, ready.url), {
        headers: { cookie: launch.headers.get('set-cookie')!.split(';')[0]! },
      });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>bundled app</title>');
      // The window's bridge: its state first, then a call's answer.
      const frames = await bridgeFrames(ready.url, launch.headers.get('set-cookie')!);
      expect(frames[0]).toMatchObject({ event: 'state', payload: { cloudUrl: ready.cloudUrl } });
      expect(frames.find((f) => 'id' in f)).toMatchObject({
        id: 1,
        result: { ok: true, value: { bundledCloudUrl: ready.cloudUrl } },
      });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 60_000);
});

/** Opens the bridge with the launch cookie, asks getSettings; the frames up to its answer. */
function bridgeFrames(url: string, setCookie: string): Promise<Record<string, unknown>[]> {
  const ws = new WebSocket(new URL('/bridge', url).href.replace(/^http/, 'ws'), {
    headers: { cookie: setCookie.split(';')[0]! },
  });
  const frames: Record<string, unknown>[] = [];
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify({ id: 1, call: 'getSettings' })));
    ws.on('message', (data) => {
      frames.push(JSON.parse(String(data)) as Record<string, unknown>);
      if (frames.at(-1)!.id === 1) {
        ws.close();
        resolve(frames);
      }
    });
  });
}
