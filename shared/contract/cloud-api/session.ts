/** The connector session and app access as they travel between the cloud and the connector. */
import { z } from '../zod.js';
import { IDP_PROTOCOLS, IDP_VENDORS } from '../../model/idp.js';
import { REAUTH_REASONS } from '../../model/session.js';

export const isoDateTime = z.string().describe('ISO 8601 date-time');

export const connectorSessionView = z.object({
  id: z.string(),
  idpId: z.string(),
  idpName: z.string(),
  protocol: z.enum(IDP_PROTOCOLS),
  userName: z.string(),
  deviceId: z.string(),
  attributes: z.record(z.string(), z.array(z.string())),
  authTime: isoDateTime,
  createdAt: isoDateTime,
  /**
   * The SCIM check made at sign-in while the IdP's SCIM Sync is on: 'active' (in the SCIM
   * database and active), 'absent' (not synced: the Okta sync error) or 'inactive'
   * (deactivated); 'not_applicable' while SCIM Sync is off. 'absent' and 'inactive' make app
   * access fail with BRK_MT_SETUP_FAIL_SCIM_INACTIVE.
   */
  scimStatus: z.enum(['not_applicable', 'active', 'absent', 'inactive']),
});

/** What a sign-in returns to the connector: the session and its bearer token (shown once). */
export const issuedSession = z.object({
  sessionToken: z.string(),
  session: connectorSessionView,
});

/** The session as the broker keeps it live: sign-in facts plus what happened since. */
export const liveSession = connectorSessionView.extend({
  /** Whose IdP it is (Okta, Entra...): causes and fixes of some errors depend on it. */
  idpVendor: z.enum(IDP_VENDORS).optional(),
  /** Authenticated after SCIM Attributes for Policy was first enabled for its IdP (or it never was). */
  scimReady: z.boolean(),
  reauthRequired: z
    .object({ reason: z.enum(REAUTH_REASONS), since: isoDateTime, apps: z.array(z.string()) })
    .nullable(),
  /** Set when the cloud ended the session (revoked, user disabled via SCIM, username changed). */
  terminated: z.object({ code: z.string(), reason: z.string(), at: isoDateTime }).nullable(),
  /** Earliest authentication-timeout expiry over the user's apps (ISO), null when Never. */
  expiresAt: isoDateTime.nullable(),
});

export const appConnectionView = z.object({
  id: z.string(),
  app: z.string(),
  port: z.number(),
  openedAt: isoDateTime,
  lastActivityAt: isoDateTime,
  bytesSent: z.number(),
  bytesReceived: z.number(),
  latencyMs: z.number(),
  state: z.enum(['open', 'closed']),
  closedCode: z.string().optional(),
});

/** The policy's answer to one app access request. */
export const accessDecision = z.object({
  outcome: z.enum(['allowed', 'blocked', 'bypassed', 'reauth_required']),
  /** ZPA status code of the outcome (OPEN_OR_ACTIVE_CONNECTION when allowed). */
  code: z.string(),
  message: z.string(),
  /** The policy trace explaining the outcome (segment, forwarding, rules, criteria). */
  trace: z.unknown(),
  /** Idle timeout of the matched timeout rule, null for none. */
  idleTimeoutMs: z.number().nullable(),
  /** When the authentication for this app expires (ms), null for Never. */
  expiresAt: z.number().nullable(),
});

export const appSummary = z.object({
  app: z.string(),
  name: z.string(),
  ports: z.array(z.number()),
  forwarding: z.string(),
  decision: accessDecision,
});

/** One line of a session's app connection log: a setup that succeeded or failed, or a close. */
export const connectionLogEntryView = z.object({
  at: isoDateTime,
  app: z.string(),
  port: z.number().int(),
  event: z.enum(['opened', 'setup_failed', 'closed']),
  /** The session status code (OPEN_OR_ACTIVE_CONNECTION, BRK_MT_SETUP_FAIL_…, the close code). */
  code: z.string(),
  connectionId: z.string().nullable(),
});

/** A session as the admin sees it: live state, its push channel and app connections. */
export const adminSessionView = liveSession.extend({
  /** Whether its push channel is connected now. */
  connected: z.boolean(),
  /** Open app connections. */
  connections: z.number().int(),
  connectionLog: z.array(connectionLogEntryView),
});
