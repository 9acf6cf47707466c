/**
 * The policy service: administration of segments, segment groups and the three policy sets
 * (validated, limited, kept consistent, versioned), on top of the decisions (decider.ts).
 */
import {
  DEFAULT_IDLE_TIMEOUT_SECONDS,
  DEFAULT_REAUTH_TIMEOUT_SECONDS,
  POLICY_RULE_LIMITS,
  type AppSegment,
  type PolicyRuleByType,
  type PolicyType,
  type SegmentGroup,
} from '../../../shared/model/policy.js';
import { ConflictError, InvalidError } from '../domain-errors.js';
import { isoTime } from '../clock/clock.js';
import {
  createSegmentGroupSchema,
  createSegmentSchema,
  patchSegmentGroupSchema,
  patchSegmentSchema,
  reorderSchema,
} from '../../../shared/contract/cloud-api/policy-input.js';
import { parseCreateRule, parseInput, parsePatchRule } from './rule-input.js';
import { PolicyDecider } from './decider.js';
import {
  assertUnreferenced,
  checkRule,
  checkSegment,
  nameFree,
  names,
  newId,
  notFound,
  policyType,
  throwErr,
} from './admin-checks.js';

export interface PolicySummary {
  version: number;
  limits: Record<PolicyType, number>;
  counts: { segmentGroups: number; segments: number } & Record<PolicyType, number>;
  defaults: { forwarding: 'INTERCEPT'; reauthTimeoutSeconds: number; idleTimeoutSeconds: number };
}

export class PolicyService extends PolicyDecider {
  summary(): PolicySummary {
    const p = this.store.policy;
    return {
      version: this.currentVersion,
      limits: { ...POLICY_RULE_LIMITS },
      counts: {
        segmentGroups: p.segmentGroups().length,
        segments: p.segments().length,
        access: p.countRules('access'),
        forwarding: p.countRules('forwarding'),
        timeout: p.countRules('timeout'),
      },
      defaults: {
        forwarding: 'INTERCEPT',
        reauthTimeoutSeconds: DEFAULT_REAUTH_TIMEOUT_SECONDS,
        idleTimeoutSeconds: DEFAULT_IDLE_TIMEOUT_SECONDS,
      },
    };
  }

  listSegmentGroups(): SegmentGroup[] {
    return this.store.policy.segmentGroups();
  }

  getSegmentGroup(id: string): SegmentGroup {
    return this.store.policy.segmentGroup(id) ?? throwErr(notFound('segment group', id));
  }

  createSegmentGroup(body: unknown): SegmentGroup {
    const input = parseInput(createSegmentGroupSchema, body);
    const now = isoTime(this.clock.now());
    const group: SegmentGroup = {
      id: newId(),
      name: input.name,
      description: input.description ?? '',
      enabled: input.enabled ?? true,
      createdAt: now,
      updatedAt: now,
    };
    this.write(() => nameFree('segment group', () => this.store.policy.putSegmentGroup(group)));
    return group;
  }

  updateSegmentGroup(id: string, body: unknown): SegmentGroup {
    const patch = parseInput(patchSegmentGroupSchema, body);
    return this.write(() => {
      const current = this.getSegmentGroup(id);
      const next = { ...current, ...patch, updatedAt: isoTime(this.clock.now()) };
      nameFree('segment group', () => this.store.policy.putSegmentGroup(next));
      return next;
    });
  }

  removeSegmentGroup(id: string): void {
    this.write(() => {
      const group = this.getSegmentGroup(id);
      const segments = this.store.policy.segments().filter((s) => s.segmentGroupId === id);
      if (segments.length > 0) {
        throw new ConflictError(
          'in_use',
          `Segment group "${group.name}" still holds ${segments.length} application segment(s): ${names(segments)}. Move or delete them first.`,
        );
      }
      assertUnreferenced(this.store, 'APP_GROUP', id, `Segment group "${group.name}"`);
      this.store.policy.removeSegmentGroup(id);
    });
  }

  listSegments(): AppSegment[] {
    return this.store.policy.segments();
  }

  getSegment(id: string): AppSegment {
    return this.store.policy.segment(id) ?? throwErr(notFound('application segment', id));
  }

  createSegment(body: unknown): AppSegment {
    const input = parseInput(createSegmentSchema, body);
    const now = isoTime(this.clock.now());
    const segment: AppSegment = {
      id: newId(),
      name: input.name,
      description: input.description ?? '',
      domains: input.domains,
      tcpPortRanges: input.tcpPortRanges ?? [],
      udpPortRanges: input.udpPortRanges ?? [],
      enabled: input.enabled ?? true,
      segmentGroupId: input.segmentGroupId,
      bypassType: input.bypassType ?? 'NEVER',
      createdAt: now,
      updatedAt: now,
    };
    this.write(() => {
      checkSegment(this.store, segment);
      nameFree('application segment', () => this.store.policy.putSegment(segment));
    });
    return segment;
  }

  updateSegment(id: string, body: unknown): AppSegment {
    const patch = parseInput(patchSegmentSchema, body);
    return this.write(() => {
      const current = this.getSegment(id);
      const next: AppSegment = { ...current, ...patch, updatedAt: isoTime(this.clock.now()) };
      checkSegment(this.store, next);
      nameFree('application segment', () => this.store.policy.putSegment(next));
      return next;
    });
  }

  removeSegment(id: string): void {
    this.write(() => {
      const segment = this.getSegment(id);
      assertUnreferenced(this.store, 'APP', id, `Application segment "${segment.name}"`);
      this.store.policy.removeSegment(id);
    });
  }

