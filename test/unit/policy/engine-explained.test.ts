/**
 * What the policy engine tells the admin and the user beyond the outcome: the steps of the trace
 * ("why was I blocked"), the messages of each outcome, "Bypass wins" for a segment with Bypass =
 * Always or a forwarding rule that does not bypass, and the decision for one segment (app lists).
 * Found by mutation testing (npm run test:mutation -- policy/engine).
 */
import { describe, expect, it } from 'vitest';
import { decideForSegment } from '../../../electron/cloud/policy/engine.js';
import {
  allow,
  app,
  compile,
  forward,
  group,
  idpSettings,
  or,
  saml,
  scimUser,
  segment,
  subject,
  T0,
  timeoutRule,
  run,
} from './builders.js';

const HOUR = 3600_000;
const steps = (d: ReturnType<typeof run>) => d.trace.map((e) => `${e.step}:${e.result}`);
const noteOf = (d: ReturnType<typeof run>, step: string, result: string) =>
  d.trace.find((e) => e.step === step && e.result === result)?.message;

describe('Bypass wins across segments of the same domain', () => {
  const web = segment('web', ['app.acme.example'], [443]);

  it('another segment of the domain with Bypass = Always bypasses it on every port', () => {
    const d = run(
      compile({
        segments: [web, segment('ssh', ['app.acme.example'], [22], { bypassType: 'ALWAYS' })],
        access: [allow('a', [])],
      }),
    );
    expect(d).toMatchObject({ outcome: 'bypassed', code: null });
    expect(d.forwarding).toEqual({
      action: 'BYPASS',
      source: 'same_domain_bypass',
      ruleId: null,
      ruleName: null,
    });
    expect(noteOf(d, 'forwarding', 'bypassed')).toBe(
      'Segment "ssh" lists app.acme.example on other ports and has Bypass = Always: Bypass wins, on all ports',
    );
    expect(d.message).toBe(
      'app.acme.example:443/TCP is bypassed: app.acme.example is bypassed on other ports (segment "ssh"), and Bypass wins.',
    );
  });

  it('a segment with Bypass = Always is explained in the forwarding step', () => {
    const d = run(
      compile({
        segments: [segment('web', ['app.acme.example'], [443], { bypassType: 'ALWAYS' })],
        access: [allow('a', [])],
      }),
    );
    expect(steps(d)).toEqual(['segment:matched', 'forwarding:bypassed', 'result:bypassed']);
    expect(noteOf(d, 'forwarding', 'bypassed')).toContain('Bypass = Always');
  });

  it('another segment that a forwarding rule intercepts does not', () => {
    const d = run(
      compile({
        segments: [web, segment('ssh', ['app.acme.example'], [22])],
        forwarding: [forward('intercept ssh', 'INTERCEPT', [or(app('ssh'))])],
        access: [allow('a', [])],
      }),
    );
    expect(d.outcome).toBe('allowed');
    expect(d.forwarding).toMatchObject({ action: 'INTERCEPT', source: 'default' });
    const noRules = run(
      compile({
        segments: [web, segment('ssh', ['app.acme.example'], [22])],
        access: [allow('a', [])],
      }),
    );
    expect(noRules.outcome).toBe('allowed');
  });
});

describe('the messages of each outcome', () => {
  const policy = compile({
    segments: [segment('s', ['app.acme.example'], [443])],
    forwarding: [forward('bypass mac', 'BYPASS', [or(saml('os', 'mac'))])],
    access: [allow('finance', [or(saml('department', 'Finance'))])],
  });

  it('an unknown host names what was asked for', () => {
    const d = run(policy, { request: { fqdn: 'nope.example', port: 8443 } });
    expect(d.message).toBe('No application segment is configured for nope.example:8443/TCP.');
  });

  it('a forwarding bypass names the rule, and the trace does not call it the default', () => {
    const d = run(policy, { subject: { samlAttributes: { os: ['mac'] } } });
    expect(d.message).toBe(
      'app.acme.example:443/TCP is bypassed by forwarding rule "bypass mac": traffic goes directly, not through Private Access.',
    );
    expect(steps(d)).not.toContain('forwarding:default');
  });

  it('an implicit block names the user and the segment', () => {
    const d = run(policy);
    expect(d.message).toBe(
      'Application access is blocked by Private Access policy. No access rule allows carol@acme.example to use "s".',
    );
    expect(noteOf(d, 'access', 'implicit_block')).toBe('No access rule matched: implicit block');
    expect(steps(d)).toContain('forwarding:default');
    expect(noteOf(d, 'forwarding', 'default')).toContain('No forwarding rule matched');
  });

  it('a segment whose group is missing says so, with the group id', () => {
    const d = run(
      compile({
        groups: [group('other')],
        segments: [segment('s', ['app.acme.example'], [443])],
        access: [allow('a', [])],
      }),
    );
    expect(d.message).toContain('segment group "g1" is missing');
    expect(noteOf(d, 'access', 'disabled')).toBe(
      'Access rules not evaluated: segment group "g1" is missing',
    );
  });

  it('a disabled group is named by its name', () => {
    const d = run(
      compile({
        groups: [group('g1', { name: 'Finance apps', enabled: false })],
        segments: [segment('s', ['app.acme.example'], [443])],
        access: [allow('a', [])],
      }),
    );
    expect(d.message).toContain('segment group "Finance apps" is disabled');
  });
});

