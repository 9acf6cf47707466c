/**
 * The admin console's files at GET /admin (electron/cloud/admin/console-routes.ts): the page and
 * its build files under /admin/assets/, each with the strict CSP; no way out of the build's
 * assets folder; a clear 503 when the console is not built. The files are a stand-in build in a
 * temporary folder, so this runs without Vite; the e2e suite drives the real build.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_CONSOLE_CSP,
  adminConsoleRoutes,
  CONSOLE_NOT_BUILT,
} from '../../electron/cloud/admin/console-routes.js';
import type { RunningCloud } from '../../electron/cloud/cloud.js';
import { startTestCloud } from '../helpers/cloud.js';

const PAGE = '<!doctype html><script type="module" src="/admin/assets/console-abc.js"></script>';

async function serve(dir: string): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify();
  await app.register(adminConsoleRoutes, { dir });
  return { app, url: await app.listen({ port: 0, host: '127.0.0.1' }) };
}

describe('admin console (GET /admin)', () => {
  let dir: string;
  let built: { app: FastifyInstance; url: string };
  let missing: { app: FastifyInstance; url: string };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'console-'));
    mkdirSync(join(dir, 'console'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'console', 'index.html'), PAGE);
    writeFileSync(join(dir, 'assets', 'console-abc.js'), 'export {};');
    writeFileSync(join(dir, 'assets', 'console-abc.css'), 'body{}');
    writeFileSync(join(dir, 'secret.txt'), 'not for the browser');
    built = await serve(dir);
    missing = await serve(join(dir, 'nowhere'));
  });
  afterAll(async () => {
    await built.app.close();
    await missing.app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the page as HTML with the strict CSP, at /admin and /admin/', async () => {
    for (const path of ['/admin', '/admin/']) {
      const res = await fetch(`${built.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toBe(ADMIN_CONSOLE_CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await res.text()).toBe(PAGE);
    }
    expect(ADMIN_CONSOLE_CSP).toContain("script-src 'self'");
    expect(ADMIN_CONSOLE_CSP).not.toContain('unsafe-inline');
    expect(ADMIN_CONSOLE_CSP).toContain("frame-ancestors 'none'");
  });

  it('serves the build files by type, cached for good (their names carry a hash)', async () => {
    const js = await fetch(`${built.url}/admin/assets/console-abc.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('content-security-policy')).toBe(ADMIN_CONSOLE_CSP);
    expect(js.headers.get('cache-control')).toContain('immutable');
    const css = await fetch(`${built.url}/admin/assets/console-abc.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('refuses anything outside the assets folder, and unknown files, with a JSON 404', async () => {
    for (const path of [
      '/admin/assets/..%2fsecret.txt',
      '/admin/assets/%2e%2e%2fsecret.txt',
      '/admin/assets/secret.txt',
      '/admin/assets/missing-123.js',
      '/admin/secret.txt',
    ]) {
      const res = await fetch(`${built.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('not for the browser');
    }
    const res = await fetch(`${built.url}/admin/assets/missing-123.js`);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('says how to build the console when it is not built (503, same CSP)', async () => {
    const res = await fetch(`${missing.url}/admin`);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-security-policy')).toBe(ADMIN_CONSOLE_CSP);
    const html = await res.text();
    expect(html).toContain(CONSOLE_NOT_BUILT);
    expect(html).toContain('npm run build:renderer');
    expect(html).not.toMatch(/<script|<style|\sstyle="/);
  });
});

describe('the cloud and its console', () => {
  let cloud: RunningCloud;
  beforeAll(async () => {
    cloud = await startTestCloud();
  });
  afterAll(async () => cloud.close());

  it('links to the console from the front page and serves it without the admin token', async () => {
    const html = await (await fetch(`${cloud.baseUrl}/`)).text();
    expect(html).toContain('<a href="/admin">');
    const res = await fetch(`${cloud.baseUrl}/admin`);
    // 200 once built (npm run build:renderer), else the 503 notice: never the admin token.
    expect([200, 503]).toContain(res.status);
    expect(res.headers.get('content-security-policy')).toBe(ADMIN_CONSOLE_CSP);
    expect(await res.text()).not.toContain(cloud.adminToken);
  });
});
