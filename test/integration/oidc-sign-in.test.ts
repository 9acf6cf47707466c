/**
 * The bundled OIDC IdP over real HTTP: discovery and JWKS, authorization code + PKCE with the
 * IdP's own login page, the connector's openid-client login, and the cloud's ID token check
 * (issuer, audience, signature, expiry on the simulated clock, nonce: code 1005).
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError } from '../../electron/cloud/auth/auth-error.js';
import { verifyOidcIdToken } from '../../electron/cloud/auth/oidc-verify.js';
import type { RunningCloud } from '../../electron/cloud/cloud.js';
import type { CloudServices } from '../../electron/cloud/services.js';
import { OIDC_CLIENT_ID, oidcClientConfig } from '../../electron/cloud/idp/oidc/index.js';
import { oidcCookieKeys } from '../../electron/cloud/idp/oidc/cookie-keys.js';
import { oidcSigningKey } from '../../electron/cloud/idp/oidc/signing-keys.js';
import { hashPassword } from '../../electron/cloud/security/passwords.js';
import { openSqliteStore } from '../../electron/cloud/store/sqlite-store.js';
import { DEMO_PASSWORD } from '../../electron/cloud/seed/demo-tenant.js';
import { signIn } from '../../electron/connector/auth/sign-in.js';
import { oidcLogin } from '../../electron/connector/auth/oidc-login.js';
import { LOOPBACK_REDIRECT } from '../../electron/connector/browser-port.js';
import { CloudApi } from '../../electron/connector/cloud-api.js';
import { ConnectorError } from '../../electron/connector/connector-error.js';
import { HttpFormBrowser } from '../../electron/connector/http-browser.js';
import type { IdpConfig } from '../../shared/model/idp.js';
import { startTestCloud } from '../helpers/cloud.js';

const ERIN = 'erin@globex.example';

// The cloud as shipped: its own OIDC IdP, nothing served by the test (a cloud without it fails).
let cloud: RunningCloud;
let ctx: CloudServices;
let idp: IdpConfig;
let client: ReturnType<typeof oidcClientConfig>;

beforeAll(async () => {
  cloud = await startTestCloud();
  ctx = cloud.context;
  idp = cloud.idps.list().find((i) => i.name === 'Globex OIDC')!;
  client = oidcClientConfig(ctx, idp);
});

afterAll(async () => {
  await cloud?.close();
});

const browserFor = (username: string, password = DEMO_PASSWORD) =>
  new HttpFormBrowser({ username, password });

const login = (username: string, password = DEMO_PASSWORD, redirectUri = client.redirectUri) =>
  oidcLogin({
    ...client,
    redirectUri,
    loginHint: username,
    browser: browserFor(username, password),
  });

/** A cookie-keeping client for looking at the IdP's pages step by step. */
function pageClient() {
  const jar = new Map<string, string>();
  return async (url: string, init: { method?: string; form?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = {};
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: 'manual',
    });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0]!;
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const location = res.headers.get('location');
    return {
      status: res.status,
      headers: res.headers,
      location: location ? new URL(location, url).toString() : undefined,
      text: await res.text(),
    };
  };
}

/** An authorization request URL built by hand (so tests can leave parts out). */
function authorizeUrl(params: Record<string, string | undefined>): string {
  const url = new URL(`${client.issuer}/auth`);
  const all: Record<string, string | undefined> = {
    client_id: client.clientId,
    response_type: 'code',
    redirect_uri: client.redirectUri,
    scope: client.scopes.join(' '),
    state: 'state-0123456789',
    nonce: 'nonce-0123456789',
    code_challenge: createHash('sha256').update('a'.repeat(43)).digest('base64url'),
    code_challenge_method: 'S256',
    ...params,
  };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

/** Opens the login page of a fresh authorization request; returns the page and the client. */
async function openLoginPage(params: Record<string, string | undefined> = {}) {
  const get = pageClient();
  const start = await get(authorizeUrl(params));
  expect(start.status).toBe(303);
  expect(start.location).toMatch(/\/interaction\/[\w-]+$/);
  const page = await get(start.location!);
  return { get, page, pageUrl: start.location! };
}

async function expectRefused(p: Promise<unknown>, pattern: RegExp): Promise<AuthError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AuthError);
  const err = e as AuthError;
  expect(err.code).toBe('1005');
  expect(err.status).toBe(401);
  expect(err.message).toMatch(pattern);
  return err;
}

