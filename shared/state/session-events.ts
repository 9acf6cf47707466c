/**
 * The machine's handlers for what the session brings (the cloud's view of it, apps, app
 * connections) and for the push channel. One push is one event and one transition: a snapshot
 * that says the session ended, the user is not active in SCIM, the admin fixed it, or the
 * timeout changed, is handled here at once.
 */
import { nextBackoff } from './backoff.js';
import {
  MACHINE_CODES,
  endSession,
  failForNewNameId,
  failService,
  failedAttempt,
  markConnected,
  refuseApp,
  report,
  requireReauth,
  rotateCertificate,
  scheduleAuthTimers,
  tunnelUp,
} from './axes.js';
import type { Draft } from './draft.js';
import { CODES } from '../errors/codes.js';
import { sessionOf } from './status.js';
import type { ClientEvent, SessionStateEvent } from './types.js';

type SessionEvent =
  | 'signIn'
  | 'notificationsCleared'
  | 'sessionState'
  | 'appsLoaded'
  | 'appOpened'
  | 'connectionClosed'
  | 'connectionsUpdated'
  | 'channelOpened'
  | 'channelLost'
  | 'channelRetryDue'
  | 'fault';

type SessionHandlers = {
  [K in SessionEvent]: (d: Draft, e: Extract<ClientEvent, { type: K }>) => void;
};

/** The cloud ended the session (revoked, username changed): the service and the sign-in end. */
function sessionEnded(d: Draft, code: string) {
  const s = d.service;
  if ((tunnelUp(s) || s.status === 'error') && !(s.status === 'error' && s.code === code)) {
    failService(d, code, { attempt: failedAttempt(s), noRetry: true });
  }
  if (sessionOf(d.auth)) endSession(d, code);
}

/** The cloud's session timeout and SCIM readiness are the truth: a repaired session gets them. */
function followSessionTimes(d: Draft, e: SessionStateEvent) {
  const a = d.auth;
  if (a.status !== 'authenticated') return;
  const expiresAt = e.session.expiresAt ? Date.parse(e.session.expiresAt) : null;
  if (expiresAt === a.expiresAt && e.session.scimReady === a.scimReady) return;
  d.auth = { ...a, expiresAt, scimReady: e.session.scimReady };
  scheduleAuthTimers(d, d.auth);
}

function sessionState(d: Draft, e: SessionStateEvent) {
  if (!sessionOf(d.auth)) return;
  d.setData({ session: e.session, connections: e.connections, policyVersion: e.policyVersion });
  const { session } = e;
  if (session.terminated?.code === MACHINE_CODES.idpNameIdChanged) {
    failForNewNameId(d);
    return;
  }
  if (session.terminated) {
    sessionEnded(d, session.terminated.code);
    return;
  }
  const s = d.service;
  if (session.scimStatus === 'absent' || session.scimStatus === 'inactive') {
    // The Okta sync error (not synced) or a deactivated user: the service edge refuses access.
    // Only a running tunnel fails: in an error already (the SCIM one included) it stays as shown.
    const reason = session.scimStatus === 'absent' ? 'not_synced' : 'deactivated';
    if (tunnelUp(s)) {
      failService(d, CODES.BRK_MT_SETUP_FAIL_SCIM_INACTIVE, { attempt: failedAttempt(s), reason });
    }
    return;
  }
  // Active again after a SCIM error: like the real client, the service stays in Connection Error
  // until the user clicks Retry (the cloud sends no "fixed" signal a real client could act on).
  markConnected(d, e.broker);
  followSessionTimes(d, e);
  const required = session.reauthRequired;
  if (required?.reason === 'certificate_rotated') rotateCertificate(d);
  else if (required) requireReauth(d, required.reason, required.apps);
}

export const SESSION_HANDLERS: SessionHandlers = {
  signIn(d, e) {
    const username = e.username.trim();
    if (username !== d.data.username) d.setData({ username });
  },

  notificationsCleared(d) {
    if (d.data.history.length) d.setData({ history: [] });
  },

  sessionState,

  appsLoaded(d, e) {
    if (sessionOf(d.auth)) d.setData({ apps: e.apps });
  },

  appOpened(d, e) {
    if (e.connection) d.setData({ connections: [...d.data.connections, e.connection] });
    const { outcome, code } = e.decision;
    if (outcome === 'blocked' || outcome === 'reauth_required') refuseApp(d, e.app, code);
  },

  fault(d, e) {
    report(d, e.code);
  },

  connectionClosed(d, e) {
    const left = d.data.connections.filter((c) => c.id !== e.connection.id);
    if (left.length !== d.data.connections.length) d.setData({ connections: left });
  },

  connectionsUpdated(d, e) {
    d.setData({ connections: e.connections });
    const s = d.service;
    if (s.status !== 'on') return;
    const bytesSent = e.connections.reduce((n, c) => n + c.bytesSent, 0);
    const bytesReceived = e.connections.reduce((n, c) => n + c.bytesReceived, 0);
    if (s.stats.bytesSent === bytesSent && s.stats.bytesReceived === bytesReceived) return;
    d.service = { ...s, stats: { bytesSent, bytesReceived } };
  },

  channelOpened(d) {
    if (d.channel.status !== 'connecting') return;
    d.channel = { status: 'open', since: d.now };
  },

  channelLost(d, e) {
    const c = d.channel;
    if (c.status === 'closed' || !sessionOf(d.auth)) return;
    const attempt =
      c.status === 'connecting' ? c.attempt : c.status === 'reconnecting' ? c.attempt : 1;
    const delayMs = nextBackoff(attempt, d.random, d.config.backoff);
    const code = e.code ?? CODES.CONNECTION_LOST;
    d.channel = { status: 'reconnecting', since: d.now, attempt, retryAt: d.now + delayMs, code };
    d.emit({
      type: 'scheduleTimer',
      timer: 'channelRetry',
      at: d.now + delayMs,
      delayMs,
      attempt: attempt + 1,
    });
  },

  channelRetryDue(d) {
    const c = d.channel;
    if (c.status !== 'reconnecting' || !sessionOf(d.auth)) return;
    d.channel = { status: 'connecting', since: d.now, attempt: c.attempt + 1 };
    d.emit({ type: 'openChannel', attempt: c.attempt + 1 });
  },
};
