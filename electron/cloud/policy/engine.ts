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
import {
  DEFAULT_IDLE_TIMEOUT_SECONDS,
  DEFAULT_REAUTH_TIMEOUT_SECONDS,
  TIMEOUT_NEVER,
  type AppRequest,
  type CriterionTrace,
  type Decision,
  type DecisionCode,
  type DecisionOutcome,
  type ForwardingAction,
  type PolicyRule,
  type StatusClass,
  type TraceEntry,
  type TraceStep,
} from '../../../shared/model/policy.js';
import type { CompiledPolicy, CompiledRule, CompiledSet } from './compile.js';
import {
  EvalState,
  evaluateCriteria,
  type IdpPolicySettings,
  type PolicySubject,
} from './criteria.js';
import { formatRanges, normalizeHost, type PassedOver, type SegmentMatch } from './segments.js';
import { CODES } from '../../../shared/errors/codes.js';

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

const STATUS: Record<DecisionCode, StatusClass> = {
  OPEN_OR_ACTIVE_CONNECTION: 'Success',
  BRK_MT_SETUP_FAIL_APP_NOT_FOUND: 'Error',
  BRK_MT_SETUP_FAIL_SCIM_INACTIVE: 'Error',
  BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY: 'PolicyBlock',
  BRK_MT_SETUP_FAIL_NO_POLICY_FOUND: 'PolicyBlock',
  BRK_MT_SETUP_FAIL_SAML_EXPIRED: 'reauthBlock',
};

