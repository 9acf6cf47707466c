/**
 * Rule criteria, compiled once per policy version into closures, and their evaluation with the
 * SAML / SCIM skipping semantics of domain.md §2.5:
 *
 * - SAML operands are skipped while the session's IdP has "SAML Attributes for Policy" off; SCIM
 *   and SCIM_GROUP operands while it has SCIM Sync or "SCIM Attributes for Policy" off, or the
 *   session authenticated before SCIM Attributes for Policy was first enabled (not SCIM-ready).
 * - Zscaler's rule (domain.md §2.5): skipped criteria joined by OR are left out and the rest is
 *   evaluated; joined by AND, the whole rule is not evaluated. Inside an AND condition a skipped
 *   operand therefore makes the rule not evaluated (it cannot match).
 * - The same rule one level up: a condition whose operands are all skipped is itself a skipped
 *   criterion, joined to the rule's other conditions by the rule's operator. OR'ed, it is left
 *   out; AND'ed (the default: different criteria types are AND'ed), the rule is not evaluated,
 *   as is a rule whose conditions were all left out. This is how the simulator reads §2.5 (our
 *   reading, recorded in domain.md §7), not a further step: a "Finance only" rule does not
 *   become "everyone" because SAML is switched off.
 * - The SCIM + AND sentence of the access-policy pages says "ZPA evaluates this policy rule"
 *   where the surrounding text implies it is not evaluated; the simulator takes *not evaluated*
 *   and says so in the trace (SCIM_AND_READING).
 *
 * Values compare case-insensitively, attribute names too (SAML attribute names differ in case
 * between IdPs; SCIM attributes are caseExact=false). Pure: no I/O.
 */
import {
  type ClientType,
  type CriterionTrace,
  type Operator,
  type Platform,
  type PolicyCondition,
  type PolicyOperand,
} from '../../../shared/model/policy.js';
import { compileOperand } from './operands.js';

/** The signed-in user a decision is about. */
export interface PolicySubject {
  idpId: string;
  userName: string;
  clientType: ClientType;
  /** Unknown platform: PLATFORM criteria fail. */
  platform: Platform | null;
  /** SAML attributes (or OIDC claims) of the session, each as a list of values. */
  samlAttributes: Readonly<Record<string, readonly string[]>>;
  /** The user's record in the IdP's SCIM database; null when absent (or SCIM Sync is off). */
  scim: ScimSubject | null;
  /** Authenticated after SCIM Attributes for Policy was first enabled for the IdP. */
  scimReady: boolean;
  /** When the user authenticated (ms): the timeout policy counts from here. */
  authTime: number;
}

export interface ScimSubject {
  active: boolean;
  /** As stored by the SCIM service (canonical keys, enterprise extension under its URN). */
  attributes: Readonly<Record<string, unknown>>;
  /** Direct group memberships: SCIM group id and displayName. */
  groups: readonly { id: string; name: string }[];
}

/** The policy toggles of the session's IdP (domain.md §2.5). */
export interface IdpPolicySettings {
  id: string;
  name: string;
  samlAttributesForPolicy: boolean;
  scimSyncEnabled: boolean;
  scimAttributesForPolicy: boolean;
  /**
   * When SCIM-based rules take effect (ms): the configured wait after SCIM Sync was first
   * enabled (domain.md §2.5, the real service's 48 hours to a week). Absent: at once.
   */
  scimPolicyEffectiveAt?: number | null;
}

type Family = 'plain' | 'saml' | 'scim';

/** Said in the trace when skipped SCIM criteria make an AND rule not evaluated (domain.md §7). */
export const SCIM_AND_READING =
  "the simulator's reading of Zscaler's ambiguous SCIM + AND sentence: the rule is not evaluated";

/** Per-decision state the compiled closures read. */
export class EvalState {
  segmentId = '';
  segmentName = '';
  segmentGroupId = '';
  /** Why SAML / SCIM criteria are skipped for this session, or null when they are evaluated. */
  readonly samlSkip: string | null;
  readonly scimSkip: string | null;
  private samlMap: Map<string, Set<string>> | undefined;
  private groupIds: Set<string> | undefined;

