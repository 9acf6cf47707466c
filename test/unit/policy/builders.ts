/** Builders for policy snapshots, subjects and decisions in the engine's unit tests. */
import { compilePolicy } from '../../../electron/cloud/policy/compile.js';
import type {
  IdpPolicySettings,
  PolicySubject,
  ScimSubject,
} from '../../../electron/cloud/policy/criteria.js';
import { decide, type DecideOptions } from '../../../electron/cloud/policy/engine.js';
import { scimAttributeId } from '../../../electron/cloud/policy/scim-attributes.js';
import type {
  AccessRule,
  AppRequest,
  AppSegment,
  ForwardingRule,
  PolicyCondition,
  PolicyOperand,
  SegmentGroup,
  TimeoutRule,
} from '../../../shared/model/policy.js';
import { resolveScimPolicyAttribute } from '../../../shared/model/policy.js';

export const T0 = Date.parse('2026-03-01T09:00:00Z');
export const IDP = 'idp-okta';
export const OTHER_IDP = 'idp-other';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const stamp = new Date(T0).toISOString();

export function group(id: string, extra: Partial<SegmentGroup> = {}): SegmentGroup {
  return {
    id,
    name: id,
    description: '',
    enabled: true,
    createdAt: stamp,
    updatedAt: stamp,
    ...extra,
  };
}

export function segment(
  id: string,
  domains: string[],
  tcp: (number | [number, number])[],
  extra: Partial<AppSegment> = {},
): AppSegment {
  return {
    id,
    name: id,
    description: '',
    domains,
    tcpPortRanges: tcp.map((p) =>
      Array.isArray(p) ? { from: p[0], to: p[1] } : { from: p, to: p },
    ),
    udpPortRanges: [],
    enabled: true,
    segmentGroupId: 'g1',
    bypassType: 'NEVER',
    createdAt: stamp,
    updatedAt: stamp,
    ...extra,
  };
}

const base = (id: string, conditions: PolicyCondition[], operator: 'AND' | 'OR' = 'AND') => ({
  id,
  name: id,
  description: '',
  operator,
  conditions,
  ruleOrder: 0,
  createdAt: stamp,
  updatedAt: stamp,
});

export const allow = (
  id: string,
  conditions: PolicyCondition[],
  extra: Partial<AccessRule> = {},
): AccessRule => ({ ...base(id, conditions), action: 'ALLOW', customMsg: null, ...extra });
export const deny = (
  id: string,
  conditions: PolicyCondition[],
  extra: Partial<AccessRule> = {},
): AccessRule => ({ ...base(id, conditions), action: 'DENY', customMsg: null, ...extra });
export const forward = (
  id: string,
  action: ForwardingRule['action'],
  conditions: PolicyCondition[],
): ForwardingRule => ({ ...base(id, conditions), action });
export const timeoutRule = (
  id: string,
  reauthTimeoutSeconds: number,
  conditions: PolicyCondition[],
  extra: Partial<TimeoutRule> = {},
): TimeoutRule => ({
  ...base(id, conditions),
  action: 'RE_AUTH',
  reauthTimeoutSeconds,
  idleTimeoutSeconds: -1,
  messageToUser: null,
  ...extra,
});

export const or = (...operands: PolicyOperand[]): PolicyCondition => ({ operator: 'OR', operands });
export const and = (...operands: PolicyOperand[]): PolicyCondition => ({
  operator: 'AND',
  operands,
});
export const app = (id: string): PolicyOperand => ({ objectType: 'APP', lhs: 'id', rhs: id });
export const appGroup = (id: string): PolicyOperand => ({
  objectType: 'APP_GROUP',
  lhs: 'id',
  rhs: id,
});
export const idpOp = (id: string): PolicyOperand => ({ objectType: 'IDP', lhs: 'id', rhs: id });
export const saml = (lhs: string, rhs: string, idpId?: string): PolicyOperand => ({
  objectType: 'SAML',
  lhs,
  rhs,
  ...(idpId ? { idpId } : {}),
});
/**
 * A SCIM attribute criterion: lhs the id of the IdP's attribute named `name` (short, dotted or
 * URN-qualified); a name that is no such attribute is kept as is (it then matches nothing).
 */
export const scimAttr = (name: string, rhs: string, idpId = IDP): PolicyOperand => {
  const path = resolveScimPolicyAttribute(name)?.path;
  return {
    objectType: 'SCIM',
    lhs: (path && scimAttributeId(idpId, path)) ?? name,
    rhs,
    idpId,
  };
};
/** The SCIM group id scimUser gives the group `name`. */
export const scimGroupId = (name: string) => `id-${name.toLowerCase()}`;
/** A SCIM group criterion: rhs the group's id. */
export const scimGroup = (rhs: string, idpId = IDP): PolicyOperand => ({
  objectType: 'SCIM_GROUP',
  lhs: idpId,
  rhs,
});
export const clientType = (rhs: string): PolicyOperand => ({
  objectType: 'CLIENT_TYPE',
  lhs: 'id',
  rhs,
});
export const platform = (lhs: string): PolicyOperand => ({
  objectType: 'PLATFORM',
  lhs,
  rhs: 'true',
});

export interface PolicyFixture {
  groups?: SegmentGroup[];
  segments: AppSegment[];
  access?: AccessRule[];
  forwarding?: ForwardingRule[];
  timeout?: TimeoutRule[];
}

/** Compiles a fixture; rules get ruleOrder from their position. */
export function compile(f: PolicyFixture, version = 1) {
  const order = <R extends { ruleOrder: number }>(rules: R[] = []) =>
    rules.map((r, i) => ({ ...r, ruleOrder: i + 1 }));
  return compilePolicy({
    version,
    segmentGroups: f.groups ?? [group('g1')],
    segments: f.segments,
    access: order(f.access),
    forwarding: order(f.forwarding),
    timeout: order(f.timeout),
  });
}

export interface Toggles {
  saml?: boolean;
  scimSync?: boolean;
  scimPolicy?: boolean;
}

export function idpSettings(t: Toggles = {}): IdpPolicySettings {
  const scimSync = t.scimSync ?? t.scimPolicy ?? false;
  return {
    id: IDP,
    name: 'Okta',
    samlAttributesForPolicy: t.saml ?? true,
    scimSyncEnabled: scimSync,
    scimAttributesForPolicy: t.scimPolicy ?? false,
  };
}

export function scimUser(
  attributes: Record<string, unknown> = {},
  groups: string[] = [],
  active = true,
): ScimSubject {
  return {
    active,
    attributes: { userName: 'carol@acme.example', active, ...attributes },
    groups: groups.map((g) => ({ id: scimGroupId(g), name: g })),
  };
}

export function subject(extra: Partial<PolicySubject> = {}): PolicySubject {
  return {
    idpId: IDP,
    userName: 'carol@acme.example',
    clientType: 'zpn_client_type_zapp',
    platform: 'windows',
    samlAttributes: {},
    scim: null,
    scimReady: true,
    authTime: T0,
    ...extra,
  };
}

export function run(
  policy: ReturnType<typeof compile>,
  opts: {
    request?: Partial<AppRequest>;
    subject?: Partial<PolicySubject>;
    toggles?: Toggles;
    now?: number;
  } = {},
  options?: DecideOptions,
) {
  return decide(
    policy,
    {
      request: { fqdn: 'app.acme.example', port: 443, ...opts.request },
      subject: subject(opts.subject),
      idp: idpSettings(opts.toggles),
      now: opts.now ?? T0 + 60_000,
    },
    options,
  );
}
