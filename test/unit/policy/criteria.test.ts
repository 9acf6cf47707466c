/**
 * What the trace says when SAML or SCIM criteria are skipped (policy/criteria.ts, domain.md
 * §2.5 and §7): the reason of each toggle, including the wait before SCIM-based rules take
 * effect, the rule-level reason with the simulator's SCIM + AND reading, and how conditions and
 * rule operators combine. Found by mutation testing (npm run test:mutation -- policy/criteria).
 */
import { describe, expect, it } from 'vitest';
import {
  SCIM_AND_READING,
  type IdpPolicySettings,
} from '../../../electron/cloud/policy/criteria.js';
import { decide } from '../../../electron/cloud/policy/engine.js';
import type { PolicyRule } from '../../../shared/model/policy.js';
import {
  IDP,
  T0,
  allow,
  and,
  app,
  clientType,
  compile,
  idpOp,
  idpSettings,
  or,
  run,
  saml,
  scimAttr,
  scimGroup,
  scimGroupId,
  scimUser,
  segment,
  subject,
} from './builders.js';

const segments = [segment('s', ['app.acme.example'], [443])];
const ruleLine = (d: ReturnType<typeof run>, id = 'r') => d.trace.find((e) => e.ruleId === id)!;
const reasons = (d: ReturnType<typeof run>, id = 'r') =>
  ruleLine(d, id).criteria!.map((c) => c.reason);
const SAML_OFF = 'SAML criteria skipped: SAML Attributes for Policy is off for IdP "Okta"';
const SYNC_OFF = 'SCIM criteria skipped: SCIM Sync is off for IdP "Okta"';
const SCIM_POLICY_OFF = 'SCIM criteria skipped: SCIM Attributes for Policy is off for IdP "Okta"';
const NOT_READY =
  'SCIM criteria skipped: session authenticated before SCIM Attributes for Policy was first enabled — reauthenticate';
const synced = { scim: scimUser({ title: 'Controller' }, ['Finance']) };

describe('the reason each toggle gives for skipping', () => {
  const policy = compile({
    segments,
    access: [
      allow('r', [
        or(app('s')),
        or(saml('department', 'Finance'), scimAttr('title', 'Controller'), idpOp('idp-nobody')),
      ]),
    ],
  });

  it('SAML Attributes for Policy off', () => {
    expect(reasons(run(policy, { toggles: { saml: false } }))[1]).toBe(SAML_OFF);
  });

  it('SCIM Sync off, SCIM Attributes for Policy off, a session from before it was enabled', () => {
    expect(reasons(run(policy, { toggles: { scimSync: false } }))[2]).toBe(SYNC_OFF);
    expect(
      reasons(run(policy, { toggles: { scimSync: true, scimPolicy: false }, subject: synced }))[2],
    ).toBe(SCIM_POLICY_OFF);
    expect(
      reasons(
        run(policy, {
          toggles: { scimPolicy: true },
          subject: { ...synced, scimReady: false },
        }),
      )[2],
    ).toBe(NOT_READY);
  });

  it('SCIM-based rules wait for their effective time, then apply', () => {
    const effectiveAt = T0 + 3600_000;
    const idp: IdpPolicySettings = {
      ...idpSettings({ scimPolicy: true }),
      scimPolicyEffectiveAt: effectiveAt,
    };
    const at = (now: number) =>
      decide(policy, {
        request: { fqdn: 'app.acme.example', port: 443 },
        subject: subject(synced),
        idp,
        now,
      });
    expect(reasons(at(effectiveAt - 1))[2]).toBe(
      `SCIM criteria skipped: SCIM-based rules are not effective yet for IdP "Okta" — they take effect at ${new Date(effectiveAt).toISOString()}, the configured wait after SCIM Sync was first enabled (the real service advises 48 hours to a week)`,
    );
    expect(at(effectiveAt - 1).outcome).toBe('blocked');
    expect(ruleLine(at(effectiveAt)).criteria![2]).toMatchObject({ result: 'matched' });
    expect(at(effectiveAt).outcome).toBe('allowed');
  });

  it('plain criteria are never skipped, whatever the toggles', () => {
    const d = run(policy, { toggles: { saml: false, scimSync: false } });
    expect(ruleLine(d).criteria!.map((c) => c.result)).toEqual([
      'matched',
      'skipped',
      'skipped',
      'failed',
    ]);
  });
});

