/**
 * Replays the request shapes of the Microsoft Entra ID provisioning service without the
 * `aadOptscim062020` flag (shared/docs/domain.md §3.2): random-object probes, matching on userName
 * and externalId, groups fetched without members, capitalised PATCH ops, "False" strings for
 * booleans, one operation per path, member removal by value array, and DELETE after hard delete.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCloud } from '../../electron/cloud/cloud.js';
import {
  admin,
  enableScim,
  ENTERPRISE_SCHEMA,
  expectList,
  expectScimError,
  expectStatus,
  GROUP_SCHEMA,
  query,
  scim,
  startTestCloud,
  USER_SCHEMA,
  type Body,
  type ScimClient,
} from '../helpers/cloud.js';

let cloud: RunningCloud;
let entra: ScimClient;

/** Entra's Test Connection looks up objects that cannot exist (fixed here for determinism). */
const PROBE_GUID = '7f0c7c5e-3c2a-4a8e-9d7e-2b1f0f3a9c11';

interface EntraUser {
  upn: string;
  objectId: string;
  given: string;
  family: string;
}

const USERS: EntraUser[] = [
  {
    upn: 'adele@contoso.example',
    objectId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4e1',
    given: 'Adele',
    family: 'Vance',
  },
  {
    upn: 'alex@contoso.example',
    objectId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4e2',
    given: 'Alex',
    family: 'Wilber',
  },
  {
    upn: 'diego@contoso.example',
    objectId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4e3',
    given: 'Diego',
    family: 'Siciliani',
  },
  {
    upn: 'grady@contoso.example',
    objectId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4e4',
    given: 'Grady',
    family: 'Archie',
  },
];

/** The create body of the Entra provisioning service (use-scim-to-provision-users-and-groups). */
function entraCreateBody(u: EntraUser) {
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
    externalId: u.objectId,
    userName: u.upn,
    active: 'true',
    displayName: `${u.given} ${u.family}`,
    emails: [{ primary: true, type: 'work', value: u.upn }],
    meta: { resourceType: 'User' },
    name: { formatted: `${u.given} ${u.family}`, familyName: u.family, givenName: u.given },
    roles: [],
    [ENTERPRISE_SCHEMA]: { department: 'Retail' },
  };
}

const userIds = new Map<string, string>();
const idOf = (upn: string) => {
  const id = userIds.get(upn);
  if (!id) throw new Error(`${upn} was not created`);
  return id;
};
let groupId = '';

const patchUser = (upn: string, ops: unknown[]) => entra.patchOps(`/Users/${idOf(upn)}`, ops);
const getUser = async (upn: string) =>
  expectStatus(await entra.get(`/Users/${idOf(upn)}`), 200) as Body;
const memberIds = async () => {
  const group = expectStatus(await entra.get(`/Groups/${groupId}`), 200);
  return ((group.members ?? []) as Body[]).map((m) => m.value as string).sort();
};

beforeAll(async () => {
  cloud = await startTestCloud();
  const created = await admin(cloud).post('/idps', {
    name: 'Contoso Entra ID',
    protocol: 'oidc',
    vendor: 'entra',
    domains: ['contoso.example'],
  });
  expectStatus(created, 201);
  const e = await enableScim(cloud, 'Contoso Entra ID');
  expect(e.idp.vendor).toBe('entra');
  entra = scim(e.endpoint, e.token);
});

afterAll(async () => {
  await cloud?.close();
});

