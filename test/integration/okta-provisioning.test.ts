/**
 * Replays the SCIM conversation Okta's "Zscaler Private Access 2.0" app has with the cloud
 * (shared/docs/domain.md §3.1): test connection, assign (check + create), profile update by PUT,
 * deactivate / reactivate by path-less PATCH, Push Groups and membership PATCHes, imports, and the
 * mistakes an admin or a mapping can cause. Every refused request must leave the data unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCloud } from '../../electron/cloud/cloud.js';
import type { IdpConfig } from '../../shared/model/idp.js';
import {
  admin,
  enableScim,
  ENTERPRISE_SCHEMA,
  eventually,
  expectList,
  expectScimError,
  expectStatus,
  GROUP_SCHEMA,
  query,
  scim,
  startTestCloud,
  USER_SCHEMA,
  type AdminClient,
  type Body,
  type ScimClient,
} from '../helpers/cloud.js';

const OKTA_UA = 'Okta SCIM Client 1.0.0';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let cloud: RunningCloud;
let api: AdminClient;
let okta: ScimClient;
let oktaIdp: IdpConfig;
let oktaToken: string;
let oidcToken: string;
let oidcEndpoint: string;

/** The users assigned to the app in Okta, with their Okta user ids (externalId). */
const ASSIGNED = [
  { login: 'alice@acme.example', first: 'Alice', last: 'Anders', oktaId: '00u1alice0000000001' },
  { login: 'bob@acme.example', first: 'Bob', last: 'Brown', oktaId: '00u1bob000000000002' },
  { login: 'carol@acme.example', first: 'Carol', last: 'Chen', oktaId: '00u1carol0000000003' },
  { login: 'dave@acme.example', first: 'Dave', last: 'Diaz', oktaId: '00u1dave00000000004' },
];
type Assigned = (typeof ASSIGNED)[number];

/** The body Okta sends on create (OKTA-SCIM2 "Create the User"). */
function oktaCreateBody(u: Assigned) {
  return {
    schemas: [USER_SCHEMA],
    userName: u.login,
    name: { givenName: u.first, familyName: u.last },
    emails: [{ primary: true, value: u.login, type: 'work' }],
    displayName: `${u.first} ${u.last}`,
    locale: 'en-US',
    externalId: u.oktaId,
    groups: [],
    password: 'tempP@ss123',
    active: true,
  };
}

/** SCIM ids of the created users by login. */
const ids = new Map<string, string>();
const idOf = (login: string) => {
  const id = ids.get(login);
  if (!id) throw new Error(`${login} was not created`);
  return id;
};
let groupId = '';

const filterByUserName = (userName: string) =>
  `/Users${query({ filter: `userName eq "${userName}"`, startIndex: 1, count: 100 })}`;

beforeAll(async () => {
  cloud = await startTestCloud();
  api = admin(cloud);
  const e = await enableScim(cloud, 'Okta');
  oktaIdp = e.idp;
  oktaToken = e.token;
  okta = scim(e.endpoint, e.token, OKTA_UA);
  const other = await enableScim(cloud, 'OIDC');
  oidcToken = other.token;
  oidcEndpoint = other.endpoint;
});

afterAll(async () => {
  await cloud?.close();
});

