/**
 * The private-access policy model (domain.md §2): application segments, segment groups and the
 * three ordered policy sets the cloud evaluates (client forwarding, access, timeout). Rules use
 * the ZPA API condition shape: a rule holds conditions, each `{ operator, operands }`, combined
 * with the rule's own top-level operator (AND by default: AND between criteria types, OR within
 * one). Constants and the types derived from the API's schemas (shared/contract/cloud-api/
 * policy-views.ts, the one source of each shape): the engine lives in electron/cloud/policy.
 */
import type { z } from 'zod';
import type {
  appSegmentView,
  criterionTraceView,
  decisionView,
  policyOperandView,
  policyRuleViews,
  portRangeView,
  segmentGroupView,
  traceEntryView,
} from '../contract/cloud-api/policy-views.js';
import { CODES } from '../errors/codes.js';

export const POLICY_TYPES = ['access', 'forwarding', 'timeout'] as const;
export type PolicyType = (typeof POLICY_TYPES)[number];

/** Rule limits per policy set (domain.md §2.1, ZPA "Ranges & Limitations"), enforced on write. */
export const POLICY_RULE_LIMITS: Readonly<Record<PolicyType, number>> = {
  access: 2000,
  forwarding: 500,
  timeout: 500,
};
/** At most this many application segments (APP operands) in one rule (domain.md §2.1). */
export const MAX_APP_OPERANDS_PER_RULE = 1000;

export const BYPASS_TYPES = ['NEVER', 'ALWAYS'] as const;
export type BypassType = (typeof BYPASS_TYPES)[number];

