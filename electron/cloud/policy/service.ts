/**
 * The policy service: administration of segments, segment groups and the three policy sets
 * (validated, limited, kept consistent, versioned), and decisions for connector sessions. The
 * compiled policy is cached by version and rebuilt on the first decision after a change, so a
 * decision costs the same whatever the number of users: the SCIM record is one indexed lookup
 * by userName, its groups one more, and only when a SCIM_GROUP criterion is evaluated.
 */
import { randomInt } from 'node:crypto';
import {
  DEFAULT_CLIENT_TYPE,
  DEFAULT_IDLE_TIMEOUT_SECONDS,
  DEFAULT_REAUTH_TIMEOUT_SECONDS,
  MAX_APP_OPERANDS_PER_RULE,
  POLICY_RULE_LIMITS,
  POLICY_TYPES,
  type AppRequest,
  type AppSegment,
  type ClientType,
  type Decision,
  type Platform,
  type PolicyRule,
  type PolicyRuleByType,
  type PolicyType,
  type SegmentGroup,
} from '../../../shared/model/policy.js';
import type { IdpService } from '../idp-config/idp-service.js';
import { NotFoundError, ConflictError, InvalidError } from '../domain-errors.js';
import { isoTime, type Clock } from '../clock/clock.js';
import type { CloudEvents } from '../events.js';
import { UniquenessViolation, type Store } from '../store/types.js';
import { compilePolicy, type CompiledPolicy } from './compile.js';
import type { IdpPolicySettings, PolicySubject, ScimSubject } from './criteria.js';
import { decide, decideForSegment, type DecideOptions, type DecisionInput } from './engine.js';
import {
  createSegmentGroupSchema,
  createSegmentSchema,
  patchSegmentGroupSchema,
  patchSegmentSchema,
  reorderSchema,
} from '../../../shared/contract/cloud-api/policy-input.js';
import { parseCreateRule, parseInput, parsePatchRule } from './rule-input.js';
import { formatRanges, rangesOverlap } from './segments.js';

/**
 * What a decision needs of a connector session. ConnectorSessionView (auth/types.ts) fits as is;
 * clientType defaults to the Client Connector, an absent platform fails PLATFORM criteria.
 */
export interface PolicySessionContext {
  idpId: string;
  userName: string;
  attributes: Readonly<Record<string, readonly string[]>>;
  /** When the user authenticated (ms or ISO 8601): the timeout policy counts from here. */
  authTime: number | string;
  /**
   * When the cloud completed this sign-in (ms or ISO 8601; authTime when absent). The session is
   * SCIM-ready if this is not before "SCIM Attributes for Policy" was first enabled.
   */
  createdAt?: number | string;
  /** Overrides the SCIM readiness computed from createdAt (the broker's LiveSession has it). */
  scimReady?: boolean;
  clientType?: ClientType;
  platform?: Platform | null;
}

export interface PolicySummary {
  version: number;
  limits: Record<PolicyType, number>;
  counts: { segmentGroups: number; segments: number } & Record<PolicyType, number>;
  defaults: { forwarding: 'INTERCEPT'; reauthTimeoutSeconds: number; idleTimeoutSeconds: number };
}

/** ZPA-style 19-digit numeric ids, like the IdP ids. */
const newId = (): string =>
  `${randomInt(1, 10)}${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e9)).padStart(9, '0')}`;

const toMs = (t: number | string): number => (typeof t === 'number' ? t : Date.parse(t));

const notFound = (what: string, id: string) =>
  new NotFoundError('not_found', `No ${what} with id ${id}.`);