describe('Okta provisioning conversation', () => {
  it('the seeded Okta IdP exposes an absolute SCIM endpoint once SCIM Sync is on', () => {
    expect(oktaIdp.vendor).toBe('okta');
    expect(oktaIdp.scimSyncEnabled).toBe(true);
    expect(oktaIdp.scimTokenSet).toBe(true);
    expect(oktaIdp.scimEndpoint).toMatch(/^http:\/\/[^/]+\/scim\/\d+\/\d+\/v2$/);
  });

  it('Test API Credentials: GET /Users?startIndex=1&count=2 and GET /Groups?startIndex=1&count=100', async () => {
    const users = expectList(await okta.get('/Users?startIndex=1&count=2'));
    expect(users).toMatchObject({ totalResults: 0, startIndex: 1, itemsPerPage: 0 });
    const groups = expectList(await okta.get('/Groups?startIndex=1&count=100'));
    expect(groups).toMatchObject({ totalResults: 0, startIndex: 1, itemsPerPage: 0 });
  });

  it('assigning users: GET ?filter=userName eq, then POST the full Okta body', async () => {
    for (const u of ASSIGNED) {
      const before = expectList(await okta.get(filterByUserName(u.login)));
      expect(before.totalResults).toBe(0);
      expect(before.Resources).toEqual([]);

      const res = await okta.post('/Users', oktaCreateBody(u));
      const created = expectStatus(res, 201);
      expect(res.headers.get('content-type')).toContain('application/scim+json');
      expect(created.id).toMatch(UUID);
      expect(created).toMatchObject({
        userName: u.login,
        name: { givenName: u.first, familyName: u.last },
        emails: [{ primary: true, value: u.login, type: 'work' }],
        displayName: `${u.first} ${u.last}`,
        locale: 'en-US',
        externalId: u.oktaId,
        active: true,
        meta: { resourceType: 'User' },
      });
      expect(created.schemas).toContain(USER_SCHEMA);
      expect(created.groups ?? []).toEqual([]);
      expect(created).not.toHaveProperty('password');
      expect(res.headers.get('location')).toBe(created.meta.location);
      expect(created.meta.location).toBe(`${okta.endpoint}/Users/${created.id}`);
      expect(res.headers.get('etag')).toBe(created.meta.version);
      ids.set(u.login, created.id);

      const after = expectList(await okta.get(filterByUserName(u.login)));
      expect(after.totalResults).toBe(1);
      expect(after.Resources[0]).toMatchObject({ id: created.id, userName: u.login });
      expect(after.Resources[0]).not.toHaveProperty('password');
    }
    expect(expectList(await okta.get('/Users?startIndex=1&count=2'))).toMatchObject({
      totalResults: 4,
      itemsPerPage: 2,
    });
  });

  it('a duplicate create is refused with 409 uniqueness, also when userName differs in case', async () => {
    const alice = ASSIGNED[0]!;
    const dup = await okta.post('/Users', oktaCreateBody(alice));
    expectScimError(dup, 409, 'uniqueness');
    const upper = await okta.post('/Users', {
      ...oktaCreateBody(alice),
      userName: alice.login.toUpperCase(),
      externalId: '00u1other0000000099',
    });
    expectScimError(upper, 409, 'uniqueness');
    // The existence check is case-insensitive too, so Okta would have found the user.
    const found = expectList(await okta.get(filterByUserName(alice.login.toUpperCase())));
    expect(found.Resources.map((r: Body) => r.id)).toEqual([idOf(alice.login)]);
    expect(expectList(await okta.get('/Users?count=0')).totalResults).toBe(4);
  });

  it('profile update: GET /Users/{id}, then PUT the full object back with the changes', async () => {
    const id = idOf('carol@acme.example');
    const got = await okta.get(`/Users/${id}`);
    const current = expectStatus(got, 200);
    expect(got.headers.get('etag')).toBe(current.meta.version);

    // Okta maps department through the enterprise extension namespace (Profile Editor).
    const body = {
      ...current,
      schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
      name: { givenName: 'Carol', familyName: 'Chen-Smith' },
      displayName: 'Carol Chen-Smith',
      password: 'newP@ss456',
      [ENTERPRISE_SCHEMA]: { department: 'Finance' },
    };
    const put = await okta.put(`/Users/${id}`, body);
    const updated = expectStatus(put, 200);
    expect(updated).toMatchObject({
      id,
      userName: 'carol@acme.example',
      name: { givenName: 'Carol', familyName: 'Chen-Smith' },
      displayName: 'Carol Chen-Smith',
      externalId: '00u1carol0000000003',
      active: true,
      [ENTERPRISE_SCHEMA]: { department: 'Finance' },
    });
    expect(updated.schemas).toEqual(expect.arrayContaining([USER_SCHEMA, ENTERPRISE_SCHEMA]));
    expect(updated).not.toHaveProperty('password');
    expect(updated.meta.created).toBe(current.meta.created);
    expect(updated.meta.version).not.toBe(current.meta.version);
    expect(put.headers.get('etag')).toBe(updated.meta.version);

    const reread = expectStatus(await okta.get(`/Users/${id}`), 200);
    expect(reread).toEqual(updated);
  });

  it('deactivation is a path-less PATCH {"op":"replace","value":{"active":false}}; the user stays readable', async () => {
    const login = 'bob@acme.example';
    const id = idOf(login);
    const res = await okta.patchOps(`/Users/${id}`, [{ op: 'replace', value: { active: false } }]);
    expect([200, 204]).toContain(res.status);
    if (res.status === 200) expect(res.body.active).toBe(false);

    const got = expectStatus(await okta.get(`/Users/${id}`), 200);
    expect(got).toMatchObject({ id, userName: login, active: false, displayName: 'Bob Brown' });
    const byFilter = expectList(await okta.get(filterByUserName(login)));
    expect(byFilter.Resources).toHaveLength(1);
    expect(byFilter.Resources[0]).toMatchObject({ id, active: false });
    // Okta never deletes: the user is still counted.
    expect(expectList(await okta.get('/Users?count=0')).totalResults).toBe(4);
  });

  it('reactivation is the same PATCH with active true', async () => {
    const id = idOf('bob@acme.example');
    const res = await okta.patchOps(`/Users/${id}`, [{ op: 'replace', value: { active: true } }]);
    expect([200, 204]).toContain(res.status);
    expect(expectStatus(await okta.get(`/Users/${id}`), 200).active).toBe(true);
  });

  it('Push Groups: POST /Groups {displayName, members: []}', async () => {
    const before = expectList(
      await okta.get(`/Groups${query({ filter: 'displayName eq "Engineering"' })}`),
    );
    expect(before.totalResults).toBe(0);
    const res = await okta.post('/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Engineering',
      members: [],
    });
    const group = expectStatus(res, 201);
    expect(group.id).toMatch(UUID);
    expect(group).toMatchObject({ displayName: 'Engineering', meta: { resourceType: 'Group' } });
    expect(group.members ?? []).toEqual([]);
    expect(res.headers.get('location')).toBe(`${okta.endpoint}/Groups/${group.id}`);
    groupId = group.id;
  });

  it('membership update: the name replace, then add members', async () => {
    const rename = await okta.patchOps(`/Groups/${groupId}`, [
      { op: 'replace', value: { id: groupId, displayName: 'Engineering' } },
    ]);
    expect([200, 204]).toContain(rename.status);

    const alice = idOf('alice@acme.example');
    const dave = idOf('dave@acme.example');
    const add = await okta.patchOps(`/Groups/${groupId}`, [
      {
        op: 'add',
        path: 'members',
        value: [
          { value: alice, display: 'alice@acme.example' },
          { value: dave, display: 'dave@acme.example' },
        ],
      },
    ]);
    expect([200, 204]).toContain(add.status);

    const group = expectStatus(await okta.get(`/Groups/${groupId}`), 200);
    expect(group.displayName).toBe('Engineering');
    expect(group.members.map((m: Body) => m.value).sort()).toEqual([alice, dave].sort());
    for (const m of group.members) expect(m.type).toBe('User');

    for (const id of [alice, dave]) {
      const user = expectStatus(await okta.get(`/Users/${id}`), 200);
      expect(user.groups).toHaveLength(1);
      expect(user.groups[0]).toMatchObject({ value: groupId, display: 'Engineering' });
    }
    const bob = expectStatus(await okta.get(`/Users/${idOf('bob@acme.example')}`), 200);
    expect(bob.groups ?? []).toEqual([]);
  });

  it('membership update: the name replace, then remove with a members[value eq "id"] path', async () => {
    const alice = idOf('alice@acme.example');
    const dave = idOf('dave@acme.example');
    const rename = await okta.patchOps(`/Groups/${groupId}`, [
      { op: 'replace', value: { id: groupId, displayName: 'Engineering' } },
    ]);
    expect([200, 204]).toContain(rename.status);
    const remove = await okta.patchOps(`/Groups/${groupId}`, [
      { op: 'remove', path: `members[value eq "${dave}"]` },
    ]);
    expect([200, 204]).toContain(remove.status);

    const group = expectStatus(await okta.get(`/Groups/${groupId}`), 200);
    expect(group.members.map((m: Body) => m.value)).toEqual([alice]);
    const daveUser = expectStatus(await okta.get(`/Users/${dave}`), 200);
    expect(daveUser.groups ?? []).toEqual([]);
    const aliceUser = expectStatus(await okta.get(`/Users/${alice}`), 200);
    expect(aliceUser.groups.map((g: Body) => g.value)).toEqual([groupId]);
  });

  it("a renamed group shows its new name in its members' groups attribute", async () => {
    const res = await okta.patchOps(`/Groups/${groupId}`, [
      { op: 'replace', value: { id: groupId, displayName: 'Engineering Team' } },
    ]);
    expect([200, 204]).toContain(res.status);
    const alice = expectStatus(await okta.get(`/Users/${idOf('alice@acme.example')}`), 200);
    expect(alice.groups[0]).toMatchObject({ value: groupId, display: 'Engineering Team' });
  });

  it('imports page through /Users with count=100 and startIndex+=100, in a stable order', async () => {
    for (let start = 0; start < 246; start += 20) {
      const batch = [];
      for (let i = start; i < Math.min(start + 20, 246); i++) {
        const n = String(i).padStart(3, '0');
        batch.push(
          okta.post('/Users', {
            ...oktaCreateBody({
              login: `user${n}@acme.example`,
              first: `User${n}`,
              last: 'Import',
              oktaId: `00u2import${n}000000`,
            }),
          }),
        );
      }
      for (const r of await Promise.all(batch)) expectStatus(r, 201);
    }

    const importAll = async () => {
      const seen: string[] = [];
      let total: number | undefined;
      for (let startIndex = 1; ; startIndex += 100) {
        const page = expectList(await okta.get(`/Users?startIndex=${startIndex}&count=100`));
        expect(page.startIndex).toBe(startIndex);
        total ??= page.totalResults;
        expect(page.totalResults).toBe(total);
        expect(page.itemsPerPage).toBeLessThanOrEqual(100);
        seen.push(...page.Resources.map((r: Body) => r.id as string));
        if (startIndex + 100 > page.totalResults) break;
      }
      return { seen, total: total! };
    };

    const first = await importAll();
    expect(first.total).toBe(250);
    expect(first.seen).toHaveLength(250);
    expect(new Set(first.seen).size).toBe(250);

    // A write between two imports must not reorder the pages.
    const mid = first.seen[150]!;
    expect(
      (await okta.patchOps(`/Users/${mid}`, [{ op: 'replace', value: { active: false } }])).status,
    ).toBe(200);
    const second = await importAll();
    expect(second.seen).toEqual(first.seen);

    const groups = expectList(await okta.get('/Groups?startIndex=1&count=100'));
    expect(groups).toMatchObject({ totalResults: 1, itemsPerPage: 1 });
  });
});