  listRules<T extends PolicyType>(type: T): PolicyRuleByType[T][] {
    return this.store.policy.rules(policyType(type));
  }

  getRule<T extends PolicyType>(type: T, id: string): PolicyRuleByType[T] {
    return this.store.policy.rule(policyType(type), id) ?? throwErr(notFound(`${type} rule`, id));
  }

  createRule<T extends PolicyType>(type: T, body: unknown): PolicyRuleByType[T] {
    policyType(type);
    const input = parseCreateRule(type, body);
    const now = isoTime(this.clock.now());
    const base = {
      id: newId(),
      name: input.name,
      description: input.description ?? '',
      operator: input.operator ?? 'AND',
      conditions: input.conditions ?? [],
      ruleOrder: 0,
      createdAt: now,
      updatedAt: now,
    };
    const rule = (
      type === 'access'
        ? { ...base, action: input.action ?? 'ALLOW', customMsg: input.customMsg ?? null }
        : type === 'forwarding'
          ? { ...base, action: input.action ?? 'INTERCEPT' }
          : {
              ...base,
              action: 'RE_AUTH',
              reauthTimeoutSeconds: input.reauthTimeoutSeconds ?? DEFAULT_REAUTH_TIMEOUT_SECONDS,
              idleTimeoutSeconds: input.idleTimeoutSeconds ?? DEFAULT_IDLE_TIMEOUT_SECONDS,
              messageToUser: input.messageToUser ?? null,
            }
    ) as PolicyRuleByType[T];
    return this.write(() => {
      const count = this.store.policy.countRules(type);
      const limit = POLICY_RULE_LIMITS[type];
      if (count >= limit) {
        throw new ConflictError(
          'limit_reached',
          `The ${type} policy already has ${count} rules, the maximum is ${limit}.`,
        );
      }
      const order = input.ruleOrder ?? count + 1;
      if (order > count + 1) {
        throw new InvalidError(
          'invalid_request',
          `ruleOrder: must be between 1 and ${count + 1} (the ${type} policy has ${count} rules).`,
        );
      }
      rule.ruleOrder = order;
      checkRule(this.store, this.idps, rule);
      nameFree(`${type} rule`, () => this.store.policy.insertRule(type, rule));
      return this.store.policy.rule(type, rule.id)!;
    });
  }

  updateRule<T extends PolicyType>(type: T, id: string, body: unknown): PolicyRuleByType[T] {
    policyType(type);
    const patch = parsePatchRule(type, body);
    return this.write(() => {
      const current = this.getRule(type, id);
      const { ruleOrder, ...fields } = patch;
      const next = {
        ...current,
        ...fields,
        updatedAt: isoTime(this.clock.now()),
      } as PolicyRuleByType[T];
      checkRule(this.store, this.idps, next);
      nameFree(`${type} rule`, () => this.store.policy.updateRule(type, next));
      if (ruleOrder !== undefined && ruleOrder !== current.ruleOrder) {
        const ids = this.store.policy.rules(type).map((r) => r.id);
        if (ruleOrder > ids.length) {
          throw new InvalidError(
            'invalid_request',
            `ruleOrder: must be between 1 and ${ids.length}.`,
          );
        }
        ids.splice(current.ruleOrder - 1, 1);
        ids.splice(ruleOrder - 1, 0, id);
        this.store.policy.reorder(type, ids);
      }
      return this.store.policy.rule(type, id)!;
    });
  }

  removeRule(type: PolicyType, id: string): void {
    policyType(type);
    this.write(() => {
      if (!this.store.policy.removeRule(type, id)) throw notFound(`${type} rule`, id);
    });
  }

  /** POST .../reorder with every rule id of the set, in the new order. */
  reorderRules<T extends PolicyType>(type: T, body: unknown): PolicyRuleByType[T][] {
    policyType(type);
    const { ruleIds } = parseInput(reorderSchema, body);
    return this.write(() => {
      const existing = this.store.policy.rules(type).map((r) => r.id);
      const known = new Set(existing);
      const seen = new Set<string>();
      const duplicates = ruleIds.filter((i) => seen.size === seen.add(i).size);
      const unknown = ruleIds.filter((i) => !known.has(i));
      const missing = existing.filter((i) => !seen.has(i));
      if (duplicates.length || unknown.length || missing.length) {
        const parts = [
          duplicates.length ? `listed twice: ${duplicates.join(', ')}` : '',
          unknown.length ? `not ${type} rules: ${unknown.join(', ')}` : '',
          missing.length ? `missing: ${missing.join(', ')}` : '',
        ].filter(Boolean);
        throw new InvalidError(
          'invalid_request',
          `ruleIds must list every ${type} rule exactly once (${parts.join('; ')}).`,
        );
      }
      this.store.policy.reorder(type, ruleIds);
      return this.store.policy.rules(type);
    });
  }

  /**
   * Runs a change in one transaction that first bumps the version, then tells the rest of the
   * cloud. Bumping first takes the policy write lock (store.policy.bumpVersion): a change made
   * on another instance at the same moment waits, then reads this one's rules and positions
   * before it checks and shifts them, so orders stay 1..n and every change is counted.
   */
  private write<T>(fn: () => T): T {
    const { result, version } = this.store.transaction(() => {
      const version = this.store.policy.bumpVersion();
      return { result: fn(), version };
    });
    this.currentVersion = version;
    this.events.emit('policy.changed', { version });
    return result;
  }
}