describe('the SCIM step of the trace', () => {
  const policy = compile({
    segments: [segment('s', ['app.acme.example'], [443])],
    access: [allow('a', [])],
  });

  it('says SCIM Sync is off, or the user is active', () => {
    expect(noteOf(run(policy), 'scim', 'not_applicable')).toBe(
      'SCIM Sync is off for IdP "Okta": no SCIM check',
    );
    const active = run(policy, { toggles: { scimSync: true }, subject: { scim: scimUser() } });
    expect(noteOf(active, 'scim', 'active')).toBe(
      'carol@acme.example is active in the SCIM database',
    );
  });

  it('says why the user is blocked', () => {
    const d = run(policy, { toggles: { scimSync: true } });
    expect(steps(d)).toContain('scim:blocked');
    expect(noteOf(d, 'scim', 'blocked')).toBe(
      'SCIM Sync is on and carol@acme.example is not synced to the SCIM database of IdP "Okta"',
    );
  });
});

describe('the timeout step of the trace', () => {
  const policy = compile({
    segments: [
      segment('git', ['git.acme.example'], [443]),
      segment('wiki', ['wiki.acme.example'], [443]),
      segment('docs', ['docs.acme.example'], [443]),
    ],
    access: [allow('a', [])],
    timeout: [
      timeoutRule('git 8h', 8 * 3600, [or(app('git'))]),
      timeoutRule('wiki never', -1, [or(app('wiki'))]),
    ],
  });
  const at = (fqdn: string, now: number) => run(policy, { request: { fqdn }, now });

  it('an expired sign-in says how long ago and how often the rule asks', () => {
    const d = at('git.acme.example', T0 + 9 * HOUR);
    expect(noteOf(d, 'timeout', 'expired')).toBe(
      'Authenticated 9 hours ago; timeout rule "git 8h" requires reauthentication every 8 hours',
    );
    expect(d.message).toBe(
      'Access to "git" requires you to reauthenticate: timeout rule "git 8h" asks for authentication every 8 hours.',
    );
  });

  it('a valid one says until when, or that the rule never asks', () => {
    const git = at('git.acme.example', T0 + HOUR);
    expect(noteOf(git, 'timeout', 'valid')).toBe(
      `timeout rule "git 8h": authentication valid until ${new Date(T0 + 8 * HOUR).toISOString()} (reauthenticate every 8 hours)`,
    );
    expect(steps(git)).not.toContain('timeout:default');
    const wiki = at('wiki.acme.example', T0 + 400 * 24 * HOUR);
    expect(noteOf(wiki, 'timeout', 'valid')).toBe(
      'timeout rule "wiki never": reauthentication never required',
    );
  });

  it('without a matching rule, the default rule is named', () => {
    const d = at('docs.acme.example', T0 + HOUR);
    expect(noteOf(d, 'timeout', 'default')).toContain('the default rule applies');
    expect(noteOf(d, 'timeout', 'valid')).toContain('the default timeout rule: ');
  });
});

describe('the decision for one segment (app lists)', () => {
  const policy = compile({
    segments: [segment('wild', ['*.acme.example'], [443]), segment('empty', [], [443])],
    access: [allow('a', [])],
  });
  const input = {
    request: { fqdn: 'app.acme.example', port: 443, protocol: 'TCP' as const },
    subject: subject(),
    idp: idpSettings(),
    now: T0 + 60_000,
  };

  it('is undefined for a segment that does not exist', () => {
    expect(decideForSegment(policy, input, 'gone')).toBeUndefined();
  });

  it('reports a wildcard segment as a wildcard match of its domain', () => {
    const d = decideForSegment(policy, input, 'wild')!;
    expect(d.outcome).toBe('allowed');
    expect(d.segment).toMatchObject({ id: 'wild', domain: '*.acme.example' });
    expect(noteOf(d, 'segment', 'matched')).toContain('(wildcard *.acme.example, TCP 443)');
  });

  it('falls back to the requested host for a segment without domains', () => {
    const d = decideForSegment(policy, input, 'empty')!;
    expect(d.segment).toMatchObject({ id: 'empty', domain: 'app.acme.example' });
    expect(noteOf(d, 'segment', 'matched')).toContain('(exact app.acme.example, TCP 443)');
  });
});
