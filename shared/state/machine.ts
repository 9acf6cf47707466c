/**
 * The client's state machine: `transition(state, event, now)` → the next state and the effects
 * the host must carry out. Pure: no I/O, no timers, time passed in; the only randomness (backoff
 * jitter) comes from `options.random`.
 *
 * Rules (shared/docs/domain.md §1.3, §1.6, §1.8):
 * - The axes are independent: a timeout expiry or "SCIM Attributes for Policy" first enabled
 *   flips only the authentication axis; the tunnel and the app connections stay up.
 * - A SCIM deactivation of a connected user (ZPN_ERR_SCIM_INACTIVE, "User termination request
 *   received from SCIM") or a session revocation closes the app connections and puts the service
 *   in Connection Error with the code; a revocation also ends the sign-in. Nothing reconnects by
 *   itself once the admin fixes the user: as in the real client, the user clicks Retry.
 * - An IdP certificate rotation gives Authentication Error until the user authenticates again.
 * - A SCIM username change gives Connection Error until the user signs in again.
 * - Turn Off keeps the user signed in, and the service stays off until Turn On.
 * - Network loss gives Network Error and reconnects with capped, jittered exponential backoff.
 * - The Okta sync error (the session's user is not active in SCIM) gives Connection Error with
 *   BRK_MT_SETUP_FAIL_SCIM_INACTIVE; one app refused with a connection-setup code (that code too)
 *   is reported for that app and never closes the other app connections.
 * Which state a code leads to is data: the catalog's `uiState` (shared/errors).
 */

import { DEFAULT_BACKOFF, type RandomSource } from './backoff.js';
import {
  MACHINE_CODES,
  closeChannel,
  endSession,
  failService,
  failForNewNameId,
  failedAttempt,
  forgetSession,
  goOff,
  markConnected,
  openChannel,
  refuseApp,
  report,
  requireReauth,
  rotateCertificate,
  scheduleAuthTimers,
  startAuthentication,
  startConnect,
  tearDown,
  tunnelUp,
} from './axes.js';
import { Draft, type MachineConfig } from './draft.js';
import { emptyNotifications } from './notifications.js';
import {
  AUTHENTICATE,
  AUTHENTICATE_EARLY,
  DEFAULT_REAUTH_NOTIFICATIONS,
  REAUTH_REQUIRED_TEXT,
  reauthSchedule,
} from './reauth-schedule.js';
import { SESSION_HANDLERS } from './session-events.js';
import { hasSession, retryNeedsSignIn, sessionOf, tunnelAllowed } from './status.js';
import type { AuthPurpose, ClientEvent, ClientState, EpochMs, Transition } from './types.js';

export { MACHINE_CODES } from './axes.js';
export type { MachineConfig } from './draft.js';

export const DEFAULT_MACHINE_CONFIG: MachineConfig = {
  backoff: DEFAULT_BACKOFF,
  reauthNotifications: DEFAULT_REAUTH_NOTIFICATIONS,
};

export interface TransitionOptions {
  /** Jitter source for reconnect backoff; defaults to Math.random (pass one for determinism). */
  random?: RandomSource;
  config?: Partial<MachineConfig>;
}

export const initialClientState = (): ClientState => ({
  service: { status: 'off', since: null, turnedOffByUser: false },
  auth: { status: 'unauthenticated' },
  notifications: emptyNotifications(),
});

// --- the transition ----------------------------------------------------------------------------

export function transition(
  state: ClientState,
  event: ClientEvent,
  now: EpochMs,
  options: TransitionOptions = {},
): Transition {
  const config: MachineConfig = { ...DEFAULT_MACHINE_CONFIG, ...options.config };
  const d = new Draft(state, now, config, options.random ?? Math.random);
  (HANDLERS[event.type] as (d: Draft, e: ClientEvent) => void)(d, event);
  return d.result();
}

export type Handlers = {
  [K in ClientEvent['type']]: (d: Draft, e: Extract<ClientEvent, { type: K }>) => void;
};

type AxisEvent = Exclude<ClientEvent['type'], keyof typeof SESSION_HANDLERS>;