describe('a rule not evaluated because of skipped criteria', () => {
  it('an AND condition with a skipped SAML criterion names the condition and the toggle', () => {
    const d = run(
      compile({
        segments,
        access: [allow('r', [or(app('s')), and(saml('a', 'b'), clientType('x'))])],
      }),
      { toggles: { saml: false } },
    );
    expect(ruleLine(d).message).toBe(
      `access rule 1 "r": rule not evaluated: condition 2 ANDs criteria that are skipped (${SAML_OFF})`,
    );
    expect(reasons(d)).toEqual([
      `not evaluated: ${SAML_OFF}`,
      SAML_OFF,
      `not evaluated: ${SAML_OFF}`,
    ]);
  });

  it('with a skipped SCIM criterion, it also states the reading of the SCIM + AND sentence', () => {
    const d = run(
      compile({ segments, access: [allow('r', [and(scimAttr('title', 'x'), app('s'))])] }),
      { toggles: { scimSync: false } },
    );
    expect(ruleLine(d).message).toBe(
      `access rule 1 "r": rule not evaluated: condition 1 ANDs criteria that are skipped (${SYNC_OFF}); ${SCIM_AND_READING}`,
    );
  });

  it("an OR condition all skipped, AND'ed with the rest: SAML named first, SCIM with its reading", () => {
    const both = compile({
      segments,
      access: [allow('r', [or(app('s')), or(saml('a', 'b'), scimGroup(scimGroupId('Finance')))])],
    });
    expect(ruleLine(run(both, { toggles: { saml: false } })).message).toBe(
      `access rule 1 "r": rule not evaluated: every criterion of condition 2 is skipped and the conditions are AND'ed (${SAML_OFF})`,
    );
    const scimOnly = compile({
      segments,
      access: [allow('r', [or(app('s')), or(scimGroup(scimGroupId('Finance')))])],
    });
    expect(ruleLine(run(scimOnly, { toggles: { saml: false } })).message).toBe(
      `access rule 1 "r": rule not evaluated: every criterion of condition 2 is skipped and the conditions are AND'ed (${SYNC_OFF}); ${SCIM_AND_READING}`,
    );
  });

  it('a SAML + SCIM OR condition with only SCIM skipped is still evaluated', () => {
    const d = run(
      compile({
        segments,
        access: [
          allow('r', [or(app('s')), or(saml('department', 'Finance'), scimAttr('title', 'x'))]),
        ],
      }),
      { subject: { samlAttributes: { department: ['Finance'] } } },
    );
    expect(d.outcome).toBe('allowed');
    expect(ruleLine(d).criteria!.map((c) => c.result)).toEqual(['matched', 'matched', 'skipped']);
  });

  it("OR'ed conditions all skipped: every criterion says why, the rule is not evaluated", () => {
    const rule: PolicyRule = {
      ...allow('r', [or(saml('a', 'b')), or(scimAttr('title', 'x'))]),
      operator: 'OR',
    };
    const d = run(compile({ segments, access: [rule] }), { toggles: { saml: false } });
    expect(ruleLine(d).message).toBe(
      'access rule 1 "r": rule not evaluated: every condition is skipped',
    );
    expect(reasons(d)).toEqual([SAML_OFF, SYNC_OFF]);
  });

  it("an OR'ed condition all skipped is left out with its reasons; the others decide", () => {
    const rule: PolicyRule = {
      ...allow('r', [or(saml('a', 'b')), or(clientType('zpn_client_type_zapp'))]),
      operator: 'OR',
    };
    const d = run(compile({ segments, access: [rule] }), { toggles: { saml: false } });
    expect(d.outcome).toBe('allowed');
    expect(ruleLine(d).criteria).toMatchObject([
      { condition: 0, result: 'skipped', reason: SAML_OFF },
      { condition: 1, result: 'matched' },
    ]);
  });
});

