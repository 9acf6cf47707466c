/**
 * An OIDC sign-in with the bundled IdP (oidc-provider) through a round-robin load balancer in
 * front of two cloud instances on one PostgreSQL database: authorization request, login page,
 * login, code and token each land on the other instance than the step before, which works only
 * because oidc-provider's records (interactions, sessions, codes, grants) are in the store.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyOidcIdToken } from '../../electron/cloud/auth/oidc-verify.js';
import type { RunningCloud } from '../../electron/cloud/cloud.js';
import { oidcClientConfig } from '../../electron/cloud/idp/oidc/index.js';
import { DEMO_PASSWORD } from '../../electron/cloud/seed/demo-tenant.js';
import { oidcLogin } from '../../electron/connector/auth/oidc-login.js';
import { HttpFormBrowser } from '../../electron/connector/http-browser.js';
import { startTestCloud } from '../helpers/cloud.js';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy.js';
import { freshPostgresUrl } from './test-db.js';

const ERIN = 'erin@globex.example';
let proxy: RoundRobinProxy;
let a: RunningCloud;
let b: RunningCloud;

beforeAll(async () => {
  proxy = await startRoundRobinProxy();
  const db = (await freshPostgresUrl({ seeded: true }))!;
  const common = { db, adminToken: 'oidc-across', publicUrl: proxy.url };
  a = await startTestCloud(common);
  b = await startTestCloud(common);
  proxy.backends.push(a.baseUrl.replace(proxy.url, `http://127.0.0.1:${port(a)}`));
  proxy.backends.push(b.baseUrl.replace(proxy.url, `http://127.0.0.1:${port(b)}`));
});
afterAll(async () => {
  await proxy?.close();
  await a?.close();
  await b?.close();
});

const port = (cloud: RunningCloud) => (cloud.server.address() as { port: number }).port;

it('signs in when every step of the flow lands on the other instance', async () => {
  const idp = a.idps.list().find((i) => i.name === 'Globex OIDC')!;
  const result = await oidcLogin({
    ...oidcClientConfig(a.context, idp),
    loginHint: ERIN,
    browser: new HttpFormBrowser({ username: ERIN, password: DEMO_PASSWORD }),
  });
  expect(result.claims).toMatchObject({ email: ERIN, nonce: result.nonce });

  // Both instances took part in each kind of step.
  const stepsOn = (backend: number) =>
    new Set(
      proxy.served
        .filter((s) => s.startsWith(`${backend} `))
        .map((s) => s.replace(/^\d+ /, '').replace(/\/(interaction|auth)\/[\w-]+.*$/, '/$1/:uid')),
    );
  expect(proxy.served.length).toBeGreaterThanOrEqual(5);
  for (const backend of [0, 1]) expect(stepsOn(backend).size).toBeGreaterThanOrEqual(2);
  const path = (s: string) => s.replace(/^\d+ \w+ /, '');
  const login = proxy.served.findIndex((s) => / POST .*\/interaction\//.test(s));
  const page = proxy.served.findIndex((s) => / GET .*\/interaction\//.test(s));
  expect(path(proxy.served[page]!)).toBe(path(proxy.served[login]!));
  expect(proxy.served[page]![0]).not.toBe(proxy.served[login]![0]);

  // Each instance accepts the ID token (same signing key, same issuer).
  for (const cloud of [a, b]) {
    const identity = await verifyOidcIdToken(cloud.context, idp, result.idToken, result.nonce);
    expect(identity).toMatchObject({ idpId: idp.id, protocol: 'oidc', userName: ERIN });
  }
});
