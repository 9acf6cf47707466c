/**
 * Story 3: a user deactivated in the IdP while connected loses access at once: Okta pushes
 * active=false, the cloud closes the app connections and the connector shows why.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningCloud } from '../../../electron/cloud/cloud.js';
import {
  adminApi,
  connector,
  enableOktaProvisioning,
  idpOf,
  isOn,
  provisionUser,
  storyCloud,
  until,
} from './connector-harness.js';

let cloud: RunningCloud;
beforeAll(async () => {
  cloud = await storyCloud();
});
afterAll(async () => cloud.close());

it('terminates with ZPN_ERR_SCIM_INACTIVE and logs each app connection when the IdP deactivates the user', async () => {
  const okta = idpOf(cloud, 'okta');
  await enableOktaProvisioning(cloud, okta.id);
  const daveId = (await provisionUser(cloud, okta.id, 'dave@acme.example')).id;

  const core = connector(cloud, 'dave@acme.example');
  core.signIn('dave@acme.example');
  await until(core, isOn);
  const opened = await core.openApp('git.acme.example', 22);
  expect(opened.decision.outcome).toBe('allowed');
  expect(core.snapshot().connections).toHaveLength(1);

  const started = performance.now();
  await adminApi(cloud, 'POST', `/idps/${okta.id}/directory/users/${daveId}/deactivate`);
  const after = await until(core, (s) => s.service.status === 'error');
  const elapsed = performance.now() - started;
  // The session is terminated ("User termination request received from SCIM"); each app
  // connection closes with its own code.
  expect(after.service).toMatchObject({
    kind: 'Connection Error',
    code: 'ZPN_ERR_SCIM_INACTIVE',
  });
  expect(after.connections).toHaveLength(0);
  expect(elapsed).toBeLessThan(5_000); // a functional bound; latency figures come from test/bench/deprovision

  // The SCIM user is inactive but still readable; access is refused with the SCIM code.
  const again = await core.openApp('git.acme.example', 22);
  expect(again.decision).toMatchObject({
    outcome: 'blocked',
    code: 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE',
  });
  expect(again.decision.trace).toContainEqual(
    expect.objectContaining({ step: 'scim', result: 'blocked' }),
  );
  expect(again.connection).toBeNull();
  expect(core.snapshot().connections).toHaveLength(0);

  // The app connection log (admin diagnostics) has the close and the per-app setup failure.
  const sessions = (await adminApi(cloud, 'GET', '/sessions')) as unknown as {
    userName: string;
    connectionLog: { app: string; event: string; code: string }[];
  }[];
  const log = sessions.find((s) => s.userName === 'dave@acme.example')!.connectionLog;
  expect(log.map((l) => `${l.event}:${l.app}:${l.code}`)).toEqual([
    'opened:git.acme.example:OPEN_OR_ACTIVE_CONNECTION',
    'closed:git.acme.example:MT_CLOSED_TLS_CONN_GONE_SCIM_USER_DISABLE',
    'setup_failed:git.acme.example:BRK_MT_SETUP_FAIL_SCIM_INACTIVE',
  ]);
  core.dispose();
});
