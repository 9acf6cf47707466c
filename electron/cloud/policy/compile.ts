/**
 * Compiles a policy snapshot once per version: segments into a domain index, every rule's
 * criteria into closures, and each policy set into per-segment candidate lists, so a decision
 * only looks at the rules that can apply to the requested segment (rules whose criteria name
 * other segments or segment groups are left out up front). The cost of a decision depends on
 * the rules of one segment, never on the number of users. Pure: no I/O.
 */
import type {
  OperandType,
  PolicyCondition,
  PolicyRule,
  PolicyRuleByType,
  PolicySnapshot,
  PolicyType,
  SegmentGroup,
} from '../../../shared/model/policy.js';
import { compileCriteria, type CompiledCriteria } from './criteria.js';
import { SegmentIndex, type CompiledSegment } from './segments.js';

export interface CompiledRule<R extends PolicyRule> {
  readonly rule: R;
  readonly criteria: CompiledCriteria;
}

export interface CompiledSet<R extends PolicyRule> {
  readonly type: PolicyType;
  readonly rules: readonly CompiledRule<R>[];
  /** The rules that can apply to a segment, in rule order. */
  candidates(segmentId: string): readonly CompiledRule<R>[];
}

export interface CompiledPolicy {
  readonly version: number;
  readonly segments: SegmentIndex;
  readonly segmentById: ReadonlyMap<string, CompiledSegment>;
  readonly groupById: ReadonlyMap<string, SegmentGroup>;
  readonly access: CompiledSet<PolicyRuleByType['access']>;
  readonly forwarding: CompiledSet<PolicyRuleByType['forwarding']>;
  readonly timeout: CompiledSet<PolicyRuleByType['timeout']>;
}

export function compilePolicy(snapshot: PolicySnapshot): CompiledPolicy {
  const groupById = new Map(snapshot.segmentGroups.map((g) => [g.id, g]));
  const compiledSegments: CompiledSegment[] = snapshot.segments.map((segment) => {
    const group = groupById.get(segment.segmentGroupId);
    return { segment, group, active: segment.enabled && group?.enabled === true };
  });
  const segmentById = new Map(compiledSegments.map((cs) => [cs.segment.id, cs]));
  const segmentsOfGroup = new Map<string, string[]>();
  for (const cs of compiledSegments) {
    const list = segmentsOfGroup.get(cs.segment.segmentGroupId) ?? [];
    list.push(cs.segment.id);
    segmentsOfGroup.set(cs.segment.segmentGroupId, list);
  }
  const segmentIds = compiledSegments.map((cs) => cs.segment.id);
  const set = <T extends PolicyType>(type: T, rules: readonly PolicyRuleByType[T][]) =>
    compileSet(type, rules, segmentIds, segmentsOfGroup);
  return {
    version: snapshot.version,
    segments: new SegmentIndex(compiledSegments),
    segmentById,
    groupById,
    access: set('access', snapshot.access),
    forwarding: set('forwarding', snapshot.forwarding),
    timeout: set('timeout', snapshot.timeout),
  };
}

function compileSet<R extends PolicyRule>(
  type: PolicyType,
  rules: readonly R[],
  segmentIds: readonly string[],
  segmentsOfGroup: ReadonlyMap<string, string[]>,
): CompiledSet<R> {
  const ordered = [...rules].sort((a, b) => a.ruleOrder - b.ruleOrder);
  const compiled = ordered.map((rule): CompiledRule<R> => ({
    rule,
    criteria: compileCriteria(rule.operator, rule.conditions),
  }));
  const bySegment = new Map<string, CompiledRule<R>[]>(segmentIds.map((id) => [id, []]));
  const global: CompiledRule<R>[] = [];
  const add = (segmentId: string, r: CompiledRule<R>) => {
    const list = bySegment.get(segmentId);
    // Rules are added in order, so a rule naming a segment twice is the list's last entry.
    if (list && list[list.length - 1] !== r) list.push(r);
  };
  for (const r of compiled) {
    const scope = segmentScope(r.rule.operator, r.rule.conditions);
    if (scope === null) {
      global.push(r);
      for (const id of segmentIds) add(id, r);
      continue;
    }
    for (const id of scope.segments) add(id, r);
    for (const g of scope.groups) for (const id of segmentsOfGroup.get(g) ?? []) add(id, r);
  }
  return {
    type,
    rules: compiled,
    candidates: (segmentId) => bySegment.get(segmentId) ?? global,
  };
}

const APP_TYPES: ReadonlySet<OperandType> = new Set(['APP', 'APP_GROUP']);

/**
 * The segments and segment groups a rule is limited to, or null when it can apply to any
 * segment. A condition limits the rule when it is an OR of APP / APP_GROUP operands only, or an
 * AND containing one (the rule cannot match outside them); with AND'ed conditions one limiting
 * condition suffices, with OR'ed conditions every condition must limit (their union).
 */
export function segmentScope(
  operator: PolicyRule['operator'],
  conditions: readonly PolicyCondition[],
): { segments: Set<string>; groups: Set<string> } | null {
  const limit = (c: PolicyCondition) => {
    const apps =
      c.operator === 'OR'
        ? c.operands.length > 0 && c.operands.every((o) => APP_TYPES.has(o.objectType))
          ? c.operands
          : null
        : ((o) => (o ? [o] : null))(c.operands.find((o) => APP_TYPES.has(o.objectType)));
    if (!apps) return null;
    const scope = { segments: new Set<string>(), groups: new Set<string>() };
    for (const o of apps) (o.objectType === 'APP' ? scope.segments : scope.groups).add(o.rhs);
    return scope;
  };
  if (operator === 'AND') {
    for (const c of conditions) {
      const scope = limit(c);
      if (scope) return scope;
    }
    return null;
  }
  if (conditions.length === 0) return null;
  const union = { segments: new Set<string>(), groups: new Set<string>() };
  for (const c of conditions) {
    const scope = limit(c);
    if (!scope) return null;
    for (const s of scope.segments) union.segments.add(s);
    for (const g of scope.groups) union.groups.add(g);
  }
  return union;
}
