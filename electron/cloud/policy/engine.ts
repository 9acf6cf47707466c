/**
 * The policy decision (domain.md §2.1, §2.4, §1.5), a pure function of the compiled policy and
 * one request of one signed-in user:
 *
 * 1. the most specific application segment for FQDN + port + protocol (none: APP_NOT_FOUND);
 * 2. client forwarding: segment Bypass = Always, then the forwarding rules top-down, first match
 *    (none: INTERCEPT). BYPASS never reaches access policy; a BYPASS for the same domain on other
 *    ports (another segment) wins too. INTERCEPT_ACCESIBLE forwards only apps access allows;
 *    the others are not forwarded (bypassed, not logged);
 * 3. SCIM: with SCIM Sync on, a user absent from or inactive in the SCIM database is blocked
 *    (BRK_MT_SETUP_FAIL_SCIM_INACTIVE: "not synced" or "deactivated");
 * 4. access: a disabled segment or segment group is NO_POLICY_FOUND; else the access rules
 *    top-down, first match: ALLOW, DENY (REJECTED_BY_POLICY), none (implicit block,
 *    NO_POLICY_FOUND);
 * 5. timeout: the timeout rules top-down, first match (none: reauth every 7 days, idle default);
 *    when now - authTime exceeds the reauth timeout, BRK_MT_SETUP_FAIL_SAML_EXPIRED.
 *
 * The decision carries a trace of every step, rule and criterion, for "why was I blocked".
 */
import { authenticationExpired } from './authentication-expiry.js';
import {
  DEFAULT_IDLE_TIMEOUT_SECONDS,
  DEFAULT_REAUTH_TIMEOUT_SECONDS,
  TIMEOUT_NEVER,
  type AppRequest,
  type AppSegment,
  type Decision,
  type ForwardingAction,
} from '../../../shared/model/policy.js';
import type { CompiledPolicy } from './compile.js';
import { EvalState, type IdpPolicySettings, type PolicySubject } from './criteria.js';
import {
  formatRanges,
  normalizeHost,
  type CompiledSegment,
  type PassedOver,
  type SegmentMatch,
} from './segments.js';
import { CODES } from '../../../shared/errors/codes.js';
import { Evaluation } from './evaluation.js';
import { FORWARDING_TEXT, firstMatch, formatDuration } from './rule-match.js';

export interface DecisionInput {
  request: AppRequest;
  subject: PolicySubject;
  /** The session's IdP; null when it no longer exists (then every policy toggle counts as off). */
  idp: IdpPolicySettings | null;
  /** Milliseconds since the epoch (the cloud's clock). */
  now: number;
}

export interface DecideOptions {
  /** Record every rule and criterion looked at (default true). Off, the trace holds the result only. */
  trace?: boolean;
}

/** The message the Client Connector shows for a policy block (domain.md §1.5). */
export const DEFAULT_BLOCK_MESSAGE = 'Application access is blocked by Private Access policy.';

export function decide(
  policy: CompiledPolicy,
  input: DecisionInput,
  options: DecideOptions = {},
): Decision {
  return evaluate(policy, input, undefined, options);
}

/**
 * The decision for one segment, skipping the segment lookup: for app lists (a wildcard segment
 * has no host to look up). The request's fqdn is reported as given; its port should be one of
 * the segment's. Undefined when there is no such segment.
 */
export function decideForSegment(
  policy: CompiledPolicy,
  input: DecisionInput,
  segmentId: string,
  options: DecideOptions = {},
): Decision | undefined {
  const cs = policy.segmentById.get(segmentId);
  if (!cs) return undefined;
  const domain = normalizeHost(cs.segment.domains[0] ?? input.request.fqdn);
  const kind = domain.startsWith('*.') ? 'wildcard' : 'exact';
  return evaluate(policy, input, { cs, domain, kind }, options);
}

function evaluate(
  policy: CompiledPolicy,
  input: DecisionInput,
  given: SegmentMatch | undefined,
  options: DecideOptions,
): Decision {
  const ev = new Evaluation(policy, input, options);
  const match = matchSegment(ev, given);
  if (!match) {
    return ev.finish(
      'blocked',
      CODES.BRK_MT_SETUP_FAIL_APP_NOT_FOUND,
      `No application segment is configured for ${ev.target}.`,
    );
  }
  const seg = match.cs.segment;
  const st = new EvalState(input.subject, ev.idp, input.now);
  st.setSegment(seg.id, seg.name, seg.segmentGroupId);
  return (
    forwardingStep(ev, match, st) ??
    scimStep(ev) ??
    accessStep(ev, match.cs, st) ??
    timeoutStep(ev, seg, st)
  );
}