/** A token like the IdP's, signed with the IdP's key (or another), with claims overridden. */
async function forge(
  claims: Record<string, unknown>,
  key: JWK = oidcSigningKey(ctx.store, idp.id) as JWK,
): Promise<string> {
  const now = Math.floor(ctx.clock.now() / 1000);
  return new SignJWT({
    sub: 'forged',
    email: ERIN,
    auth_time: now,
    nonce: 'n-forged',
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .setIssuer(typeof claims.iss === 'string' ? claims.iss : client.issuer)
    .setAudience((claims.aud as string | string[] | undefined) ?? OIDC_CLIENT_ID)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(await importJWK(key, 'RS256'));
}

describe('discovery and JWKS', () => {
  it('publishes the provider metadata under the IdP issuer', async () => {
    const res = await fetch(`${client.issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const meta = (await res.json()) as Record<string, unknown>;
    expect(meta.issuer).toBe(client.issuer);
    for (const endpoint of ['authorization_endpoint', 'token_endpoint', 'jwks_uri']) {
      expect(String(meta[endpoint])).toMatch(new RegExp(`^${client.issuer}/`));
    }
    expect(meta.response_types_supported).toEqual(['code']);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.grant_types_supported).toEqual(['authorization_code']);
    expect(meta.token_endpoint_auth_methods_supported).toEqual(['none']);
    expect(meta.id_token_signing_alg_values_supported).toContain('RS256');
    expect(meta.scopes_supported).toEqual(expect.arrayContaining(client.scopes));
    expect(meta.claims_supported).toEqual(
      expect.arrayContaining(['sub', 'email', 'preferred_username', 'name', 'groups']),
    );
  });

  it('serves one public RS256 signing key, and the same one after a provider restart', async () => {
    const res = await fetch(`${client.issuer}/jwks`);
    expect(res.status).toBe(200);
    const { keys } = (await res.json()) as { keys: Record<string, unknown>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
    expect(typeof keys[0]!.kid).toBe('string');
    for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi'])
      expect(keys[0]).not.toHaveProperty(secret);
    // The key is persisted, not regenerated per provider instance.
    expect(keys[0]!.kid).toBe(oidcSigningKey(ctx.store, idp.id).kid);
  });

  it('is not there for a SAML IdP or an unknown id', async () => {
    const saml = cloud.idps.list().find((i) => i.protocol === 'saml')!;
    const base = ctx.baseUrl();
    for (const id of [saml.id, '123456789012345678']) {
      const res = await fetch(`${base}/idp/${id}/oidc/.well-known/openid-configuration`);
      expect(res.status).toBe(404);
    }
  });
});

describe('sign-in with authorization code + PKCE', () => {
  it('signs a seeded user in and the cloud accepts the ID token', async () => {
    const result = await login(ERIN);
    expect(result.claims).toMatchObject({
      iss: client.issuer,
      aud: OIDC_CLIENT_ID,
      email: ERIN,
      email_verified: true,
      preferred_username: ERIN,
      name: 'Erin Evans',
      given_name: 'Erin',
      family_name: 'Evans',
      groups: ['Engineering'],
      department: 'Engineering',
      title: 'Developer',
      nonce: result.nonce,
    });
    const sub = result.claims.sub as string;
    expect(cloud.store.directory.list(idp.id).find((u) => u.userName === ERIN)?.id).toBe(sub);
    expect(typeof result.claims.auth_time).toBe('number');

    const identity = await verifyOidcIdToken(ctx, idp, result.idToken, result.nonce);
    expect(identity).toMatchObject({ idpId: idp.id, protocol: 'oidc', userName: ERIN });
    expect(identity.attributes.groups).toEqual(['Engineering']);
    expect(identity.attributes.department).toEqual(['Engineering']);
    expect(identity.attributes.nonce).toBeUndefined();
    expect(identity.authTime).toBe((result.claims.auth_time as number) * 1000);
    expect(Math.abs(identity.authTime - ctx.clock.now())).toBeLessThan(10_000);
  });

  it('accepts the loopback redirect on any port (RFC 8252 §7.3)', async () => {
    const result = await login(
      'grace@globex.example',
      DEMO_PASSWORD,
      'http://127.0.0.1:40123/callback',
    );
    expect(result.claims.groups).toEqual(['Sales']);
  });

  it('shows its own accessible login page, pre-filled from login_hint', async () => {
    const { page } = await openLoginPage({ login_hint: ERIN });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(page.text).toContain('<html lang="en">');
    expect(page.text).toMatch(/<label for="username">Username<\/label>/);
    expect(page.text).toMatch(/<label for="password">Password<\/label>/);
    expect(page.text).toMatch(
      /<input id="username" name="username"[^>]*value="erin@globex.example"/,
    );
    expect(page.text).toMatch(/<input id="password" name="password" type="password"/);
    expect(page.text).toContain('Globex OIDC');
    expect(page.text).not.toContain('role="alert"');
  });

  it('re-shows the form with an error after a wrong password, then accepts the right one', async () => {
    const { get, pageUrl } = await openLoginPage({ login_hint: ERIN });
    const wrong = await get(pageUrl, { form: { username: ERIN, password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toMatch(
      /<div class="error" role="alert" id="login-error">The username or password is incorrect.<\/div>/,
    );
    expect(wrong.text).toMatch(/aria-invalid="true" aria-describedby="login-error"/);
    expect(wrong.text).toMatch(/value="erin@globex.example"/);

    const right = await get(pageUrl, { form: { username: ERIN, password: DEMO_PASSWORD } });
    expect(right.status).toBe(303);
    let next = await get(right.location!);
    while (next.location && !next.location.startsWith(LOOPBACK_REDIRECT)) {
      next = await get(next.location);
    }
    const callback = new URL(next.location!);
    expect(callback.searchParams.get('code')).toBeTruthy();
    expect(callback.searchParams.get('state')).toBe('state-0123456789');
    expect(callback.searchParams.get('iss')).toBe(client.issuer);
  });

  it('an unknown user gets the same answer as a wrong password', async () => {
    const { get, pageUrl } = await openLoginPage();
    const res = await get(pageUrl, { form: { username: 'nobody@globex.example', password: 'x' } });
    expect(res.status).toBe(401);
    expect(res.text).toContain('The username or password is incorrect.');
  });

  it('the connector reports a refused password with IDP_CREDENTIALS_REJECTED', async () => {
    const e = await login(ERIN, 'wrong-password').catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ConnectorError);
    expect((e as ConnectorError).code).toBe('IDP_CREDENTIALS_REJECTED');
    expect((e as ConnectorError).message).toMatch(/username or password is incorrect/);
  });

  it('refuses an inactive user', async () => {
    const frank = cloud.store.directory
      .list(idp.id)
      .find((u) => u.userName === 'frank@globex.example')!;
    cloud.store.directory.upsert(idp.id, { ...frank, active: false });
    try {
      const { get, pageUrl } = await openLoginPage();
      const res = await get(pageUrl, {
        form: { username: 'frank@globex.example', password: DEMO_PASSWORD },
      });
      expect(res.status).toBe(401);
      expect(res.text).toMatch(/role="alert"[^>]*>Your account is deactivated/);
      await expect(login('frank@globex.example')).rejects.toThrow(/deactivated/);
    } finally {
      cloud.store.directory.upsert(idp.id, frank);
    }
  });

  it('refuses a user not assigned to the application', async () => {
    cloud.store.directory.upsert(idp.id, {
      id: '00uunassignedtest001',
      userName: 'zed@globex.example',
      givenName: 'Zed',
      familyName: 'Zimmer',
      email: 'zed@globex.example',
      active: true,
      assigned: false,
      groups: [],
      password: hashPassword(DEMO_PASSWORD),
    });
    await expect(login('zed@globex.example')).rejects.toThrow(/not assigned/);
  });

  it('refuses an authorization request without PKCE, or with the plain method', async () => {
    for (const params of [
      { code_challenge: undefined, code_challenge_method: undefined },
      { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' },
    ]) {
      const res = await pageClient()(authorizeUrl(params));
      expect(res.status).toBe(303);
      const back = new URL(res.location!);
      expect(`${back.origin}${back.pathname}`).toBe(LOOPBACK_REDIRECT);
      expect(back.searchParams.get('error')).toBe('invalid_request');
      expect(back.searchParams.get('error_description')).toMatch(/PKCE|code_challenge/);
      expect(back.searchParams.get('code')).toBeNull();
    }
  });

  it('shows an error page, not a redirect, for an unregistered redirect URI', async () => {
    const res = await pageClient()(authorizeUrl({ redirect_uri: 'https://evil.example/cb' }));
    expect(res.status).toBe(400);
    expect(res.location).toBeUndefined();
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.text).toMatch(/role="alert">invalid_redirect_uri/);
  });

  it('answers a stale or foreign interaction URL with an error page', async () => {
    const { pageUrl } = await openLoginPage();
    // Another browser (no interaction cookie) and an unknown uid.
    for (const url of [pageUrl, pageUrl.replace(/[^/]+$/, 'unknown-uid')]) {
      const res = await pageClient()(url, { form: { username: ERIN, password: DEMO_PASSWORD } });
      expect(res.status).toBe(400);
      expect(res.text).toContain('This sign-in page is no longer valid');
    }
  });

  it('refuses the code exchange with a wrong code verifier', async () => {
    const { get, pageUrl } = await openLoginPage();
    let step = await get(pageUrl, { form: { username: ERIN, password: DEMO_PASSWORD } });
    while (step.location && !step.location.startsWith(LOOPBACK_REDIRECT)) {
      step = await get(step.location);
    }
    const code = new URL(step.location!).searchParams.get('code')!;
    const res = await fetch(`${client.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: LOOPBACK_REDIRECT,
        client_id: OIDC_CLIENT_ID,
        code_verifier: 'b'.repeat(43),
      }).toString(),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('cancel sends access_denied back to the connector', async () => {
    const { get, pageUrl } = await openLoginPage();
    let step = await get(`${pageUrl}/abort`, { method: 'POST' });
    while (step.location && !step.location.startsWith(LOOPBACK_REDIRECT)) {
      step = await get(step.location);
    }
    expect(new URL(step.location!).searchParams.get('error')).toBe('access_denied');
  });
});

describe('the cloud verifies the ID token', () => {
  it('refuses a wrong nonce', async () => {
    const { idToken } = await login(ERIN);
    await expectRefused(verifyOidcIdToken(ctx, idp, idToken, 'another-nonce'), /nonce/);
  });

  it('refuses a wrong audience and a foreign azp', async () => {
    await expectRefused(
      verifyOidcIdToken(ctx, idp, await forge({ aud: 'another-client' }), 'n-forged'),
      /audience/,
    );
    await expectRefused(
      verifyOidcIdToken(
        ctx,
        idp,
        await forge({ aud: [OIDC_CLIENT_ID, 'other'], azp: 'other' }),
        'n-forged',
      ),
      /azp/,
    );
  });

  it('refuses a wrong issuer', async () => {
    await expectRefused(
      verifyOidcIdToken(
        ctx,
        idp,
        await forge({ iss: 'http://127.0.0.1:1/idp/x/oidc' }),
        'n-forged',
      ),
      /issuer/,
    );
    // A token of another OIDC IdP of the same cloud is refused too.
    const other = cloud.idps.create({ name: 'Other OIDC', protocol: 'oidc' });
    try {
      const { idToken, nonce } = await login(ERIN);
      await expectRefused(verifyOidcIdToken(ctx, other, idToken, nonce), /no signing key/);
      oidcSigningKey(ctx.store, other.id);
      await expectRefused(verifyOidcIdToken(ctx, other, idToken, nonce), /issuer|unknown key/);
    } finally {
      cloud.idps.remove(other.id);
    }
  });

  it('refuses a token signed by another key', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const foreign = privateKey.export({ format: 'jwk' }) as JWK;
    const real = oidcSigningKey(ctx.store, idp.id);
    // Same kid as the real key: the signature check itself must fail.
    await expectRefused(
      verifyOidcIdToken(ctx, idp, await forge({}, { ...foreign, kid: real.kid }), 'n-forged'),
      /signature/,
    );
    await expectRefused(
      verifyOidcIdToken(ctx, idp, await forge({}, { ...foreign, kid: 'attacker' }), 'n-forged'),
      /unknown key/,
    );
    // Control: the same forgery with the real key passes.
    const ok = await verifyOidcIdToken(ctx, idp, await forge({}), 'n-forged');
    expect(ok.userName).toBe(ERIN);
  });

  it('refuses garbage', async () => {
    await expectRefused(verifyOidcIdToken(ctx, idp, 'not.a.jwt', 'n'), /malformed/);
  });

  it('refuses an expired token on the simulated clock; new sign-ins follow the clock', async () => {
    const { idToken, nonce } = await login(ERIN);
    await verifyOidcIdToken(ctx, idp, idToken, nonce);
    cloud.clock.advance(3 * 3600_000);
    await expectRefused(verifyOidcIdToken(ctx, idp, idToken, nonce), /expired/);

    // The IdP runs on the same simulated clock, so a fresh token is valid for the cloud.
    const fresh = await login(ERIN);
    const identity = await verifyOidcIdToken(ctx, idp, fresh.idToken, fresh.nonce);
    expect(Math.abs(identity.authTime - cloud.clock.now())).toBeLessThan(10_000);
  });
});

describe('IdP lifecycle', () => {
  it('creates a provider for a new OIDC IdP and drops it (and its key) when the IdP is deleted', async () => {
    const created = cloud.idps.create({ name: 'Initech OIDC', protocol: 'oidc' });
    const discovery = `${ctx.baseUrl()}/idp/${created.id}/oidc/.well-known/openid-configuration`;
    expect((await fetch(discovery)).status).toBe(200);
    expect(cloud.store.idpKeys.get(created.id, 'oidc-signing')).toBeDefined();
    cloud.idps.remove(created.id);
    expect((await fetch(discovery)).status).toBe(404);
    expect(cloud.store.idpKeys.get(created.id, 'oidc-signing')).toBeUndefined();
  });
});

describe('keys across restarts', () => {
  it('keeps the signing key and the cookie keys in the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oidc-keys-'));
    try {
      const db = join(dir, 'cloud.db');
      const first = openSqliteStore(db);
      const kid = oidcSigningKey(first, 'idp-1').kid;
      const cookieKeys = oidcCookieKeys(first.settings);
      await first.close();
      const second = openSqliteStore(db);
      expect(oidcSigningKey(second, 'idp-1').kid).toBe(kid);
      expect(oidcCookieKeys(second.settings)).toEqual(cookieKeys);
      expect(oidcSigningKey(second, 'idp-2').kid).not.toBe(kid);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('through the cloud connector API', () => {
  it('signs in with OIDC and gets a connector session', async () => {
    const issued = await signIn({
      api: new CloudApi(cloud.baseUrl),
      username: ERIN,
      deviceId: 'device-oidc-test',
      browser: browserFor(ERIN),
    });
    expect(issued.session).toMatchObject({ protocol: 'oidc', userName: ERIN, idpId: idp.id });
    expect(issued.session.attributes.groups).toEqual(['Engineering']);
  });
});