describe('a rule with skipped criteria elsewhere', () => {
  it('still evaluates its AND conditions that skip nothing', () => {
    const d = run(
      compile({
        segments,
        access: [
          allow('r', [
            and(clientType('zpn_client_type_zapp'), app('s')),
            or(saml('department', 'Finance'), idpOp(IDP)),
          ]),
        ],
      }),
      { toggles: { saml: false } },
    );
    expect(d.outcome).toBe('allowed');
    expect(ruleLine(d).criteria!.map((c) => c.result)).toEqual([
      'matched',
      'matched',
      'skipped',
      'matched',
    ]);
  });

  it('decides the same with the trace off', () => {
    const rule: PolicyRule = {
      ...allow('r', [or(saml('a', 'b')), or(scimAttr('title', 'x'))]),
      operator: 'OR',
    };
    const d = run(
      compile({ segments, access: [rule] }),
      { toggles: { saml: false } },
      { trace: false },
    );
    expect(d).toMatchObject({ outcome: 'blocked', code: 'BRK_MT_SETUP_FAIL_NO_POLICY_FOUND' });
  });
});

describe('how criteria combine', () => {
  it('a rule without conditions matches everyone, whatever its operator', () => {
    const anyOf: PolicyRule = { ...allow('r', []), operator: 'OR' };
    expect(run(compile({ segments, access: [anyOf] })).outcome).toBe('allowed');
    expect(run(compile({ segments, access: [allow('r', [])] })).outcome).toBe('allowed');
  });

  it("a criterion's IdP is part of its trace line", () => {
    const d = run(
      compile({
        segments,
        access: [allow('r', [or(saml('department', 'Finance', IDP), saml('x', 'y'))])],
      }),
      { subject: { samlAttributes: { department: ['Finance'] } } },
    );
    const [withIdp, without] = ruleLine(d).criteria!;
    expect(withIdp).toEqual({
      condition: 0,
      objectType: 'SAML',
      lhs: 'department',
      rhs: 'Finance',
      idpId: IDP,
      result: 'matched',
      reason: 'the session has department = "Finance"',
    });
    expect(without).not.toHaveProperty('idpId');
  });

  it('an AND condition needs every criterion, and the trace shows each of them', () => {
    const policy = compile({
      segments,
      access: [allow('r', [and(clientType('x'), app('s'), clientType('zpn_client_type_zapp'))])],
    });
    const d = run(policy);
    expect(d.outcome).toBe('blocked');
    expect(ruleLine(d).criteria!.map((c) => c.result)).toEqual(['failed', 'matched', 'matched']);
  });

  it('an OR condition needs one, and the trace still shows all', () => {
    const d = run(compile({ segments, access: [allow('r', [or(app('s'), clientType('x'))])] }));
    expect(d.outcome).toBe('allowed');
    expect(ruleLine(d).criteria!.map((c) => c.result)).toEqual(['matched', 'failed']);
  });

  it('the trace shows every condition, even after the result is known', () => {
    const conditions = [or(clientType('x')), or(app('s'))];
    const allOf = run(compile({ segments, access: [allow('r', conditions)] }));
    expect(ruleLine(allOf).criteria!.map((c) => c.result)).toEqual(['failed', 'matched']);
    const anyOf: PolicyRule = { ...allow('r', [...conditions].reverse()), operator: 'OR' };
    const d = run(compile({ segments, access: [anyOf] }));
    expect(ruleLine(d).criteria!.map((c) => c.result)).toEqual(['matched', 'failed']);
  });

  it("OR'ed conditions need one; AND'ed ones need all", () => {
    const conditions = [or(clientType('x')), or(app('s'))];
    const anyOf: PolicyRule = { ...allow('r', conditions), operator: 'OR' };
    expect(run(compile({ segments, access: [anyOf] })).outcome).toBe('allowed');
    expect(run(compile({ segments, access: [allow('r', conditions)] })).outcome).toBe('blocked');
    const noneOf: PolicyRule = {
      ...allow('r', [or(clientType('x')), or(clientType('y'))]),
      operator: 'OR',
    };
    expect(run(compile({ segments, access: [noneOf] })).outcome).toBe('blocked');
  });

  it('SAML attribute names that differ only in case are one attribute', () => {
    const d = run(compile({ segments, access: [allow('r', [or(saml('dept', 'a'))])] }), {
      subject: { samlAttributes: { Dept: ['A'], dept: ['b'] } },
    });
    expect(d.outcome).toBe('allowed');
  });
});
