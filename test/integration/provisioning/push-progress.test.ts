/**
 * GET /api/admin/idps/{id}/provisioning/progress: the push engine counts its own progress (users
 * and groups done of the total, failures, rate), for the console's progress bar and the push
 * benchmark's live line. Real pushes over HTTP into the cloud's own SCIM endpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisioningProgress } from '../../../shared/contract/cloud-api/admin-provisioning.js';
import type { IdpConfig } from '../../../shared/model/idp.js';
import type { Body } from '../../helpers/cloud.js';
import {
  connectProvisioning,
  directoryOf,
  eventually,
  ok,
  startProvisioningHarness,
  type ProvisioningHarness,
} from '../../helpers/provisioning.js';

let h: ProvisioningHarness;
let okta: IdpConfig;
let dir: ReturnType<typeof directoryOf>;

const progress = async (idpId = okta.id) =>
  provisioningProgress.parse(await ok(h.idpApi.get(`/idps/${idpId}/provisioning/progress`)));

/** A new group of `n` new users, not yet assigned. */
async function newGroup(name: string, n: number): Promise<Body> {
  const group = await dir.createGroup(name);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const u = await dir.createUser({
      userName: `${name.toLowerCase()}.${i}@acme.example`,
      givenName: 'Push',
      familyName: `${name} ${i}`,
    });
    ids.push(u.id as string);
  }
  await dir.addMembers(group.id as string, ids);
  return group;
}

beforeAll(async () => {
  h = await startProvisioningHarness();
  okta = await h.api.idp('Okta');
  dir = directoryOf(h, okta.id);
});

afterAll(async () => {
  await h?.close();
});

describe('provisioning progress', () => {
  it('before any push: nothing running, nothing counted', async () => {
    expect(await progress()).toEqual({
      running: false,
      done: 0,
      total: 0,
      failed: 0,
      perSecond: 0,
      startedAt: null,
      finishedAt: null,
    });
  });

  it('an unknown IdP is a 404 in the admin API error shape', async () => {
    const res = await h.idpApi.get('/idps/no-such-idp/provisioning/progress');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'not_found' });
  });

  it('counts every user an assignment pushes, then reports the push finished', async () => {
    await connectProvisioning(h, okta);
    const group = await newGroup('Wave', 25);
    await dir.assign({ groupIds: [group.id as string] });
    await eventually(async () => {
      const p = await progress();
      expect(p).toMatchObject({ running: false, done: 25, total: 25, failed: 0 });
      expect(p.perSecond).toBeGreaterThan(0);
      expect(Date.parse(p.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(p.startedAt!));
    });
  });

  it('shows a push while it runs, at the real pace of 50 updates/s', async () => {
    await ok(h.api.patch(`/idps/${okta.id}`, { scimRateLimitEnabled: true }));
    const group = await newGroup('Paced', 80);
    await dir.assign({ groupIds: [group.id as string] });
    await eventually(async () => {
      const p = await progress();
      expect(p.running).toBe(true);
      expect(p.total).toBe(80);
      expect(p.done).toBeGreaterThan(0);
      expect(p.done).toBeLessThan(80);
      expect(p.finishedAt).toBeNull();
    });
    // Throttled creates are retried after Retry-After and still belong to this push.
    await eventually(async () => {
      expect(await progress()).toMatchObject({ running: false, done: 80, total: 80, failed: 0 });
    }, 30_000);
    await ok(h.api.patch(`/idps/${okta.id}`, { scimRateLimitEnabled: false }));
  }, 40_000);

  it('counts the users a push could not create as failed', async () => {
    const config = await ok(h.idpApi.get(`/idps/${okta.id}/provisioning`));
    await ok(
      h.idpApi.request('PUT', `/idps/${okta.id}/provisioning`, {
        body: { enabled: true, baseUrl: config.baseUrl, token: 'not-the-token' },
      }),
    );
    const group = await newGroup('Refused', 3);
    await dir.assign({ groupIds: [group.id as string] });
    await eventually(async () => {
      expect(await progress()).toMatchObject({ running: false, done: 3, total: 3, failed: 3 });
    });
  });
});
