/**
 * A database locked past its busy timeout is answered 503 with Retry-After on the sign-in side
 * of the cloud too, each in its own protocol's format, and nothing refused is written: the
 * connector API (its `{ error: { code, message } }`), the SAML ACS and the bundled SAML IdP
 * (HTML pages), the bundled OIDC IdP (OAuth's temporarily_unavailable, and its sign-in page).
 * Another connection on the cloud's file holds the write lock; the cloud waits 100 ms for it.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whileWriteLocked } from '../helpers/write-lock.js';
import { DATABASE_BUSY } from '../../electron/cloud/http/database-busy.js';
import { oidcClientConfig } from '../../electron/cloud/idp/oidc/index.js';
import { openSqliteStore } from '../../electron/cloud/store/sqlite-store.js';
import { pkcePair } from '../../electron/connector/auth/pkce.js';
import type { IdpConfig } from '../../shared/model/idp.js';
import {
  postForm,
  readForm,
  startLogin,
  startSamlTestCloud,
  type SamlTestCloud,
} from '../helpers/saml.js';

const ALICE = 'alice@acme.example';
const ERIN = 'erin@globex.example';
const PASSWORD = 'Passw0rd!';

let dir: string;
let file: string;
let t: SamlTestCloud;
let okta: IdpConfig;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cc-busy-sign-in-'));
  file = join(dir, 'cloud.db');
  t = await startSamlTestCloud({
    db: file,
    store: openSqliteStore(file, { busyTimeoutMs: 100 }),
  });
  okta = t.cloud.idps.list().find((i) => i.name === 'Okta (SAML)')!;
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `fn` while a second connection holds the database's write lock. */
const whileLocked = <T>(fn: () => Promise<T>) => whileWriteLocked(file, fn);

