import type { AccessDecision, AppSummary, LiveSession } from '../../../shared/model/broker.js';

export type { AccessDecision, AppSummary };

/** The policy engine as the broker uses it (adapter in policy/, wired in cloud.ts). */
export interface AccessDecider {
  decide(session: LiveSession, request: { fqdn: string; port: number }): AccessDecision;
  /** The user's private applications with forwarding and access result. */
  apps(session: LiveSession): AppSummary[];
  version(): number;
}