export const PROTOCOLS = ['TCP', 'UDP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export type PortRange = z.output<typeof portRangeView>;
export type SegmentGroup = z.output<typeof segmentGroupView>;
export type AppSegment = z.output<typeof appSegmentView>;

export const OPERATORS = ['AND', 'OR'] as const;
export type Operator = (typeof OPERATORS)[number];

export const OPERAND_TYPES = [
  'APP',
  'APP_GROUP',
  'IDP',
  'CLIENT_TYPE',
  'PLATFORM',
  'SAML',
  'SCIM',
  'SCIM_GROUP',
] as const;
export type OperandType = (typeof OPERAND_TYPES)[number];

/** CLIENT_TYPE operand values (rhs), as in the ZPA API. */
export const CLIENT_TYPES = [
  'zpn_client_type_zapp',
  'zpn_client_type_zapp_partner',
  'zpn_client_type_vdi',
  'zpn_client_type_exporter',
  'zpn_client_type_browser_isolation',
  'zpn_client_type_machine_tunnel',
  'zpn_client_type_edge_connector',
  'zpn_client_type_branch_connector',
  'zpn_client_type_ip_anchoring',
] as const;
export type ClientType = (typeof CLIENT_TYPES)[number];
/** The Client Connector: the default client type of a connector session. */
export const DEFAULT_CLIENT_TYPE: ClientType = 'zpn_client_type_zapp';

/** PLATFORM operand names (lhs; rhs is "true"), as in the ZPA API. */
export const PLATFORMS = ['windows', 'mac', 'linux', 'android', 'ios'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** One criterion (policy-views.ts says what lhs and rhs hold for each objectType). */
export type PolicyOperand = z.output<typeof policyOperandView>;
export type PolicyCondition = AccessRule['conditions'][number];

export const ACCESS_ACTIONS = ['ALLOW', 'DENY'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

export type AccessRule = z.output<typeof policyRuleViews.access>;

/** Client forwarding actions; INTERCEPT_ACCESIBLE is spelled as in the ZPA API (one "S"). */
export const FORWARDING_ACTIONS = ['INTERCEPT', 'BYPASS', 'INTERCEPT_ACCESIBLE'] as const;
export type ForwardingAction = (typeof FORWARDING_ACTIONS)[number];

export type ForwardingRule = z.output<typeof policyRuleViews.forwarding>;

/** -1: Never (reauth) / Default (idle). Custom values are at least 10 minutes. */
export const TIMEOUT_NEVER = -1;
export const MIN_TIMEOUT_SECONDS = 600;
/** The default timeout rule: reauthenticate every 7 days, idle connections use the defaults. */
export const DEFAULT_REAUTH_TIMEOUT_SECONDS = 7 * 24 * 3600;
export const DEFAULT_IDLE_TIMEOUT_SECONDS = TIMEOUT_NEVER;

export type TimeoutRule = z.output<typeof policyRuleViews.timeout>;

export interface PolicyRuleByType {
  access: AccessRule;
  forwarding: ForwardingRule;
  timeout: TimeoutRule;
}
export type PolicyRule = AccessRule | ForwardingRule | TimeoutRule;

/** Everything the engine compiles, with the version it was read at. */
export interface PolicySnapshot {
  version: number;
  segmentGroups: readonly SegmentGroup[];
  segments: readonly AppSegment[];
  access: readonly AccessRule[];
  forwarding: readonly ForwardingRule[];
  timeout: readonly TimeoutRule[];
}

// ---------------------------------------------------------------------------------------------
// Decisions

export const DECISION_CODES = [
  CODES.OPEN_OR_ACTIVE_CONNECTION,
  CODES.BRK_MT_SETUP_FAIL_APP_NOT_FOUND,
  CODES.BRK_MT_SETUP_FAIL_SCIM_INACTIVE,
  CODES.BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY,
  CODES.BRK_MT_SETUP_FAIL_NO_POLICY_FOUND,
  CODES.BRK_MT_SETUP_FAIL_SAML_EXPIRED,
] as const;
export type DecisionCode = (typeof DECISION_CODES)[number];

/** The LSS status classes (domain.md §1.5). */
export type StatusClass = Decision['statusClass'];

export type DecisionOutcome = Decision['outcome'];

export interface AppRequest {
  fqdn: string;
  port: number;
  /** TCP when absent. */
  protocol?: Protocol;
}

export type CriterionTrace = z.output<typeof criterionTraceView>;
export type CriterionResult = CriterionTrace['result'];
export type TraceEntry = z.output<typeof traceEntryView>;
export type TraceStep = TraceEntry['step'];
export type Decision = z.output<typeof decisionView>;

// ---------------------------------------------------------------------------------------------
// SCIM attributes usable in policy (domain.md §2.6: the supported list, no custom attributes)

export const SCIM_CORE_USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_ENTERPRISE_USER_URN =
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** Canonical attribute paths; enterprise ones live under the extension URN. */
export const SCIM_POLICY_ATTRIBUTES: readonly { path: string; enterprise: boolean }[] = [
  { path: 'active', enterprise: false },
  { path: 'displayName', enterprise: false },
  { path: 'emails.value', enterprise: false },
  { path: 'name.givenName', enterprise: false },
  { path: 'name.familyName', enterprise: false },
  { path: 'name.formatted', enterprise: false },
  { path: 'title', enterprise: false },
  { path: 'userName', enterprise: false },
  { path: 'userType', enterprise: false },
  { path: 'costCenter', enterprise: true },
  { path: 'department', enterprise: true },
  { path: 'division', enterprise: true },
  { path: 'organization', enterprise: true },
  { path: 'employeeNumber', enterprise: true },
];

/**
 * Resolves a SCIM operand lhs (short `department`, dotted `name.givenName`, or URN-qualified,
 * any case) to its canonical attribute; undefined if it is not usable in policy.
 */
export function resolveScimPolicyAttribute(
  lhs: string,
): { path: string; enterprise: boolean; segments: string[] } | undefined {
  let rest = lhs.trim();
  const lower = rest.toLowerCase();
  let container: 'core' | 'enterprise' | undefined;
  for (const [urn, c] of [
    [SCIM_ENTERPRISE_USER_URN, 'enterprise'],
    [SCIM_CORE_USER_URN, 'core'],
  ] as const) {
    if (lower.startsWith(urn.toLowerCase() + ':')) {
      container = c;
      rest = rest.slice(urn.length + 1);
      break;
    }
  }
  const found = SCIM_POLICY_ATTRIBUTES.find((a) => a.path.toLowerCase() === rest.toLowerCase());
  if (!found) return undefined;
  if (container !== undefined && (container === 'enterprise') !== found.enterprise)
    return undefined;
  return { ...found, segments: found.path.split('.') };
}

/** Lower case, trimmed, without a trailing dot. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  while (h.endsWith('.')) h = h.slice(0, -1);
  return h;
}

const LABEL = '[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?';
const HOST_RE = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`);

/** An exact FQDN or `*.` followed by one; checked after normalizeHost. */
export function isValidSegmentDomain(domain: string): boolean {
  const d = domain.startsWith('*.') ? domain.slice(2) : domain;
  return HOST_RE.test(d);
}
