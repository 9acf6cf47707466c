import type { LiveSession } from './types.js';

/** What the broker needs from the policy engine for one app access request. */
export interface AccessDecision {
  outcome: 'allowed' | 'blocked' | 'bypassed' | 'reauth_required';
  /** ZPA status code of the outcome (OPEN_OR_ACTIVE_CONNECTION when allowed). */
  code: string;
  message: string;
  /** The policy trace explaining the outcome (segment, forwarding, rules, criteria). */
  trace: unknown;
  /** Idle timeout of the matched timeout rule, null for none. */
  idleTimeoutMs: number | null;
  /** When the authentication for this app expires (ms), null for Never. */
  expiresAt: number | null;
}

export interface AppSummary {
  app: string;
  name: string;
  ports: number[];
  forwarding: string;
  decision: AccessDecision;
}

/** The policy engine as the broker uses it (adapter in policy/, wired in cloud.ts). */
export interface AccessDecider {
  decide(session: LiveSession, request: { fqdn: string; port: number }): AccessDecision;
  /** The user's private applications with forwarding and access result. */
  apps(session: LiveSession): AppSummary[];
  version(): number;
}
