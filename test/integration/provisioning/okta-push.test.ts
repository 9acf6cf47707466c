/**
 * The Okta push client against the cloud's own SCIM endpoint over real HTTP (domain.md §1.8,
 * §3.1): users assigned before provisioning was enabled are not pushed and are flagged out of
 * sync; unassign + reassign helps only with PROVISION_OUT_OF_SYNC_USERS; Provision User works one
 * by one; new assignments are pushed at once; profile updates by GET + PUT; deactivation by a
 * path-less PATCH (never DELETE); Push Groups and membership PATCHes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUT_OF_SYNC_MESSAGE } from '../../../electron/cloud/idp/provisioning/index.js';
import type { IdpConfig } from '../../../shared/model/idp.js';
import { scim, sleep, type Body, type ScimClient } from '../../helpers/cloud.js';
import {
  connectProvisioning,
  directoryOf,
  eventually,
  provisioningOf,
  scimDbOf,
  startProvisioningHarness,
  type ProvisioningHarness,
} from '../../helpers/provisioning.js';

const OKTA_UA = 'Okta SCIM Client 1.0.0';
/** The PatchOp operations a sync-log entry recorded. */
const ops = (e: { request: unknown }): Body => (e.request as Body).Operations;
const SEEDED = [
  'alice@acme.example',
  'bob@acme.example',
  'carol@acme.example',
  'dave@acme.example',
];

let h: ProvisioningHarness;
let okta: IdpConfig;
let dir: ReturnType<typeof directoryOf>;
let prov: ReturnType<typeof provisioningOf>;
let scimDb: ReturnType<typeof scimDbOf>;
let zpaUsers: Body;
/** The cloud's SCIM endpoint as another client (an admin's script) would use it. */
let other: ScimClient;

/** The cloud's SCIM sync log for the Okta IdP: what actually arrived, oldest first. */
async function arrived(q: Record<string, string | number> = {}) {
  const { entries } = await h.api.syncLogs({ idpId: okta.id, limit: 1000, ...q });
  return [...entries].reverse();
}

/** The requests about one user: by entity name, or the userName filter that looked it up. */
async function callsAbout(userName: string) {
  const filter = encodeURIComponent(`userName eq "${userName}"`);
  return (await arrived())
    .filter((e) => e.entityName === userName || e.path.includes(filter))
    .map((e) => `${e.method} ${e.path.split('?')[0]} ${e.status}`);
}

beforeAll(async () => {
  h = await startProvisioningHarness();
  okta = await h.api.idp('Okta');
  dir = directoryOf(h, okta.id);
  prov = provisioningOf(h, okta.id);
  scimDb = scimDbOf(h, okta.id);
  zpaUsers = await dir.group('ZPA Users');
});

afterAll(async () => {
  await h?.close();
});

