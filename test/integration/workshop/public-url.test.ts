/**
 * A cloud reached through --public-url on an address that is not 127.0.0.1 or localhost (the
 * workshop case: attendees type the trainer's address). Every URL the cloud hands out uses the
 * public URL, and both sign-ins work through the real connector core (issue 11: OIDC failed with
 * 1005 because the connector refused plain http to any IdP not on a loopback name).
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCloud } from '../../../electron/cloud/cloud.js';
import { oidcClientConfig } from '../../../electron/cloud/idp/oidc/index.js';
import { oidcLogin } from '../../../electron/connector/auth/oidc-login.js';
import { HttpFormBrowser } from '../../../electron/connector/http-browser.js';
import { admin, startTestCloud } from '../../helpers/cloud.js';
import { demoSessionToken } from '../../helpers/connector-session.js';

const HOST = '127.0.0.2';
let cloud: RunningCloud;
let publicUrl: string;

/** A free port on HOST, so the public URL can be given before the cloud listens. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().once('error', reject);
    s.listen(0, HOST, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  const port = await freePort();
  publicUrl = `http://${HOST}:${port}`;
  cloud = await startTestCloud({ host: HOST, port, publicUrl });
});

afterAll(async () => {
  await cloud?.close();
});

describe('a cloud on 127.0.0.2 with --public-url http://127.0.0.2:<port>', () => {
  it('hands out SCIM, SAML and OIDC URLs under the public URL', async () => {
    expect(cloud.baseUrl).toBe(publicUrl);
    const idps = await admin(cloud).idps();
    for (const idp of idps) expect(idp.scimEndpoint.startsWith(`${publicUrl}/scim/`)).toBe(true);

    const okta = idps.find((i) => i.protocol === 'saml')!;
    const spMetadata = await (await fetch(`${publicUrl}/auth/saml/${okta.id}/metadata`)).text();
    expect(spMetadata).toContain(`Location="${publicUrl}/auth/saml/${okta.id}/acs"`);
    const idpMetadata = await (await fetch(`${publicUrl}/idp/${okta.id}/saml/metadata`)).text();
    expect(idpMetadata).toContain(`Location="${publicUrl}/idp/${okta.id}/saml/sso"`);

    const globex = idps.find((i) => i.protocol === 'oidc')!;
    const issuer = `${publicUrl}/idp/${globex.id}/oidc`;
    const discovery = (await (
      await fetch(`${issuer}/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    expect(discovery.issuer).toBe(issuer);
    for (const key of ['authorization_endpoint', 'token_endpoint', 'jwks_uri']) {
      expect(discovery[key]!.startsWith(`${issuer}/`), key).toBe(true);
    }
  });

  it('signs alice in with SAML through the connector core', async () => {
    const token = await demoSessionToken(publicUrl, 'alice@acme.example', 'device-saml');
    expect(token).toMatch(/\S{20,}/);
  });

  it('signs erin in with OIDC through the connector core', async () => {
    const token = await demoSessionToken(publicUrl, 'erin@globex.example', 'device-oidc');
    expect(token).toMatch(/\S{20,}/);
  });

  it('still refuses plain http to an IdP that is neither loopback nor the chosen cloud', async () => {
    const globex = cloud.idps.list().find((i) => i.protocol === 'oidc')!;
    const client = oidcClientConfig(cloud.context, globex);
    const attempt = oidcLogin({
      ...client,
      cloudUrl: 'http://127.0.0.3:8787',
      browser: new HttpFormBrowser({ username: 'erin@globex.example', password: 'Passw0rd!' }),
    });
    await expect(attempt).rejects.toMatchObject({ code: '1005' });
  });
});
