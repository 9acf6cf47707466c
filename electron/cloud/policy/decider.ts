/**
 * Decisions for connector sessions. The compiled policy is cached by version and rebuilt on the
 * first decision after a change, so a decision costs the same whatever the number of users: the
 * user's SCIM record and groups are read once and kept until a SCIM write (scim-subjects.ts), the
 * groups only when a SCIM_GROUP criterion is evaluated. The administration (service.ts) builds
 * on this.
 */
import {
  DEFAULT_CLIENT_TYPE,
  type AppRequest,
  type AppSegment,
  type ClientType,
  type Decision,
  type Platform,
} from '../../../shared/model/policy.js';
import { scimPolicyEffectiveAt, type IdpService } from '../idp-config/idp-service.js';
import { type Clock } from '../clock/clock.js';
import type { CloudEvents } from '../events.js';
import { type Store } from '../store/types.js';
import { compilePolicy, type CompiledPolicy } from './compile.js';
import type { IdpPolicySettings, PolicySubject } from './criteria.js';
import { decide, decideForSegment, type DecideOptions, type DecisionInput } from './engine.js';
import { scimAttributeById } from './scim-attributes.js';
import { ScimSubjects } from './scim-subjects.js';

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

const toMs = (t: number | string): number => (typeof t === 'number' ? t : Date.parse(t));
const effectiveMs = (iso: string | null) => (iso === null ? null : Date.parse(iso));

export class PolicyDecider {
  protected currentVersion: number;
  private cache: CompiledPolicy | undefined;
  /** The SCIM record and groups of the users decided for, until a SCIM write (scim-subjects.ts). */
  private readonly scimSubjects: ScimSubjects;

  constructor(
    protected readonly store: Store,
    protected readonly clock: Clock,
    protected readonly events: CloudEvents,
    protected readonly idps: Pick<IdpService, 'stored'>,
  ) {
    this.currentVersion = store.policy.version();
    this.scimSubjects = new ScimSubjects(store.scim);
    // Another service on the same store (tests, tools) changed the policy: recompile.
    events.on('policy.changed', ({ version }) => this.changedTo(version));
    // So did another cloud instance on the same database (PostgreSQL), or one may have.
    store.peers.on('policy', (version) => this.changedTo(Number(version)));
    store.peers.onResync(() => this.changedTo(store.policy.version(), true));
  }

  get version(): number {
    return this.currentVersion;
  }

  private changedTo(version: number, recompile = false) {
    if (version > this.currentVersion) this.currentVersion = version;
    if (recompile) this.cache = undefined;
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

  /** Adds the names of the segments, segment groups, IdPs and SCIM objects a trace names by id. */
  private named(decision: Decision): Decision {
    for (const entry of decision.trace ?? []) {
      for (const c of entry.criteria ?? []) Object.assign(c, this.operandNames(c));
    }
    return decision;
  }

  /**
   * The names shown beside the ids of an operand (criteria hold ids; names are display only):
   * segment, segment group, IdP, SCIM group (its current displayName), SCIM attribute.
   */
  operandNames(o: { objectType: string; lhs: string; rhs: string; idpId?: string }): {
    lhsName?: string;
    rhsName?: string;
  } {
    const policy = this.compiled();
    const idpName = (id: string) => this.idps.stored(id)?.config.name;
    let lhsName: string | undefined;
    let rhsName: string | undefined;
    if (o.objectType === 'APP') rhsName = policy.segmentById.get(o.rhs)?.segment.name;
    else if (o.objectType === 'APP_GROUP') rhsName = policy.groupById.get(o.rhs)?.name;
    else if (o.objectType === 'IDP') rhsName = idpName(o.rhs);
    else if (o.objectType === 'SCIM_GROUP') {
      lhsName = idpName(o.lhs);
      rhsName = this.store.scim.get('Group', o.lhs, o.rhs)?.name;
    } else if (o.objectType === 'SCIM') lhsName = scimAttributeById(o.idpId, o.lhs)?.name;
    return { ...(lhsName ? { lhsName } : {}), ...(rhsName ? { rhsName } : {}) };
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
          scimPolicyEffectiveAt: effectiveMs(scimPolicyEffectiveAt(config)),
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
      scim: config?.scimSyncEnabled ? this.scimSubjects.of(session.idpId, session.userName) : null,
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
}
