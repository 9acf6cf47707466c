/** The directory and provisioning admin API: validation, errors, no secrets in responses. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdpConfig } from '../../../shared/model/idp.js';
import type { Body } from '../../helpers/cloud.js';
import {
  directoryOf,
  ok,
  startProvisioningHarness,
  type ProvisioningHarness,
} from '../../helpers/provisioning.js';

let h: ProvisioningHarness;
let okta: IdpConfig;
let base: string;

const expectError = (res: { status: number; body: Body }, status: number, code: string) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error).toMatchObject({ code, message: expect.any(String) });
};

beforeAll(async () => {
  h = await startProvisioningHarness();
  okta = await h.api.idp('Okta');
  base = `/idps/${okta.id}/directory`;
});

afterAll(async () => {
  await h?.close();
});

describe('directory admin API', () => {
  it('needs the admin token', async () => {
    const res = await h.idpApi.request('GET', `${base}/users`, {
      headers: { authorization: 'Bearer nope' },
    });
    expectError(res, 401, 'unauthorized');
  });

  it('creates a user with a password and never returns it', async () => {
    const res = await h.idpApi.post(`${base}/users`, {
      userName: 'zoe@acme.example',
      givenName: 'Zoe',
      familyName: 'Zhang',
      department: 'Legal',
      password: 'Sup3rSecret!',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      userName: 'zoe@acme.example',
      displayName: 'Zoe Zhang',
      email: 'zoe@acme.example',
      department: 'Legal',
      title: null,
      status: 'active',
      passwordSet: true,
      assignment: { inScope: false, direct: false, viaGroups: [] },
    });
    expect(res.text).not.toMatch(/password"|Sup3rSecret|scrypt/);
    const list = await h.idpApi.get(`${base}/users`);
    expect(list.text).not.toMatch(/scrypt/);
    // Sign-in code still reads the hash through the store.
    const stored = h.cloud.store.directory
      .list(okta.id)
      .find((u) => u.userName === 'zoe@acme.example');
    expect(stored?.password).toMatch(/^scrypt\$/);
  });

  it('400 with the fields at fault, 404 for unknown ids, 409 for duplicates', async () => {
    const missing = await h.idpApi.post(`${base}/users`, {
      userName: 'not-an-email',
      givenName: 'X',
    });
    expectError(missing, 400, 'invalid_request');
    const fields = missing.body.error.details.map((d: Body) => d.field).sort();
    expect(fields).toEqual(['familyName', 'password', 'userName']);
    expectError(
      await h.idpApi.post(`${base}/users`, {
        userName: 'ZOE@acme.example',
        givenName: 'Z',
        familyName: 'Z',
        password: 'Passw0rd!',
      }),
      409,
      'user_exists',
    );
    expectError(await h.idpApi.patch(`${base}/users/00unope`, { title: 'X' }), 404, 'not_found');
    expectError(
      await h.idpApi.patch(`${base}/users/00unope`, { shoeSize: 9 }),
      400,
      'invalid_request',
    );
    expectError(await h.idpApi.get(`/idps/123/directory/users`), 404, 'not_found');
    expectError(
      await h.idpApi.post(`${base}/assignments`, { userIds: ['00unope'] }),
      404,
      'not_found',
    );
    expectError(await h.idpApi.post(`${base}/assignments`, {}), 400, 'invalid_request');
    const g = await ok(h.idpApi.post(`${base}/groups`, { name: 'Legal' }));
    expectError(await h.idpApi.post(`${base}/groups`, { name: 'legal' }), 409, 'group_exists');
    expectError(await h.idpApi.delete(`${base}/assignments/groups/${g.id}`), 404, 'not_assigned');
    const dir = directoryOf(h, okta.id);
    const zoe = await dir.user('zoe@acme.example');
    expectError(await dir.deleteUser(zoe.id), 409, 'user_active');
  });

  it('groups, members and assignments', async () => {
    const dir = directoryOf(h, okta.id);
    const zoe = await dir.user('zoe@acme.example');
    const legal = await dir.group('Legal');
    expect((await dir.addMembers(legal.id, [zoe.id])).memberCount).toBe(1);
    const view = await dir.assign({ groupIds: [legal.id] });
    expect(view.groups.map((g: Body) => g.name).sort()).toEqual(['Legal', 'ZPA Users']);
    expect((await dir.user('zoe@acme.example')).assignment).toMatchObject({
      inScope: true,
      viaGroups: [{ name: 'Legal', assignedAt: expect.any(String) }],
    });
    const members: Body[] = await ok(h.idpApi.get(`${base}/groups/${legal.id}/members`));
    expect(members.map((m) => m.userName)).toEqual(['zoe@acme.example']);
    expect((await dir.push(legal.id)).pushed).toBe(true);
  });
});

describe('provisioning admin API', () => {
  it('never returns the token; refuses to enable without endpoint and token', async () => {
    const p = `/idps/${okta.id}/provisioning`;
    expect(await ok(h.idpApi.get(p))).toMatchObject({
      enabled: false,
      baseUrl: null,
      tokenSet: false,
      vendorOptions: { provisionOutOfSyncUsers: false },
    });
    expectError(
      await h.idpApi.request('PUT', p, { body: { enabled: true } }),
      400,
      'provisioning_incomplete',
    );
    expectError(
      await h.idpApi.request('PUT', p, {
        body: { enabled: false, vendorOptions: { aadOptscim062020: true } },
      }),
      400,
      'invalid_request',
    );
    expectError(
      await h.idpApi.request('PUT', p, { body: { enabled: false, baseUrl: 'not a url' } }),
      400,
      'invalid_request',
    );
    const saved = await h.idpApi.request('PUT', p, {
      body: { enabled: false, baseUrl: 'http://127.0.0.1:9/scim', token: 'secret-token-123' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.tokenSet).toBe(true);
    expect(saved.text).not.toContain('secret-token-123');
    expect((await h.idpApi.get(`${p}/status`)).text).not.toContain('secret-token-123');
    expectError(await h.idpApi.post(`${p}/users/00unope/provision`), 409, 'provisioning_disabled');
  });

  it('a test connection to nothing reports the failure, it does not throw', async () => {
    const res = await ok(h.idpApi.post(`/idps/${okta.id}/provisioning/test-connection`));
    expect(res.ok).toBe(false);
    expect(res.calls[0]).toMatchObject({ status: 0, method: 'GET' });
  });

  it('Push Groups is refused for Entra ID', async () => {
    const entra = await ok(
      h.api.post('/idps', { name: 'Entra API test', protocol: 'saml', vendor: 'entra' }),
    );
    const g = await ok(h.idpApi.post(`/idps/${entra.id}/directory/groups`, { name: 'G' }));
    expectError(
      await h.idpApi.post(`/idps/${entra.id}/directory/groups/${g.id}/push`),
      409,
      'push_groups_unsupported',
    );
  });
});
