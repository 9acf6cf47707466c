/**
 * reauthOnUserUpdate (the ZPA IdP flag, our reading in domain.md §7 / README): a SCIM profile
 * update of a signed-in user by an IdP with the flag on asks that user to authenticate again
 * (reason user_updated); with the flag off, the same update changes nothing on the client.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningCloud } from '../../../electron/cloud/cloud.js';
import {
  adminApi,
  connector,
  directoryUser,
  enableOktaProvisioning,
  idpOf,
  isOn,
  provisionUser,
  storyCloud,
  until,
} from './connector-harness.js';

const ALICE = 'alice@acme.example';

let cloud: RunningCloud;
beforeAll(async () => {
  cloud = await storyCloud();
});
afterAll(async () => cloud.close());

it('asks the user to reauthenticate after a SCIM profile update only while the flag is on', async () => {
  const okta = idpOf(cloud, 'okta');
  await enableOktaProvisioning(cloud, okta.id);
  await provisionUser(cloud, okta.id, ALICE);
  const alice = await directoryUser(cloud, okta.id, ALICE);
  const core = connector(cloud, ALICE);
  core.signIn(ALICE);
  await until(core, isOn);

  const setDepartment = async (department: string) => {
    await adminApi(cloud, 'PATCH', `/idps/${okta.id}/directory/users/${alice.id}`, {
      department,
    });
    await cloud.provisioning.idle(okta.id);
  };
  const scimDepartment = async () => {
    const list = await adminApi(
      cloud,
      'GET',
      `/idps/${okta.id}/scim/users?filter=${encodeURIComponent(`userName eq "${ALICE}"`)}`,
    );
    return JSON.stringify(list.Resources[0]);
  };

  // Flag off: Okta pushes the update, the cloud stores it, the session is not flagged (the
  // broker reacts as the SCIM write commits, so the flag would be set by now).
  await setDepartment('Research');
  expect(await scimDepartment()).toContain('Research');
  const sessions = await adminApi(cloud, 'GET', '/sessions');
  expect(sessions.find((s: { userName: string }) => s.userName === ALICE).reauthRequired).toBe(
    null,
  );
  expect(core.snapshot().auth.status).toBe('authenticated');

  // Flag on: the next profile update asks for reauthentication; the tunnel stays up.
  await adminApi(cloud, 'PATCH', `/idps/${okta.id}`, { reauthOnUserUpdate: true });
  await setDepartment('Marketing');
  const required = await until(core, (s) => s.auth.status === 'reauthRequired');
  expect(required.auth).toMatchObject({ status: 'reauthRequired', reason: 'user_updated' });
  expect(required.service.status).toBe('on');

  core.authenticate();
  const back = await until(core, (s) => s.auth.status === 'authenticated' && isOn(s));
  expect(back.auth.status).toBe('authenticated');
}, 60_000);
