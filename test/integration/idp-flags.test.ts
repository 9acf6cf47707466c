/**
 * The IdP configuration's real ZPA API names beside ours (issue 14 item 10) and the wait after
 * SCIM Sync is first enabled before SCIM-based rules take effect (item 9), through the cloud's
 * admin API over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCloud } from '../../electron/cloud/cloud.js';
import { scimAttributeId } from '../../electron/cloud/policy/scim-attributes.js';
import {
  REAL_SCIM_WAIT_MINUTES,
  SCIM_POLICY_GUIDANCE,
} from '../../shared/contract/cloud-api/idp-input.js';
import { admin, startTestCloud, type AdminClient, type Body } from '../helpers/cloud.js';

let cloud: RunningCloud;
let api: AdminClient;

beforeAll(async () => {
  cloud = await startTestCloud();
  api = admin(cloud);
});
afterAll(async () => cloud?.close());

const body = async (r: Promise<{ status: number; body: Body; text: string }>, status = 200) => {
  const res = await r;
  expect(res.status, res.text).toBe(status);
  return res.body;
};

describe('IdP flags: the real API names beside ours', () => {
  it('POST and PATCH accept scimEnabled, enableScimBasedPolicy, disableSamlBasedPolicy, reauthOnUserUpdate; GET returns both names', async () => {
    const created = await body(
      api.post('/idps', {
        name: 'Flags',
        protocol: 'saml',
        vendor: 'okta',
        domains: ['flags.example'],
        scimEnabled: true,
        disableSamlBasedPolicy: false,
      }),
      201,
    );
    expect(created).toMatchObject({
      scimSyncEnabled: true,
      scimEnabled: true,
      samlAttributesForPolicy: true,
      disableSamlBasedPolicy: false,
      scimAttributesForPolicy: false,
      enableScimBasedPolicy: false,
      reauthOnUserUpdate: false,
    });
    const patched = await body(
      api.patch(`/idps/${created.id}`, {
        enableScimBasedPolicy: true,
        disableSamlBasedPolicy: true,
        reauthOnUserUpdate: true,
      }),
    );
    expect(patched).toMatchObject({
      scimAttributesForPolicy: true,
      enableScimBasedPolicy: true,
      samlAttributesForPolicy: false, // SAML-for-policy is a *disable* flag in the real API
      disableSamlBasedPolicy: true,
      reauthOnUserUpdate: true,
    });
    expect(await body(api.get(`/idps/${created.id}`))).toMatchObject({
      disableSamlBasedPolicy: true,
      samlAttributesForPolicy: false,
    });
    // Our names still work and the real ones follow.
    expect(
      await body(api.patch(`/idps/${created.id}`, { samlAttributesForPolicy: true })),
    ).toMatchObject({ disableSamlBasedPolicy: false });
  });

  it('a real name contradicting ours, or not a boolean, is a 400 naming the field', async () => {
    const idp = await api.idp('Okta (SAML)');
    const r = await api.patch(`/idps/${idp.id}`, {
      samlAttributesForPolicy: true,
      disableSamlBasedPolicy: true,
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_request');
    expect(r.text).toContain('disableSamlBasedPolicy');
    expect((await api.patch(`/idps/${idp.id}`, { scimEnabled: 'yes' })).status).toBe(400);
  });
});

describe('the wait after SCIM Sync is first enabled', () => {
  it('SCIM-based rules take effect after the configured wait on the simulated clock; the trace says why not yet', async () => {
    const idp = await body(
      api.post('/idps', {
        name: 'Waiting',
        protocol: 'saml',
        vendor: 'okta',
        domains: ['wait.example'],
        scimPolicyDelayMinutes: REAL_SCIM_WAIT_MINUTES,
      }),
      201,
    );
    expect(idp).toMatchObject({
      scimPolicyGuidance: SCIM_POLICY_GUIDANCE,
      scimPolicyEffectiveAt: null,
    });
    const on = await body(
      api.patch(`/idps/${idp.id}`, { scimSyncEnabled: true, scimAttributesForPolicy: true }),
    );
    expect(Date.parse(on.scimPolicyEffectiveAt) - Date.parse(on.scimSyncFirstEnabledAt)).toBe(
      48 * 3600_000,
    );
    // The user is in the SCIM database (pushed by the IdP's SCIM client).
    const token = await api.newScimToken(idp.id);
    const pushed = await fetch(`${on.scimEndpoint}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'x@wait.example',
        active: true,
      }),
    });
    expect(pushed.status).toBe(201);
    const group = await body(api.post('/segment-groups', { name: 'Wait Apps' }), 201);
    const segment = await body(
      api.post('/segments', {
        name: 'Wait app',
        domains: ['app.wait.example'],
        tcpPortRanges: [{ from: 443, to: 443 }],
        segmentGroupId: group.id,
      }),
      201,
    );
    await body(
      api.post('/policies/access', {
        name: 'Contractors blocked',
        action: 'DENY',
        conditions: [
          { operator: 'OR', operands: [{ objectType: 'APP', rhs: segment.id }] },
          {
            operator: 'OR',
            operands: [
              {
                objectType: 'SCIM',
                idpId: idp.id,
                lhs: scimAttributeId(idp.id, 'active'),
                rhs: 'true',
              },
            ],
          },
        ],
      }),
      201,
    );
    const evaluate = () =>
      body(
        api.post('/policies/evaluate', {
          idpId: idp.id,
          userName: 'x@wait.example',
          fqdn: 'app.wait.example',
          port: 443,
        }),
      );
    const ruleStep = (d: Body) =>
      d.trace.find((t: Body) => t.step === 'access' && t.ruleName === 'Contractors blocked');
    const before = ruleStep(await evaluate());
    expect(before.result).toBe('skipped');
    expect(before.criteria[1].reason).toContain('SCIM-based rules are not effective yet');
    expect(before.criteria[1].reason).toContain(on.scimPolicyEffectiveAt);

    await api.advanceClock({ hours: 48 });
    const after = ruleStep(await evaluate());
    expect(after.result).toBe('matched');
    expect(after.criteria[1]).toMatchObject({ result: 'matched', lhsName: 'active' });
  });

  it('the default is no wait: SCIM-based rules take effect at once', async () => {
    const idp = await api.idp('Okta (SAML)');
    const on = await body(api.patch(`/idps/${idp.id}`, { scimSyncEnabled: true }));
    expect(on.scimPolicyDelayMinutes).toBe(0);
    expect(on.scimPolicyEffectiveAt).toBe(on.scimSyncFirstEnabledAt);
  });
});
