/**
 * The policy engine behind the broker's AccessDecider (broker/access.ts): wire it in cloud.ts as
 * `new Broker(..., policyAccessDecider(policy), ...)` (services.ts).
 */
import type { Decision } from '../../../shared/model/policy.js';
import type { AccessDecider, AccessDecision, AppSummary } from '../broker/access.js';
import type { PolicyService } from './service.js';
import { CODES } from '../../../shared/errors/codes.js';

/** A bypassed app never reaches the cloud, so there is no ZPA status code; this stands in for it. */
export const BYPASSED_CODE = CODES.BYPASSED;

/** At most this many ports of one range are listed; a larger range lists its first port. */
const MAX_LISTED_RANGE = 16;

export function policyAccessDecider(policy: PolicyService): AccessDecider {
  return {
    decide: (session, request) => toAccessDecision(policy.decide(session, request)),
    apps: (session) =>
      policy.apps(session).map(({ segment, decision }): AppSummary => ({
        app: segment.domains[0] ?? segment.name,
        name: segment.name,
        ports: [...segment.tcpPortRanges, ...segment.udpPortRanges].flatMap((r) =>
          r.to - r.from < MAX_LISTED_RANGE
            ? Array.from({ length: r.to - r.from + 1 }, (_, i) => r.from + i)
            : [r.from],
        ),
        forwarding: decision.forwarding?.action ?? 'INTERCEPT',
        decision: toAccessDecision(decision),
      })),
    version: () => policy.version,
  };
}

export function toAccessDecision(d: Decision): AccessDecision {
  const idle = d.timeout?.idleTimeoutSeconds;
  return {
    outcome: d.outcome,
    code: d.code ?? BYPASSED_CODE,
    message: d.message,
    trace: d.trace,
    idleTimeoutMs: idle === undefined || idle < 0 ? null : idle * 1000,
    expiresAt: d.timeout?.expiresAt ? Date.parse(d.timeout.expiresAt) : null,
  };
}
