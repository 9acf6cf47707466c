/**
 * Where the bundled IdPs' SCIM clients imitate Okta and PingFederate more closely (issue 14,
 * domain.md §7), over real HTTP against the cloud's own SCIM endpoint: Okta's To App switches,
 * the flag set before provisioning is enabled, an unassigned out-of-sync user, the group-name
 * replace as its own PATCH with removes before adds, and Ping's Remove User Action = Disable for
 * a user deleted at the source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdpConfig } from '../../../shared/model/idp.js';
import { sleep, type Body } from '../../helpers/cloud.js';
import {
  connectProvisioning,
  directoryOf,
  eventually,
  ok,
  provisioningOf,
  scimDbOf,
  startProvisioningHarness,
  type ProvisioningHarness,
} from '../../helpers/provisioning.js';

let h: ProvisioningHarness;

beforeAll(async () => {
  h = await startProvisioningHarness();
});

afterAll(async () => {
  await h?.close();
});

async function newIdp(name: string, vendor: string, domain: string): Promise<IdpConfig> {
  return ok(h.api.post('/idps', { name, protocol: 'saml', vendor, domains: [domain] }));
}

/** Creates users, a "ZPA Users" group with all of them, and assigns the group. */
async function populate(idpId: string, domain: string, names: string[]) {
  const dir = directoryOf(h, idpId);
  const users: Body[] = [];
  for (const n of names) {
    users.push(
      await dir.createUser({ userName: `${n}@${domain}`, givenName: n, familyName: 'Tester' }),
    );
  }
  const group = await dir.createGroup('ZPA Users');
  await dir.addMembers(
    group.id,
    users.map((u) => u.id),
  );
  await dir.assign({ groupIds: [group.id] });
  return { dir, users, group };
}

/** What arrived at the cloud's SCIM endpoint for one IdP, oldest first. */
const arrived = async (idpId: string, q: Record<string, string | number> = {}) =>
  [...(await h.api.syncLogs({ idpId, limit: 1000, ...q })).entries].reverse();

describe('Okta: PROVISION_OUT_OF_SYNC_USERS and unassigned out-of-sync users', () => {
  it('the flag set before provisioning is enabled: the users already assigned are pushed at once', async () => {
    const idp = await newIdp('Okta Early Flag', 'okta', 'early.example');
    await populate(idp.id, 'early.example', ['ann', 'ben']);
    const prov = provisioningOf(h, idp.id);
    await connectProvisioning(h, idp, { provisionOutOfSyncUsers: true });
    await eventually(async () =>
      expect((await prov.status()).counts.users).toMatchObject({ provisioned: 2, out_of_sync: 0 }),
    );
  });

  it('an out-of-sync user who is unassigned is no longer flagged; reassigned without the flag, flagged again', async () => {
    const idp = await newIdp('Okta Late', 'okta', 'late.example');
    const { dir, users } = await populate(idp.id, 'late.example', ['cid', 'dan']);
    const prov = provisioningOf(h, idp.id);
    await connectProvisioning(h, idp);
    const cid = users[0]!;
    expect(await prov.userState(cid.userName)).toMatchObject({ state: 'out_of_sync' });
    await dir.assign({ userIds: [cid.id] });
    const group = await dir.group('ZPA Users');
    await dir.removeMember(group.id, cid.id);
    // Still assigned directly: still flagged.
    expect(await prov.userState(cid.userName)).toMatchObject({ state: 'out_of_sync' });
    await dir.unassignUser(cid.id);
    const status = await prov.status();
    expect(status.users.find((u: Body) => u.name === cid.userName)).toMatchObject({
      state: 'not_provisioned',
      inScope: false,
      message: null,
    });
    expect(status.counts.users.out_of_sync).toBe(1);
    await dir.assign({ userIds: [cid.id] });
    expect(await prov.userState(cid.userName)).toMatchObject({ state: 'out_of_sync' });
  });
});