describe('Okta: assigned before provisioning was enabled', () => {
  it('the seed assigns every Okta user through the "ZPA Users" group', async () => {
    const users = await dir.users();
    expect(users.map((u: Body) => u.userName).sort()).toEqual(SEEDED);
    for (const u of users) {
      expect(u.assignment).toMatchObject({ inScope: true, direct: false });
      expect(u.assignment.viaGroups.map((g: Body) => g.name)).toEqual(['ZPA Users']);
      expect(u).not.toHaveProperty('password');
      expect(u.passwordSet).toBe(true);
    }
    expect(zpaUsers).toMatchObject({ assigned: true, pushed: false, memberCount: 4 });
  });

  it('enabling provisioning pushes nobody: all four are out of sync, the SCIM database is empty', async () => {
    const { config, endpoint, token } = await connectProvisioning(h, okta);
    other = scim(endpoint, token, 'admin-script');
    expect(config).toMatchObject({ enabled: true, tokenSet: true, vendor: 'okta' });
    expect(config).not.toHaveProperty('token');
    expect(JSON.stringify(await prov.config())).not.toContain(config.token ?? 'no-token-field');

    await sleep(200);
    const status = await prov.status();
    expect(status.counts.users).toMatchObject({ out_of_sync: 4, provisioned: 0, total: 4 });
    for (const u of status.users) {
      expect(u).toMatchObject({ state: 'out_of_sync', scimId: null, message: OUT_OF_SYNC_MESSAGE });
    }
    expect(status.vendorState.orgFlags).toEqual({ PROVISION_OUT_OF_SYNC_USERS: false });
    expect(await scimDb.users()).toEqual([]);
    expect(await arrived({ method: 'POST' })).toEqual([]);
  });

  it('Test API Credentials: GET /Users?startIndex=1&count=2 and GET /Groups?startIndex=1&count=100', async () => {
    const result = await prov.testConnection();
    expect(result.ok).toBe(true);
    expect(result.calls.map((c: Body) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'GET /Users?startIndex=1&count=2 200',
      'GET /Groups?startIndex=1&count=100 200',
    ]);
    const bad = await prov.testConnection({ token: 'not-the-token' });
    expect(bad.ok).toBe(false);
    expect(bad.calls[0].status).toBe(401);
    await eventually(async () => {
      const reads = await arrived({ method: 'GET' });
      expect(reads.map((e) => e.userAgent)).toContain(OKTA_UA);
    });
  });

  it('unassign and reassign without PROVISION_OUT_OF_SYNC_USERS: still out of sync, nothing pushed', async () => {
    await dir.unassignGroup(zpaUsers.id);
    expect((await dir.user('bob@acme.example')).assignment.inScope).toBe(false);
    await dir.assign({ groupIds: [zpaUsers.id] });
    await sleep(300);
    const status = await prov.status();
    expect(status.counts.users).toMatchObject({ out_of_sync: 4, provisioned: 0 });
    expect(await scimDb.users()).toEqual([]);
    expect(await arrived({ method: 'POST' })).toEqual([]);
  });

  it('Provision User pushes one user (GET filter, then POST) without the flag', async () => {
    const alice = await dir.user('alice@acme.example');
    const result = await prov.provisionUser(alice.id);
    expect(result).toMatchObject({ state: 'provisioned', message: null });
    expect(result.scimId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.lastResult).toMatchObject({ method: 'POST', status: 201 });

    const pushed = await scimDb.user('alice@acme.example');
    expect(pushed).toMatchObject({
      id: result.scimId,
      externalId: alice.id,
      active: true,
      displayName: 'Alice Anders',
      name: { givenName: 'Alice', familyName: 'Anders' },
      emails: [{ primary: true, type: 'work', value: 'alice@acme.example' }],
      locale: 'en-US',
      title: 'Engineer',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Engineering' },
    });
    await eventually(async () => {
      expect(await callsAbout('alice@acme.example')).toEqual(['GET /Users 200', 'POST /Users 201']);
      const get = (await arrived({ method: 'GET' })).find((e) => e.path.includes('alice'))!;
      expect(get.path).toBe(
        '/Users?filter=userName%20eq%20%22alice%40acme.example%22&startIndex=1&count=100',
      );
      expect(get.userAgent).toBe(OKTA_UA);
    });
    expect((await prov.status()).counts.users).toMatchObject({ out_of_sync: 3, provisioned: 1 });
  });

  it('with PROVISION_OUT_OF_SYNC_USERS, unassign + reassign pushes the out-of-sync users', async () => {
    await prov.configure({ enabled: true, vendorOptions: { provisionOutOfSyncUsers: true } });
    expect((await prov.status()).vendorState.orgFlags.PROVISION_OUT_OF_SYNC_USERS).toBe(true);
    // The flag alone changes nothing.
    await sleep(200);
    expect((await prov.status()).counts.users.out_of_sync).toBe(3);

    await dir.unassignGroup(zpaUsers.id);
    // Alice was provisioned: leaving the app deactivates her (PATCH active false).
    await eventually(async () =>
      expect(await scimDb.user('alice@acme.example')).toMatchObject({ active: false }),
    );
    await dir.assign({ groupIds: [zpaUsers.id] });
    await eventually(async () => {
      const status = await prov.status();
      expect(status.counts.users).toMatchObject({ provisioned: 4, out_of_sync: 0, failed: 0 });
    });
    const inDb = await scimDb.users();
    expect(inDb.map((u) => u.userName).sort()).toEqual(SEEDED);
    for (const u of inDb) expect(u.active).toBe(true);

    await eventually(async () => {
      for (const name of ['bob@acme.example', 'carol@acme.example', 'dave@acme.example']) {
        expect(await callsAbout(name)).toEqual(['GET /Users 200', 'POST /Users 201']);
      }
      // Alice: deactivated, then reactivated, by path-less PATCHes.
      const patches = await arrived({ entityName: 'alice@acme.example', method: 'PATCH' });
      expect(patches.map((e) => e.request)).toEqual([
        {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', value: { active: false } }],
        },
        {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', value: { active: true } }],
        },
      ]);
    });
  });
});

