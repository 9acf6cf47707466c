/**
 * What every decision carries besides its outcome (policy/evaluation.ts): the status class of
 * its code, the policy version, the steps it found, the result line of the trace, the protocol
 * in the target it names, a session whose IdP was deleted, and "forwards only allowed apps"
 * turning a block into "not forwarded". Found by mutation testing (npm run test:mutation --
 * policy/evaluation).
 */
import { describe, expect, it } from 'vitest';
import { decide } from '../../../electron/cloud/policy/engine.js';
import {
  IDP,
  T0,
  allow,
  compile,
  deny,
  forward,
  or,
  run,
  saml,
  scimUser,
  segment,
  subject,
  timeoutRule,
} from './builders.js';

const web = segment('web', ['app.acme.example'], [443], {
  udpPortRanges: [{ from: 443, to: 443 }],
});
const resultOf = (d: ReturnType<typeof run>) => d.trace.at(-1);

describe('the fields of a decision', () => {
  it('an allowed request: Success, with every step it found and the policy version', () => {
    const d = run(
      compile(
        {
          segments: [web],
          access: [allow('everyone', [])],
          timeout: [timeoutRule('office', 3600, [])],
        },
        7,
      ),
    );
    expect(d).toMatchObject({
      outcome: 'allowed',
      code: 'OPEN_OR_ACTIVE_CONNECTION',
      statusClass: 'Success',
      policyVersion: 7,
      segment: { id: 'web', name: 'web', segmentGroupId: 'g1', domain: 'app.acme.example' },
      forwarding: { action: 'INTERCEPT', source: 'default' },
      access: { action: 'ALLOW', ruleId: 'everyone', ruleName: 'everyone' },
      timeout: { reauthTimeoutSeconds: 3600, ruleId: 'office' },
    });
    expect(resultOf(d)).toEqual({
      step: 'result',
      result: 'allowed',
      message: `OPEN_OR_ACTIVE_CONNECTION: ${d.message}`,
    });
  });

  it('a rejected request: PolicyBlock, with the rule that denied it', () => {
    const d = run(compile({ segments: [web], access: [deny('nobody', [])] }));
    expect(d).toMatchObject({
      outcome: 'blocked',
      statusClass: 'PolicyBlock',
      access: { action: 'DENY', ruleId: 'nobody' },
      timeout: null,
    });
    expect(resultOf(d)!.message).toBe(`BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY: ${d.message}`);
  });

  it('a bypass has no code: status Info, and the result line is the message alone', () => {
    const d = run(compile({ segments: [web], forwarding: [forward('direct', 'BYPASS', [])] }));
    expect(d).toMatchObject({ outcome: 'bypassed', code: null, statusClass: 'Info' });
    expect(resultOf(d)).toEqual({ step: 'result', result: 'bypassed', message: d.message });
  });

  it('a segment with Bypass = Always says the traffic goes directly', () => {
    const d = run(
      compile({ segments: [{ ...web, bypassType: 'ALWAYS' }], access: [allow('everyone', [])] }),
    );
    expect(d.message).toBe(
      'app.acme.example:443/TCP is bypassed (segment "web"): traffic goes directly, not through Private Access.',
    );
  });

  it('names the protocol of the request in its target: TCP unless asked for UDP', () => {
    const policy = compile({ segments: [web], access: [deny('nobody', [])] });
    const unknown = { fqdn: 'nowhere.acme.example', port: 53 };
    expect(run(policy, { request: unknown }).message).toBe(
      'No application segment is configured for nowhere.acme.example:53/TCP.',
    );
    expect(run(policy, { request: { ...unknown, protocol: 'UDP' } }).message).toBe(
      'No application segment is configured for nowhere.acme.example:53/UDP.',
    );
  });
});

describe('a session whose IdP was deleted', () => {
  const policy = compile({
    segments: [web],
    access: [allow('finance', [or(saml('department', 'Finance'))])],
  });
  const input = {
    request: { fqdn: 'app.acme.example', port: 443 },
    subject: subject({
      samlAttributes: { department: ['Finance'] },
      scim: scimUser({}, [], false),
    }),
    idp: null,
    now: T0 + 60_000,
  };

  it('counts every policy toggle as off: SAML criteria skipped, no SCIM check', () => {
    const d = decide(policy, input);
    expect(d).toMatchObject({ outcome: 'blocked', code: 'BRK_MT_SETUP_FAIL_NO_POLICY_FOUND' });
    const scim = d.trace.find((e) => e.step === 'scim');
    expect(scim).toMatchObject({
      result: 'not_applicable',
      message: `SCIM Sync is off for IdP "(deleted IdP ${IDP})": no SCIM check`,
    });
    const rule = d.trace.find((e) => e.step === 'access' && e.ruleId === 'finance');
    expect(rule).toMatchObject({ result: 'skipped' });
    expect(rule!.message).toContain(
      `SAML Attributes for Policy is off for IdP "(deleted IdP ${IDP})"`,
    );
  });

  it('with the trace off, decides the same and records the result only', () => {
    const d = decide(policy, input, { trace: false });
    expect(d.outcome).toBe('blocked');
    expect(d.trace.map((e) => e.step)).toEqual(['result']);
  });
});

describe('a forwarding rule that forwards only allowed apps', () => {
  const policy = compile({
    segments: [web],
    forwarding: [forward('only allowed', 'INTERCEPT_ACCESIBLE', [])],
    access: [allow('finance', [or(saml('department', 'Finance'))])],
  });

  it('turns a block into "not forwarded", naming the rule and the block', () => {
    const d = run(policy, { subject: { samlAttributes: { department: ['Sales'] } } });
    expect(d).toMatchObject({ outcome: 'bypassed', code: null, statusClass: 'Info' });
    expect(d.trace.find((e) => e.result === 'not_forwarded')).toEqual({
      step: 'forwarding',
      result: 'not_forwarded',
      message:
        'Forwarding rule "only allowed" forwards only allowed applications and access policy answers BRK_MT_SETUP_FAIL_NO_POLICY_FOUND: the app is not forwarded',
    });
    expect(d.message).toBe(
      'app.acme.example:443/TCP is not forwarded to Private Access: forwarding rule "only allowed" forwards only applications access policy allows, and it does not allow this one. Application access is blocked by Private Access policy. No access rule allows carol@acme.example to use "web".',
    );
  });

  it('without such a rule, the block stays a block', () => {
    const d = run(
      compile({ segments: [web], access: [allow('finance', [or(saml('department', 'Finance'))])] }),
      { subject: { samlAttributes: { department: ['Sales'] } } },
    );
    expect(d).toMatchObject({ outcome: 'blocked', statusClass: 'PolicyBlock' });
    expect(d.trace.some((e) => e.result === 'not_forwarded')).toBe(false);
  });
});
