/** Rule sets evaluated top-down to the first match, with their trace; durations in words. */
import {
  TIMEOUT_NEVER,
  type CriterionTrace,
  type ForwardingAction,
  type PolicyRule,
  type PolicyType,
  type TraceEntry,
} from '../../../shared/model/policy.js';
import type { CompiledRule, CompiledSet } from './compile.js';
import { evaluateCriteria, type EvalState } from './criteria.js';

export const FORWARDING_TEXT: Record<ForwardingAction, string> = {
  INTERCEPT: 'Forward to ZPA (INTERCEPT)',
  BYPASS: 'Bypass ZPA (BYPASS)',
  INTERCEPT_ACCESIBLE: 'Only Forward Allowed Applications (INTERCEPT_ACCESIBLE)',
};

/** What a matching rule does, per rule set (each is also the name of its trace step). */
const RULE_TEXT: Record<PolicyType, (r: PolicyRule) => string> = {
  forwarding: (r) => FORWARDING_TEXT[r.action as ForwardingAction],
  access: (r) => (r.action === 'ALLOW' ? 'Allow Access' : 'Block Access'),
  timeout: (r) => {
    const t = r as PolicyRuleByTimeout;
    return t.reauthTimeoutSeconds === TIMEOUT_NEVER
      ? 'reauthenticate: never'
      : `reauthenticate every ${formatDuration(t.reauthTimeoutSeconds)}`;
  },
};
type PolicyRuleByTimeout = Extract<PolicyRule, { action: 'RE_AUTH' }>;

/** Top-down, first match among the rules that can apply to the segment (traced under the set's type). */
export function firstMatch<R extends PolicyRule>(
  set: CompiledSet<R>,
  segmentId: string,
  st: EvalState,
  trace: TraceEntry[] | null,
): CompiledRule<R> | undefined {
  const step = set.type;
  const candidates = set.candidates(segmentId);
  if (trace && candidates.length < set.rules.length) {
    const n = set.rules.length - candidates.length;
    trace.push({
      step,
      result: 'not_considered',
      message: `${n} of ${set.rules.length} ${step} rules only apply to other segments or segment groups: not evaluated`,
    });
  }
  for (const r of candidates) {
    const criteria: CriterionTrace[] | null = trace ? [] : null;
    const { result, reason } = evaluateCriteria(r.criteria, st, criteria);
    if (trace) {
      const head = `${step} rule ${r.rule.ruleOrder} "${r.rule.name}"`;
      trace.push({
        step,
        result,
        message:
          result === 'matched'
            ? `${head} matched: ${RULE_TEXT[step](r.rule)}`
            : result === 'skipped'
              ? `${head}: ${reason}`
              : `${head} did not match`,
        ruleId: r.rule.id,
        ruleName: r.rule.name,
        ruleOrder: r.rule.ruleOrder,
        criteria: criteria!,
      });
    }
    if (result === 'matched') return r;
  }
  return undefined;
}

/** 28800 → "8 hours", 604800 → "7 days", 5400 → "1 hour 30 minutes". */
export function formatDuration(seconds: number): string {
  const parts: string[] = [];
  let rest = Math.max(0, Math.floor(seconds));
  for (const [unit, size] of [
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
    ['second', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n} ${unit}${n === 1 ? '' : 's'}`);
    if (parts.length === 2) break;
  }
  return parts.length ? parts.join(' ') : '0 seconds';
}