describe('Entra provisioning conversation', () => {
  it('Test Connection: random user and group probes get empty ListResponses', async () => {
    const users = expectList(
      await entra.get(`/Users${query({ filter: `userName eq "${PROBE_GUID}"` })}`),
    );
    expect(users).toMatchObject({ totalResults: 0, itemsPerPage: 0, Resources: [] });
    const groups = expectList(
      await entra.get(
        `/Groups${query({ excludedAttributes: 'members', filter: `displayName eq "${PROBE_GUID}"` })}`,
      ),
    );
    expect(groups).toMatchObject({ totalResults: 0, itemsPerPage: 0, Resources: [] });
    expectScimError(await entra.get(`/Users/${PROBE_GUID}`), 404);
  });

  it('initial cycle: match on userName, then create with "active": "true" as a string', async () => {
    for (const u of USERS) {
      const match = expectList(
        await entra.get(`/Users${query({ filter: `userName eq "${u.upn}"` })}`),
      );
      expect(match.totalResults).toBe(0);
      const res = await entra.post('/Users', entraCreateBody(u));
      const user = expectStatus(res, 201);
      expect(user.active).toBe(true);
      expect(user).toMatchObject({
        userName: u.upn,
        externalId: u.objectId,
        displayName: `${u.given} ${u.family}`,
        name: { givenName: u.given, familyName: u.family },
        [ENTERPRISE_SCHEMA]: { department: 'Retail' },
      });
      expect(user.meta.resourceType).toBe('User');
      userIds.set(u.upn, user.id);
    }
  });

  it('matches on externalId with an eq filter (alone and joined by "and")', async () => {
    const u = USERS[1]!;
    const byExternalId = expectList(
      await entra.get(`/Users${query({ filter: `externalId eq "${u.objectId}"` })}`),
    );
    expect(byExternalId.totalResults).toBe(1);
    expect(byExternalId.Resources[0]).toMatchObject({ id: idOf(u.upn), userName: u.upn });

    const both = expectList(
      await entra.get(
        `/Users${query({ filter: `userName eq "${u.upn}" and externalId eq "${u.objectId}"` })}`,
      ),
    );
    expect(both.Resources.map((r: Body) => r.id)).toEqual([idOf(u.upn)]);
    const mismatch = expectList(
      await entra.get(
        `/Users${query({ filter: `userName eq "${u.upn}" and externalId eq "${USERS[0]!.objectId}"` })}`,
      ),
    );
    expect(mismatch.totalResults).toBe(0);
  });

  it('groups: create, then GET /Groups?filter=displayName eq "x"&excludedAttributes=members', async () => {
    const created = expectStatus(
      await entra.post('/Groups', {
        schemas: [GROUP_SCHEMA],
        externalId: '5c4e3f7a-1111-4e2b-8f00-00000000a001',
        displayName: 'Retail Team',
        meta: { resourceType: 'Group' },
        members: [{ value: idOf(USERS[0]!.upn) }],
      }),
      201,
    );
    groupId = created.id;
    expect(created.members.map((m: Body) => m.value)).toEqual([idOf(USERS[0]!.upn)]);

    const found = expectList(
      await entra.get(
        `/Groups${query({ excludedAttributes: 'members', filter: 'displayName eq "Retail Team"' })}`,
      ),
    );
    expect(found.totalResults).toBe(1);
    expect(found.Resources[0]).toMatchObject({ id: groupId, displayName: 'Retail Team' });
    expect(found.Resources[0]).not.toHaveProperty('members');
    const byExternalId = expectList(
      await entra.get(
        `/Groups${query({ filter: 'externalId eq "5c4e3f7a-1111-4e2b-8f00-00000000a001"', excludedAttributes: 'members' })}`,
      ),
    );
    expect(byExternalId.Resources.map((g: Body) => g.id)).toEqual([groupId]);
  });

  it('PATCH ops are accepted capitalised: Replace and Add on a user', async () => {
    const upn = USERS[0]!.upn;
    const res = await patchUser(upn, [
      { op: 'Replace', path: 'displayName', value: 'Adele V.' },
      { op: 'Add', path: 'title', value: 'Retail Manager' },
    ]);
    expectStatus(res, 200);
    expect(await getUser(upn)).toMatchObject({ displayName: 'Adele V.', title: 'Retail Manager' });
  });

  it('disable: {"op":"Replace","path":"active","value":"False"}; the user stays retrievable', async () => {
    const upn = USERS[1]!.upn;
    const res = await patchUser(upn, [{ op: 'Replace', path: 'active', value: 'False' }]);
    expectStatus(res, 200);
    const user = await getUser(upn);
    expect(user.active).toBe(false);
    expect(user.userName).toBe(upn);
    const listed = expectList(
      await entra.get(`/Users${query({ filter: `userName eq "${upn}"` })}`),
    );
    expect(listed.Resources[0].active).toBe(false);

    expectStatus(await patchUser(upn, [{ op: 'Replace', path: 'active', value: 'True' }]), 200);
    expect((await getUser(upn)).active).toBe(true);
  });

  it('a multi-attribute update arrives as one Replace per path', async () => {
    const upn = USERS[2]!.upn;
    const res = await patchUser(upn, [
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'diego.s@contoso.example' },
      { op: 'Replace', path: 'name.familyName', value: 'Siciliani-Ruiz' },
      { op: 'Replace', path: 'name.formatted', value: 'Diego Siciliani-Ruiz' },
      { op: 'Replace', path: `${ENTERPRISE_SCHEMA}:department`, value: 'Operations' },
      { op: 'Add', path: 'title', value: 'Buyer' },
    ]);
    const patched = expectStatus(res, 200);
    const reread = await getUser(upn);
    expect(reread).toEqual(patched);
    expect(reread).toMatchObject({
      userName: upn,
      emails: [{ type: 'work', value: 'diego.s@contoso.example', primary: true }],
      name: { givenName: 'Diego', familyName: 'Siciliani-Ruiz', formatted: 'Diego Siciliani-Ruiz' },
      title: 'Buyer',
      [ENTERPRISE_SCHEMA]: { department: 'Operations' },
    });
    expect(reread.emails).toHaveLength(1);
  });

  it('group membership: Add with a value array, Remove with a value array removes only that member', async () => {
    const [a, b, c, d] = USERS.map((u) => idOf(u.upn));
    const add = await entra.patchOps(`/Groups/${groupId}`, [
      { op: 'Add', path: 'members', value: [{ $ref: null, value: b }] },
      { op: 'Add', path: 'members', value: [{ $ref: null, value: c }, { value: d }] },
    ]);
    expect([200, 204]).toContain(add.status);
    expect(await memberIds()).toEqual([a, b, c, d].sort());

    const remove = await entra.patchOps(`/Groups/${groupId}`, [
      { op: 'Remove', path: 'members', value: [{ value: c }] },
    ]);
    expect([200, 204]).toContain(remove.status);
    expect(await memberIds()).toEqual([a, b, d].sort());
    expect((await getUser(USERS[2]!.upn)).groups ?? []).toEqual([]);
    expect((await getUser(USERS[1]!.upn)).groups).toMatchObject([
      { value: groupId, display: 'Retail Team' },
    ]);

    const rename = await entra.patchOps(`/Groups/${groupId}`, [
      { op: 'Replace', path: 'displayName', value: 'Retail' },
    ]);
    expect([200, 204]).toContain(rename.status);
    expect(await memberIds()).toEqual([a, b, d].sort());
  });

  it('parallel membership PATCHes on one group lose no update', async () => {
    const extra = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        entra.post('/Users', {
          schemas: [USER_SCHEMA],
          userName: `bulk${i}@contoso.example`,
          externalId: `bulk-${i}`,
          active: 'true',
        }),
      ),
    );
    const ids = extra.map((r) => expectStatus(r, 201).id as string);
    const g = expectStatus(
      await entra.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Bulk', members: [] }),
      201,
    );
    const adds = await Promise.all(
      ids.map((id) =>
        entra.patchOps(`/Groups/${g.id}`, [{ op: 'Add', path: 'members', value: [{ value: id }] }]),
      ),
    );
    expect(adds.map((r) => r.status)).toEqual(ids.map(() => 200));
    const members = expectStatus(await entra.get(`/Groups/${g.id}`), 200).members as Body[];
    expect(members.map((m) => m.value).sort()).toEqual([...ids].sort());

    // A full Replace of the member list, as the flagged (aadOptscim062020) client may send.
    const replaced = expectStatus(
      await entra.patchOps(`/Groups/${g.id}`, [
        { op: 'Replace', path: 'members', value: ids.slice(0, 2).map((value) => ({ value })) },
      ]),
      200,
    );
    expect(replaced.members.map((m: Body) => m.value).sort()).toEqual(ids.slice(0, 2).sort());
    expect((await entra.delete(`/Groups/${g.id}`)).status).toBe(204);
  });

  it('sets the enterprise manager from a bare id, as Entra sends it', async () => {
    const upn = USERS[0]!.upn;
    const managerId = idOf(USERS[1]!.upn);
    const res = await patchUser(upn, [
      { op: 'Add', path: `${ENTERPRISE_SCHEMA}:manager`, value: managerId },
    ]);
    expect(expectStatus(res, 200)[ENTERPRISE_SCHEMA].manager).toMatchObject({ value: managerId });
  });

  it('DELETE of a user (after hard delete) removes it from its groups', async () => {
    const upn = USERS[3]!.upn;
    const id = idOf(upn);
    const groupBefore = expectStatus(await entra.get(`/Groups/${groupId}`), 200);
    expect(groupBefore.members.map((m: Body) => m.value)).toContain(id);

    const del = await entra.delete(`/Users/${id}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expectScimError(await entra.get(`/Users/${id}`), 404);
    expect(
      expectList(await entra.get(`/Users${query({ filter: `userName eq "${upn}"` })}`))
        .totalResults,
    ).toBe(0);

    const groupAfter = expectStatus(await entra.get(`/Groups/${groupId}`), 200);
    expect(groupAfter.members.map((m: Body) => m.value)).not.toContain(id);
    expect(groupAfter.members).toHaveLength(groupBefore.members.length - 1);
    expect(groupAfter.meta.version).not.toBe(groupBefore.meta.version);

    expectScimError(await entra.delete(`/Users/${id}`), 404);
  });

  it("DELETE of a group removes it from its members' groups attribute", async () => {
    const g = expectStatus(
      await entra.post('/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: 'Short-lived',
        members: [{ value: idOf(USERS[0]!.upn) }],
      }),
      201,
    );
    expect((await getUser(USERS[0]!.upn)).groups.map((x: Body) => x.value)).toContain(g.id);
    expect((await entra.delete(`/Groups/${g.id}`)).status).toBe(204);
    expectScimError(await entra.get(`/Groups/${g.id}`), 404);
    expect((await getUser(USERS[0]!.upn)).groups.map((x: Body) => x.value)).toEqual([groupId]);
  });

  it('ten identical creates in parallel: exactly one 201, nine 409 uniqueness', async () => {
    const body = entraCreateBody({
      upn: 'megan@contoso.example',
      objectId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4e9',
      given: 'Megan',
      family: 'Bowen',
    });
    const results = await Promise.all(Array.from({ length: 10 }, () => entra.post('/Users', body)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expectScimError(r, 409, 'uniqueness');
    const found = expectList(
      await entra.get(`/Users${query({ filter: 'userName eq "megan@contoso.example"' })}`),
    );
    expect(found.totalResults).toBe(1);
    expect(found.Resources[0].id).toBe(results.find((r) => r.status === 201)!.body.id);
  });
});
