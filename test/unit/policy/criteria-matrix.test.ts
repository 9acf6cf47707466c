/**
 * domain.md §2.5, every combination: a rule whose criteria mix SAML and SCIM (attribute or
 * group), joined by AND or OR, with SAML Attributes for Policy on/off, SCIM Attributes for Policy
 * on/off, the session SCIM-ready or not, and each criterion matching or not.
 */
import { describe, expect, it } from 'vitest';
import { SCIM_AND_READING } from '../../../electron/cloud/policy/criteria.js';
import {
  allow,
  and,
  app,
  compile,
  ENTERPRISE,
  or,
  run,
  saml,
  scimAttr,
  scimGroup,
  scimGroupId,
  scimUser,
  segment,
} from './builders.js';

const bools = [true, false] as const;
const cases: {
  op: 'AND' | 'OR';
  kind: 'SCIM' | 'SCIM_GROUP';
  samlOn: boolean;
  scimOn: boolean;
  ready: boolean;
  samlMatch: boolean;
  scimMatch: boolean;
}[] = [];
for (const op of ['AND', 'OR'] as const)
  for (const kind of ['SCIM', 'SCIM_GROUP'] as const)
    for (const samlOn of bools)
      for (const scimOn of bools)
        for (const ready of bools)
          for (const samlMatch of bools)
            for (const scimMatch of bools)
              cases.push({ op, kind, samlOn, scimOn, ready, samlMatch, scimMatch });

describe('SAML × SCIM criteria (domain.md §2.5)', () => {
  const scimOperand = (kind: 'SCIM' | 'SCIM_GROUP') =>
    kind === 'SCIM'
      ? scimAttr(`${ENTERPRISE}:department`, 'Finance')
      : scimGroup(scimGroupId('Finance'));

  it.each(cases)(
    '$op of SAML and $kind · SAML for policy $samlOn · SCIM for policy $scimOn · SCIM-ready $ready · SAML matches $samlMatch · SCIM matches $scimMatch',
    ({ op, kind, samlOn, scimOn, ready, samlMatch, scimMatch }) => {
      const cond = op === 'AND' ? and : or;
      const policy = compile({
        segments: [segment('payroll', ['app.acme.example'], [443])],
        access: [
          allow('finance', [
            or(app('payroll')),
            cond(saml('department', 'Finance'), scimOperand(kind)),
          ]),
        ],
      });
      const d = run(policy, {
        toggles: { saml: samlOn, scimSync: true, scimPolicy: scimOn },
        subject: {
          scimReady: ready,
          samlAttributes: { department: [samlMatch ? 'Finance' : 'Sales'] },
          scim: scimUser({ [ENTERPRISE]: { department: scimMatch ? 'Finance' : 'Sales' } }, [
            scimMatch ? 'Finance' : 'Sales',
          ]),
        },
      });

      const samlLive = samlOn;
      const scimLive = scimOn && ready;
      let expected: 'matched' | 'not_matched' | 'skipped';
      if (op === 'AND') {
        expected =
          !samlLive || !scimLive ? 'skipped' : samlMatch && scimMatch ? 'matched' : 'not_matched';
      } else if (!samlLive && !scimLive) expected = 'skipped';
      else
        expected = (samlLive && samlMatch) || (scimLive && scimMatch) ? 'matched' : 'not_matched';

      const rule = d.trace.find((e) => e.step === 'access' && e.ruleId === 'finance')!;
      expect(rule.result).toBe(expected);
      expect(d.outcome).toBe(expected === 'matched' ? 'allowed' : 'blocked');
      expect(d.code).toBe(
        expected === 'matched' ? 'OPEN_OR_ACTIVE_CONNECTION' : 'BRK_MT_SETUP_FAIL_NO_POLICY_FOUND',
      );

      const samlTrace = rule.criteria!.find((c) => c.objectType === 'SAML')!;
      const scimTrace = rule.criteria!.find((c) => c.objectType === kind)!;
      if (!samlLive) {
        expect(samlTrace.result).toBe('skipped');
        expect(samlTrace.reason).toContain('SAML Attributes for Policy is off');
      }
      if (!scimLive) {
        expect(scimTrace.result).toBe('skipped');
        expect(scimTrace.reason).toContain(
          !scimOn
            ? 'SCIM Attributes for Policy is off'
            : 'session authenticated before SCIM Attributes for Policy was first enabled — reauthenticate',
        );
      }
      if (expected !== 'skipped') {
        if (samlLive) expect(samlTrace.result).toBe(samlMatch ? 'matched' : 'failed');
        if (scimLive) expect(scimTrace.result).toBe(scimMatch ? 'matched' : 'failed');
      } else {
        expect(rule.message).toContain('rule not evaluated');
        // Skipped SCIM criteria in an AND: the trace says which reading of the docs it takes.
        if (samlLive) expect(rule.message).toContain(SCIM_AND_READING);
        else expect(rule.message).not.toContain(SCIM_AND_READING);
      }

      // The fast path (no trace) reaches the same decision.
      const fast = run(
        policy,
        {
          toggles: { saml: samlOn, scimSync: true, scimPolicy: scimOn },
          subject: {
            scimReady: ready,
            samlAttributes: { department: [samlMatch ? 'Finance' : 'Sales'] },
            scim: scimUser({ [ENTERPRISE]: { department: scimMatch ? 'Finance' : 'Sales' } }, [
              scimMatch ? 'Finance' : 'Sales',
            ]),
          },
        },
        { trace: false },
      );
      expect(fast.code).toBe(d.code);
      expect(fast.trace).toHaveLength(1);
    },
  );
});