describe('Okta: the To App switches (Create Users, Update User Attributes, Deactivate Users)', () => {
  let idp: IdpConfig;
  let dir: ReturnType<typeof directoryOf>;
  let prov: ReturnType<typeof provisioningOf>;
  let scimDb: ReturnType<typeof scimDbOf>;
  let users: Body[];

  beforeAll(async () => {
    idp = await newIdp('Okta Switches', 'okta', 'switch.example');
    ({ dir, users } = await populate(idp.id, 'switch.example', ['eve', 'fay']));
    prov = provisioningOf(h, idp.id);
    scimDb = scimDbOf(h, idp.id);
    await connectProvisioning(h, idp, { provisionOutOfSyncUsers: true });
    await eventually(async () =>
      expect((await prov.status()).counts.users).toMatchObject({ provisioned: 2 }),
    );
  });

  it('all three are on by default and are read back from the provisioning settings', async () => {
    expect((await prov.config()).toApp).toEqual({
      createUsers: true,
      updateUserAttributes: true,
      deactivateUsers: true,
    });
    const cfg = await prov.configure({ enabled: true, toApp: { deactivateUsers: false } });
    expect(cfg.toApp).toEqual({
      createUsers: true,
      updateUserAttributes: true,
      deactivateUsers: false,
    });
    // Options given later keep the switches.
    const again = await prov.configure({ enabled: true, vendorOptions: { concurrency: 2 } });
    expect(again.toApp.deactivateUsers).toBe(false);
  });

  it('a bad switch is a 400 in the admin error format', async () => {
    const r = await h.api.request('PUT', `/idps/${idp.id}/provisioning`, {
      body: { enabled: true, toApp: { deactivateUsers: 'no' } },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_request');
  });

  it('Deactivate Users off: unassigning sends nothing, the user stays active in the cloud', async () => {
    const eve = users[0]!;
    const group = await dir.group('ZPA Users');
    await dir.removeMember(group.id, eve.id);
    await sleep(400);
    const sent = await arrived(idp.id, { entityName: eve.userName, method: 'PATCH' });
    expect(sent).toEqual([]);
    expect(await scimDb.user(eve.userName)).toMatchObject({ active: true });
    // Reassigned: Okta finds the user by userName and links it (no second create).
    await dir.assign({ userIds: [eve.id] });
    await eventually(async () =>
      expect(await prov.userState(eve.userName)).toMatchObject({ state: 'provisioned' }),
    );
    expect(await arrived(idp.id, { entityName: eve.userName, method: 'POST' })).toHaveLength(1);
  });

  it('Update User Attributes off: a profile change sends nothing', async () => {
    await prov.configure({ enabled: true, toApp: { updateUserAttributes: false } });
    const fay = users[1]!;
    await dir.patchUser(fay.id, { title: 'Auditor' });
    await sleep(400);
    expect(await arrived(idp.id, { entityName: fay.userName, method: 'PUT' })).toEqual([]);
    expect((await scimDb.user(fay.userName))?.title).toBeUndefined();
  });

  it('Create Users off: a new assignment is not created in the cloud', async () => {
    await prov.configure({ enabled: true, toApp: { createUsers: false } });
    const gus = await dir.createUser({
      userName: 'gus@switch.example',
      givenName: 'Gus',
      familyName: 'Tester',
    });
    await dir.assign({ userIds: [gus.id] });
    await sleep(400);
    expect(await arrived(idp.id, { method: 'POST', entityName: gus.userName })).toEqual([]);
    expect(await scimDb.user(gus.userName)).toBeUndefined();
  });

  it('Deactivate Users on again: an unassignment deactivates', async () => {
    await prov.configure({
      enabled: true,
      toApp: { createUsers: true, updateUserAttributes: true, deactivateUsers: true },
    });
    const fay = users[1]!;
    const group = await dir.group('ZPA Users');
    await dir.removeMember(group.id, fay.id);
    await eventually(async () =>
      expect(await scimDb.user(fay.userName)).toMatchObject({ active: false }),
    );
  });
});

describe('Okta: Push Groups sends the name replace as its own PATCH, removes before adds', () => {
  it('a membership change: PATCH name replace, then PATCH with the removes first', async () => {
    const idp = await newIdp('Okta Groups', 'okta', 'groups.example');
    const { dir, users } = await populate(idp.id, 'groups.example', ['hal', 'ida', 'jon']);
    const prov = provisioningOf(h, idp.id);
    const scimDb = scimDbOf(h, idp.id);
    await connectProvisioning(h, idp, { provisionOutOfSyncUsers: true });
    await eventually(async () =>
      expect((await prov.status()).counts.users).toMatchObject({ provisioned: 3 }),
    );
    const [hal, ida, jon] = users as [Body, Body, Body];
    const team = await dir.createGroup('Team');
    await dir.addMembers(team.id, [hal.id]);
    await dir.push(team.id);
    await eventually(async () =>
      expect(await prov.groupState('Team')).toMatchObject({ state: 'provisioned', members: 1 }),
    );
    const before = (await arrived(idp.id, { entityType: 'Group', method: 'PATCH' })).length;
    await dir.removeMember(team.id, hal.id);
    await dir.addMembers(team.id, [ida.id, jon.id]);
    await eventually(async () => {
      const g = (await scimDb.groups()).find((x) => x.displayName === 'Team');
      expect(g?.members).toHaveLength(2);
    });
    const patches = (await arrived(idp.id, { entityType: 'Group', method: 'PATCH' })).slice(before);
    expect(patches.length).toBeGreaterThanOrEqual(2);
    expect(patches.length % 2).toBe(0);
    for (let i = 0; i < patches.length; i += 2) {
      const [name, members] = [patches[i]!, patches[i + 1]!];
      expect((name.request as Body).Operations).toEqual([
        { op: 'replace', value: { id: expect.any(String), displayName: 'Team' } },
      ]);
      const ops = (members.request as Body).Operations as Body[];
      const firstAdd = ops.findIndex((o) => o.op === 'add');
      const lastRemove = ops.map((o) => o.op).lastIndexOf('remove');
      expect(firstAdd === -1 || lastRemove < firstAdd).toBe(true);
      expect(ops.every((o) => o.op !== 'replace')).toBe(true);
    }
  });
});

describe('PingFederate: Remove User Action = Disable', () => {
  it('a user deleted at the source is disabled, not DELETEd', async () => {
    const idp = await newIdp('Ping Disable', 'ping', 'pingdis.example');
    const { dir, users } = await populate(idp.id, 'pingdis.example', ['kim', 'lee']);
    const prov = provisioningOf(h, idp.id);
    const scimDb = scimDbOf(h, idp.id);
    await connectProvisioning(h, idp);
    await eventually(async () =>
      expect((await prov.status()).counts.users).toMatchObject({ provisioned: 2 }),
    );
    const kim = users[0]!;
    expect((await dir.deleteUser(kim.id, true)).status).toBe(204);
    // The next poll (a minute later; again if one was still running) disables the user.
    await eventually(async () => {
      await h.api.advanceClock({ minutes: 1 });
      expect(await scimDb.user(kim.userName)).toMatchObject({ active: false });
    }, 10_000);
    await sleep(200);
    expect(await arrived(idp.id, { method: 'DELETE' })).toEqual([]);
  });
});