/** Rows in a table, read on a connection of the test's own. */
function rows(table: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function expectBusy(res: { status: number; headers: Headers }) {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe(String(DATABASE_BUSY.retryAfterSeconds));
}

/** The catalog code an error page shows (the ACS's pages). */
const pageCode = (html: string) => parse(html).querySelector('[data-testid=error-code]')?.text;

describe('a database busy past its timeout, on the sign-in routes', () => {
  it('the connector API answers 503 in its error shape and stores no sign-in', async () => {
    const before = rows('saml_requests');
    const pkce = pkcePair();
    const res = await whileLocked(() =>
      fetch(`${t.baseUrl}/api/connector/login/start`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          username: ALICE,
          deviceId: 'device-busy',
          redirectUri: 'http://127.0.0.1/callback',
          state: 'state-busy-0123456789',
          codeChallenge: pkce.challenge,
        }),
      }),
    );
    expectBusy(res);
    expect(await res.json()).toEqual({
      error: { code: DATABASE_BUSY.connectorCode, message: DATABASE_BUSY.message },
    });
    expect(rows('saml_requests')).toBe(before);
  });

  it('sign-out answers 503 in the connector API’s shape and the session stays', async () => {
    // Issued by the session service itself: a sign-in through the SAML IdP would create its
    // signing key, the write the SAML IdP test below needs to meet the lock.
    const { sessionToken: token } = t.ctx.sessions.createSession(
      { idpId: okta.id, protocol: 'saml', userName: ALICE, attributes: {}, authTime: Date.now() },
      'device-busy-sign-out',
    );
    const session = (method: string) =>
      fetch(`${t.baseUrl}/api/connector/session`, {
        method,
        headers: { authorization: `Bearer ${token}` },
      });
    const res = await whileLocked(() => session('DELETE'));
    expectBusy(res);
    expect((await res.json()).error.code).toBe(DATABASE_BUSY.connectorCode);
    expect((await session('GET')).status).toBe(200);
  });

  it('the SAML ACS answers a 503 page and leaves the pending sign-in to a second post', async () => {
    const started = await startLogin(t, okta, ALICE);
    const acs = `${t.baseUrl}/auth/saml/${okta.id}/acs`;
    const form = { SAMLResponse: 'not-a-saml-response', RelayState: started.requestId };
    const res = await whileLocked(() => postForm(acs, form));
    expectBusy(res);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(pageCode(await res.text())).toBe(DATABASE_BUSY.connectorCode);
    // Sent again: the pending sign-in is still there, so the refusal goes to the connector.
    const again = await postForm(acs, form);
    expect(again.status).toBe(302);
    const location = new URL(again.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe(started.pending.state);
  });

  // The IdP's first sign-in creates its signing key: the write its login meets the lock with.
  it('the SAML IdP answers its own 503 page, and the login posted again signs in', async () => {
    const keys = rows('idp_keys');
    const started = await startLogin(t, okta, ALICE);
    const login = readForm(await (await fetch(started.loginUrl)).text(), started.loginUrl)!;
    const fields = { ...login.fields, username: ALICE, password: PASSWORD };
    const res = await whileLocked(() => postForm(login.action, fields));
    expectBusy(res);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain(DATABASE_BUSY.message);
    expect(rows('idp_keys')).toBe(keys);
    const again = await postForm(login.action, fields);
    expect(again.status).toBe(200);
    expect(readForm(await again.text(), login.action)?.fields.SAMLResponse).toBeTruthy();
  });

  describe('the bundled OIDC IdP', () => {
    let idp: IdpConfig;
    let client: ReturnType<typeof oidcClientConfig>;
    beforeAll(() => {
      idp = t.cloud.idps.list().find((i) => i.name === 'Globex OIDC')!;
      client = oidcClientConfig(t.ctx, idp);
    });

    const authorizeUrl = () => {
      const url = new URL(`${client.issuer}/auth`);
      const params = {
        client_id: client.clientId,
        response_type: 'code',
        redirect_uri: client.redirectUri,
        scope: client.scopes.join(' '),
        state: 'state-0123456789',
        nonce: 'nonce-0123456789',
        code_challenge: pkcePair().challenge,
        code_challenge_method: 'S256',
        login_hint: ERIN,
      };
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      return url.toString();
    };

    it('its mount answers OAuth’s temporarily_unavailable with 503 and creates no key', async () => {
      const keys = rows('idp_keys');
      const res = await whileLocked(() =>
        fetch(`${client.issuer}/.well-known/openid-configuration`),
      );
      expectBusy(res);
      expect(await res.json()).toEqual({
        error: DATABASE_BUSY.oauthError,
        error_description: DATABASE_BUSY.message,
      });
      expect(rows('idp_keys')).toBe(keys);
    });

    it('the authorization endpoint sends the client temporarily_unavailable', async () => {
      await fetch(`${client.issuer}/.well-known/openid-configuration`); // mounted
      const records = rows('oidc_records');
      const res = await whileLocked(() => fetch(authorizeUrl(), { redirect: 'manual' }));
      const location = new URL(res.headers.get('location') ?? 'http://none/');
      expect(location.searchParams.get('error'), await res.text()).toBe(DATABASE_BUSY.oauthError);
      expect(rows('oidc_records')).toBe(records);
    });

    it('its sign-in page answers 503, and the login posted again goes on', async () => {
      const jar: string[] = [];
      const get = async (url: string, init: RequestInit = {}) => {
        const res = await fetch(url, {
          ...init,
          redirect: 'manual',
          headers: { ...(init.headers as object), cookie: jar.join('; ') },
        });
        for (const c of res.headers.getSetCookie()) jar.push(c.split(';')[0]!);
        return res;
      };
      const start = await get(authorizeUrl());
      const pageUrl = new URL(start.headers.get('location')!, client.issuer).toString();
      const form = readForm(await (await get(pageUrl)).text(), pageUrl)!;
      const post = () =>
        get(form.action, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ ...form.fields, username: ERIN, password: PASSWORD }),
        });
      const res = await whileLocked(post);
      expectBusy(res);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain(DATABASE_BUSY.message);
      expect((await post()).status).toBe(303);
    });
  });
});
