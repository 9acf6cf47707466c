/**
 * The push channel (WebSocket at /api/connector/events): every message the cloud sends a
 * connected connector. The connector validates each one on receipt against `pushMessage`.
 */
import { z } from '../zod.js';
import { CODES } from '../../errors/codes.js';
import { REAUTH_REASONS } from '../../model/session.js';
import { appConnectionView, isoDateTime, liveSession } from './session.js';

export const snapshotEvent = z.object({
  type: z.literal('snapshot'),
  session: liveSession,
  connections: z.array(appConnectionView),
  policyVersion: z.number(),
});

export const pushEvent = z.discriminatedUnion('type', [
  snapshotEvent,
  z.object({ type: z.literal('sessionRevoked'), code: z.string(), reason: z.string() }),
  /**
   * A connected user deactivated (or deleted) via SCIM: the session is terminated, its app
   * connections close with MT_CLOSED_TLS_CONN_GONE_SCIM_USER_DISABLE. There is no "enabled again"
   * message: the real client gets none, the user clicks Retry.
   */
  z.object({
    type: z.literal('scimUserDisabled'),
    code: z.literal(CODES.ZPN_ERR_SCIM_INACTIVE),
    reason: z.string(),
  }),
  z.object({
    type: z.literal('scimUsernameChanged'),
    code: z.string(),
    from: z.string(),
    to: z.string(),
  }),
  z.object({
    type: z.literal('reauthRequired'),
    reason: z.enum(REAUTH_REASONS),
    apps: z.array(z.string()),
  }),
  z.object({ type: z.literal('certificateRotated') }),
  /** The IdP was replaced by one with a different NameID: this session cannot be renewed. */
  z.object({
    type: z.literal('idpNameIdChanged'),
    code: z.literal(CODES.IDP_NAMEID_CHANGED),
    reason: z.string(),
  }),
  z.object({ type: z.literal('policyChanged'), version: z.number() }),
  z.object({ type: z.literal('connectionClosed'), connection: appConnectionView }),
  z.object({ type: z.literal('stats'), connections: z.array(appConnectionView) }),
]);

/** Every message carries a sequence number and the cloud's (simulated) time. */
export const pushMessage = z.intersection(
  pushEvent,
  z.object({ seq: z.number().int().nonnegative(), at: isoDateTime }),
);

/**
 * WebSocket close codes the cloud ends the push channel with (4000-4999: application codes).
 * The connector reads them to tell a dead session from its own reauthentication.
 */
export const PUSH_CLOSE_CODES = {
  /** The session is unknown, expired or ended: the connector must sign in again. */
  sessionInvalid: 4001,
  /** Replaced by a newer sign-in on the same device (the connector's own reauthentication). */
  superseded: 4002,
  /** Revoked by the administrator. */
  revoked: 4003,
} as const;
