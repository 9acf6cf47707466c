/**
 * Which rules a decision looks at for a segment (policy/compile.ts): rules in rule order, each
 * once, limited up front to the segments and segment groups their criteria name; a rule that can
 * match anywhere is a candidate everywhere. Found by mutation testing (npm run test:mutation --
 * policy/compile).
 */
import { describe, expect, it } from 'vitest';
import { compilePolicy, segmentScope } from '../../../electron/cloud/policy/compile.js';
import { allow, and, app, appGroup, compile, group, or, run, saml, segment } from './builders.js';

const segments = [
  segment('a', ['a.acme.example'], [443]),
  segment('b', ['b.acme.example'], [443], { segmentGroupId: 'g2' }),
];
const groups = [group('g1'), group('g2'), group('empty')];
const ids = (rules: readonly { rule: { id: string } }[]) => rules.map((r) => r.rule.id);
const scopeOf = (operator: 'AND' | 'OR', ...conditions: Parameters<typeof segmentScope>[1]) => {
  const s = segmentScope(operator, conditions);
  return s && { segments: [...s.segments].sort(), groups: [...s.groups].sort() };
};

describe('the segments a rule is limited to', () => {
  it('an OR of APP / APP_GROUP operands limits it to them', () => {
    expect(scopeOf('AND', or(app('a'), appGroup('g2')))).toEqual({
      segments: ['a'],
      groups: ['g2'],
    });
  });

  it('an OR with any other operand, or no operand, does not', () => {
    expect(scopeOf('AND', or(app('a'), saml('department', 'Finance')))).toBeNull();
    expect(scopeOf('AND', or())).toBeNull();
  });

  it('an AND condition is limited by its first APP operand', () => {
    expect(scopeOf('AND', and(saml('department', 'Finance'), app('b')))).toEqual({
      segments: ['b'],
      groups: [],
    });
    expect(scopeOf('AND', and(saml('department', 'Finance')))).toBeNull();
  });

  it("AND'ed conditions: one limiting condition is enough", () => {
    expect(scopeOf('AND', or(saml('x', 'y')), or(app('a')))).toEqual({
      segments: ['a'],
      groups: [],
    });
    expect(scopeOf('AND')).toBeNull();
  });

  it("OR'ed conditions: every one must limit, and the rule is limited to their union", () => {
    expect(scopeOf('OR', or(app('a')), or(appGroup('g2')))).toEqual({
      segments: ['a'],
      groups: ['g2'],
    });
    expect(scopeOf('OR', or(app('a')), or(saml('x', 'y')))).toBeNull();
    expect(scopeOf('OR')).toBeNull();
  });
});

describe('the candidates for a segment', () => {
  it('follow rule order, not the order the rules were listed in', () => {
    const stamp = '2026-03-01T09:00:00.000Z';
    const policy = compilePolicy({
      version: 1,
      segmentGroups: groups,
      segments,
      access: [
        { ...allow('third', []), ruleOrder: 3 },
        { ...allow('first', []), ruleOrder: 1 },
        { ...allow('second', []), ruleOrder: 2 },
      ].map((r) => ({ ...r, createdAt: stamp, updatedAt: stamp })),
      forwarding: [],
      timeout: [],
    });
    expect(ids(policy.access.rules)).toEqual(['first', 'second', 'third']);
    expect(ids(policy.access.candidates('a'))).toEqual(['first', 'second', 'third']);
    expect(run(policy, { request: { fqdn: 'a.acme.example' } }).access).toMatchObject({
      ruleId: 'first',
    });
  });

  it('hold a rule naming a segment and its group once', () => {
    const policy = compile({
      groups,
      segments,
      access: [
        allow('a twice', [or(app('a'), appGroup('g1'))]),
        allow('empty group', [or(appGroup('empty'))]),
        allow('everywhere', []),
      ],
    });
    expect(ids(policy.access.candidates('a'))).toEqual(['a twice', 'everywhere']);
    expect(ids(policy.access.candidates('b'))).toEqual(['everywhere']);
    // A segment id the policy does not hold gets only the rules that can apply anywhere.
    expect(ids(policy.access.candidates('gone'))).toEqual(['everywhere']);
  });

  it('a segment is active only with its group enabled; a segment without a group is not', () => {
    const policy = compile({
      groups: [group('g1'), group('g2', { enabled: false })],
      segments: [
        ...segments,
        segment('orphan', ['c.acme.example'], [443], { segmentGroupId: 'x' }),
      ],
      access: [allow('everywhere', [])],
    });
    expect(policy.segmentById.get('a')!.active).toBe(true);
    expect(policy.segmentById.get('b')!.active).toBe(false);
    expect(policy.segmentById.get('orphan')).toMatchObject({ active: false, group: undefined });
    expect(policy.groupById.get('g2')!.enabled).toBe(false);
  });
});