describe('Okta: after provisioning was enabled', () => {
  let erin: Body;

  it('a new assignment is pushed at once', async () => {
    await prov.configure({ enabled: true, vendorOptions: {} });
    erin = await dir.createUser({
      userName: 'erin@acme.example',
      givenName: 'Erin',
      familyName: 'Eriksen',
      department: 'Support',
    });
    await sleep(150);
    expect(await scimDb.user('erin@acme.example')).toBeUndefined();
    await dir.assign({ userIds: [erin.id] });
    await eventually(async () =>
      expect(await scimDb.user('erin@acme.example')).toMatchObject({
        active: true,
        externalId: erin.id,
      }),
    );
    expect(await prov.userState('erin@acme.example')).toMatchObject({ state: 'provisioned' });
  });

  it('a profile change is pushed by GET /Users/{id} then PUT of the whole user', async () => {
    await dir.patchUser(erin.id, { title: 'Support Lead', displayName: 'Erin E.' });
    await eventually(async () =>
      expect(await scimDb.user('erin@acme.example')).toMatchObject({
        title: 'Support Lead',
        displayName: 'Erin E.',
      }),
    );
    const calls = (await arrived({ entityName: 'erin@acme.example' })).map(
      (e) => `${e.method} ${e.path.split('?')[0]}`,
    );
    const id = (await prov.userState('erin@acme.example')).scimId;
    expect(calls.slice(-2)).toEqual([`GET /Users/${id}`, `PUT /Users/${id}`]);
  });

  it('deactivation: PATCH {"op":"replace","value":{"active":false}}, the user stays readable', async () => {
    await dir.deactivate(erin.id);
    await eventually(async () =>
      expect(await prov.userState('erin@acme.example')).toMatchObject({ state: 'deprovisioned' }),
    );
    expect(await scimDb.user('erin@acme.example')).toMatchObject({ active: false });
    await dir.reactivate(erin.id);
    await eventually(async () =>
      expect(await scimDb.user('erin@acme.example')).toMatchObject({ active: true }),
    );
  });

  it('unassign and delete in the directory deactivate; Okta never sends DELETE /Users', async () => {
    await dir.unassignUser(erin.id);
    await eventually(async () =>
      expect(await scimDb.user('erin@acme.example')).toMatchObject({ active: false }),
    );
    await dir.deactivate(erin.id);
    expect((await dir.deleteUser(erin.id)).status).toBe(204);
    await sleep(200);
    expect(await scimDb.user('erin@acme.example')).toMatchObject({ active: false });
    expect(await arrived({ method: 'DELETE', entityType: 'User' })).toEqual([]);
    // The push log names Okta's call for what it is: a deactivation, never a disable or delete.
    const calls = (await prov.log(`?objectId=${erin.id}&kind=request`)).entries as Body[];
    const operations = calls.map((e) => e.operation);
    expect(operations).toContain('deactivate');
    expect(operations).not.toContain('disable');
    expect(operations).not.toContain('delete');
  });
});

describe('Okta: a user who already exists in the target', () => {
  it('is linked (found by the userName filter) and updated by PUT, not created again', async () => {
    const created = await other.post('/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'gina@acme.example',
      displayName: 'G. (created by a script)',
      active: false,
    });
    expect(created.status).toBe(201);
    const gina = await dir.createUser({
      userName: 'gina@acme.example',
      givenName: 'Gina',
      familyName: 'Gold',
    });
    await dir.assign({ userIds: [gina.id] });
    await eventually(async () =>
      expect(await prov.userState('gina@acme.example')).toMatchObject({
        state: 'provisioned',
        scimId: created.body.id,
      }),
    );
    expect(await scimDb.user('gina@acme.example')).toMatchObject({
      id: created.body.id,
      displayName: 'Gina Gold',
      externalId: gina.id,
      active: true,
    });
    expect(await callsAbout('gina@acme.example')).toEqual([
      'POST /Users 201',
      'GET /Users 200',
      `PUT /Users/${created.body.id} 200`,
    ]);
  });
});

