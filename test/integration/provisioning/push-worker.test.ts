/**
 * A big push runs its users in the push worker (a thread of its own, beside the SCIM server's):
 * the engine counts where each user was pushed, and what the worker did must arrive as if the
 * engine had done it: the live progress, every user created in the cloud's SCIM database, the
 * push records and the push log. A small push stays in the engine's thread. Real HTTP into the
 * cloud's own SCIM endpoint, the worker started from source as the cloud does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisioningProgress } from '../../../shared/contract/cloud-api/admin-provisioning.js';
import { WORKER_MIN_USERS } from '../../../electron/cloud/idp/provisioning/engine.js';
import type { IdpConfig } from '../../../shared/model/idp.js';
import type { Body } from '../../helpers/cloud.js';
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

const pushes = () => h.cloud.provisioning.userPushes();

/** A new group of `n` new users of the IdP; returns the group and the users' names. */
async function newGroup(idpId: string, name: string, n: number, domain: string) {
  const dir = directoryOf(h, idpId);
  const group: Body = await dir.createGroup(name);
  const names: string[] = [];
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const userName = `${name.toLowerCase()}.${i}@${domain}`;
    const u = await dir.createUser({ userName, givenName: 'Worker', familyName: `${name} ${i}` });
    names.push(userName);
    ids.push(u.id as string);
  }
  await dir.addMembers(group.id as string, ids);
  return { dir, group, names };
}

describe('the push worker', () => {
  let okta: IdpConfig;

  beforeAll(async () => {
    okta = await h.api.idp('Okta');
    await connectProvisioning(h, okta);
  });

  it(`pushes an assignment of ${WORKER_MIN_USERS} users or more in the worker, with live progress`, async () => {
    const n = WORKER_MIN_USERS + 20;
    const { dir, group, names } = await newGroup(okta.id, 'Bulk', n, 'acme.example');
    const before = pushes();
    await dir.assign({ groupIds: [group.id as string] });

    const readings: { done: number; total: number }[] = [];
    await eventually(async () => {
      const p = provisioningProgress.parse(
        await ok(h.idpApi.get(`/idps/${okta.id}/provisioning/progress`)),
      );
      readings.push(p);
      expect(p).toMatchObject({ running: false, done: n, total: n, failed: 0 });
    }, 60_000);
    // The figure only grows while the worker's outcomes come in.
    for (let i = 1; i < readings.length; i++) {
      expect(readings[i]!.done).toBeGreaterThanOrEqual(readings[i - 1]!.done);
    }

    const after = pushes();
    expect(after.inWorker - before.inWorker).toBe(n);
    expect(after.inThread - before.inThread).toBe(0);

    // Created in the cloud, recorded with the SCIM ids the cloud gave them, each a GET then a POST.
    const scimUsers = new Map((await scimDbOf(h, okta.id).users()).map((u) => [u.userName, u]));
    const status = await provisioningOf(h, okta.id).status();
    for (const userName of names) {
      const rec = status.users.find((u: Body) => u.name === userName);
      expect(rec, userName).toMatchObject({ state: 'provisioned' });
      expect(rec.scimId).toBe(scimUsers.get(userName)?.id);
    }
    const log = await provisioningOf(h, okta.id).log('?kind=request&limit=1000');
    const ops = (log.entries as Body[]).filter((e) => names.includes(e.name));
    expect(ops.filter((e) => e.operation === 'match' && e.status === 200)).toHaveLength(n);
    expect(ops.filter((e) => e.operation === 'create' && e.status === 201)).toHaveLength(n);
  }, 90_000);

  it('keeps a small push in the engine thread', async () => {
    const { dir, group, names } = await newGroup(okta.id, 'Few', 3, 'acme.example');
    const before = pushes();
    await dir.assign({ groupIds: [group.id as string] });
    await eventually(async () => {
      const users = new Set((await scimDbOf(h, okta.id).users()).map((u) => u.userName));
      expect(names.every((name) => users.has(name))).toBe(true);
    });
    await eventually(async () => expect(pushes().inThread - before.inThread).toBe(3));
    expect(pushes().inWorker).toBe(before.inWorker);
  });

  it("runs an Entra ID cycle's users in the worker: created, counted in the cycle", async () => {
    const entra = await ok(
      h.api.post('/idps', {
        name: 'Worker Entra ID',
        protocol: 'saml',
        vendor: 'entra',
        domains: ['fabrikam.example'],
      }),
    );
    const n = WORKER_MIN_USERS + 5;
    const { dir, group, names } = await newGroup(entra.id, 'Cycle', n, 'fabrikam.example');
    await dir.assign({ groupIds: [group.id as string] });
    const before = pushes();
    await connectProvisioning(h, entra);
    await eventually(async () => {
      const st = (await provisioningOf(h, entra.id).status()).vendorState;
      expect(st).toMatchObject({ cycles: 1, lastCycle: { outcome: 'succeeded', usersVisited: n } });
    }, 60_000);
    expect(pushes().inWorker - before.inWorker).toBe(n);
    const users = new Set((await scimDbOf(h, entra.id).users()).map((u) => u.userName));
    expect(names.filter((name) => !users.has(name))).toEqual([]);
  }, 90_000);
});
