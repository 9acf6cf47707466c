/**
 * Story 1: an Okta user assigned before SCIM was enabled → Connection Error with the remedy →
 * the admin sets PROVISION_OUT_OF_SYNC_USERS and reassigns → Okta pushes → the user retries → access.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningCloud } from '../../../electron/cloud/cloud.js';
import { describeError } from '../../../shared/errors/index.js';
import {
  adminApi,
  connector,
  directoryGroup,
  enableOktaProvisioning,
  idpOf,
  isOn,
  storyCloud,
  until,
} from './connector-harness.js';

let cloud: RunningCloud;
beforeAll(async () => {
  cloud = await storyCloud();
});
afterAll(async () => cloud.close());

it('shows the Okta sync error with its remedy, then connects after the admin fix', async () => {
  const okta = idpOf(cloud, 'okta');
  await enableOktaProvisioning(cloud, okta.id);
  const status = await adminApi(cloud, 'GET', `/idps/${okta.id}/provisioning/status`);
  expect(status.counts.users.out_of_sync).toBe(4);

  const alice = connector(cloud, 'alice@acme.example');
  alice.signIn('alice@acme.example');
  const failed = await until(alice, (s) => s.service.status === 'error');
  expect(failed.auth.status).toBe('authenticated');
  expect(failed.service).toMatchObject({
    status: 'error',
    kind: 'Connection Error',
    code: 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE',
    reason: 'not_synced',
  });
  const entry = describeError('BRK_MT_SETUP_FAIL_SCIM_INACTIVE', 'not_synced');
  expect(entry.adminAction).toMatch(/PROVISION_OUT_OF_SYNC_USERS/);
  expect(entry.adminAction).toMatch(/unassign and reassign/i);

  // The admin's fix in Okta: the org flag, then unassign and reassign the group.
  await adminApi(cloud, 'PUT', `/idps/${okta.id}/provisioning`, {
    enabled: true,
    vendorOptions: { provisionOutOfSyncUsers: true },
  });
  const zpaUsers = await directoryGroup(cloud, okta.id, 'ZPA Users');
  await adminApi(cloud, 'DELETE', `/idps/${okta.id}/directory/assignments/groups/${zpaUsers.id}`);
  await adminApi(cloud, 'POST', `/idps/${okta.id}/directory/assignments`, {
    groupIds: [zpaUsers.id],
  });

  // Okta's push creates the user in the SCIM database; then the user clicks Retry.
  await cloud.provisioning.idle(okta.id);
  expect(cloud.store.scim.findByName('User', okta.id, 'alice@acme.example')[0]?.active).toBe(true);
  alice.retry();
  const on = await until(alice, isOn);
  expect(on.auth.status).toBe('authenticated');

  const { decision, connection } = await alice.openApp('intranet.acme.example', 443);
  expect(decision.outcome).toBe('allowed');
  expect(connection?.app).toBe('intranet.acme.example');
  alice.dispose();
});