describe('mistakes are refused and change nothing', () => {
  const aliceLogin = 'alice@acme.example';
  let snapshot: Body;

  const readAlice = async () => expectStatus(await okta.get(`/Users/${idOf(aliceLogin)}`), 200);
  const userCount = async () => expectList(await okta.get('/Users?count=0')).totalResults as number;
  const expectAliceUnchanged = async () => expect(await readAlice()).toEqual(snapshot);

  beforeAll(async () => {
    snapshot = await readAlice();
  });

  it('invalid JSON: 400 invalidSyntax on POST, PUT and PATCH', async () => {
    const count = await userCount();
    const broken = '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":';
    expectScimError(
      await okta.request('POST', '/Users', { rawBody: broken }),
      400,
      'invalidSyntax',
    );
    const path = `/Users/${idOf(aliceLogin)}`;
    expectScimError(await okta.request('PUT', path, { rawBody: broken }), 400, 'invalidSyntax');
    expectScimError(
      await okta.request('PATCH', path, { rawBody: '{"Operations":[{"op":"replace",}]}' }),
      400,
      'invalidSyntax',
    );
    expect(await userCount()).toBe(count);
    await expectAliceUnchanged();
  });

  it('wrong content type: refused with a SCIM error', async () => {
    const path = `/Users/${idOf(aliceLogin)}`;
    const body = JSON.stringify({ ...snapshot, displayName: 'Changed By XML' });
    const xml = await okta.request('PUT', path, { rawBody: body, contentType: 'application/xml' });
    expectScimError(xml, 415);
    const text = await okta.request('PUT', path, { rawBody: body, contentType: 'text/plain' });
    expect([400, 415]).toContain(text.status);
    expectScimError(text, text.status);
    await expectAliceUnchanged();
  });

  it('an attribute the schema does not define is refused (no custom attributes)', async () => {
    const count = await userCount();
    const create = await okta.post('/Users', {
      ...oktaCreateBody({ login: 'eve@acme.example', first: 'Eve', last: 'E', oktaId: '00u9' }),
      favouriteColour: 'blue',
    });
    expectScimError(create, 400, ['invalidSyntax', 'invalidValue']);
    expect(create.body.detail).toContain('favouriteColour');
    expect(expectList(await okta.get(filterByUserName('eve@acme.example'))).totalResults).toBe(0);

    const put = await okta.put(`/Users/${idOf(aliceLogin)}`, {
      ...snapshot,
      displayName: 'Alice Changed',
      favouriteColour: 'blue',
    });
    expectScimError(put, 400, ['invalidSyntax', 'invalidValue']);
    expect(await userCount()).toBe(count);
    await expectAliceUnchanged();
  });

  it('a typo in the enterprise namespace ("urn_ietf…") is refused, naming the namespace', async () => {
    const typo = 'urn_ietf_params_scim_schemas_extension_enterprise_2.0_User';
    const count = await userCount();
    // As Okta sends it when the Profile Editor's external namespace has the typo.
    const inSchemas = await okta.post('/Users', {
      ...oktaCreateBody({ login: 'eve@acme.example', first: 'Eve', last: 'E', oktaId: '00u9' }),
      schemas: [USER_SCHEMA, typo],
      [typo]: { department: 'Sales' },
    });
    expectScimError(inSchemas, 400, ['invalidSyntax', 'invalidValue']);
    expect(inSchemas.body.detail).toContain(typo);
    // The attribute key alone has the typo.
    const keyOnly = await okta.put(`/Users/${idOf(aliceLogin)}`, {
      ...snapshot,
      [typo]: { department: 'Sales' },
    });
    expectScimError(keyOnly, 400, ['invalidSyntax', 'invalidValue']);
    expect(keyOnly.body.detail).toContain(typo);
    expect(await userCount()).toBe(count);
    await expectAliceUnchanged();
  });

  it('a malformed filter is refused with 400 invalidFilter', async () => {
    for (const filter of [
      'userName eq',
      'userName xx "alice@acme.example"',
      'userName eq "alice@acme.example',
      '(userName eq "alice@acme.example"',
      'userName eq "a" and',
    ]) {
      const res = await okta.get(`/Users${query({ filter, startIndex: 1, count: 100 })}`);
      expectScimError(res, 400, 'invalidFilter');
    }
  });

  it('PATCH of an unknown path is refused with 400 invalidPath', async () => {
    const path = `/Users/${idOf(aliceLogin)}`;
    expectScimError(
      await okta.patchOps(path, [{ op: 'replace', path: 'favouriteColour', value: 'blue' }]),
      400,
      'invalidPath',
    );
    expectScimError(
      await okta.patchOps(path, [{ op: 'replace', path: 'name.nickname2', value: 'Al' }]),
      400,
      'invalidPath',
    );
    await expectAliceUnchanged();
  });

  it('PATCH remove without a path is refused with 400 noTarget', async () => {
    const path = `/Users/${idOf(aliceLogin)}`;
    expectScimError(await okta.patchOps(path, [{ op: 'remove' }]), 400, 'noTarget');
    await expectAliceUnchanged();
  });

  it('PATCH that modifies id is refused with 400 mutability', async () => {
    const path = `/Users/${idOf(aliceLogin)}`;
    expectScimError(
      await okta.patchOps(path, [
        { op: 'replace', path: 'id', value: '00000000-0000-4000-8000-000000000000' },
      ]),
      400,
      'mutability',
    );
    await expectAliceUnchanged();
  });

  it('a failing operation makes the whole PATCH fail: earlier operations are not applied', async () => {
    const path = `/Users/${idOf(aliceLogin)}`;
    const res = await okta.patchOps(path, [
      { op: 'replace', path: 'displayName', value: 'Half Applied' },
      { op: 'replace', path: 'favouriteColour', value: 'blue' },
    ]);
    expectScimError(res, 400, 'invalidPath');
    await expectAliceUnchanged();
  });

  it('a wrong or missing token gets a 401 SCIM error', async () => {
    const path = `/Users/${idOf(aliceLogin)}`;
    const change = { ...snapshot, displayName: 'Intruder' };
    expectScimError(await scim(okta.endpoint, 'not-the-token', OKTA_UA).get('/Users'), 401);
    expectScimError(await scim(okta.endpoint, null, OKTA_UA).get('/Users'), 401);
    expectScimError(await scim(okta.endpoint, 'not-the-token', OKTA_UA).put(path, change), 401);
    expectScimError(
      await okta.request('GET', '/Users', { headers: { authorization: `Basic ${oktaToken}` } }),
      401,
    );
    await expectAliceUnchanged();
  });

  it('the token of the other IdP is refused (401), in both directions', async () => {
    const path = `/Users/${idOf(aliceLogin)}`;
    const crossed = scim(okta.endpoint, oidcToken, OKTA_UA);
    expectScimError(await crossed.get('/Users'), 401);
    expectScimError(await crossed.put(path, { ...snapshot, displayName: 'Intruder' }), 401);
    expectScimError(await scim(oidcEndpoint, oktaToken, OKTA_UA).get('/Users'), 401);
    await expectAliceUnchanged();
  });

  it('Generate New Token: the old token stops working at once, the new one works', async () => {
    const oldToken = oktaToken;
    const newToken = await api.newScimToken(oktaIdp.id);
    expect(newToken).not.toBe(oldToken);
    const stale = scim(okta.endpoint, oldToken, OKTA_UA);
    expectScimError(await stale.get('/Users'), 401);
    expectScimError(
      await stale.put(`/Users/${idOf(aliceLogin)}`, { ...snapshot, displayName: 'Stale' }),
      401,
    );
    oktaToken = newToken;
    okta = scim(okta.endpoint, newToken, OKTA_UA);
    expectList(await okta.get('/Users?startIndex=1&count=2'));
    await expectAliceUnchanged();
  });

  it('with SCIM Sync disabled every request gets 401; re-enabling restores the same token', async () => {
    await api.updateIdp(oktaIdp.id, { scimSyncEnabled: false });
    try {
      // SCIM Attributes for Policy cannot be switched on without SCIM Sync.
      const refused = await api.patch(`/idps/${oktaIdp.id}`, { scimAttributesForPolicy: true });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('scim_sync_required');
      expectScimError(await okta.get('/Users'), 401);
      expectScimError(
        await okta.put(`/Users/${idOf(aliceLogin)}`, { ...snapshot, displayName: 'Offline' }),
        401,
      );
      expectScimError(
        await okta.post(
          '/Users',
          oktaCreateBody({ login: 'eve@acme.example', first: 'E', last: 'E', oktaId: '00u9' }),
        ),
        401,
      );
    } finally {
      await api.updateIdp(oktaIdp.id, { scimSyncEnabled: true });
    }
    await expectAliceUnchanged();
    expect(expectList(await okta.get(filterByUserName('eve@acme.example'))).totalResults).toBe(0);
  });
});

