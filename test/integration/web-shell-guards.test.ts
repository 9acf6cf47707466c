/**
 * The web shell against a hostile local user: the per-launch secret (every page, GET /login and
 * /bridge need it), bad WebSocket frames (they close one socket, nothing else), and a third
 * party's GET /callback while a sign-in waits (refused; the sign-in stays pending).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpFormBrowser } from '../../electron/connector/http-browser.js';
import { startWebShell, type RunningWebShell } from '../../electron/web-shell/server.js';
import { bridge, launchCookie, raw, until } from './web-shell-client.js';

let shell: RunningWebShell;
let dir: string;
let cookie: string;
let origin: string;

// The bundled cloud starts from source in a worker thread (tsx loads it): slow on a busy machine.
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ws-guards-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(renderer, { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>app</title>');
  shell = await startWebShell({
    port: 0,
    rendererDir: renderer,
    userDataDir: join(dir, 'data'),
    cloud: { bundled: { db: ':memory:', adminToken: 'guards-admin' } },
    loginWaitMs: 1500,
  });
  origin = `http://127.0.0.1:${shell.port}`;
  cookie = await launchCookie(shell);
}, 60_000);

afterAll(async () => {
  await shell?.close();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

const host = () => `127.0.0.1:${shell.port}`;

describe('the launch secret', () => {
  it('is in the printed URL and traded for an HttpOnly SameSite=Strict cookie', async () => {
    expect(shell.launchUrl).toMatch(new RegExp(`^${origin}/\\?token=[A-Za-z0-9_-]{43}$`));
    const res = await fetch(shell.launchUrl, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/'); // the secret leaves the address bar
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toContain(`cc-web-shell-${shell.port}=`);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Strict/);
    expect((await raw(shell, '/', { host: host(), cookie })).status).toBe(200);
  });

  it('without it, the page and GET /login say to open the printed address', async () => {
    for (const path of ['/', '/index.html', '/login', '/?token=wrong']) {
      const res = await raw(shell, path, { host: host() });
      expect(res.status, path).toBe(403);
      expect(res.body).toContain('Open Client Connector from its address');
    }
    const stale = await raw(shell, '/', { host: host(), cookie: `${cookie}x` });
    expect(stale.status).toBe(403);
    // What the IdP's cross-site redirect and the pages' own styles need stays open.
    expect((await raw(shell, '/healthz', { host: host() })).status).toBe(200);
    expect((await raw(shell, '/shell/page.css', { host: host() })).status).toBe(200);
  });

  it('the bridge refuses a local process without it (no Origin header, as a script sends)', async () => {
    await expect(bridge(shell).open).rejects.toThrow(/403/);
    await expect(bridge(shell, { query: '?token=guess' }).open).rejects.toThrow(/403/);
    await expect(bridge(shell, { headers: { cookie: 'cc-web-shell-1=x' } }).open).rejects.toThrow(
      /403/,
    );
  });

  it('the bridge takes the cookie (browser) or the secret (script); other origins stay out', async () => {
    const browser = bridge(shell, { origin, headers: { cookie } });
    await browser.open;
    expect(await browser.call('getAbout')).toMatchObject({ ok: true });
    browser.ws.close();
    const script = bridge(shell, {
      query: `?token=${new URL(shell.launchUrl).searchParams.get('token')}`,
    });
    await script.open;
    script.ws.close();
    await expect(
      bridge(shell, { origin: 'http://evil.example', headers: { cookie } }).open,
    ).rejects.toThrow(/403/);
  });
});

describe('bad WebSocket frames', () => {
  it.each([
    [
      'a frame over 1 MiB',
      1009,
      (ws: import('ws').WebSocket) => ws.send('x'.repeat(1024 * 1024 + 1)),
    ],
    [
      'a text frame that is not UTF-8',
      1007,
      (ws: import('ws').WebSocket) =>
        ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false }),
    ],
  ])('%s closes that socket (%i) and nothing else', async (_what, code, sendBad) => {
    const bystander = bridge(shell, { origin, headers: { cookie } });
    const victim = bridge(shell, { origin, headers: { cookie } });
    await Promise.all([bystander.open, victim.open]);
    sendBad(victim.ws);
    expect(await victim.closed).toBe(code);
    // The web shell, its bridge and its bundled cloud are still up.
    expect(await bystander.call('getAbout')).toMatchObject({ ok: true });
    expect((await fetch(`${shell.cloud!.baseUrl}/api/health`)).status).toBe(200);
    expect((await raw(shell, '/healthz', { host: host() })).status).toBe(200);
    bystander.ws.close();
  });
});

describe('GET /callback from a third party while a sign-in waits', () => {
  it('is refused with a page that says so, and the sign-in stays pending and can finish', async () => {
    const b = bridge(shell, { origin, headers: { cookie } });
    await b.open;
    expect(await b.call('signIn', { username: 'erin@globex.example' })).toMatchObject({ ok: true });
    await until(
      () => shell.logins.current(),
      (p) => p !== null,
    );
    const forged = await fetch(`${origin}/callback?code=x&state=y`);
    expect(forged.status).toBe(400);
    const page = await forged.text();
    expect(page).toContain('This is not the answer to your sign-in');
    expect(page).not.toContain('Sign-in complete');
    expect(shell.logins.current()).not.toBeNull();
    expect(shell.service.snapshot().auth.status).toBe('authenticating');

    const loginUrl = new URL(shell.launchUrl);
    loginUrl.pathname = '/login';
    const popup = new HttpFormBrowser({ username: 'erin@globex.example', password: 'Passw0rd!' });
    const end = await popup.authorize(loginUrl.href, `${origin}/callback`);
    const cb = await fetch(end);
    expect(await cb.text()).toContain('Sign-in complete');
    const snap = await until(
      () => shell.service.snapshot(),
      (s) => s.auth.status === 'authenticated',
    );
    expect(snap.auth).toMatchObject({ status: 'authenticated', user: 'erin@globex.example' });
    await b.call('signOut');
    b.ws.close();
  });
});