/** 1. The most specific application segment. */
function matchSegment(ev: Evaluation, given: SegmentMatch | undefined): SegmentMatch | undefined {
  const { request } = ev.input;
  const protocol = ev.protocol;
  const passedOver: PassedOver[] | undefined = ev.tracing && !given ? [] : undefined;
  const match = given ?? ev.policy.segments.match(request.fqdn, request.port, protocol, passedOver);
  const passed = passedOver?.length
    ? ` (${passedOver.map((p) => `"${p.name}" lists ${p.domain} but not ${protocol} port ${request.port}`).join('; ')})`
    : '';
  if (!match) {
    ev.note({
      step: 'segment',
      result: 'not_found',
      message: `No application segment covers ${ev.target}${passed}`,
    });
    return undefined;
  }
  const seg = match.cs.segment;
  ev.segment = {
    id: seg.id,
    name: seg.name,
    segmentGroupId: seg.segmentGroupId,
    domain: match.domain,
  };
  ev.note({
    step: 'segment',
    result: 'matched',
    message: `${ev.target} → segment "${seg.name}" (${match.kind} ${match.domain}, ${protocol} ${formatRanges(protocol === 'UDP' ? seg.udpPortRanges : seg.tcpPortRanges)})${passed}`,
  });
  return match;
}

/** 2. Client forwarding: a bypassed app ends the decision here. */
function forwardingStep(ev: Evaluation, match: SegmentMatch, st: EvalState): Decision | undefined {
  const seg = match.cs.segment;
  if (seg.bypassType === 'ALWAYS') {
    ev.forwarding = { action: 'BYPASS', source: 'segment_bypass', ruleId: null, ruleName: null };
    ev.note({
      step: 'forwarding',
      result: 'bypassed',
      message: `Segment "${seg.name}" has Bypass = Always: the client sends it directly, forwarding rules are not evaluated`,
    });
    return ev.bypassed(
      `${ev.target} is bypassed (segment "${seg.name}"): traffic goes directly, not through Private Access.`,
    );
  }
  const fw = firstMatch(ev.policy.forwarding, seg.id, st, ev.ruleTrace);
  const action: ForwardingAction = fw?.rule.action ?? 'INTERCEPT';
  ev.forwarding = {
    action,
    source: fw ? 'rule' : 'default',
    ruleId: fw?.rule.id ?? null,
    ruleName: fw?.rule.name ?? null,
  };
  if (!fw) {
    ev.note({
      step: 'forwarding',
      result: 'default',
      message: `No forwarding rule matched: ${FORWARDING_TEXT.INTERCEPT} by default`,
    });
  }
  if (action === 'BYPASS') {
    return ev.bypassed(
      `${ev.target} is bypassed by forwarding rule "${fw!.rule.name}": traffic goes directly, not through Private Access.`,
    );
  }
  const sameDomain = sameDomainBypass(ev, match, st);
  if (sameDomain) return sameDomain;
  if (action === 'INTERCEPT_ACCESIBLE') ev.onlyAllowedBy = fw!.rule.name;
  return undefined;
}

/** "Bypass wins": a bypass for the same domain on other ports bypasses it on all ports. */
function sameDomainBypass(
  ev: Evaluation,
  match: SegmentMatch,
  st: EvalState,
): Decision | undefined {
  const { cs } = match;
  for (const other of ev.policy.segments.sameDomain(cs, match.domain)) {
    let why: string | undefined;
    if (other.segment.bypassType === 'ALWAYS') why = 'has Bypass = Always';
    else {
      st.setSegment(other.segment.id, other.segment.name, other.segment.segmentGroupId);
      const r = firstMatch(ev.policy.forwarding, other.segment.id, st, null);
      if (r?.rule.action === 'BYPASS') why = `is bypassed by forwarding rule "${r.rule.name}"`;
    }
    if (why) {
      ev.forwarding = {
        action: 'BYPASS',
        source: 'same_domain_bypass',
        ruleId: null,
        ruleName: null,
      };
      ev.note({
        step: 'forwarding',
        result: 'bypassed',
        message: `Segment "${other.segment.name}" lists ${match.domain} on other ports and ${why}: Bypass wins, on all ports`,
      });
      return ev.bypassed(
        `${ev.target} is bypassed: ${match.domain} is bypassed on other ports (segment "${other.segment.name}"), and Bypass wins.`,
      );
    }
  }
  st.setSegment(cs.segment.id, cs.segment.name, cs.segment.segmentGroupId);
  return undefined;
}

