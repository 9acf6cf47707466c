/** The broker's view of a connector session, app access and the push channel (cloud and connector). */
import type { IdpVendor } from './idp.js';
import type { ConnectorSessionView } from './session.js';
import { CODES } from '../errors/codes.js';

/** Why a session needs the user to authenticate again (only the authentication axis changes). */
export type ReauthReason = 'timeout' | 'scim_policy_enabled' | 'certificate_rotated';

/** The session as the broker keeps it live: sign-in facts plus what happened since. */
export interface LiveSession extends ConnectorSessionView {
  /** Whose IdP it is (Okta, Entra...): causes and fixes of some errors depend on it. */
  idpVendor?: IdpVendor;
  /** Authenticated after SCIM Attributes for Policy was first enabled for its IdP (or it never was). */
  scimReady: boolean;
  reauthRequired: { reason: ReauthReason; since: string; apps: string[] } | null;
  /** Set when the cloud ended the session (revoked, user disabled via SCIM, username changed). */
  terminated: { code: string; reason: string; at: string } | null;
  /** Earliest authentication-timeout expiry over the user's apps (ISO), null when Never. */
  expiresAt: string | null;
}

export interface AppConnectionView {
  id: string;
  app: string;
  port: number;
  openedAt: string;
  lastActivityAt: string;
  bytesSent: number;
  bytesReceived: number;
  latencyMs: number;
  state: 'open' | 'closed';
  closedCode?: string;
}

/** What the cloud pushes to a connected connector; every message carries a sequence and time. */
export type PushEvent =
  | {
      type: 'snapshot';
      session: LiveSession;
      connections: AppConnectionView[];
      policyVersion: number;
    }
  | { type: 'sessionRevoked'; code: string; reason: string }
  | {
      type: 'scimUserDisabled';
      code: typeof CODES.MT_CLOSED_TLS_CONN_GONE_SCIM_USER_DISABLE;
      reason: string;
    }
  | { type: 'scimUserEnabled' }
  | { type: 'scimUsernameChanged'; code: string; from: string; to: string }
  | { type: 'reauthRequired'; reason: ReauthReason; apps: string[] }
  | { type: 'certificateRotated' }
  | { type: 'policyChanged'; version: number }
  | { type: 'connectionClosed'; connection: AppConnectionView }
  | { type: 'stats'; connections: AppConnectionView[] };

export type PushMessage = PushEvent & { seq: number; at: string };

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
