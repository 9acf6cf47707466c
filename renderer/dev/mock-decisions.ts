/**
 * The dev mock's canned policy decisions, with the traces the cloud's engine would give
 * (segment, forwarding, rules, SCIM and SAML criteria), for the demo user's applications.
 */
import type { AccessDecision } from '../../shared/model/broker.js';
import type { CriterionTrace, TraceEntry } from '../../shared/model/policy.js';
import { CODES } from '../../shared/errors/codes.js';

/** The demo user (alex, Engineering). */
export const MOCK_USER = 'alex.morgan@acme.example';

/** The mock session's IdP: ZPA-style numeric id, as the cloud's. */
export const MOCK_IDP = { id: '216196257331281920', name: 'Okta' } as const;

/**
 * The mock tenant's SCIM groups by id: SCIM_GROUP criteria hold the group's id and name it beside
 * (as the cloud's traces do); a rename in the IdP keeps the id.
 */
const SCIM_GROUPS = [
  { id: '5f0c1a52-7a4e-4d3b-9c1e-2b8f6d1e9a01', name: 'Finance' },
  { id: '9b2d7e11-3c4f-4a8b-8e6d-4f1a2c3b5d02', name: 'Engineering' },
  { id: 'c4e8a9f3-6b1d-4e2a-a7c5-8d9e0f1a2b03', name: 'All Staff' },
] as const;
type ScimGroupName = (typeof SCIM_GROUPS)[number]['name'];
const scimGroup = (name: ScimGroupName) => SCIM_GROUPS.find((g) => g.name === name)!;

/** The demo user's SCIM groups. */
const USER_SCIM_GROUPS: readonly ScimGroupName[] = ['Engineering', 'All Staff'];

// --- canned policy decisions ------------------------------------------------------------------

const SCIM_SKIP =
  'SCIM criteria skipped: session authenticated before SCIM Attributes for Policy was first enabled — reauthenticate';

const crit = (
  condition: number,
  objectType: CriterionTrace['objectType'],
  lhs: string,
  rhs: string,
  result: CriterionTrace['result'],
  reason: string,
): CriterionTrace => ({ condition, objectType, lhs, rhs, result, reason });

/** A SCIM_GROUP criterion on the mock IdP's group `name`: ids matched, names shown. */
const scimGroupCrit = (
  condition: number,
  name: ScimGroupName,
  result: CriterionTrace['result'],
  reason: string,
): CriterionTrace => ({
  ...crit(condition, 'SCIM_GROUP', MOCK_IDP.id, scimGroup(name).id, result, reason),
  lhsName: MOCK_IDP.name,
  rhsName: name,
});

/** The cloud's words for a user outside the group (electron/cloud/policy/operands.ts). */
const notInGroup = () =>
  `the user's SCIM groups are ${USER_SCIM_GROUPS.map((n) => JSON.stringify(`${n} (${scimGroup(n).id})`)).join(', ')}`;

function segmentStep(app: string, port: number, segment: string): TraceEntry {
  return {
    step: 'segment',
    result: 'matched',
    message: `${app}:${port}/TCP → segment "${segment}" (exact ${app}, TCP ${port})`,
  };
}

const FORWARD_DEFAULT: TraceEntry = {
  step: 'forwarding',
  result: 'default',
  message: 'No forwarding rule matched: Forward to ZPA (INTERCEPT) by default',
};

const scimActive = (user: string): TraceEntry => ({
  step: 'scim',
  result: 'active',
  message: `${user} is active in the SCIM database`,
});

export function allowedDecision(
  app: string,
  port: number,
  segment: string,
  rule: string,
): AccessDecision {
  return {
    outcome: 'allowed',
    code: CODES.OPEN_OR_ACTIVE_CONNECTION,
    message: 'Access allowed.',
    idleTimeoutMs: null,
    expiresAt: null,
    trace: [
      segmentStep(app, port, segment),
      FORWARD_DEFAULT,
      scimActive(MOCK_USER),
      {
        step: 'access',
        result: 'matched',
        ruleName: rule,
        ruleOrder: 3,
        message: `access rule 3 "${rule}" matched: Allow Access`,
        criteria: [
          crit(
            0,
            'SAML',
            'department',
            'Engineering',
            'matched',
            'the session has department = "Engineering"',
          ),
        ],
      },
      {
        step: 'timeout',
        result: 'default',
        message:
          'No timeout rule matched: the default rule applies (reauthenticate every 7 days, idle timeout default)',
      },
      { step: 'result', result: 'allowed', message: 'OPEN_OR_ACTIVE_CONNECTION: Access allowed.' },
    ] satisfies TraceEntry[],
  };
}

