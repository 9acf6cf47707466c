/**
 * The Entra ID and PingFederate push clients against the cloud's SCIM endpoint over real HTTP,
 * on the simulated clock (domain.md §3.2, §3.3): Entra's initial cycle, incremental cycles only
 * every 40 minutes, "False" strings, quarantine after the token is regenerated and recovery by
 * restart; PingFederate's one-minute polls and its Remove User Action.
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

const MINUTE = 60_000;
/** The PatchOp operations a sync-log entry recorded. */
const ops = (e: { request: unknown }): Body => (e.request as Body).Operations;
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
      await dir.createUser({
        userName: `${n}@${domain}`,
        givenName: n[0]!.toUpperCase() + n.slice(1),
        familyName: 'Tester',
        department: 'Retail',
      }),
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

describe('Entra ID', () => {
  let idp: IdpConfig;
  let dir: ReturnType<typeof directoryOf>;
  let prov: ReturnType<typeof provisioningOf>;
  let scimDb: ReturnType<typeof scimDbOf>;
  let users: Body[];
  let cyclesBefore = 0;

  const arrived = async (q: Record<string, string | number> = {}) =>
    [...(await h.api.syncLogs({ idpId: idp.id, limit: 1000, ...q })).entries].reverse();
  const cycles = async () => (await prov.status()).vendorState.cycles as number;

  beforeAll(async () => {
    idp = await newIdp('Fabrikam Entra ID', 'entra', 'fabrikam.example');
    ({ dir, users } = await populate(idp.id, 'fabrikam.example', ['adele', 'alex', 'diego']));
    prov = provisioningOf(h, idp.id);
    scimDb = scimDbOf(h, idp.id);
  });

  it('Test Connection looks up a random user and group', async () => {
    const scim = await connectProvisioning(h, idp);
    expect(scim.config).toMatchObject({ enabled: true, vendor: 'entra', tokenSet: true });
    const test = await prov.testConnection();
    expect(test.ok).toBe(true);
    expect(test.calls[0].path).toMatch(/^\/Users\?filter=userName%20eq%20%22[0-9a-f-]{36}%22$/);
    expect(test.calls[1].path).toMatch(
      /^\/Groups\?excludedAttributes=members&filter=displayName%20eq%20%22[0-9a-f-]{36}%22$/,
    );
  });

  it('the initial cycle runs at once: everything in scope is matched, then created', async () => {
    await eventually(async () => {
      const s = await prov.status();
      expect(s.vendorState).toMatchObject({
        initialCycleDone: true,
        lastCycle: { kind: 'initial', outcome: 'succeeded' },
      });
      expect(s.counts.users).toMatchObject({ provisioned: 3, total: 3 });
      expect(s.counts.groups).toMatchObject({ provisioned: 1 });
    }, 5000);
    const s = await prov.status();
    const next =
      Date.parse(s.vendorState.nextCycleAt) - Date.parse(s.vendorState.lastCycle.endedAt);
    expect(next).toBe(40 * MINUTE);
    cyclesBefore = s.vendorState.cycles;

    const inDb = await scimDb.users();
    expect(inDb.map((u) => u.userName).sort()).toEqual(users.map((u) => u.userName).sort());
    for (const u of inDb) {
      expect(u).toMatchObject({
        active: true,
        externalId: users.find((x) => x.userName === u.userName)!.id,
        name: { formatted: `${u.name.givenName} Tester` },
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Retail' },
      });
    }
    const [group] = await scimDb.groups();
    expect(group).toMatchObject({ displayName: 'ZPA Users' });
    expect(group.members).toHaveLength(3);

    const all = await arrived();
    expect(all[0]!.path).toMatch(/^\/Users\?filter=userName%20eq%20%22[0-9a-f-]{36}%22$/);
    const groupLookup = all.find((e) => e.path.startsWith('/Groups?') && e.path.includes('ZPA'))!;
    expect(groupLookup.path).toBe(
      '/Groups?excludedAttributes=members&filter=displayName%20eq%20%22ZPA%20Users%22',
    );
    const memberAdd = all.find((e) => e.method === 'PATCH' && e.entityType === 'Group')!;
    expect(ops(memberAdd)).toEqual([
      {
        op: 'Add',
        path: 'members',
        value: expect.arrayContaining([{ value: expect.any(String) }]),
      },
    ]);
  });

  it('a profile change waits for the next cycle, 40 simulated minutes later', async () => {
    const adele = users[0]!;
    await dir.patchUser(adele.id, { familyName: 'Vance', title: 'Buyer' });
    await sleep(400);
    expect(await scimDb.user(adele.userName)).toMatchObject({ name: { familyName: 'Tester' } });
    expect(await cycles()).toBe(cyclesBefore);

    await h.api.advanceClock({ minutes: 39 });
    await sleep(300);
    expect(await cycles()).toBe(cyclesBefore);

    await h.api.advanceClock({ minutes: 1 });
    await eventually(async () =>
      expect(await scimDb.user(adele.userName)).toMatchObject({
        name: { familyName: 'Vance', formatted: 'Adele Vance' },
        title: 'Buyer',
      }),
    );
    const patch = (await arrived({ method: 'PATCH', entityName: adele.userName })).at(-1)!;
    expect(ops(patch)).toEqual([
      { op: 'Replace', path: 'name.familyName', value: 'Vance' },
      { op: 'Replace', path: 'title', value: 'Buyer' },
      { op: 'Replace', path: 'name.formatted', value: 'Adele Vance' },
    ]);
    await eventually(async () => {
      const s = await prov.status();
      expect(s.vendorState.lastCycle).toMatchObject({ kind: 'incremental', outcome: 'succeeded' });
    });
    cyclesBefore = await cycles();
  });

  it('several due cycles collapse into one run', async () => {
    await h.api.advanceClock({ hours: 3 });
    await eventually(async () => expect(await cycles()).toBe(cyclesBefore + 1));
    await sleep(300);
    expect(await cycles()).toBe(cyclesBefore + 1);
    cyclesBefore += 1;
  });

  it('disable: {"op":"Replace","path":"active","value":"False"}; soft delete disables, purge deletes', async () => {
    const [, alex, diego] = users;
    await dir.deactivate(alex!.id);
    expect((await dir.deleteUser(diego!.id)).status).toBe(204); // soft delete (recycle bin)
    await h.api.advanceClock({ minutes: 40 });
    await eventually(async () => {
      expect(await scimDb.user(alex!.userName)).toMatchObject({ active: false });
      expect(await scimDb.user(diego!.userName)).toMatchObject({ active: false });
    });
    const alexPatch = (await arrived({ method: 'PATCH', entityName: alex!.userName })).at(-1)!;
    expect(ops(alexPatch)).toEqual([{ op: 'Replace', path: 'active', value: 'False' }]);
    expect(await prov.userState(diego!.userName)).toMatchObject({ state: 'deprovisioned' });
    // Disabled users leave the group in the target.
    await eventually(async () => expect((await scimDb.groups())[0].members).toHaveLength(1));

    expect((await dir.deleteUser(diego!.id, true)).status).toBe(204); // hard delete
    await h.api.advanceClock({ minutes: 40 });
    await eventually(async () => expect(await scimDb.user(diego!.userName)).toBeUndefined());
    const del = (await arrived({ method: 'DELETE', entityType: 'User' })).at(-1)!;
    expect(del).toMatchObject({ status: 204, entityName: diego!.userName });
    cyclesBefore = await cycles();
  });

  it('quarantine after the token is regenerated in the cloud; restart with the new token recovers', async () => {
    const newToken = await h.api.newScimToken(idp.id);
    const alex = users[1]!;
    await dir.reactivate(alex.id);
    await h.api.advanceClock({ minutes: 40 });
    await eventually(async () => {
      const s = await prov.status();
      expect(s.vendorState).toMatchObject({
        status: 'quarantined',
        quarantine: { reason: 'EncounteredQuarantineException', failedCycles: 1 },
        lastCycle: { outcome: 'failed' },
      });
    });
    let s = await prov.status();
    expect(s.vendorState.quarantine.detail).toContain('401');
    expect(Date.parse(s.vendorState.nextCycleAt) - Date.parse(s.vendorState.quarantine.since)).toBe(
      6 * 60 * MINUTE,
    );
    const quarantinedAt = await cycles();
    // A quarantined job no longer runs every 40 minutes.
    await h.api.advanceClock({ minutes: 40 });
    await sleep(300);
    expect(await cycles()).toBe(quarantinedAt);
    expect(await scimDb.user(alex.userName)).toMatchObject({ active: false });

    await prov.configure({ enabled: true, token: newToken });
    s = await prov.restart();
    expect(s.vendorState.quarantine).toBeNull();
    await eventually(async () => {
      const st = await prov.status();
      expect(st.vendorState).toMatchObject({
        status: 'running',
        quarantine: null,
        initialCycleDone: true,
        lastCycle: { kind: 'initial', outcome: 'succeeded' },
      });
    });
    expect(await scimDb.user(alex.userName)).toMatchObject({ active: true });
    expect((await prov.status()).counts.users.failed).toBe(0);
  });
});