describe('skipping, condition by condition', () => {
  const segments = [segment('s', ['app.acme.example'], [443])];

  it('an OR condition keeps its other criteria when SAML is off', () => {
    const policy = compile({
      segments,
      access: [
        allow('r', [
          or(app('s')),
          or(saml('department', 'Finance'), { objectType: 'IDP', lhs: 'id', rhs: 'idp-okta' }),
        ]),
      ],
    });
    const d = run(policy, { toggles: { saml: false } });
    expect(d.outcome).toBe('allowed');
    const crit = d.trace.find((e) => e.ruleId === 'r')!.criteria!;
    expect(crit.map((c) => [c.objectType, c.result])).toEqual([
      ['APP', 'matched'],
      ['SAML', 'skipped'],
      ['IDP', 'matched'],
    ]);
  });

  it('a SAML-only OR condition, all skipped, makes an AND rule not evaluated (never widens it)', () => {
    const policy = compile({
      segments,
      access: [
        allow('finance only', [
          or(app('s')),
          or(saml('department', 'Finance'), saml('groups', 'Finance')),
        ]),
      ],
    });
    const d = run(policy, {
      toggles: { saml: false },
      subject: { samlAttributes: { department: ['Finance'] } },
    });
    expect(d.code).toBe('BRK_MT_SETUP_FAIL_NO_POLICY_FOUND');
    const rule = d.trace.find((e) => e.ruleId === 'finance only')!;
    expect(rule.result).toBe('skipped');
    expect(rule.message).toContain(
      "every criterion of condition 2 is skipped and the conditions are AND'ed",
    );
  });

  it('with OR between conditions, a fully skipped condition is dropped and the others decide', () => {
    const policy = compile({
      segments,
      access: [
        {
          ...allow('either', [
            or(saml('department', 'Finance')),
            or(scimGroup(scimGroupId('Finance'))),
          ]),
          operator: 'OR',
        },
      ],
    });
    const on = run(policy, {
      toggles: { saml: false, scimPolicy: true },
      subject: { scim: scimUser({}, ['Finance']) },
    });
    expect(on.outcome).toBe('allowed');
    const crit = on.trace.find((e) => e.ruleId === 'either')!.criteria!;
    expect(crit.map((c) => c.result)).toEqual(['skipped', 'matched']);

    const none = run(policy, { toggles: { saml: false, scimPolicy: false } });
    const rule = none.trace.find((e) => e.ruleId === 'either')!;
    expect(rule.result).toBe('skipped');
    expect(rule.message).toContain('every condition is skipped');
  });

  it('an AND condition with a skipped criterion skips the whole rule even if another condition fails first', () => {
    const policy = compile({
      segments: [...segments, segment('other', ['other.acme.example'], [443])],
      access: [
        allow('r', [
          or({ objectType: 'CLIENT_TYPE', lhs: 'id', rhs: 'zpn_client_type_exporter' }),
          and(saml('a', 'b'), scimAttr('title', 'x')),
        ]),
      ],
    });
    const d = run(policy, { toggles: { saml: true, scimPolicy: false } });
    const rule = d.trace.find((e) => e.ruleId === 'r')!;
    expect(rule.result).toBe('skipped');
    expect(rule.criteria!.every((c) => c.result === 'skipped')).toBe(true);
    expect(rule.criteria!.find((c) => c.objectType === 'CLIENT_TYPE')!.reason).toMatch(
      /^not evaluated/,
    );
  });

  it('SCIM Sync off: SCIM criteria skipped with that reason', () => {
    const policy = compile({
      segments,
      access: [
        allow('r', [
          or(app('s')),
          or(scimAttr('title', 'Controller'), saml('department', 'Finance')),
        ]),
      ],
    });
    const d = run(policy, {
      toggles: { scimSync: false },
      subject: { samlAttributes: { Department: ['FINANCE'] } },
    });
    expect(d.outcome).toBe('allowed');
    const crit = d.trace.find((e) => e.ruleId === 'r')!.criteria!;
    expect(crit[1]).toMatchObject({ objectType: 'SCIM', result: 'skipped' });
    expect(crit[1]!.reason).toContain('SCIM Sync is off');
    expect(crit[2]).toMatchObject({ objectType: 'SAML', result: 'matched' });
  });
});