describe('Okta: Push Groups', () => {
  let engineering: Body;

  it('pushing a group: POST /Groups {displayName, members: []}, then a PATCH adding its members', async () => {
    engineering = await dir.group('Engineering');
    const alice = (await prov.userState('alice@acme.example')).scimId;
    const dave = (await prov.userState('dave@acme.example')).scimId;
    await dir.push(engineering.id);
    await eventually(async () => {
      const g = (await scimDb.groups()).find((x) => x.displayName === 'Engineering');
      expect(g?.members?.map((m: Body) => m.value).sort()).toEqual([alice, dave].sort());
    });
    const calls = (await arrived({ entityType: 'Group' })).filter((e) => e.method !== 'GET');
    expect(calls[0]).toMatchObject({ method: 'POST', path: '/Groups', status: 201 });
    expect(calls[0]!.request).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Engineering',
      members: [],
    });
    expect(calls[1]).toMatchObject({ method: 'PATCH', status: 200 });
    expect(ops(calls[1]!)[0]).toMatchObject({
      op: 'replace',
      value: { displayName: 'Engineering' },
    });
    expect(await prov.groupState('Engineering')).toMatchObject({
      state: 'provisioned',
      members: 2,
    });
  });

  it('removing a member: a PATCH with the name replace, then one removing members[value eq "id"]', async () => {
    const dave = await dir.user('dave@acme.example');
    const daveScim = (await prov.userState('dave@acme.example')).scimId;
    const aliceScim = (await prov.userState('alice@acme.example')).scimId;
    await dir.removeMember(engineering.id, dave.id);
    await eventually(async () => {
      const g = (await scimDb.groups()).find((x) => x.displayName === 'Engineering');
      expect(g?.members?.map((m: Body) => m.value)).toEqual([aliceScim]);
    });
    const [name, members] = (await arrived({ entityType: 'Group', method: 'PATCH' })).slice(-2);
    expect(ops(name!)).toEqual([
      { op: 'replace', value: { id: expect.any(String), displayName: 'Engineering' } },
    ]);
    expect(ops(members!)).toEqual([{ op: 'remove', path: `members[value eq "${daveScim}"]` }]);
    // Only assigned and provisioned users are members: a user outside the app is not pushed.
    const frank = await dir.createUser({
      userName: 'frank@acme.example',
      givenName: 'F',
      familyName: 'F',
    });
    await dir.addMembers(engineering.id, [frank.id]);
    await sleep(300);
    const g = (await scimDb.groups()).find((x) => x.displayName === 'Engineering');
    expect(g.members.map((m: Body) => m.value)).toEqual([aliceScim]);
    expect(await scimDb.user('frank@acme.example')).toBeUndefined();
  });

  it('a member already gone from the target: noTarget, then the client re-reads the group', async () => {
    const bob = await dir.user('bob@acme.example');
    const bobScim = (await prov.userState('bob@acme.example')).scimId;
    const groupScim = (await prov.groupState('Engineering')).scimId;
    await dir.addMembers(engineering.id, [bob.id]);
    await eventually(async () => expect((await prov.groupState('Engineering')).members).toBe(2));
    // Someone else removes Bob from the group in the cloud.
    const removed = await other.patchOps(`/Groups/${groupScim}`, [
      { op: 'remove', path: `members[value eq "${bobScim}"]` },
    ]);
    expect([200, 204]).toContain(removed.status);
    await dir.removeMember(engineering.id, bob.id);
    await eventually(async () => {
      const g = await prov.groupState('Engineering');
      expect(g).toMatchObject({ state: 'provisioned', members: 1 });
    });
    const log = (await prov.log(`?objectId=${engineering.id}&kind=request`)).entries;
    const [read, refused] = log;
    expect(refused).toMatchObject({ method: 'PATCH', status: 400, scimType: 'noTarget' });
    expect(read).toMatchObject({ method: 'GET', path: `/Groups/${groupScim}`, status: 200 });
  });

  it('renaming the group renames it in the target; unpushing deletes it there', async () => {
    await dir.patchGroup(engineering.id, { name: 'Engineering Team' });
    await eventually(async () =>
      expect((await scimDb.groups()).map((g) => g.displayName)).toEqual(['Engineering Team']),
    );
    await dir.unpush(engineering.id);
    await eventually(async () => expect(await scimDb.groups()).toEqual([]));
    const del = (await arrived({ entityType: 'Group', method: 'DELETE' }))[0]!;
    expect(del.status).toBe(204);
    expect((await prov.status()).groups).toEqual([]);
  });

  it('every request carried the Okta User-Agent and no user was ever deleted', async () => {
    const all = (await arrived()).filter((e) => e.userAgent !== 'admin-script');
    expect(all.length).toBeGreaterThan(10);
    for (const e of all) expect(e.userAgent).toBe(OKTA_UA);
    expect(all.filter((e) => e.method === 'DELETE' && e.entityType === 'User')).toEqual([]);
    const log = await prov.log('?kind=request&limit=1000');
    expect(log.total).toBeGreaterThanOrEqual(all.length);
    expect(JSON.stringify(log)).not.toMatch(/"password":"(?!\*\*\*)/);
  });
});
