/** The admin console's static files at GET /admin: served with a strict CSP, no secrets in them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCloud } from '../../electron/cloud/cloud.js';
import { startTestCloud } from '../helpers/cloud.js';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; frame-ancestors 'none'";

describe('admin console (GET /admin)', () => {
  let cloud: RunningCloud;
  beforeAll(async () => {
    cloud = await startTestCloud();
  });
  afterAll(async () => cloud.close());

  it('answers 200 HTML with the strict CSP, without needing the admin token', async () => {
    const res = await fetch(`${cloud.baseUrl}/admin`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).toContain('<script type="module" src="admin/console.js"></script>');
    expect(html).not.toMatch(/<script>|<style>|\sstyle="/);
    expect(html).not.toContain(cloud.adminToken);
  });

  it('serves console.js as JavaScript and console.css as CSS', async () => {
    const js = await fetch(`${cloud.baseUrl}/admin/console.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('content-security-policy')).toBe(CSP);
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await js.text()).not.toMatch(/\.(innerHTML|outerHTML|insertAdjacentHTML)\b/);

    const css = await fetch(`${cloud.baseUrl}/admin/console.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('links to the console from the front page', async () => {
    const html = await (await fetch(`${cloud.baseUrl}/`)).text();
    expect(html).toContain(`<a href="${cloud.baseUrl}/admin">`);
  });
});
