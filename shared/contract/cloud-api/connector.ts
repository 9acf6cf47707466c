/**
 * The connector API (/api/connector): sign-in (IdP discovery, SAML or OIDC, the one-time code
 * and ID token exchanges), the session, apps and app connections. The push channel's messages
 * are in push.ts; Report an Issue in support.ts.
 */
import { z } from '../zod.js';
import { IDP_PROTOCOLS, IDP_VENDORS } from '../../model/idp.js';
import { routes } from './route.js';
import { snapshotEvent } from './push.js';
import { timelineEvent } from './cockpit.js';
import {
  accessDecision,
  appConnectionView,
  appSummary,
  connectorSessionView,
  issuedSession,
} from './session.js';

/** The loopback redirect URI (RFC 8252 §7.3) connectors register with the cloud and the OIDC IdP. */
export const LOOPBACK_REDIRECT = 'http://127.0.0.1:53682/callback';

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

const username = z.string().trim().min(1).max(256);
const deviceId = z.string().min(1).max(128);

/** Sign-in results go back only to the connector on this machine (RFC 8252 loopback). */
export const loopbackUri = z
  .string()
  .max(2048)
  .refine((u) => {
    if (!URL.canParse(u)) return false;
    const url = new URL(u);
    return url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname);
  }, 'redirectUri must be a loopback http URL (127.0.0.1, localhost or [::1])');

const discovery = z.object({
  idpId: z.string(),
  idpName: z.string(),
  protocol: z.enum(IDP_PROTOCOLS),
  vendor: z.enum(IDP_VENDORS),
});

export const loginStart = z.discriminatedUnion('protocol', [
  z.object({
    protocol: z.literal('saml'),
    idpId: z.string(),
    idpName: z.string(),
    loginUrl: z.string(),
  }),
  z.object({
    protocol: z.literal('oidc'),
    idpId: z.string(),
    idpName: z.string(),
    issuer: z.string(),
    clientId: z.string(),
    redirectUri: z.string(),
    scopes: z.array(z.string()),
  }),
]);

const connectionId = z.object({ id: z.string().min(1).max(64) }).strict();

/** Most client transitions one report may carry (the connector keeps at most this many unsent). */
export const MAX_REPORTED_TRANSITIONS = 200;

/** A transition of the client's state machine, as the connector reports it: its own lane. */
export const clientTransition = timelineEvent
  .extend({
    at: z.iso.datetime({ offset: true }),
    source: z.literal('client'),
    code: z.string().max(64).nullable(),
    text: z.string().min(1).max(500),
  })
  .strict();

export const connectorRoutes = routes({
  discover: {
    method: 'POST',
    path: '/api/connector/discover',
    auth: 'none',
    summary: 'Which IdP signs this user in (by email domain)',
    body: z.object({ username }).strict(),
    response: discovery,
  },
  startLogin: {
    method: 'POST',
    path: '/api/connector/login/start',
    auth: 'none',
    summary: 'Start a sign-in: the SAML login URL, or the OIDC client settings',
    body: z
      .object({
        username,
        deviceId,
        redirectUri: loopbackUri,
        state: z.string().min(8).max(512),
        codeChallenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be an S256 code challenge'),
        codeChallengeMethod: z.literal('S256').default('S256'),
      })
      .strict(),
    response: loginStart,
  },
  exchangeCode: {
    method: 'POST',
    path: '/api/connector/login/exchange',
    auth: 'none',
    summary: "Exchange SAML sign-in's one-time code (with the PKCE verifier) for a session",
    body: z
      .object({ code: z.string().min(1).max(512), codeVerifier: z.string().min(43).max(128) })
      .strict(),
    response: issuedSession,
  },
  oidcSession: {
    method: 'POST',
    path: '/api/connector/login/oidc',
    auth: 'none',
    summary: 'Exchange an OIDC ID token for a session',
    body: z
      .object({
        idToken: z.string().min(1).max(16_384),
        nonce: z.string().min(1).max(512),
        deviceId,
      })
      .strict(),
    response: issuedSession,
  },
  getSession: {
    method: 'GET',
    path: '/api/connector/session',
    auth: 'session',
    summary: 'The signed-in session',
    response: connectorSessionView,
  },
  signOut: {
    method: 'DELETE',
    path: '/api/connector/session',
    auth: 'session',
    summary: 'Sign out (ends the session)',
    status: 204,
  },
  state: {
    method: 'GET',
    path: '/api/connector/state',
    auth: 'session',
    summary: 'The live session and app connections (also the heartbeat)',
    response: snapshotEvent,
  },
  apps: {
    method: 'GET',
    path: '/api/connector/apps',
    auth: 'session',
    summary: "The user's apps with the policy's decision for each",
    response: z.array(appSummary),
  },
  openApp: {
    method: 'POST',
    path: '/api/connector/apps/open',
    auth: 'session',
    summary: 'Open an app connection (the policy decides)',
    body: z
      .object({
        app: z.string().trim().toLowerCase().min(1).max(253),
        port: z.number().int().min(1).max(65535).default(443),
      })
      .strict(),
    response: z.object({ decision: accessDecision, connection: appConnectionView.nullable() }),
  },
  connections: {
    method: 'GET',
    path: '/api/connector/connections',
    auth: 'session',
    summary: "The session's app connections",
    response: z.array(appConnectionView),
  },
  useConnection: {
    method: 'POST',
    path: '/api/connector/connections/{id}/use',
    auth: 'session',
    summary: 'Send traffic over an app connection (simulated)',
    params: connectionId,
    response: appConnectionView,
  },
  closeConnection: {
    method: 'DELETE',
    path: '/api/connector/connections/{id}',
    auth: 'session',
    summary: 'Close an app connection',
    params: connectionId,
    response: appConnectionView,
  },
  reportTransitions: {
    method: 'POST',
    path: '/api/connector/timeline',
    auth: 'session',
    summary:
      "Report the client's own state transitions (sent after they happen, and with heartbeats)",
    body: z
      .object({ events: z.array(clientTransition).min(1).max(MAX_REPORTED_TRANSITIONS) })
      .strict(),
    status: 204,
  },
  ownTimeline: {
    method: 'GET',
    path: '/api/connector/timeline',
    auth: 'session',
    summary: "The signed-in user's timeline (Troubleshoot → What happened): only the caller's own",
    response: z.array(timelineEvent),
  },
});