describe('PingFederate', () => {
  let idp: IdpConfig;
  let dir: ReturnType<typeof directoryOf>;
  let prov: ReturnType<typeof provisioningOf>;
  let scimDb: ReturnType<typeof scimDbOf>;
  let users: Body[];
  let group: Body;

  beforeAll(async () => {
    idp = await newIdp('Initech PingFederate', 'ping', 'initech.example');
    ({ dir, users, group } = await populate(idp.id, 'initech.example', ['peter', 'samir']));
    prov = provisioningOf(h, idp.id);
    scimDb = scimDbOf(h, idp.id);
  });

  it('the first poll syncs everything in scope', async () => {
    await connectProvisioning(h, idp);
    await eventually(async () => {
      expect((await prov.status()).counts.users).toMatchObject({ provisioned: 2 });
      expect((await scimDb.groups())[0]?.members).toHaveLength(2);
    });
  });

  it('a change is picked up within one simulated minute (PUT of the user)', async () => {
    const peter = users[0]!;
    await dir.patchUser(peter.id, { title: 'Engineer' });
    await sleep(300);
    expect((await scimDb.user(peter.userName))?.title).toBeUndefined();
    await h.api.advanceClock({ minutes: 1 });
    await eventually(async () =>
      expect(await scimDb.user(peter.userName)).toMatchObject({ title: 'Engineer' }),
    );
    const put = (
      await h.api.syncLogs({ idpId: idp.id, method: 'PUT', entityName: peter.userName, limit: 10 })
    ).entries[0]!;
    expect(put.status).toBe(200);
  });

  it('Remove User Action: disable by default, delete when configured', async () => {
    const [peter, samir] = users;
    await dir.removeMember(group.id, peter!.id);
    await h.api.advanceClock({ minutes: 1 });
    await eventually(async () =>
      expect(await scimDb.user(peter!.userName)).toMatchObject({ active: false }),
    );
    const peterCalls = (await prov.log(`?objectId=${peter!.id}&kind=request`)).entries as Body[];
    expect(peterCalls.map((e) => e.operation)).toContain('disable');
    await prov.configure({ enabled: true, vendorOptions: { removeUserAction: 'delete' } });
    await dir.removeMember(group.id, samir!.id);
    await h.api.advanceClock({ minutes: 1 });
    await eventually(async () => expect(await scimDb.user(samir!.userName)).toBeUndefined());
    expect(await prov.userState(samir!.userName)).toMatchObject({
      state: 'deprovisioned',
      scimId: null,
    });
  });
});