  constructor(
    readonly subject: PolicySubject,
    readonly idp: IdpPolicySettings,
    now = Infinity,
  ) {
    const name = `IdP "${idp.name}"`;
    const effectiveAt = idp.scimPolicyEffectiveAt ?? null;
    this.samlSkip = idp.samlAttributesForPolicy
      ? null
      : `SAML criteria skipped: SAML Attributes for Policy is off for ${name}`;
    this.scimSkip = !idp.scimSyncEnabled
      ? `SCIM criteria skipped: SCIM Sync is off for ${name}`
      : !idp.scimAttributesForPolicy
        ? `SCIM criteria skipped: SCIM Attributes for Policy is off for ${name}`
        : effectiveAt !== null && now < effectiveAt
          ? `SCIM criteria skipped: SCIM-based rules are not effective yet for ${name} — they take effect at ${new Date(effectiveAt).toISOString()}, the configured wait after SCIM Sync was first enabled (the real service advises 48 hours to a week)`
          : !subject.scimReady
            ? 'SCIM criteria skipped: session authenticated before SCIM Attributes for Policy was first enabled — reauthenticate'
            : null;
  }

  setSegment(id: string, name: string, groupId: string) {
    this.segmentId = id;
    this.segmentName = name;
    this.segmentGroupId = groupId;
  }

  skipReason(family: Family): string | null {
    return family === 'saml' ? this.samlSkip : family === 'scim' ? this.scimSkip : null;
  }

  /** SAML attributes by lower-case name, values lower-cased; built on first use. */
  saml(): Map<string, Set<string>> {
    if (!this.samlMap) {
      this.samlMap = new Map();
      for (const [name, values] of Object.entries(this.subject.samlAttributes)) {
        const key = name.toLowerCase();
        let set = this.samlMap.get(key);
        if (!set) this.samlMap.set(key, (set = new Set()));
        for (const v of values) set.add(String(v).toLowerCase());
      }
    }
    return this.samlMap;
  }

  /** Matches the SCIM group's id only (names are display: domain.md §7). */
  inScimGroup(id: string): boolean {
    this.groupIds ??= new Set((this.subject.scim?.groups ?? []).map((g) => g.id));
    return this.groupIds.has(id);
  }
}

export interface CompiledOperand {
  readonly source: PolicyOperand;
  readonly family: Family;
  test(s: EvalState): boolean;
  /** Why it matched or failed, for the trace (only called while tracing). */
  explain(s: EvalState, matched: boolean): string;
}

export interface CompiledCondition {
  readonly index: number;
  readonly operator: Operator;
  readonly operands: readonly CompiledOperand[];
  readonly hasSaml: boolean;
  readonly hasScim: boolean;
  readonly hasPlain: boolean;
}

export interface CompiledCriteria {
  readonly operator: Operator;
  readonly conditions: readonly CompiledCondition[];
  /** Any SAML or SCIM operand at all (rules without them never need the skip checks). */
  readonly toggleSensitive: boolean;
}

export type RuleResult = 'matched' | 'not_matched' | 'skipped';

export function compileCriteria(
  operator: Operator,
  conditions: readonly PolicyCondition[],
): CompiledCriteria {
  let toggleSensitive = false;
  const compiled = conditions.map((c, index): CompiledCondition => {
    const operands = c.operands.map(compileOperand);
    const hasSaml = operands.some((o) => o.family === 'saml');
    const hasScim = operands.some((o) => o.family === 'scim');
    if (hasSaml || hasScim) toggleSensitive = true;
    return {
      index,
      operator: c.operator,
      operands,
      hasSaml,
      hasScim,
      hasPlain: operands.some((o) => o.family === 'plain'),
    };
  });
  return { operator, conditions: compiled, toggleSensitive };
}

/**
 * Evaluates compiled criteria. With a `trace` array every operand of the rule is evaluated and
 * recorded; without one, evaluation stops as soon as the result is known.
 */
