/**
 * Mechanics the scenarios needed, at the admin API: a partial provisioning update (only
 * vendorOptions: the rest kept, options merged), and a SAML IdP whose clock is off the cloud's
 * (its responses refused with 42016 beyond the 120 s skew, accepted within it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCloud } from '../../../electron/cloud/cloud.js';
import { CODES } from '../../../shared/errors/codes.js';
import { httpRequest, startTestCloud, type Body } from '../../helpers/cloud.js';
import { connector, idpOf, until } from '../stories/connector-harness.js';

let cloud: RunningCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ adminToken: 'stories-admin' });
});
afterAll(async () => cloud.close());

const call = (method: string, path: string, body?: unknown) =>
  httpRequest(method, `${cloud.baseUrl}/api/admin${path}`, {
    headers: { authorization: `Bearer ${cloud.adminToken}` },
    ...(body !== undefined ? { body, contentType: 'application/json' } : {}),
  });

describe('PUT /api/admin/idps/{id}/provisioning', () => {
  it('takes a partial update: only vendorOptions keeps enabled, baseUrl and token, and merges', async () => {
    const okta = idpOf(cloud, 'okta');
    await call('PATCH', `/idps/${okta.id}`, { scimSyncEnabled: true });
    const { token } = (await call('POST', `/idps/${okta.id}/scim-token`)).body as Body;
    const first = await call('PUT', `/idps/${okta.id}/provisioning`, {
      enabled: true,
      baseUrl: okta.scimEndpoint,
      token,
      vendorOptions: { concurrency: 2 },
    });
    expect(first.status, first.text).toBe(200);

    const res = await call('PUT', `/idps/${okta.id}/provisioning`, {
      vendorOptions: { provisionOutOfSyncUsers: true },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      enabled: true,
      baseUrl: okta.scimEndpoint,
      tokenSet: true,
      vendorOptions: { provisionOutOfSyncUsers: true, concurrency: 2 },
    });
  });

  it('still refuses an unknown option or a wrong type in the admin error shape', async () => {
    const okta = idpOf(cloud, 'okta');
    for (const body of [{ vendorOptions: { nope: true } }, { enabled: 'yes' }, {}]) {
      const res = await call('PUT', `/idps/${okta.id}/provisioning`, body);
      if (Object.keys(body).length === 0) {
        expect(res.status).toBe(200); // nothing to change is a valid partial update
        continue;
      }
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
  });
});

describe('PUT /api/admin/idps/{id}/saml/clock', () => {
  it("refuses the sign-in with 42016 while the IdP's clock is 10 minutes ahead, accepts 60 s", async () => {
    const okta = idpOf(cloud, 'okta');
    const set = await call('PUT', `/idps/${okta.id}/saml/clock`, { skewSeconds: 600 });
    expect(set.status, set.text).toBe(200);
    expect(set.body.clockSkewSeconds).toBe(600);

    const bob = connector(cloud, 'bob@acme.example');
    bob.signIn('bob@acme.example');
    const refused = await until(bob, (s) => s.auth.status === 'unauthenticated' && !!s.lastError);
    expect(refused.lastError?.code).toBe(CODES.SAML_TIME_OUT_OF_RANGE);

    await call('PUT', `/idps/${okta.id}/saml/clock`, { skewSeconds: 60 });
    bob.signIn('bob@acme.example');
    // Within the skew the response is accepted (SCIM Sync is on from above: bob is not synced).
    await until(bob, (s) => s.auth.status === 'authenticated');
    bob.dispose();
  });

  it('refuses a skew that is not a whole number of seconds within a day, and an OIDC IdP', async () => {
    const okta = idpOf(cloud, 'okta');
    for (const skewSeconds of [1.5, 86_401, '600']) {
      const res = await call('PUT', `/idps/${okta.id}/saml/clock`, { skewSeconds });
      expect(res.status, String(skewSeconds)).toBe(400);
    }
    const oidc = idpOf(cloud, 'Globex OIDC');
    const res = await call('PUT', `/idps/${oidc.id}/saml/clock`, { skewSeconds: 0 });
    expect(res.status).toBe(409);
  });
});
