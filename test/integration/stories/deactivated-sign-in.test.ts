/**
 * A user whose SCIM record is inactive gets no tunnel: the connector signs in (the IdP still
 * authenticates the user) but the broker refuses, and the client shows Connection Error with the
 * SCIM code and the `deactivated` variant, on a fresh sign-in and on a reconnect alike. Observed
 * through the real connector core's snapshots only.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningCloud } from '../../../electron/cloud/cloud.js';
import { enableScim, scim, USER_SCHEMA, type ScimClient } from '../../helpers/cloud.js';
import { connector, idpOf, isOn, storyCloud, until } from './connector-harness.js';

const SCIM_INACTIVE = {
  status: 'error',
  kind: 'Connection Error',
  code: 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE',
  reason: 'deactivated',
} as const;

let cloud: RunningCloud;
let users: ScimClient;
beforeAll(async () => {
  cloud = await storyCloud();
  const { endpoint, token } = await enableScim(cloud, idpOf(cloud, 'okta').name);
  users = scim(endpoint, token);
});
afterAll(async () => cloud.close());

/** The SCIM user as the IdP pushes it (active or deactivated); returns its SCIM id. */
async function pushUser(userName: string, active: boolean): Promise<string> {
  const res = await users.post('/Users', {
    schemas: [USER_SCHEMA],
    userName,
    active,
    emails: [{ value: userName, type: 'work', primary: true }],
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

it('signing in as a SCIM-deactivated user ends in Connection Error (deactivated), never On', async () => {
  await pushUser('carol@acme.example', false);
  const core = connector(cloud, 'carol@acme.example');
  const states: string[] = [];
  core.on('state', (s) => states.push(s.service.status));
  core.signIn('carol@acme.example');
  const failed = await until(core, (s) => s.service.status === 'error');
  expect(failed.auth.status).toBe('authenticated');
  expect(failed.service).toMatchObject(SCIM_INACTIVE);
  expect(states).not.toContain('on');
  core.dispose();
});

it('reconnecting after the SCIM user was deactivated ends in Connection Error (deactivated)', async () => {
  const id = await pushUser('bob@acme.example', true);
  const core = connector(cloud, 'bob@acme.example');
  core.signIn('bob@acme.example');
  await until(core, (s) => isOn(s) && s.channel.status === 'open');

  // The push channel drops; while the connector is away, the IdP deactivates the user in SCIM.
  cloud.broker.hub.closeAll();
  // The channel is the session's: it says "Reconnecting…" while the tunnel stays up.
  await until(core, (s) => s.channel.status === 'reconnecting');
  const patched = await users.patchOps(`/Users/${id}`, [
    { op: 'replace', path: 'active', value: false },
  ]);
  expect(patched.status, patched.text).toBe(200);

  const back = await until(
    core,
    (s) => s.service.status === 'error' && s.service.code === SCIM_INACTIVE.code,
    15_000,
  );
  expect(back.service).toMatchObject(SCIM_INACTIVE);
  expect(back.auth.status).toBe('authenticated');
  core.dispose();
});
