/**
 * Story 4: the timeout policy expires (fast-forwarded clock) → reauth prompt → success.
 * Story 5: the IdP certificate is rotated → Authentication Error until the user reauthenticates.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningCloud } from '../../../electron/cloud/cloud.js';
import { adminApi, connector, idpOf, isOn, storyCloud, until } from './connector-harness.js';

let cloud: RunningCloud;
beforeAll(async () => {
  cloud = await storyCloud();
});
afterAll(async () => cloud.close());

it('prompts for reauthentication when the timeout policy expires, then works again', async () => {
  const core = connector(cloud, 'alice@acme.example');
  core.signIn('alice@acme.example');
  const on = await until(core, isOn);
  expect(on.auth.status).toBe('authenticated');
  const expiresAt = on.auth.status === 'authenticated' ? on.auth.expiresAt : null;
  expect(expiresAt).not.toBeNull(); // Engineering apps: reauthenticate every 8 hours
  expect((await core.openApp('git.acme.example', 443)).decision.outcome).toBe('allowed');

  await adminApi(cloud, 'POST', '/clock/advance', { hours: 8, minutes: 1 });
  const required = await until(core, (s) => s.auth.status === 'reauthRequired');
  expect(required.auth).toMatchObject({ reason: 'timeout' });
  expect(required.service.status).toBe('on');
  expect(required.clockOffsetMs).toBeGreaterThan(8 * 3600_000 - 60_000);
  const blocked = await core.openApp('git.acme.example', 443);
  expect(blocked.decision).toMatchObject({
    outcome: 'reauth_required',
    code: 'BRK_MT_SETUP_FAIL_SAML_EXPIRED',
  });

  core.authenticate();
  await until(core, (s) => s.auth.status === 'authenticated');
  expect((await core.openApp('git.acme.example', 443)).decision.outcome).toBe('allowed');
  core.dispose();
});

it('shows an Authentication Error after the IdP certificate changes, until the user reauthenticates', async () => {
  const okta = idpOf(cloud, 'okta');
  const core = connector(cloud, 'bob@acme.example');
  core.signIn('bob@acme.example');
  await until(core, isOn);

  await adminApi(cloud, 'POST', `/idps/${okta.id}/saml/rotate-certificate`);
  const broken = await until(core, (s) => s.service.status === 'error');
  expect(broken.service).toMatchObject({
    status: 'error',
    kind: 'Authentication Error',
    code: 'IDP_CERTIFICATE_ROTATED',
  });
  expect(broken.auth).toMatchObject({ status: 'reauthRequired', reason: 'certificate_rotated' });

  core.authenticate();
  const fixed = await until(core, (s) => s.auth.status === 'authenticated' && isOn(s), 15_000);
  expect(fixed.service.status).toBe('on');
  core.dispose();
});