export class PolicyService {
  private currentVersion: number;
  private cache: CompiledPolicy | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly events: CloudEvents,
    private readonly idps: Pick<IdpService, 'stored'>,
  ) {
    this.currentVersion = store.policy.version();
    // Another service on the same store (tests, tools) changed the policy: recompile.
    events.on('policy.changed', ({ version }) => {
      if (version > this.currentVersion) this.currentVersion = version;
    });
  }

  // -------------------------------------------------------------------------------------------
  // Decisions

  get version(): number {
    return this.currentVersion;
  }

  /** The compiled policy of the current version (compiled on first use after a change). */
  compiled(): CompiledPolicy {
    if (this.cache?.version !== this.currentVersion) {
      const p = this.store.policy;
      this.cache = compilePolicy({
        version: this.currentVersion,
        segmentGroups: p.segmentGroups(),
        segments: p.segments(),
        access: p.rules('access'),
        forwarding: p.rules('forwarding'),
        timeout: p.rules('timeout'),
      });
    }
    return this.cache;
  }

  /** The decision for one app request of a connector session, with its trace. */
  decide(session: PolicySessionContext, request: AppRequest, options?: DecideOptions): Decision {
    const decision = decide(this.compiled(), this.inputFor(session, request), options);
    return options?.trace === false ? decision : this.named(decision);
  }

  /** Adds the names of the segments, segment groups and IdPs a trace refers to by id. */
  private named(decision: Decision): Decision {
    const policy = this.compiled();
    const idpName = (id: string) => this.idps.stored(id)?.config.name;
    const nameOf = (type: string, id: string): string | undefined => {
      if (type === 'APP') return policy.segmentById.get(id)?.segment.name;
      if (type === 'APP_GROUP') return policy.groupById.get(id)?.name;
      if (type === 'IDP') return idpName(id);
      return undefined;
    };
    for (const entry of decision.trace ?? []) {
      for (const c of entry.criteria ?? []) {
        const rhsName = nameOf(c.objectType, c.rhs);
        if (rhsName) c.rhsName = rhsName;
        const lhsName = c.objectType === 'SCIM_GROUP' ? idpName(c.lhs) : undefined;
        if (lhsName) c.lhsName = lhsName;
      }
    }
    return decision;
  }

  /** The engine's input for a session: the IdP toggles, the live SCIM record, SCIM readiness. */
  inputFor(session: PolicySessionContext, request: AppRequest): DecisionInput {
    const config = this.idps.stored(session.idpId)?.config;
    const idp: IdpPolicySettings | null = config
      ? {
          id: config.id,
          name: config.name,
          samlAttributesForPolicy: config.samlAttributesForPolicy,
          scimSyncEnabled: config.scimSyncEnabled,
          scimAttributesForPolicy: config.scimAttributesForPolicy,
        }
      : null;
    const authTime = toMs(session.authTime);
    const createdAt = session.createdAt === undefined ? authTime : toMs(session.createdAt);
    const firstEnabled = config?.scimAttributesForPolicyFirstEnabledAt;
    const subject: PolicySubject = {
      idpId: session.idpId,
      userName: session.userName,
      clientType: session.clientType ?? DEFAULT_CLIENT_TYPE,
      platform: session.platform ?? null,
      samlAttributes: session.attributes,
      scim: config?.scimSyncEnabled ? this.scimSubject(session.idpId, session.userName) : null,
      scimReady:
        session.scimReady ?? (firstEnabled ? createdAt >= Date.parse(firstEnabled) : false),
      authTime,
    };
    return { request, subject, idp, now: this.clock.now() };
  }

  /**
   * The decision for every application segment (on its first domain and port), for app lists:
   * one SCIM lookup for all of them. Trace off unless asked for.
   */
  apps(
    session: PolicySessionContext,
    options: DecideOptions = { trace: false },
  ): { segment: AppSegment; decision: Decision }[] {
    const policy = this.compiled();
    const input = this.inputFor(session, { fqdn: '', port: 0 });
    const out: { segment: AppSegment; decision: Decision }[] = [];
    for (const { segment } of policy.segmentById.values()) {
      const tcp = segment.tcpPortRanges[0];
      const udp = segment.udpPortRanges[0];
      const request: AppRequest = tcp
        ? { fqdn: segment.domains[0] ?? '', port: tcp.from, protocol: 'TCP' }
        : { fqdn: segment.domains[0] ?? '', port: udp?.from ?? 0, protocol: 'UDP' };
      const decision = decideForSegment(policy, { ...input, request }, segment.id, options);
      if (decision) out.push({ segment, decision });
    }
    return out;
  }

  /** Evaluates an explicit engine input against the current policy (what-if, tests, bench). */
  evaluate(input: DecisionInput, options?: DecideOptions): Decision {
    return decide(this.compiled(), input, options);
  }

  private scimSubject(idpId: string, userName: string): ScimSubject | null {
    const user = this.store.scim.findByName('User', idpId, userName)[0];
    if (!user) return null;
    const scim = this.store.scim;
    let groups: ScimSubject['groups'] | undefined;
    return {
      active: user.active,
      attributes: user.attributes,
      // Read only when a SCIM_GROUP criterion is evaluated.
      get groups() {
        return (groups ??= scim
          .groupsOf(idpId, user.id)
          .map((g) => ({ id: g.value, name: g.display })));
      },
    };
  }

  // -------------------------------------------------------------------------------------------
  // Administration

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
      this.assertUnreferenced('APP_GROUP', id, `Segment group "${group.name}"`);
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
      this.checkSegment(segment);
      nameFree('application segment', () => this.store.policy.putSegment(segment));
    });
    return segment;
  }

  updateSegment(id: string, body: unknown): AppSegment {
    const patch = parseInput(patchSegmentSchema, body);
    return this.write(() => {
      const current = this.getSegment(id);
      const next: AppSegment = { ...current, ...patch, updatedAt: isoTime(this.clock.now()) };
      this.checkSegment(next);
      nameFree('application segment', () => this.store.policy.putSegment(next));
      return next;
    });
  }

  removeSegment(id: string): void {
    this.write(() => {
      const segment = this.getSegment(id);
      this.assertUnreferenced('APP', id, `Application segment "${segment.name}"`);
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
      this.checkRule(rule);
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
      this.checkRule(next);
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

  // -------------------------------------------------------------------------------------------

  /** Runs a change in one transaction, bumps the version, then tells the rest of the cloud. */
  private write<T>(fn: () => T): T {
    const { result, version } = this.store.transaction(() => ({
      result: fn(),
      version: this.store.policy.bumpVersion(),
    }));
    this.currentVersion = version;
    this.events.emit('policy.changed', { version });
    return result;
  }

  private checkSegment(segment: AppSegment) {
    if (segment.tcpPortRanges.length === 0 && segment.udpPortRanges.length === 0) {
      throw new InvalidError(
        'invalid_request',
        'tcpPortRanges / udpPortRanges: give at least one TCP or UDP port range.',
      );
    }
    if (!this.store.policy.segmentGroup(segment.segmentGroupId)) {
      throw new InvalidError(
        'invalid_reference',
        `segmentGroupId: no segment group with id ${segment.segmentGroupId}.`,
      );
    }
    const own = new Set(segment.domains);
    for (const other of this.store.policy.segments()) {
      if (other.id === segment.id) continue;
      // A host and protocol belong to one segment only: no overlapping ports on the same entry.
      for (const d of other.domains) {
        if (!own.has(d)) continue;
        for (const [proto, a, b] of [
          ['TCP', segment.tcpPortRanges, other.tcpPortRanges],
          ['UDP', segment.udpPortRanges, other.udpPortRanges],
        ] as const) {
          if (rangesOverlap(a, b)) {
            throw new ConflictError(
              'segment_conflict',
              `${d} ${proto} ports ${formatRanges(a)} overlap application segment "${other.name}" (${formatRanges(b)}): a domain and port belong to one segment only.`,
            );
          }
        }
      }
    }
  }

  private checkRule(rule: PolicyRule) {
    let apps = 0;
    const problems: string[] = [];
    rule.conditions.forEach((c, ci) =>
      c.operands.forEach((o, oi) => {
        const at = `conditions.${ci}.operands.${oi}`;
        const idp = (idpId: string, field: string) => {
          if (!this.idps.stored(idpId)) problems.push(`${at}.${field}: no IdP with id ${idpId}`);
        };
        if (o.objectType === 'APP') {
          apps++;
          if (!this.store.policy.segment(o.rhs)) {
            problems.push(`${at}.rhs: no application segment with id ${o.rhs}`);
          }
        } else if (o.objectType === 'APP_GROUP') {
          if (!this.store.policy.segmentGroup(o.rhs)) {
            problems.push(`${at}.rhs: no segment group with id ${o.rhs}`);
          }
        } else if (o.objectType === 'IDP') idp(o.rhs, 'rhs');
        else if (o.objectType === 'SCIM_GROUP') idp(o.lhs, 'lhs');
        if (o.idpId !== undefined && o.objectType !== 'SCIM_GROUP') idp(o.idpId, 'idpId');
      }),
    );
    if (problems.length) {
      throw new InvalidError('invalid_reference', problems.join('; '));
    }
    if (apps > MAX_APP_OPERANDS_PER_RULE) {
      throw new InvalidError(
        'limit_reached',
        `A rule can name at most ${MAX_APP_OPERANDS_PER_RULE} application segments (this one names ${apps}).`,
      );
    }
  }

  private assertUnreferenced(objectType: 'APP' | 'APP_GROUP', id: string, what: string) {
    const users: string[] = [];
    for (const type of POLICY_TYPES) {
      for (const r of this.store.policy.rules(type)) {
        if (
          r.conditions.some((c) =>
            c.operands.some((o) => o.objectType === objectType && o.rhs === id),
          )
        ) {
          users.push(`${type} rule "${r.name}"`);
        }
      }
    }
    if (users.length) {
      throw new ConflictError(
        'in_use',
        `${what} is used by ${users.join(', ')}. Remove it from those rules first.`,
      );
    }
  }
}

function policyType<T extends PolicyType>(type: T): T {
  if (!(POLICY_TYPES as readonly string[]).includes(type)) {
    throw new NotFoundError('not_found', `No policy set "${type}" (access, forwarding, timeout).`);
  }
  return type;
}

const names = (list: readonly { name: string }[]) =>
  list
    .slice(0, 5)
    .map((s) => `"${s.name}"`)
    .join(', ') + (list.length > 5 ? `, … (${list.length})` : '');

/** Runs a store write; a name already taken becomes 409 name_taken. */
function nameFree<T>(what: string, write: () => T): T {
  try {
    return write();
  } catch (e) {
    if (e instanceof UniquenessViolation) {
      throw new ConflictError('name_taken', `A ${what} named "${e.message}" already exists.`);
    }
    throw e;
  }
}

function throwErr(e: Error): never {
  throw e;
}