/** 3. The SCIM check: with SCIM Sync on, the user must be synced and active. */
function scimStep(ev: Evaluation): Decision | undefined {
  const { subject } = ev.input;
  const idp = ev.idp;
  if (!idp.scimSyncEnabled) {
    ev.note({
      step: 'scim',
      result: 'not_applicable',
      message: `SCIM Sync is off for IdP "${idp.name}": no SCIM check`,
    });
    return undefined;
  }
  const rec = subject.scim;
  if (!rec || !rec.active) {
    const why = !rec
      ? `${subject.userName} is not synced to the SCIM database of IdP "${idp.name}"`
      : `${subject.userName} was deactivated in the SCIM database of IdP "${idp.name}"`;
    ev.note({ step: 'scim', result: 'blocked', message: `SCIM Sync is on and ${why}` });
    return ev.blocked(
      CODES.BRK_MT_SETUP_FAIL_SCIM_INACTIVE,
      `Application access is blocked because the user is not active with SCIM: ${why}. An administrator must sync the user via SCIM.`,
    );
  }
  ev.note({
    step: 'scim',
    result: 'active',
    message: `${subject.userName} is active in the SCIM database`,
  });
  return undefined;
}

/** 4. Access policy: an active segment and an allowing rule, or blocked. */
function accessStep(ev: Evaluation, cs: CompiledSegment, st: EvalState): Decision | undefined {
  const seg = cs.segment;
  if (!cs.active) {
    const what = !seg.enabled
      ? `segment "${seg.name}" is disabled`
      : `segment group "${cs.group?.name ?? seg.segmentGroupId}" is ${cs.group ? 'disabled' : 'missing'}`;
    ev.note({ step: 'access', result: 'disabled', message: `Access rules not evaluated: ${what}` });
    return ev.blocked(
      CODES.BRK_MT_SETUP_FAIL_NO_POLICY_FOUND,
      `${DEFAULT_BLOCK_MESSAGE} Policy is not configured for access: ${what}.`,
    );
  }
  const ar = firstMatch(ev.policy.access, seg.id, st, ev.ruleTrace);
  if (!ar) {
    ev.note({
      step: 'access',
      result: 'implicit_block',
      message: 'No access rule matched: implicit block',
    });
    return ev.blocked(
      CODES.BRK_MT_SETUP_FAIL_NO_POLICY_FOUND,
      `${DEFAULT_BLOCK_MESSAGE} No access rule allows ${ev.input.subject.userName} to use "${seg.name}".`,
    );
  }
  ev.access = { action: ar.rule.action, ruleId: ar.rule.id, ruleName: ar.rule.name };
  if (ar.rule.action === 'DENY') {
    return ev.blocked(
      CODES.BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY,
      ar.rule.customMsg ?? DEFAULT_BLOCK_MESSAGE,
    );
  }
  return undefined;
}

/** 5. Timeout policy: allowed while the authentication is recent enough, else reauthenticate. */
function timeoutStep(ev: Evaluation, seg: AppSegment, st: EvalState): Decision {
  const { subject, now } = ev.input;
  const tr = firstMatch(ev.policy.timeout, seg.id, st, ev.ruleTrace);
  const reauth = tr?.rule.reauthTimeoutSeconds ?? DEFAULT_REAUTH_TIMEOUT_SECONDS;
  const idle = tr?.rule.idleTimeoutSeconds ?? DEFAULT_IDLE_TIMEOUT_SECONDS;
  const expiresAt = reauth === TIMEOUT_NEVER ? null : subject.authTime + reauth * 1000;
  const timeout = {
    reauthTimeoutSeconds: reauth,
    idleTimeoutSeconds: idle,
    expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
    ruleId: tr?.rule.id ?? null,
    ruleName: tr?.rule.name ?? null,
  };
  ev.timeout = timeout;
  const every = reauth === TIMEOUT_NEVER ? 'never' : `every ${formatDuration(reauth)}`;
  const source = tr ? `timeout rule "${tr.rule.name}"` : 'the default timeout rule';
  if (!tr) {
    ev.note({
      step: 'timeout',
      result: 'default',
      message: `No timeout rule matched: the default rule applies (reauthenticate every ${formatDuration(DEFAULT_REAUTH_TIMEOUT_SECONDS)}, idle timeout default)`,
    });
  }
  if (expiresAt !== null && authenticationExpired(expiresAt, now)) {
    ev.note({
      step: 'timeout',
      result: 'expired',
      message: `Authenticated ${formatDuration(Math.floor((now - subject.authTime) / 1000))} ago; ${source} requires reauthentication ${every}`,
    });
    return ev.finish(
      'reauth_required',
      CODES.BRK_MT_SETUP_FAIL_SAML_EXPIRED,
      tr?.rule.messageToUser ??
        `Access to "${seg.name}" requires you to reauthenticate: ${source} asks for authentication ${every}.`,
    );
  }
  ev.note({
    step: 'timeout',
    result: 'valid',
    message:
      expiresAt === null
        ? `${source}: reauthentication never required`
        : `${source}: authentication valid until ${timeout.expiresAt} (reauthenticate ${every})`,
  });
  return ev.finish(
    'allowed',
    CODES.OPEN_OR_ACTIVE_CONNECTION,
    `Access to "${seg.name}" is allowed by access rule "${ev.access!.ruleName}".`,
  );
}
