/**
 * Story 2: an admin first enables "SCIM Attributes for Policy" while users are signed in. They see
 * Authentication Required, their open app connections stay up, and a SCIM-group rule applies to
 * them only once they reauthenticate.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningCloud } from '../../../electron/cloud/cloud.js';
import type { TraceEntry } from '../../../shared/model/policy.js';
import {
  adminApi,
  connector,
  enableOktaProvisioning,
  directoryGroup,
  idpOf,
  isOn,
  provisionUser,
  storyCloud,
  until,
} from './connector-harness.js';

const RULE = 'Ops console for the SCIM group Engineering';

/** The trace step of the rule under test (the decision's trace is typed loosely on the wire). */
const ruleStep = (trace: unknown) =>
  (trace as TraceEntry[]).find((t) => t.step === 'access' && t.ruleName === RULE);

let cloud: RunningCloud;
beforeAll(async () => {
  cloud = await storyCloud();
});
afterAll(async () => cloud.close());

it('asks signed-in users to reauthenticate and applies SCIM criteria only after they do', async () => {
  const okta = idpOf(cloud, 'okta');
  await enableOktaProvisioning(cloud, okta.id);
  await provisionUser(cloud, okta.id, 'dave@acme.example');
  const engineering = await directoryGroup(cloud, okta.id, 'Engineering');
  await adminApi(cloud, 'POST', `/idps/${okta.id}/directory/groups/${engineering.id}/push`);
  await cloud.provisioning.idle(okta.id);
  // Criteria hold the SCIM group's id (as the real API does); its name is shown beside it.
  const scimGroups = await adminApi(cloud, 'GET', `/idps/${okta.id}/scim/groups`);
  const engineeringId = scimGroups.Resources.find(
    (g: { displayName: string }) => g.displayName === 'Engineering',
  ).id as string;

  // An app only the SCIM group "Engineering" may use (AND: app and SCIM group).
  const group = await adminApi(cloud, 'POST', '/segment-groups', { name: 'Ops Tools' });
  const segment = await adminApi(cloud, 'POST', '/segments', {
    name: 'Ops console',
    domains: ['ops.acme.example'],
    tcpPortRanges: [{ from: 443, to: 443 }],
    segmentGroupId: group.id,
  });
  await adminApi(cloud, 'POST', '/policies/access', {
    name: RULE,
    action: 'ALLOW',
    conditions: [
      { operator: 'OR', operands: [{ objectType: 'APP', lhs: 'id', rhs: segment.id }] },
      {
        operator: 'OR',
        operands: [{ objectType: 'SCIM_GROUP', lhs: okta.id, rhs: engineeringId }],
      },
    ],
  });

  const core = connector(cloud, 'dave@acme.example');
  core.signIn('dave@acme.example');
  await until(core, isOn);
  expect((await core.openApp('git.acme.example', 443)).decision.outcome).toBe('allowed');
  expect((await core.openApp('ops.acme.example', 443)).decision.outcome).toBe('blocked');

  await adminApi(cloud, 'PATCH', `/idps/${okta.id}`, { scimAttributesForPolicy: true });
  const required = await until(core, (s) => s.auth.status === 'reauthRequired');
  expect(required.auth).toMatchObject({ status: 'reauthRequired', reason: 'scim_policy_enabled' });
  expect(required.service.status).toBe('on'); // only the authentication axis changes
  expect(required.connections.map((c) => c.app)).toEqual(['git.acme.example']);

  // Not SCIM-ready yet: the SCIM criterion is skipped, so the AND rule is not evaluated.
  const before = await core.openApp('ops.acme.example', 443);
  expect(before.decision).toMatchObject({
    outcome: 'blocked',
    code: 'BRK_MT_SETUP_FAIL_NO_POLICY_FOUND',
  });
  // The trace names what its criteria refer to by id, for the people reading it.
  expect(ruleStep(before.decision.trace)).toMatchObject({
    result: 'skipped',
    criteria: [
      { objectType: 'APP', rhsName: 'Ops console', result: 'skipped' },
      {
        objectType: 'SCIM_GROUP',
        rhs: engineeringId,
        rhsName: 'Engineering',
        lhsName: 'Okta (SAML)',
        result: 'skipped',
        reason: expect.stringMatching(/before SCIM Attributes for Policy was first enabled/),
      },
    ],
  });

  core.authenticate();
  const again = await until(
    core,
    (s) => s.auth.status === 'authenticated' && s.session?.scimReady === true,
  );
  expect(again.service.status).toBe('on');
  expect(again.connections.map((c) => c.app)).toContain('git.acme.example'); // still up

  const after = await core.openApp('ops.acme.example', 443);
  expect(after.decision.outcome).toBe('allowed');
  expect(after.decision.code).toBe('OPEN_OR_ACTIVE_CONNECTION');
  expect(ruleStep(after.decision.trace)).toMatchObject({
    result: 'matched',
    criteria: [
      { objectType: 'APP', result: 'matched' },
      { objectType: 'SCIM_GROUP', rhs: engineeringId, rhsName: 'Engineering', result: 'matched' },
    ],
  });
  core.dispose();
});
