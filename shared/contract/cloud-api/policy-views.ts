/**
 * The policy model as the admin API answers it (domain.md §2): segment groups, application
 * segments, the three rule types, the summary and a decision with its trace. These schemas are
 * the one source of the model's types (shared/model/policy.ts derives them); the constants they
 * use (operators, actions, codes) live in the model.
 */
import { z } from '../zod.js';
import {
  ACCESS_ACTIONS,
  BYPASS_TYPES,
  DECISION_CODES,
  FORWARDING_ACTIONS,
  OPERAND_TYPES,
  OPERATORS,
} from '../../model/policy.js';
import { isoDateTime } from './session.js';

export const segmentGroupView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** A disabled group disables its segments: access is NO_POLICY_FOUND. */
  enabled: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export const portRangeView = z.object({ from: z.number().int(), to: z.number().int() });

export const appSegmentView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** Exact FQDNs (`git.acme.example`) and wildcards (`*.acme.example`: any subdomain, not the apex). */
  domains: z.array(z.string()),
  tcpPortRanges: z.array(portRangeView),
  udpPortRanges: z.array(portRangeView),
  enabled: z.boolean(),
  segmentGroupId: z.string(),
  /** ALWAYS: the client never sends this app to the cloud (takes precedence over forwarding rules). */
  bypassType: z.enum(BYPASS_TYPES),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

/**
 * One criterion. By objectType:
 * - APP / APP_GROUP: lhs "id", rhs the application segment / segment group id.
 * - IDP: lhs "id", rhs the IdP id (the session's IdP).
 * - CLIENT_TYPE: lhs "id", rhs one of CLIENT_TYPES.
 * - PLATFORM: lhs one of PLATFORMS, rhs "true".
 * - SAML: lhs the attribute name (case-insensitive), rhs the value (case-insensitive); idpId,
 *   when given, limits the operand to sessions of that IdP.
 * - SCIM: idpId the IdP, lhs the id of one of its SCIM attribute definitions (one per
 *   SCIM_POLICY_ATTRIBUTES path; GET /api/admin/idps/{id}/scim/attributes), rhs the value
 *   (case-insensitive).
 * - SCIM_GROUP: lhs the IdP id, rhs the SCIM group's id (a group renamed in the IdP keeps
 *   matching; names are shown beside ids in rules and traces).
 */
export const policyOperandView = z.object({
  objectType: z.enum(OPERAND_TYPES),
  lhs: z.string(),
  rhs: z.string(),
  idpId: z.string().optional(),
});

/** What lhs / rhs name when they are ids (segment, segment group, IdP, SCIM group), for people. */
const operandNames = {
  lhsName: z.string().optional(),
  rhsName: z.string().optional(),
};
/** An operand as the API shows it: with the names beside the ids (display only). */
export const namedOperandView = policyOperandView.extend(operandNames);

/** A rule's fields for operands of one shape (stored, or named for the API). */
function ruleShapes<O extends z.ZodType>(operand: O) {
  const base = z.object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    /** How the conditions combine (AND by default). */
    operator: z.enum(OPERATORS),
    /** No conditions: the rule matches every request. */
    conditions: z.array(z.object({ operator: z.enum(OPERATORS), operands: z.array(operand) })),
    /** 1-based position in its policy set; evaluation is top-down, first match. */
    ruleOrder: z.number().int(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  });
  return {
    access: base.extend({
      action: z.enum(ACCESS_ACTIONS),
      /** Shown to the user when a DENY rule blocks (ZCC "Pop-Up Message to User"). */
      customMsg: z.string().nullable(),
    }),
    forwarding: base.extend({ action: z.enum(FORWARDING_ACTIONS) }),
    timeout: base.extend({
      action: z.literal('RE_AUTH'),
      /** -1: Never. Custom values are at least 10 minutes. */
      reauthTimeoutSeconds: z.number().int(),
      /** -1: the defaults. */
      idleTimeoutSeconds: z.number().int(),
      /** Shown to the user when the rule asks them to reauthenticate. */
      messageToUser: z.string().nullable(),
    }),
  };
}

/** The rules as stored and evaluated. */
export const policyRuleViews = ruleShapes(policyOperandView);
/** The rules as the admin API answers them (names beside the ids). */
export const namedRuleViews = ruleShapes(namedOperandView);
export const namedRuleView = z.union([
  namedRuleViews.access,
  namedRuleViews.forwarding,
  namedRuleViews.timeout,
]);

const countsPerType = z.object({
  access: z.number().int(),
  forwarding: z.number().int(),
  timeout: z.number().int(),
});
export const policySummaryView = z.object({
  version: z.number().int(),
  limits: countsPerType,
  counts: countsPerType.extend({ segmentGroups: z.number().int(), segments: z.number().int() }),
  defaults: z.object({
    forwarding: z.literal('INTERCEPT'),
    reauthTimeoutSeconds: z.number().int(),
    idleTimeoutSeconds: z.number().int(),
  }),
});

// ---------------------------------------------------------------------------------------------
// Decisions

export const criterionTraceView = z.object({
  /** Index of the condition in the rule (0-based). */
  condition: z.number().int(),
  ...policyOperandView.shape,
  ...operandNames,
  result: z.enum(['matched', 'failed', 'skipped']),
  reason: z.string(),
});

export const TRACE_STEPS = [
  'segment',
  'forwarding',
  'scim',
  'access',
  'timeout',
  'result',
] as const;

export const traceEntryView = z.object({
  step: z.enum(TRACE_STEPS),
  /** e.g. 'matched', 'not_matched', 'skipped', 'not_found', 'default', 'blocked', 'expired'. */
  result: z.string(),
  message: z.string(),
  ruleId: z.string().optional(),
  ruleName: z.string().optional(),
  ruleOrder: z.number().int().optional(),
  criteria: z.array(criterionTraceView).optional(),
});

/** The LSS status classes (domain.md §1.5). */
export const STATUS_CLASSES = ['Success', 'Info', 'PolicyBlock', 'reauthBlock', 'Error'] as const;
export const DECISION_OUTCOMES = ['allowed', 'blocked', 'bypassed', 'reauth_required'] as const;

export const decisionView = z.object({
  outcome: z.enum(DECISION_OUTCOMES),
  /** The session status code (domain.md §1.5); null when bypassed (nothing reaches the cloud). */
  code: z.enum(DECISION_CODES).nullable(),
  statusClass: z.enum(STATUS_CLASSES),
  message: z.string(),
  segment: z
    .object({
      id: z.string(),
      name: z.string(),
      segmentGroupId: z.string(),
      /** The segment's domain entry that matched (exact FQDN or wildcard). */
      domain: z.string(),
    })
    .nullable(),
  forwarding: z
    .object({
      action: z.enum(FORWARDING_ACTIONS),
      source: z.enum(['segment_bypass', 'rule', 'default', 'same_domain_bypass']),
      ruleId: z.string().nullable(),
      ruleName: z.string().nullable(),
    })
    .nullable(),
  access: z
    .object({ action: z.enum(ACCESS_ACTIONS), ruleId: z.string(), ruleName: z.string() })
    .nullable(),
  /** The timeout that applies; null when the timeout policy was not reached. */
  timeout: z
    .object({
      reauthTimeoutSeconds: z.number().int(),
      idleTimeoutSeconds: z.number().int(),
      /** authTime + reauth timeout (ISO 8601); null for Never. */
      expiresAt: isoDateTime.nullable(),
      ruleId: z.string().nullable(),
      ruleName: z.string().nullable(),
    })
    .nullable(),
  policyVersion: z.number().int(),
  trace: z.array(traceEntryView),
});