const FORWARDING_TEXT: Record<ForwardingAction, string> = {
  INTERCEPT: 'Forward to ZPA (INTERCEPT)',
  BYPASS: 'Bypass ZPA (BYPASS)',
  INTERCEPT_ACCESIBLE: 'Only Forward Allowed Applications (INTERCEPT_ACCESIBLE)',
};

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
  const tracing = options.trace !== false;
  const trace: TraceEntry[] = [];
  const note = tracing ? (e: TraceEntry) => void trace.push(e) : () => {};
  const { request, subject, now } = input;
  const idp = input.idp ?? {
    id: subject.idpId,
    name: `(deleted IdP ${subject.idpId})`,
    samlAttributesForPolicy: false,
    scimSyncEnabled: false,
    scimAttributesForPolicy: false,
  };
  const protocol = request.protocol ?? 'TCP';
  const target = `${normalizeHost(request.fqdn)}:${request.port}/${protocol}`;

  let segment: Decision['segment'] = null;
  let forwarding: Decision['forwarding'] = null;
  let access: Decision['access'] = null;
  let timeout: Decision['timeout'] = null;
  const finish = (
    outcome: DecisionOutcome,
    code: DecisionCode | null,
    message: string,
  ): Decision => {
    trace.push({
      step: 'result',
      result: outcome,
      message: code ? `${code}: ${message}` : message,
    });
    return {
      outcome,
      code,
      statusClass: code ? STATUS[code] : 'Info',
      message,
      segment,
      forwarding,
      access,
      timeout,
      policyVersion: policy.version,
      trace,
    };
  };

  // 1. The most specific application segment.
  const passedOver: PassedOver[] | undefined = tracing && !given ? [] : undefined;
  const match = given ?? policy.segments.match(request.fqdn, request.port, protocol, passedOver);
  const passed = passedOver?.length
    ? ` (${passedOver.map((p) => `"${p.name}" lists ${p.domain} but not ${protocol} port ${request.port}`).join('; ')})`
    : '';
  if (!match) {
    note({
      step: 'segment',
      result: 'not_found',
      message: `No application segment covers ${target}${passed}`,
    });
    return finish(
      'blocked',
      CODES.BRK_MT_SETUP_FAIL_APP_NOT_FOUND,
      `No application segment is configured for ${target}.`,
    );
  }
  const cs = match.cs;
  const seg = cs.segment;
  segment = {
    id: seg.id,
    name: seg.name,
    segmentGroupId: seg.segmentGroupId,
    domain: match.domain,
  };
  note({
    step: 'segment',
    result: 'matched',
    message: `${target} → segment "${seg.name}" (${match.kind} ${match.domain}, ${protocol} ${formatRanges(protocol === 'UDP' ? seg.udpPortRanges : seg.tcpPortRanges)})${passed}`,
  });

  const st = new EvalState(subject, idp);
  st.setSegment(seg.id, seg.name, seg.segmentGroupId);
  const bypassed = (message: string) => finish('bypassed', null, message);

  // 2. Client forwarding.
  if (seg.bypassType === 'ALWAYS') {
    forwarding = { action: 'BYPASS', source: 'segment_bypass', ruleId: null, ruleName: null };
    note({
      step: 'forwarding',
      result: 'bypassed',
      message: `Segment "${seg.name}" has Bypass = Always: the client sends it directly, forwarding rules are not evaluated`,
    });
    return bypassed(
      `${target} is bypassed (segment "${seg.name}"): traffic goes directly, not through Private Access.`,
    );
  }
  const fw = firstMatch(policy.forwarding, 'forwarding', seg.id, st, tracing ? trace : null);
  const action: ForwardingAction = fw?.rule.action ?? 'INTERCEPT';
  forwarding = {
    action,
    source: fw ? 'rule' : 'default',
    ruleId: fw?.rule.id ?? null,
    ruleName: fw?.rule.name ?? null,
  };
  if (!fw) {
    note({
      step: 'forwarding',
      result: 'default',
      message: `No forwarding rule matched: ${FORWARDING_TEXT.INTERCEPT} by default`,
    });
  }
  if (action !== 'BYPASS') {
    // "Bypass wins": a bypass for the same domain on other ports bypasses it on all ports.
    for (const other of policy.segments.sameDomain(cs, match.domain)) {
      let why: string | undefined;
      if (other.segment.bypassType === 'ALWAYS') why = 'has Bypass = Always';
      else {
        st.setSegment(other.segment.id, other.segment.name, other.segment.segmentGroupId);
        const r = firstMatch(policy.forwarding, 'forwarding', other.segment.id, st, null);
        if (r?.rule.action === 'BYPASS') why = `is bypassed by forwarding rule "${r.rule.name}"`;
      }
      if (why) {
        forwarding = {
          action: 'BYPASS',
          source: 'same_domain_bypass',
          ruleId: null,
          ruleName: null,
        };
        note({
          step: 'forwarding',
          result: 'bypassed',
          message: `Segment "${other.segment.name}" lists ${match.domain} on other ports and ${why}: Bypass wins, on all ports`,
        });
        return bypassed(
          `${target} is bypassed: ${match.domain} is bypassed on other ports (segment "${other.segment.name}"), and Bypass wins.`,
        );
      }
    }
    st.setSegment(seg.id, seg.name, seg.segmentGroupId);
  }
  if (action === 'BYPASS') {
    return bypassed(
      `${target} is bypassed by forwarding rule "${fw!.rule.name}": traffic goes directly, not through Private Access.`,
    );
  }
  const onlyAllowed = action === 'INTERCEPT_ACCESIBLE';
  const blocked = (code: DecisionCode, message: string) => {
    if (!onlyAllowed) return finish('blocked', code, message);
    note({
      step: 'forwarding',
      result: 'not_forwarded',
      message: `Forwarding rule "${fw!.rule.name}" forwards only allowed applications and access policy answers ${code}: the app is not forwarded`,
    });
    return bypassed(
      `${target} is not forwarded to Private Access: forwarding rule "${fw!.rule.name}" forwards only applications access policy allows, and it does not allow this one. ${message}`,
    );
  };

  // 3. The SCIM check.
  if (idp.scimSyncEnabled) {
    const rec = subject.scim;
    if (!rec || !rec.active) {
      const why = !rec
        ? `${subject.userName} is not synced to the SCIM database of IdP "${idp.name}"`
        : `${subject.userName} was deactivated in the SCIM database of IdP "${idp.name}"`;
      note({ step: 'scim', result: 'blocked', message: `SCIM Sync is on and ${why}` });
      return blocked(
        CODES.BRK_MT_SETUP_FAIL_SCIM_INACTIVE,
        `Application access is blocked because the user is not active with SCIM: ${why}. An administrator must sync the user via SCIM.`,
      );
    }
    note({
      step: 'scim',
      result: 'active',
      message: `${subject.userName} is active in the SCIM database`,
    });
  } else {
    note({
      step: 'scim',
      result: 'not_applicable',
      message: `SCIM Sync is off for IdP "${idp.name}": no SCIM check`,
    });
  }

  // 4. Access policy.
  if (!cs.active) {
    const what = !seg.enabled
      ? `segment "${seg.name}" is disabled`
      : `segment group "${cs.group?.name ?? seg.segmentGroupId}" is ${cs.group ? 'disabled' : 'missing'}`;
    note({ step: 'access', result: 'disabled', message: `Access rules not evaluated: ${what}` });
    return blocked(
      CODES.BRK_MT_SETUP_FAIL_NO_POLICY_FOUND,
      `${DEFAULT_BLOCK_MESSAGE} Policy is not configured for access: ${what}.`,
    );
  }
  const ar = firstMatch(policy.access, 'access', seg.id, st, tracing ? trace : null);
  if (!ar) {
    note({
      step: 'access',
      result: 'implicit_block',
      message: 'No access rule matched: implicit block',
    });
    return blocked(
      CODES.BRK_MT_SETUP_FAIL_NO_POLICY_FOUND,
      `${DEFAULT_BLOCK_MESSAGE} No access rule allows ${subject.userName} to use "${seg.name}".`,
    );
  }
  access = { action: ar.rule.action, ruleId: ar.rule.id, ruleName: ar.rule.name };
  if (ar.rule.action === 'DENY') {
    return blocked(
      CODES.BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY,
      ar.rule.customMsg ?? DEFAULT_BLOCK_MESSAGE,
    );
  }

  // 5. Timeout policy.
  const tr = firstMatch(policy.timeout, 'timeout', seg.id, st, tracing ? trace : null);
  const reauth = tr?.rule.reauthTimeoutSeconds ?? DEFAULT_REAUTH_TIMEOUT_SECONDS;
  const idle = tr?.rule.idleTimeoutSeconds ?? DEFAULT_IDLE_TIMEOUT_SECONDS;
  const expiresAt = reauth === TIMEOUT_NEVER ? null : subject.authTime + reauth * 1000;
  timeout = {
    reauthTimeoutSeconds: reauth,
    idleTimeoutSeconds: idle,
    expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
    ruleId: tr?.rule.id ?? null,
    ruleName: tr?.rule.name ?? null,
  };
  const every = reauth === TIMEOUT_NEVER ? 'never' : `every ${formatDuration(reauth)}`;
  const source = tr ? `timeout rule "${tr.rule.name}"` : 'the default timeout rule';
  if (!tr) {
    note({
      step: 'timeout',
      result: 'default',
      message: `No timeout rule matched: the default rule applies (reauthenticate every ${formatDuration(DEFAULT_REAUTH_TIMEOUT_SECONDS)}, idle timeout default)`,
    });
  }
  if (expiresAt !== null && now > expiresAt) {
    note({
      step: 'timeout',
      result: 'expired',
      message: `Authenticated ${formatDuration(Math.floor((now - subject.authTime) / 1000))} ago; ${source} requires reauthentication ${every}`,
    });
    return finish(
      'reauth_required',
      CODES.BRK_MT_SETUP_FAIL_SAML_EXPIRED,
      tr?.rule.messageToUser ??
        `Access to "${seg.name}" requires you to reauthenticate: ${source} asks for authentication ${every}.`,
    );
  }
  note({
    step: 'timeout',
    result: 'valid',
    message:
      expiresAt === null
        ? `${source}: reauthentication never required`
        : `${source}: authentication valid until ${timeout.expiresAt} (reauthenticate ${every})`,
  });
  return finish(
    'allowed',
    CODES.OPEN_OR_ACTIVE_CONNECTION,
    `Access to "${seg.name}" is allowed by access rule "${ar.rule.name}".`,
  );
}

const RULE_TEXT: Record<TraceStep, (r: PolicyRule) => string> = {
  segment: () => '',
  scim: () => '',
  result: () => '',
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

/** Top-down, first match among the rules that can apply to the segment. */
function firstMatch<R extends PolicyRule>(
  set: CompiledSet<R>,
  step: TraceStep,
  segmentId: string,
  st: EvalState,
  trace: TraceEntry[] | null,
): CompiledRule<R> | undefined {
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
