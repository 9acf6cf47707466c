/**
 * Story 1: an Okta user assigned before SCIM was enabled → Connection Error with the remedy →
 * the admin sets PROVISION_OUT_OF_SYNC_USERS and reassigns → Okta pushes → access. The tenant
 * is put in that state by the scenario okta-out-of-sync (electron/cloud/scenarios), whose
 * connector for alice is the one checked here.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningCloud } from '../../../electron/cloud/cloud.js';
import { AdminClient } from '../../../electron/cloud/scenarios/admin-client.js';
import { findScenario } from '../../../electron/cloud/scenarios/library/index.js';
import { ScenarioSession } from '../../../electron/cloud/scenarios/runner.js';
import { describeError } from '../../../shared/errors/index.js';
import { ADMIN_TOKEN, adminApi, idpOf, isOn, storyCloud, until } from './connector-harness.js';

let cloud: RunningCloud;
let session: ScenarioSession;
beforeAll(async () => {
  cloud = await storyCloud();
  session = new ScenarioSession(
    findScenario('okta-out-of-sync')!,
    AdminClient.withToken(cloud.baseUrl, ADMIN_TOKEN),
  );
});
afterAll(async () => {
  session.dispose();
  await cloud.close();
});

it('shows the Okta sync error with its remedy, then connects after the admin fix', async () => {
  const reproduced = await session.reproduce();
  expect(reproduced.failed).toBe(0);
  const okta = idpOf(cloud, 'okta');
  const status = await adminApi(cloud, 'GET', `/idps/${okta.id}/provisioning/status`);
  expect(status.counts.users.out_of_sync).toBe(4);

  const alice = session.clientOf('alice@acme.example');
  const failed = alice.snapshot();
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
  const fixed = await session.fix('out-of-sync-flag');
  expect(fixed.failed).toBe(0);
  expect(fixed.steps.map((s) => s.title).join('\n')).toMatch(/PROVISION_OUT_OF_SYNC_USERS/);
  expect(cloud.store.scim.findByName('User', okta.id, 'alice@acme.example')[0]?.active).toBe(true);
  const on = await until(alice, isOn);
  expect(on.auth.status).toBe('authenticated');

  const { decision, connection } = await alice.openApp('intranet.acme.example', 443);
  expect(decision.outcome).toBe('allowed');
  expect(connection?.app).toBe('intranet.acme.example');
});