const AXIS_HANDLERS: Pick<Handlers, AxisEvent> = {
  // --- user actions
  turnOn(d) {
    const s = d.service;
    if (s.status === 'disconnecting') {
      if (s.next !== 'connecting' || s.turnedOffByUser) {
        d.service = { ...s, next: 'connecting', turnedOffByUser: false };
      }
      return;
    }
    if (s.status !== 'off') return;
    if (tunnelAllowed(d.auth)) {
      startConnect(d, 1);
      return;
    }
    if (s.turnedOffByUser) d.service = { ...s, turnedOffByUser: false };
    // No usable session: sign in first; the service turns on when it succeeds.
    startAuthentication(d);
  },

  turnOff(d) {
    goOff(d, true);
  },

  authenticate(d) {
    startAuthentication(d);
  },

  authenticateEarly(d) {
    startAuthentication(d);
  },

  signOut(d) {
    const auth = d.auth;
    if (auth.status === 'authenticating') d.emit({ type: 'cancelSignIn' });
    // The tunnel and its app connections close first, while the session token is still valid.
    goOff(d, false);
    if (sessionOf(auth)) forgetSession(d, true);
    else closeChannel(d);
    if (auth.status !== 'unauthenticated' || auth.lastError) d.auth = { status: 'unauthenticated' };
    if (sessionOf(auth)) scheduleAuthTimers(d, d.auth);
    d.dismissActionable();
  },

  retry(d) {
    const s = d.service;
    if (s.status !== 'error') return;
    if (retryNeedsSignIn(d.service, d.auth)) startAuthentication(d);
    else if (tunnelAllowed(d.auth)) startConnect(d, 1);
  },

  // --- sign-in results
  signInStarted(d, e) {
    const auth = d.auth;
    if (auth.status === 'authenticating') {
      if (auth.method !== e.method) d.auth = { ...auth, method: e.method };
      return;
    }
    const resume = hasSession(auth) ? auth : null;
    const purpose: AuthPurpose =
      auth.status === 'authenticated' ? 'early' : resume ? 'reauth' : 'signIn';
    d.auth = { status: 'authenticating', method: e.method, purpose, since: d.now, resume };
  },

  signInSucceeded(d, e) {
    const previous = sessionOf(d.auth);
    const differentUser = previous !== null && previous.user.toLowerCase() !== e.user.toLowerCase();
    d.auth = {
      status: 'authenticated',
      user: e.user,
      idp: e.idp,
      method: e.method,
      authTime: e.authTime,
      expiresAt: e.expiresAt,
      scimReady: e.scimReady,
    };
    d.dismissActionable();
    scheduleAuthTimers(d, d.auth);
    d.setData({
      ...(e.session ? { session: e.session } : {}),
      ...(differentUser ? { apps: [], connections: [] } : {}),
      lastError: null,
    });
    // The push channel belongs to the session: (re)open it on the new session's token.
    openChannel(d);

    const s = d.service;
    if (s.status === 'off') {
      if (!s.turnedOffByUser) startConnect(d, 1);
    } else if (s.status === 'error') {
      startConnect(d, 1);
    } else if (s.status === 'disconnecting') {
      // Signed in again while a sign-out was closing the tunnel: come back up afterwards.
      if (!s.turnedOffByUser && s.next === 'off') d.service = { ...s, next: 'connecting' };
    } else if (differentUser && tunnelUp(s)) {
      // Another user's tunnel must not carry on: reconnect with the new session.
      tearDown(d, MACHINE_CODES.closedFromClient);
      d.service = {
        status: 'disconnecting',
        since: d.now,
        next: 'connecting',
        turnedOffByUser: false,
      };
    }
  },

  signInFailed(d, e) {
    const auth = d.auth;
    const lastError = {
      code: e.code,
      ...(e.reason !== undefined ? { reason: e.reason } : {}),
      at: d.now,
    };
    if (auth.status === 'authenticating') {
      if (auth.resume) {
        d.auth = auth.resume;
        scheduleAuthTimers(d, d.auth);
      } else {
        d.auth = { status: 'unauthenticated', lastError };
        d.dismissActionable();
      }
    } else if (auth.status === 'unauthenticated') {
      d.auth = { status: 'unauthenticated', lastError };
    }
    report(d, e.code, e.reason);
  },

  // --- tunnel and cloud push events
  connected(d, e) {
    markConnected(d, e.broker);
  },

  connectFailed(d, e) {
    const s = d.service;
    if (s.status !== 'connecting') return;
    failService(d, e.code, { attempt: s.attempt, ...(e.reason ? { reason: e.reason } : {}) });
  },

  disconnected(d, e) {
    const s = d.service;
    if (s.status === 'disconnecting') {
      if (s.next === 'connecting' && tunnelAllowed(d.auth)) startConnect(d, 1);
      else
        d.service = {
          status: 'off',
          since: d.now,
          turnedOffByUser: s.next === 'off' && s.turnedOffByUser,
        };
      return;
    }
    if (!tunnelUp(s)) return;
    failService(d, e.code ?? MACHINE_CODES.connectionLost, { attempt: failedAttempt(s) });
  },

  heartbeatOk() {},

  heartbeatFailed(d, e) {
    if (d.service.status !== 'on') return;
    failService(d, e.code ?? MACHINE_CODES.connectionLost, { attempt: 1 });
  },

  networkLost(d) {
    const s = d.service;
    const transientError = s.status === 'error' && s.retryAt !== null && s.kind !== 'Network Error';
    if (!tunnelUp(s) && !transientError) return;
    failService(d, MACHINE_CODES.networkError, { attempt: failedAttempt(s) });
  },

  networkRestored(d) {
    const s = d.service;
    if (s.status !== 'error' || s.retryAt === null) return;
    if (tunnelAllowed(d.auth)) startConnect(d, 1);
  },

  sessionRevoked(d, e) {
    if (!sessionOf(d.auth)) return;
    const code = e.code ?? MACHINE_CODES.sessionRevoked;
    const s = d.service;
    if (tunnelUp(s) || s.status === 'error') {
      failService(d, code, { attempt: failedAttempt(s), noRetry: true });
    }
    // Whatever the code, a revoked session is gone.
    if (sessionOf(d.auth)) endSession(d, code);
  },

  /** A connected user deactivated via SCIM: terminated with ZPN_ERR_SCIM_INACTIVE. */
  scimUserDisabled(d) {
    if (!sessionOf(d.auth)) return;
    const s = d.service;
    if (!tunnelUp(s) && s.status !== 'error') return;
    const code = MACHINE_CODES.scimUserTerminated;
    if (s.status === 'error' && s.code === code) return;
    failService(d, code, { attempt: failedAttempt(s), noRetry: true });
  },

  reauthRequired(d, e) {
    if (e.reason === 'certificate_rotated') {
      rotateCertificate(d);
      return;
    }
    requireReauth(d, e.reason, e.apps ?? [], e.message);
  },

  certificateRotated(d) {
    rotateCertificate(d);
  },

  idpNameIdChanged: failForNewNameId,

  scimUsernameChanged(d) {
    if (!sessionOf(d.auth)) return;
    const s = d.service;
    const code = MACHINE_CODES.scimUsernameChanged;
    if ((tunnelUp(s) || s.status === 'error') && !(s.status === 'error' && s.code === code)) {
      failService(d, code, { attempt: failedAttempt(s), noRetry: true });
    }
    if (sessionOf(d.auth)) endSession(d, code);
  },

  policyChanged(d, e) {
    if (e.version !== undefined && e.version !== d.data.policyVersion) {
      d.setData({ policyVersion: e.version });
    }
    if (sessionOf(d.auth)) d.emit({ type: 'refreshPolicy' });
  },

  statsUpdated(d, e) {
    const s = d.service;
    if (s.status !== 'on') return;
    if (s.stats.bytesSent === e.bytesSent && s.stats.bytesReceived === e.bytesReceived) return;
    d.service = { ...s, stats: { bytesSent: e.bytesSent, bytesReceived: e.bytesReceived } };
  },

  appAccessFailed(d, e) {
    refuseApp(d, e.app, e.code, e.reason);
  },

  // --- timers
  reauthWarningDue(d) {
    const auth = d.auth;
    const settings = d.config.reauthNotifications;
    if (auth.status === 'authenticated') {
      if (!settings.enabled || auth.expiresAt === null) return;
      const plan = reauthSchedule({ ...settings, expiresAt: auth.expiresAt, now: d.now });
      if (plan.current?.phase !== 'warning') return;
      d.notifyActionable(plan.current.text, AUTHENTICATE_EARLY);
      if (plan.next?.phase === 'warning') {
        d.emit({
          type: 'scheduleTimer',
          timer: 'reauthNotice',
          at: plan.next.at,
          delayMs: plan.next.at - d.now,
        });
      }
      return;
    }
    if (auth.status === 'reauthRequired') {
      const plan = reauthSchedule({ ...settings, expiresAt: auth.since, now: d.now });
      d.notifyActionable(REAUTH_REQUIRED_TEXT, AUTHENTICATE);
      if (plan.next) {
        d.emit({
          type: 'scheduleTimer',
          timer: 'reauthNotice',
          at: plan.next.at,
          delayMs: plan.next.at - d.now,
        });
      }
    }
  },

  authExpired(d) {
    const session = sessionOf(d.auth);
    if (session?.status !== 'authenticated' || session.expiresAt === null) return;
    if (d.now < session.expiresAt) {
      // Fired early (host timer drift): wait for the real expiry.
      if (d.auth === session) {
        d.emit({
          type: 'scheduleTimer',
          timer: 'authExpiry',
          at: session.expiresAt,
          delayMs: session.expiresAt - d.now,
        });
      }
      return;
    }
    requireReauth(d, 'timeout', []);
  },

  reconnectDue(d) {
    const s = d.service;
    if (s.status !== 'error' || s.retryAt === null) return;
    if (tunnelAllowed(d.auth)) {
      d.service = { ...s, retryAt: null }; // the timer has fired: nothing left to cancel
      startConnect(d, s.attempt + 1);
    } else {
      d.service = { ...s, retryAt: null };
    }
  },
};

const HANDLERS: Handlers = { ...AXIS_HANDLERS, ...SESSION_HANDLERS };