export function evaluateCriteria(
  c: CompiledCriteria,
  s: EvalState,
  trace: CriterionTrace[] | null,
): { readonly result: RuleResult; readonly reason: string } {
  const conds = c.conditions;
  // Skips only matter for rules with SAML / SCIM criteria, in sessions where some are skipped.
  const skipping = c.toggleSensitive && (s.samlSkip !== null || s.scimSkip !== null);
  if (skipping) {
    let dropped = 0;
    for (const cond of conds) {
      if (cond.operator === 'AND') {
        const why = (cond.hasSaml && s.samlSkip) || (cond.hasScim && s.scimSkip);
        if (why) {
          if (trace) traceSkippedRule(c, s, trace, why);
          return {
            result: 'skipped',
            reason: `rule not evaluated: condition ${cond.index + 1} ANDs criteria that are skipped (${why})${scimReading(why, s)}`,
          };
        }
      } else if (allSkipped(cond, s)) {
        if (c.operator === 'AND') {
          const why = (cond.hasSaml && s.samlSkip) || s.scimSkip!;
          if (trace) traceSkippedRule(c, s, trace, why);
          return {
            result: 'skipped',
            reason: `rule not evaluated: every criterion of condition ${cond.index + 1} is skipped and the conditions are AND'ed (${why})${scimReading(why, s)}`,
          };
        }
        dropped++; // OR'ed with the other conditions: left out
      }
    }
    if (dropped > 0 && dropped === conds.length) {
      if (trace) traceSkippedRule(c, s, trace, 'every condition is skipped');
      return { result: 'skipped', reason: 'rule not evaluated: every condition is skipped' };
    }
  }

  if (conds.length === 0) return NO_CRITERIA;
  const all = c.operator === 'AND';
  let result = all;
  for (const cond of conds) {
    // An OR condition left out above evaluates to false here, tracing each criterion as skipped.
    const m = evaluateCondition(cond, s, trace);
    if (all && !m) {
      result = false;
      if (!trace) break;
    } else if (!all && m) {
      result = true;
      if (!trace) break;
    }
  }
  return result ? MATCHED : NOT_MATCHED;
}

const scimReading = (why: string, s: EvalState) =>
  why === s.scimSkip ? `; ${SCIM_AND_READING}` : '';

const MATCHED = { result: 'matched', reason: 'all criteria matched' } as const;
const NOT_MATCHED = { result: 'not_matched', reason: 'criteria did not match' } as const;
const NO_CRITERIA = { result: 'matched', reason: 'the rule has no criteria' } as const;

/** An OR condition with nothing left to evaluate: only SAML / SCIM criteria, all skipped. */
const allSkipped = (cond: CompiledCondition, s: EvalState) =>
  !cond.hasPlain &&
  (!cond.hasSaml || s.samlSkip !== null) &&
  (!cond.hasScim || s.scimSkip !== null);

function evaluateCondition(
  cond: CompiledCondition,
  s: EvalState,
  trace: CriterionTrace[] | null,
): boolean {
  if (cond.operator === 'AND') {
    let ok = true;
    for (const o of cond.operands) {
      const m = o.test(s);
      if (trace) push(trace, cond, o, m ? 'matched' : 'failed', o.explain(s, m));
      if (!m) {
        ok = false;
        if (!trace) break;
      }
    }
    return ok;
  }
  let any = false;
  for (const o of cond.operands) {
    const skip = s.skipReason(o.family);
    if (skip !== null) {
      if (trace) push(trace, cond, o, 'skipped', skip);
      continue;
    }
    const m = o.test(s);
    if (trace) push(trace, cond, o, m ? 'matched' : 'failed', o.explain(s, m));
    if (m) {
      any = true;
      if (!trace) break;
    }
  }
  return any;
}

function traceSkippedRule(c: CompiledCriteria, s: EvalState, trace: CriterionTrace[], why: string) {
  for (const cond of c.conditions) {
    for (const o of cond.operands) {
      const own = s.skipReason(o.family);
      push(trace, cond, o, 'skipped', own ?? `not evaluated: ${why}`);
    }
  }
}

function push(
  trace: CriterionTrace[],
  cond: CompiledCondition,
  o: CompiledOperand,
  result: CriterionTrace['result'],
  reason: string,
) {
  const { objectType, lhs, rhs, idpId } = o.source;
  trace.push({
    condition: cond.index,
    objectType,
    lhs,
    rhs,
    ...(idpId !== undefined ? { idpId } : {}),
    result,
    reason,
  });
}