/** Finance Portal: the SCIM-group rule is skipped while the session is not SCIM-ready. */
export function financeDecision(scimReady: boolean): AccessDecision {
  const message = `Application access is blocked by Private Access policy. No access rule allows ${MOCK_USER} to use "Finance Apps".`;
  const financeRule: TraceEntry = scimReady
    ? {
        step: 'access',
        result: 'not_matched',
        ruleName: 'Finance team',
        ruleOrder: 1,
        message: 'access rule 1 "Finance team" did not match',
        criteria: [
          crit(
            0,
            'APP_GROUP',
            'id',
            'sg-finance',
            'matched',
            "the request's segment is in this segment group",
          ),
          scimGroupCrit(1, 'Finance', 'failed', notInGroup()),
        ],
      }
    : {
        step: 'access',
        result: 'skipped',
        ruleName: 'Finance team',
        ruleOrder: 1,
        message: `access rule 1 "Finance team": rule not evaluated: condition 2 ANDs criteria that are skipped (${SCIM_SKIP})`,
        criteria: [
          crit(
            0,
            'APP_GROUP',
            'id',
            'sg-finance',
            'matched',
            "the request's segment is in this segment group",
          ),
          scimGroupCrit(1, 'Finance', 'skipped', SCIM_SKIP),
        ],
      };
  return {
    outcome: 'blocked',
    code: CODES.BRK_MT_SETUP_FAIL_NO_POLICY_FOUND,
    message,
    idleTimeoutMs: null,
    expiresAt: null,
    trace: [
      segmentStep('finance.acme.example', 443, 'Finance Apps'),
      FORWARD_DEFAULT,
      scimActive(MOCK_USER),
      financeRule,
      {
        step: 'access',
        result: 'not_matched',
        ruleName: 'Contractors: web apps',
        ruleOrder: 2,
        message: 'access rule 2 "Contractors: web apps" did not match',
        criteria: [
          crit(
            0,
            'SAML',
            'userType',
            'Contractor',
            'failed',
            'the session has userType = "Employee"',
          ),
          crit(0, 'PLATFORM', 'windows', 'true', 'matched', 'the platform is windows'),
        ],
      },
      {
        step: 'access',
        result: 'implicit_block',
        message: 'No access rule matched: implicit block',
      },
      {
        step: 'result',
        result: 'blocked',
        message: `BRK_MT_SETUP_FAIL_NO_POLICY_FOUND: ${message}`,
      },
    ] satisfies TraceEntry[],
  };
}

export function hrDecision(): AccessDecision {
  const message = 'Application access is blocked by Private Access policy.';
  return {
    outcome: 'blocked',
    code: CODES.BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY,
    message,
    idleTimeoutMs: null,
    expiresAt: null,
    trace: [
      segmentStep('hr.acme.example', 443, 'HR Portal'),
      FORWARD_DEFAULT,
      scimActive(MOCK_USER),
      {
        step: 'access',
        result: 'matched',
        ruleName: 'Block HR outside HR',
        ruleOrder: 1,
        message: 'access rule 1 "Block HR outside HR" matched: Block Access',
        criteria: [
          crit(0, 'APP', 'id', 'seg-hr', 'matched', "the request's segment is this segment"),
          crit(
            1,
            'SAML',
            'department',
            'Engineering',
            'matched',
            'the session has department = "Engineering"',
          ),
        ],
      },
      {
        step: 'result',
        result: 'blocked',
        message: `BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY: ${message}`,
      },
    ] satisfies TraceEntry[],
  };
}

export function expiredDecision(app: string, segment: string): AccessDecision {
  const message =
    'Access to certain applications requires you to reauthenticate into Zscaler Client Connector.';
  return {
    outcome: 'reauth_required',
    code: CODES.BRK_MT_SETUP_FAIL_SAML_EXPIRED,
    message,
    idleTimeoutMs: null,
    expiresAt: null,
    trace: [
      segmentStep(app, 443, segment),
      FORWARD_DEFAULT,
      scimActive(MOCK_USER),
      {
        step: 'access',
        result: 'matched',
        ruleName: 'Engineering tools',
        ruleOrder: 3,
        message: 'access rule 3 "Engineering tools" matched: Allow Access',
        criteria: [],
      },
      {
        step: 'timeout',
        result: 'expired',
        ruleName: 'Engineering: reauth every 8 hours',
        ruleOrder: 1,
        message:
          'Authenticated 8 hours 12 minutes ago; timeout rule 1 "Engineering: reauth every 8 hours" requires reauthentication every 8 hours',
      },
      {
        step: 'result',
        result: 'reauth_required',
        message: `BRK_MT_SETUP_FAIL_SAML_EXPIRED: ${message}`,
      },
    ] satisfies TraceEntry[],
  };
}

export function bypassedDecision(): AccessDecision {
  return {
    outcome: 'bypassed',
    code: CODES.BYPASSED,
    message: 'intranet.acme.example is bypassed: the client sends it directly.',
    idleTimeoutMs: null,
    expiresAt: null,
    trace: [
      segmentStep('intranet.acme.example', 443, 'Intranet'),
      {
        step: 'forwarding',
        result: 'matched',
        message:
          'Segment "Intranet" has Bypass = Always: the client sends it directly, forwarding rules are not evaluated',
      },
      { step: 'result', result: 'bypassed', message: 'intranet.acme.example is bypassed.' },
    ] satisfies TraceEntry[],
  };
}

export function notFoundDecision(app: string, port: number): AccessDecision {
  const message = `No application segment covers ${app}:${port}/TCP.`;
  return {
    outcome: 'blocked',
    code: CODES.BRK_MT_SETUP_FAIL_APP_NOT_FOUND,
    message,
    idleTimeoutMs: null,
    expiresAt: null,
    trace: [
      {
        step: 'segment',
        result: 'not_found',
        message: `No application segment covers ${app}:${port}/TCP`,
      },
      { step: 'result', result: 'blocked', message: `BRK_MT_SETUP_FAIL_APP_NOT_FOUND: ${message}` },
    ] satisfies TraceEntry[],
  };
}

export const listed = (d: AccessDecision): AccessDecision => ({ ...d, trace: undefined });