describe('admin views of the provisioned data', () => {
  it('the SCIM Users and SCIM Groups pages read the same database', async () => {
    const users = await api.get(
      `/idps/${oktaIdp.id}/scim/users${query({ filter: 'userName eq "alice@acme.example"' })}`,
    );
    expect(users.status).toBe(200);
    expect(users.body.totalResults).toBe(1);
    const alice = expectStatus(await okta.get(`/Users/${idOf('alice@acme.example')}`), 200);
    expect(users.body.Resources[0]).toEqual(alice);
    const one = await api.get(`/idps/${oktaIdp.id}/scim/users/${alice.id}`);
    expect(one.body).toEqual(alice);
    const groups = await api.get(`/idps/${oktaIdp.id}/scim/groups`);
    expect(groups.body.Resources.map((g: Body) => g.displayName)).toEqual(['Engineering Team']);
    expect((await api.get(`/idps/${oktaIdp.id}/scim/users/nope`)).status).toBe(404);
  });

  it('the IdP history records SCIM Sync switches and token generations with their time', async () => {
    const history = await api.get(`/idps/${oktaIdp.id}/history`);
    expect(history.status).toBe(200);
    const fields = (history.body as Body[]).map((c) => `${c.field}:${JSON.stringify(c.to)}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'scimSyncEnabled:true',
        'scimSyncEnabled:false',
        'scimToken:"regenerated"',
      ]),
    );
    expect(fields.filter((f) => f.startsWith('scimToken:'))).toHaveLength(2);
    for (const c of history.body) expect(Number.isNaN(Date.parse(c.at))).toBe(false);
  });
});

describe('SCIM Sync Logs', () => {
  const logsFor = (q: Record<string, string | number>) =>
    api.syncLogs({ idpId: oktaIdp.id, limit: 1000, ...q });

  it('records every create with method, status, entity name and ids', async () => {
    await eventually(async () => {
      const { entries } = await logsFor({ method: 'POST', entityType: 'User', status: 201 });
      const names = entries.map((e) => e.entityName);
      for (const u of ASSIGNED) expect(names).toContain(u.login);
      const alice = entries.find((e) => e.entityName === 'alice@acme.example')!;
      expect(alice).toMatchObject({
        method: 'POST',
        path: '/Users',
        entityType: 'User',
        status: 201,
        idpEntityId: '00u1alice0000000001',
        internalEntityId: idOf('alice@acme.example'),
        userAgent: OKTA_UA,
      });
      expect(alice.durationMs).toBeGreaterThanOrEqual(0);
      // Secrets never reach the log.
      expect(JSON.stringify(alice.request)).not.toContain('tempP@ss123');
    });
  });

  it('records the refused duplicates, the PUT, the PATCHes and the group pushes', async () => {
    await eventually(async () => {
      const conflicts = await logsFor({ status: 409 });
      expect(conflicts.entries.map((e) => e.entityName?.toLowerCase())).toEqual([
        'alice@acme.example',
        'alice@acme.example',
      ]);
      for (const e of conflicts.entries) {
        expect(e).toMatchObject({ method: 'POST', entityType: 'User', scimType: 'uniqueness' });
      }

      const carol = await logsFor({ entityName: 'carol@acme.example', method: 'PUT' });
      expect(carol.entries).toHaveLength(1);
      expect(carol.entries[0]).toMatchObject({
        status: 200,
        entityType: 'User',
        internalEntityId: idOf('carol@acme.example'),
        path: `/Users/${idOf('carol@acme.example')}`,
      });

      const bob = await logsFor({ entityName: 'bob@acme.example', method: 'PATCH' });
      expect(bob.entries.map((e) => e.status)).toEqual([200, 200]);

      const group = await logsFor({ entityType: 'Group', method: 'PATCH' });
      expect(group.total).toBe(5);
      for (const e of group.entries) expect(e.internalEntityId).toBe(groupId);
      const push = await logsFor({ entityType: 'Group', method: 'POST' });
      expect(push.entries).toHaveLength(1);
      expect(push.entries[0]).toMatchObject({ entityName: 'Engineering', status: 201 });
    });
  });

  it('records refused requests with their status and scimType', async () => {
    await eventually(async () => {
      const bad = await logsFor({ status: 400 });
      const types = new Set(bad.entries.map((e) => e.scimType));
      for (const t of ['invalidSyntax', 'invalidFilter', 'invalidPath', 'noTarget', 'mutability']) {
        expect(types).toContain(t);
      }
      // Parsed PATCHes that were refused still name the user they targeted.
      const patches = bad.entries.filter(
        (e) => e.method === 'PATCH' && e.scimType !== 'invalidSyntax',
      );
      expect(patches.length).toBeGreaterThan(0);
      for (const e of patches) expect(e.entityName).toBe('alice@acme.example');
    });
  });

  it('records reads, including the existence checks', async () => {
    await eventually(async () => {
      const reads = await logsFor({ method: 'GET' });
      expect(reads.total).toBeGreaterThan(10);
      const paths = reads.entries.map((e) => e.path);
      expect(paths).toContain('/Users?startIndex=1&count=2');
      expect(paths).toContain('/Groups?startIndex=1&count=100');
      expect(
        paths.some((p) => p.includes('filter=userName%20eq%20%22alice%40acme.example%22')),
      ).toBe(true);
    });
  });
});
