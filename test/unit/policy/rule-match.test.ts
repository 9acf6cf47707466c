/**
 * How rule evaluation reads in the trace (policy/rule-match.ts), the admin's "why was I blocked":
 * one line per rule looked at, top-down to the first match, saying what a matching rule does;
 * and durations in words. Found by mutation testing (npm run test:mutation -- policy/rule-match).
 */
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../electron/cloud/policy/rule-match.js';
import {
  allow,
  app,
  compile,
  deny,
  forward,
  or,
  run,
  saml,
  segment,
  timeoutRule,
} from './builders.js';

const web = segment('web', ['app.acme.example'], [443]);
type Decision = ReturnType<typeof run>;
const lines = (d: Decision, step: string) =>
  d.trace.filter((e) => e.step === step && e.ruleId !== undefined).map((e) => e.message);

describe('the trace line of a matching rule says what it does', () => {
  it.each([
    ['INTERCEPT', 'Forward to ZPA (INTERCEPT)'],
    ['BYPASS', 'Bypass ZPA (BYPASS)'],
    ['INTERCEPT_ACCESIBLE', 'Only Forward Allowed Applications (INTERCEPT_ACCESIBLE)'],
  ] as const)('forwarding %s', (action, text) => {
    const d = run(
      compile({
        segments: [web],
        forwarding: [forward('f', action, [])],
        access: [allow('a', [])],
      }),
    );
    expect(lines(d, 'forwarding')).toEqual([`forwarding rule 1 "f" matched: ${text}`]);
  });

  it('access: Allow Access or Block Access', () => {
    const allowed = run(compile({ segments: [web], access: [allow('a', [])] }));
    expect(lines(allowed, 'access')).toEqual(['access rule 1 "a" matched: Allow Access']);
    const denied = run(compile({ segments: [web], access: [deny('d', [])] }));
    expect(lines(denied, 'access')).toEqual(['access rule 1 "d" matched: Block Access']);
  });

  it('timeout: how often it asks, or never', () => {
    const every = run(
      compile({
        segments: [web],
        access: [allow('a', [])],
        timeout: [timeoutRule('t', 28800, [])],
      }),
    );
    expect(lines(every, 'timeout')).toEqual([
      'timeout rule 1 "t" matched: reauthenticate every 8 hours',
    ]);
    const never = run(
      compile({ segments: [web], access: [allow('a', [])], timeout: [timeoutRule('t', -1, [])] }),
    );
    expect(lines(never, 'timeout')).toEqual(['timeout rule 1 "t" matched: reauthenticate: never']);
  });
});

describe('rules looked at, top-down to the first match', () => {
  const policy = compile({
    segments: [web, segment('other', ['other.acme.example'], [443])],
    access: [
      allow('other only', [or(app('other'))]),
      allow('finance', [or(saml('department', 'Finance'))]),
      deny('sales', [or(saml('department', 'Sales'))]),
      allow('after the match', []),
    ],
  });

  it('one line per rule up to the match, with its order, name and criteria', () => {
    const d = run(policy, { subject: { samlAttributes: { department: ['Sales'] } } });
    const rules = d.trace.filter((e) => e.step === 'access');
    expect(rules.map((e) => [e.result, e.message])).toEqual([
      [
        'not_considered',
        '1 of 4 access rules only apply to other segments or segment groups: not evaluated',
      ],
      ['not_matched', 'access rule 2 "finance" did not match'],
      ['matched', 'access rule 3 "sales" matched: Block Access'],
    ]);
    expect(rules[1]).toMatchObject({ ruleId: 'finance', ruleName: 'finance', ruleOrder: 2 });
    expect(rules[1]!.criteria).toHaveLength(1);
  });

  it('a skipped rule gives the reason it was not evaluated', () => {
    const d = run(policy, {
      subject: { samlAttributes: { department: ['Sales'] } },
      toggles: { saml: false },
    });
    const finance = d.trace.find((e) => e.ruleId === 'finance')!;
    expect(finance.result).toBe('skipped');
    expect(finance.message).toMatch(/^access rule 2 "finance": rule not evaluated: /);
  });

  it('without rules for other segments, nothing is reported as not considered', () => {
    const d = run(compile({ segments: [web], access: [allow('a', [])] }));
    expect(d.trace.some((e) => e.result === 'not_considered')).toBe(false);
  });
});

describe('durations in words', () => {
  it('singular and plural, at most the two largest units', () => {
    expect(formatDuration(1)).toBe('1 second');
    expect(formatDuration(59)).toBe('59 seconds');
    expect(formatDuration(61)).toBe('1 minute 1 second');
    expect(formatDuration(120)).toBe('2 minutes');
    expect(formatDuration(86400 + 3600 + 60 + 1)).toBe('1 day 1 hour');
    expect(formatDuration(2 * 86400 + 60)).toBe('2 days 1 minute');
  });

  it('whole seconds only; nothing below zero', () => {
    expect(formatDuration(90.9)).toBe('1 minute 30 seconds');
    expect(formatDuration(-5)).toBe('0 seconds');
  });
});
