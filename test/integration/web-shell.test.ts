/**
 * The web shell over real HTTP with a real (in-memory) cloud: headers and CSP, the static
 * files' confinement, the DNS-rebinding and cross-origin WebSocket guards, the bridge protocol,
 * and a whole OIDC and SAML sign-in through GET /login and GET /callback.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpFormBrowser } from '../../electron/connector/http-browser.js';
import {
  rendererCsp,
  startWebShell,
  type RunningWebShell,
} from '../../electron/web-shell/server.js';
import {
  bridge as bridgeClient,
  launchCookie,
  raw as rawRequest,
  until,
} from './web-shell-client.js';

let shell: RunningWebShell;
let dir: string;
let host: string;

// The bundled cloud starts from source in a worker thread (tsx loads it): slow on a busy machine.
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ws-it-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(renderer, 'assets', 'app-123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'not for you');
  shell = await startWebShell({
    port: 0,
    rendererDir: renderer,
    userDataDir: join(dir, 'data'),
    cloud: { bundled: { db: ':memory:', adminToken: 'it-admin' } },
    // The first sign-in loads its HTTP and OIDC clients (lazily) before it asks for a browser.
    loginWaitMs: 5000,
  });
  host = `127.0.0.1:${shell.port}`;
}, 60_000);

afterAll(async () => {
  await shell?.close();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

let cookie: string;
beforeAll(async () => {
  cookie = await launchCookie(shell);
});
const raw = (path: string, headers: Record<string, string> = {}) =>
  rawRequest(shell, path, { cookie, ...headers });
const bridge = (origin?: string) =>
  bridgeClient(shell, { ...(origin ? { origin } : {}), headers: { cookie } });
const get = (path: string, init: RequestInit = {}) =>
  fetch(new URL(path, shell.url), { ...init, headers: { cookie } });
/** GET /login with the printed URL's secret, as the popup (which has the cookie) does. */
const loginUrl = () => {
  const u = new URL(shell.launchUrl);
  u.pathname = '/login';
  return u.href;
};

describe('web shell HTTP', () => {
  it('serves the renderer under the strict CSP and security headers', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(rendererCsp(host));
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain(`connect-src 'self' ws://${host}`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    // The page carries the state of the moment (page-state.ts): never kept by a cache.
    expect(res.headers.get('cache-control')).toBe('no-store');
    const asset = await get('/assets/app-123.js');
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('serves nothing outside the renderer directory', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await raw(path, { host });
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('not for you');
    }
  });

  it('answers only to its own loopback names (DNS rebinding)', async () => {
    expect((await raw('/', { host: 'evil.example' })).status).toBe(421);
    expect((await raw('/', { host: `localhost:${shell.port}` })).status).toBe(200);
  });

  it('refuses other methods', async () => {
    expect((await get('/', { method: 'POST' })).status).toBe(405);
  });

  it('GET /login says so when no sign-in is waiting; /callback when it is not for one', async () => {
    const login = await get('/login', { redirect: 'manual' });
    expect(login.status).toBe(404);
    expect(await login.text()).toContain('No sign-in is waiting');
    const cb = await fetch(`${shell.url}callback?code=x&state=y`);
    expect(cb.status).toBe(410);
  });
});

describe('web shell bridge', () => {
  it('refuses a WebSocket from another origin', async () => {
    const b = bridge('http://evil.example');
    await expect(b.open).rejects.toThrow(/403/);
  });

  it('pushes the state first, answers calls in the envelope, refuses bad frames', async () => {
    const b = bridge(`http://${host}`);
    await b.open;
    await until(
      () => b.frames,
      (f) => f.length > 0,
    );
    expect(b.frames[0]).toMatchObject({
      event: 'state',
      payload: { cloudUrl: shell.cloud!.baseUrl },
    });
    expect(await b.call('getSettings')).toEqual({
      ok: true,
      value: {
        cloudUrl: shell.cloud!.baseUrl,
        bundledCloudUrl: shell.cloud!.baseUrl,
        view: 'real',
      },
    });
    expect(await b.call('nope')).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await b.call('openApp', { app: 5 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
    b.ws.send(JSON.stringify({ id: 99, call: 'getAbout', extra: true }));
    const bad = await until(
      () => b.frames.find((f) => 'id' in f && f.id === 99),
      (f) => !!f,
    );
    expect(bad).toMatchObject({ result: { ok: false, error: { code: 'INVALID_REQUEST' } } });
    const closed = new Promise<number>((r) => b.ws.once('close', (code) => r(code)));
    b.ws.send('not json');
    expect(await closed).toBe(1007);
  });

  it.each([
    ['erin@globex.example', 'oidc'],
    ['alice@acme.example', 'saml'],
  ] as const)('signs %s in (%s) through GET /login and GET /callback', async (user, method) => {
    const b = bridge(`http://${host}`);
    await b.open;
    expect(await b.call('signIn', { username: user })).toEqual({ ok: true, value: undefined });
    // What the popup does: /login redirects to the IdP; the IdP ends at /callback.
    const popup = new HttpFormBrowser({ username: user, password: 'Passw0rd!' });
    const end = await popup.authorize(loginUrl(), `${shell.url}callback`);
    const cb = await fetch(end);
    expect(cb.status).toBe(200);
    expect(await cb.text()).toContain('Sign-in complete');
    const snap = await until(
      () => shell.service.snapshot(),
      (s) => s.auth.status === 'authenticated',
    );
    expect(snap.auth).toMatchObject({ status: 'authenticated', user, method });
    expect(await b.call('signOut')).toEqual({ ok: true, value: undefined });
    const out = await until(
      () => shell.service.snapshot(),
      (s) => s.auth.status === 'unauthenticated',
    );
    expect(out.auth).toEqual({ status: 'unauthenticated' });
    expect(out.session).toBeNull();
    b.ws.close();
  });

  it('GET /login gives up as soon as the sign-in ends without a browser (unknown domain)', async () => {
    const b = bridge(`http://${host}`);
    await b.open;
    const login = get('/login', { redirect: 'manual' });
    await b.call('signIn', { username: 'someone@unknown.example' });
    const started = Date.now();
    const res = await login;
    expect(res.status).toBe(404);
    expect(Date.now() - started).toBeLessThan(2_500); // not the 5 s wait
    expect(shell.service.snapshot().auth).toMatchObject({ status: 'unauthenticated' });
    b.ws.close();
  });

  it('a closed sign-in window (cancelSignIn) ends the sign-in with SIGN_IN_CANCELLED', async () => {
    const b = bridge(`http://${host}`);
    await b.open;
    await b.call('signIn', { username: 'erin@globex.example' });
    await until(
      () => shell.logins.current(),
      (p) => p !== null,
    );
    await b.call('cancelSignIn');
    const snap = await until(
      () => shell.service.snapshot(),
      (s) => s.auth.status === 'unauthenticated',
    );
    expect(snap.auth).toMatchObject({ lastError: { code: 'SIGN_IN_CANCELLED' } });
    b.ws.close();
  });
});
