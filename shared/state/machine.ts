/**
 * The client's state machine: `transition(state, event, now)` → the next state and the effects
 * the host must carry out. Pure: no I/O, no timers, time passed in; the only randomness (backoff
 * jitter) comes from `options.random`.
 *
 * Rules (shared/docs/domain.md §1.3, §1.6, §1.8):
 * - The axes are independent: a timeout expiry or "SCIM Attributes for Policy" first enabled
 *   flips only the authentication axis; the tunnel and the app connections stay up.
 * - A SCIM user disable or a session revocation closes the app connections and puts the service
 *   in Connection Error with the code; a revocation also ends the sign-in.
 * - An IdP certificate rotation gives Authentication Error until the user authenticates again.
 * - A SCIM username change gives Connection Error until the user signs in again.
 * - Turn Off keeps the user signed in, and the service stays off until Turn On.
 * - Network loss gives Network Error and reconnects with capped, jittered exponential backoff.
 * - The Okta sync error (BRK_MT_SETUP_FAIL_SCIM_INACTIVE at app access) gives Connection Error.
 * Which state a code leads to is data: the catalog's `uiState` (shared/errors).
 */
import { describeError } from '../errors/catalog.js';
import { DEFAULT_BACKOFF, nextBackoff, type BackoffConfig, type RandomSource } from './backoff.js';
import {
  ACCESS_BLOCKED_NOTIFICATION_ID,
  ACCESS_BLOCKED_TEXT,
  SERVICE_STATUS_TEXT,
  dismissActionable,
  emptyNotifications,
  showActionable,
  showServiceStatus,
  type NotificationResult,
} from './notifications.js';
import {
  AUTHENTICATE,
  AUTHENTICATE_EARLY,
  DEFAULT_REAUTH_NOTIFICATIONS,
  REAUTH_REQUIRED_TEXT,
  reauthSchedule,
  type ReauthNotificationSettings,
} from './reauth-schedule.js';
import type {
  AuthPurpose,
  AuthStatus,
  AuthenticatedStatus,
  ClientEvent,
  ClientState,
  Effect,
  EpochMs,
  NotificationAction,
  NotificationState,
  ReauthReason,
  ReauthRequiredStatus,
  ServiceStatus,
  Transition,
} from './types.js';
import { CODES } from '../errors/codes.js';

export interface MachineConfig {
  backoff: BackoffConfig;
  reauthNotifications: ReauthNotificationSettings;
}

export const DEFAULT_MACHINE_CONFIG: MachineConfig = {
  backoff: DEFAULT_BACKOFF,
  reauthNotifications: DEFAULT_REAUTH_NOTIFICATIONS,
};

export interface TransitionOptions {
  /** Jitter source for reconnect backoff; defaults to Math.random (pass one for determinism). */
  random?: RandomSource;
  config?: Partial<MachineConfig>;
}

/** Codes the machine itself puts into states (each has a catalog entry). */
export const MACHINE_CODES = {
  connectionLost: CODES.CONNECTION_LOST,
  networkError: CODES.NETWORK_ERROR,
  sessionRevoked: CODES.SESSION_REVOKED,
  scimUserDisabled: CODES.MT_CLOSED_TLS_CONN_GONE_SCIM_USER_DISABLE,
  scimUsernameChanged: CODES.SCIM_USERNAME_CHANGED,
  certificateRotated: CODES.IDP_CERTIFICATE_ROTATED,
  closedFromClient: CODES.BRK_MT_CLOSED_FROM_CLIENT,
} as const;

/** Codes that mean "the SCIM user is not active": cleared by a scimUserEnabled push. */
const SCIM_USER_CODES: readonly string[] = [
  MACHINE_CODES.scimUserDisabled,
  CODES.BRK_MT_SETUP_FAIL_SCIM_INACTIVE,
  CODES.ZPN_ERR_SCIM_INACTIVE,
];

export const initialClientState = (): ClientState => ({
  service: { status: 'off', since: null, turnedOffByUser: false },
  auth: { status: 'unauthenticated' },
  notifications: emptyNotifications(),
});

// ---------------------------------------------------------------------------------------------

type SessionAuth = AuthenticatedStatus | ReauthRequiredStatus;

class Draft {
  service: ServiceStatus;
  auth: AuthStatus;
  notifications: NotificationState;
  readonly effects: Effect[] = [];

  constructor(
    readonly initial: ClientState,
    readonly now: EpochMs,
    readonly config: MachineConfig,
    readonly random: RandomSource,
  ) {
    this.service = initial.service;
    this.auth = initial.auth;
    this.notifications = initial.notifications ?? emptyNotifications();
  }

  emit(...effects: Effect[]) {
    this.effects.push(...effects);
  }

  private notificationsChanged = false;

  private apply(result: NotificationResult) {
    if (result.notifications !== this.notifications) this.notificationsChanged = true;
    this.notifications = result.notifications;
    this.emit(...result.effects);
  }

  notifyServiceStatus(text: string) {
    this.apply(showServiceStatus(this.notifications, text, this.now));
  }

  notifyActionable(text: string, action: NotificationAction) {
    this.apply(showActionable(this.notifications, text, action, this.now));
  }

  dismissActionable() {
    this.apply(dismissActionable(this.notifications));
  }

  result(): Transition {
    const unchanged =
      this.service === this.initial.service &&
      this.auth === this.initial.auth &&
      !this.notificationsChanged;
    if (unchanged && this.effects.length === 0) return { state: this.initial, effects: [] };
    return {
      state: { service: this.service, auth: this.auth, notifications: this.notifications },
      effects: this.effects,
    };
  }
}

// --- auth helpers -----------------------------------------------------------------------------

const hasSession = (auth: AuthStatus): auth is SessionAuth =>
  auth.status === 'authenticated' || auth.status === 'reauthRequired';

/** The signed-in state behind the current one (through a sign-in in progress). */
function sessionOf(auth: AuthStatus): SessionAuth | null {
  if (hasSession(auth)) return auth;
  if (auth.status === 'authenticating') return auth.resume;
  return null;
}

/** Reauth reasons after which the service edge refuses the tunnel itself, not just some apps. */
const TUNNEL_BLOCKING: readonly ReauthReason[] = [
  'certificate_rotated',
  'device_certificate_expired',
];

/** Whether the tunnel may run: a session whose credentials the service edge still accepts. */
function tunnelAllowed(auth: AuthStatus): boolean {
  const s = sessionOf(auth);
  return s !== null && (s.status === 'authenticated' || !TUNNEL_BLOCKING.includes(s.reason));
}

function toReauthRequired(
  s: SessionAuth,
  reason: ReauthReason,
  apps: string[],
  now: EpochMs,
): ReauthRequiredStatus {
  return {
    status: 'reauthRequired',
    reason,
    apps: [...apps],
    since: now,
    user: s.user,
    idp: s.idp,
    method: s.method,
    scimReady: s.scimReady,
  };
}

/** Union of app lists where an empty list means "all applications". */
function mergeApps(a: string[], b: string[]): string[] {
  if (a.length === 0 || b.length === 0) return [];
  return [...new Set([...a, ...b])];
}

/** Opens the sign-in: a first sign-in, a reauthentication, or Authenticate Early. */
function startAuthentication(d: Draft) {
  const auth = d.auth;
  if (auth.status === 'authenticating') return;
  const resume = hasSession(auth) ? auth : null;
  const purpose: AuthPurpose =
    auth.status === 'authenticated' ? 'early' : resume ? 'reauth' : 'signIn';
  d.auth = { status: 'authenticating', method: null, purpose, since: d.now, resume };
  d.emit({ type: 'openSignIn', purpose });
}

/** (Re)schedules the reauth timers for a signed-in state; cancels them otherwise. */
function scheduleAuthTimers(d: Draft, auth: AuthStatus) {
  const settings = d.config.reauthNotifications;
  const schedule = (timer: 'reauthNotice' | 'authExpiry', at: EpochMs) =>
    d.emit({ type: 'scheduleTimer', timer, at, delayMs: Math.max(0, at - d.now) });
  const cancel = (timer: 'reauthNotice' | 'authExpiry') => d.emit({ type: 'cancelTimer', timer });

  if (auth.status === 'authenticated' && auth.expiresAt !== null) {
    const plan = reauthSchedule({ ...settings, expiresAt: auth.expiresAt, now: d.now });
    const warnAt =
      plan.current?.phase === 'warning'
        ? d.now
        : plan.next?.phase === 'warning'
          ? plan.next.at
          : null;
    if (settings.enabled && warnAt !== null) schedule('reauthNotice', warnAt);
    else cancel('reauthNotice');
    schedule('authExpiry', auth.expiresAt);
    return;
  }
  if (auth.status === 'reauthRequired') {
    const plan = reauthSchedule({ ...settings, expiresAt: auth.since, now: d.now });
    if (plan.next) schedule('reauthNotice', plan.next.at);
    cancel('authExpiry');
    return;
  }
  cancel('reauthNotice');
  cancel('authExpiry');
}

/** Moves a signed-in user to reauthRequired (only the authentication axis). */
function requireReauth(d: Draft, reason: ReauthReason, apps: string[], message?: string) {
  const auth = d.auth;
  if (auth.status === 'authenticating') {
    // A sign-in is under way: it will settle this; remember it in case the sign-in fails.
    const resume = auth.resume;
    if (!resume) return;
    const next =
      resume.status === 'reauthRequired'
        ? mergeReauth(resume, reason, apps)
        : toReauthRequired(resume, reason, apps, d.now);
    if (next !== resume) d.auth = { ...auth, resume: next };
    return;
  }
  if (auth.status === 'reauthRequired') {
    const merged = mergeReauth(auth, reason, apps);
    if (merged !== auth) d.auth = merged;
    return;
  }
  if (auth.status !== 'authenticated') return;
  d.auth = toReauthRequired(auth, reason, apps, d.now);
  d.notifyActionable(message ?? REAUTH_REQUIRED_TEXT, AUTHENTICATE);
  d.emit({ type: 'cancelTimer', timer: 'authExpiry' });
  const repeat = reauthSchedule({
    ...d.config.reauthNotifications,
    expiresAt: d.now,
    now: d.now,
  }).next;
  if (repeat) {
    d.emit({
      type: 'scheduleTimer',
      timer: 'reauthNotice',
      at: repeat.at,
      delayMs: repeat.at - d.now,
    });
  }
}

/** A certificate rotation is the strongest reason: it replaces the others and covers all apps. */
function mergeReauth(
  s: ReauthRequiredStatus,
  reason: ReauthReason,
  apps: string[],
): ReauthRequiredStatus {
  if (reason === 'certificate_rotated' && s.reason !== 'certificate_rotated') {
    return { ...s, reason, apps: [] };
  }
  const merged = mergeApps(s.apps, apps);
  const same = merged.length === s.apps.length && merged.every((a, i) => a === s.apps[i]);
  return same ? s : { ...s, apps: merged };
}

/** The session is gone (revoked, superseded, username changed): the user must sign in again. */
function endSession(d: Draft, code: string) {
  const auth = d.auth;
  if (auth.status === 'unauthenticated') {
    d.auth = { status: 'unauthenticated', lastError: { code, at: d.now } };
    return;
  }
  if (auth.status === 'authenticating') {
    // The sign-in under way brings a new session; only the old one is gone.
    if (auth.resume) d.auth = { ...auth, resume: null };
    d.emit({ type: 'discardSession', notifyCloud: false });
    scheduleAuthTimers(d, { status: 'unauthenticated' });
    return;
  }
  d.auth = { status: 'unauthenticated', lastError: { code, at: d.now } };
  d.emit({ type: 'discardSession', notifyCloud: false });
  d.dismissActionable();
  scheduleAuthTimers(d, d.auth);
}

// --- service helpers --------------------------------------------------------------------------

/** Effects that take down whatever the current service state is running. */
function tearDown(d: Draft, code: string) {
  const s = d.service;
  if (s.status === 'on') {
    d.emit(
      { type: 'stopHeartbeats' },
      { type: 'closeAppConnections', code },
      { type: 'disconnectTunnel' },
    );
  } else if (s.status === 'connecting') {
    d.emit({ type: 'disconnectTunnel' });
  } else if (s.status === 'error' && s.retryAt !== null) {
    d.emit({ type: 'cancelTimer', timer: 'reconnect' });
  }
}

function startConnect(d: Draft, attempt: number) {
  if (d.service.status === 'error' && d.service.retryAt !== null) {
    d.emit({ type: 'cancelTimer', timer: 'reconnect' });
  }
  d.service = { status: 'connecting', since: d.now, attempt };
  d.emit({ type: 'connectTunnel', attempt });
}

function goOff(d: Draft, turnedOffByUser: boolean) {
  const s = d.service;
  if (s.status === 'off') {
    if (s.turnedOffByUser !== turnedOffByUser) d.service = { ...s, turnedOffByUser };
    return;
  }
  if (s.status === 'disconnecting') {
    if (s.next !== 'off' || s.turnedOffByUser !== turnedOffByUser) {
      d.service = { ...s, next: 'off', turnedOffByUser };
    }
    return;
  }
  if (s.status === 'on' || s.status === 'connecting') {
    tearDown(d, MACHINE_CODES.closedFromClient);
    d.service = { status: 'disconnecting', since: d.now, next: 'off', turnedOffByUser };
    return;
  }
  tearDown(d, MACHINE_CODES.closedFromClient);
  d.service = { status: 'off', since: d.now, turnedOffByUser };
}

interface FailureOptions {
  /** The attempt that failed. */
  attempt: number;
  /** Never reconnect by itself (the cloud ended the session on purpose). */
  noRetry?: boolean;
  reason?: string;
}

/**
 * The tunnel failed or was ended with `code`: Service Status becomes the catalog's error kind
 * (Connection Error for codes without one), with a backoff reconnect when the failure is
 * transient. Codes with an authentication side (session gone, reauth) change that axis too.
 */
function failService(d: Draft, code: string, opts: FailureOptions) {
  const entry = describeError(code, opts.reason);
  const ui = entry.uiState ?? {};
  const retriedByItself = d.service.status === 'connecting' && d.service.attempt > 1;
  const kind = ui.service ?? 'Connection Error';
  const autoRetry = !opts.noRetry && (ui.service ? ui.autoRetry === true : ui.auth === undefined);
  tearDown(d, code);

  if (ui.auth === 'unauthenticated') endSession(d, code);
  else if (ui.auth === 'reauthRequired') requireReauth(d, ui.reauthReason ?? 'timeout', []);

  const retry = autoRetry && tunnelAllowed(d.auth);
  const delayMs = retry ? nextBackoff(opts.attempt, d.random, d.config.backoff) : 0;
  d.service = {
    status: 'error',
    kind,
    code,
    ...(entry.reason !== undefined ? { reason: entry.reason } : {}),
    since: d.now,
    attempt: opts.attempt,
    retryAt: retry ? d.now + delayMs : null,
  };
  if (retry) {
    d.emit({
      type: 'scheduleTimer',
      timer: 'reconnect',
      at: d.now + delayMs,
      delayMs,
      attempt: opts.attempt + 1,
    });
  }
  // An automatic reconnect that fails again, transiently, is no news: the pop-up came with the
  // first failure.
  if (!(retriedByItself && retry)) {
    d.notifyServiceStatus(
      kind === 'Network Error' ? SERVICE_STATUS_TEXT.networkDown : SERVICE_STATUS_TEXT.disconnected,
    );
  }
}

/** The attempt number a failure in the current state counts as. */
const failedAttempt = (s: ServiceStatus) =>
  s.status === 'connecting' ? s.attempt : s.status === 'error' ? s.attempt : 1;

const tunnelUp = (s: ServiceStatus) => s.status === 'on' || s.status === 'connecting';

/** Whether Retry must go through a sign-in first (the error is about the credentials). */
function retryNeedsSignIn(d: Draft): boolean {
  const auth = d.auth;
  if (auth.status === 'unauthenticated') return true;
  if (auth.status !== 'reauthRequired') return false;
  if (TUNNEL_BLOCKING.includes(auth.reason)) return true;
  const s = d.service;
  return s.status === 'error' && describeError(s.code, s.reason).uiState?.auth !== undefined;
}

// --- the transition ----------------------------------------------------------------------------

export function transition(
  state: ClientState,
  event: ClientEvent,
  now: EpochMs,
  options: TransitionOptions = {},
): Transition {
  const config: MachineConfig = { ...DEFAULT_MACHINE_CONFIG, ...options.config };
  const d = new Draft(state, now, config, options.random ?? Math.random);
  HANDLERS[event.type](d, event as never);
  return d.result();
}

type Handlers = {
  [K in ClientEvent['type']]: (d: Draft, e: Extract<ClientEvent, { type: K }>) => void;
};

const HANDLERS: Handlers = {
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
    if (sessionOf(auth)) d.emit({ type: 'discardSession', notifyCloud: true });
    if (auth.status !== 'unauthenticated' || auth.lastError) d.auth = { status: 'unauthenticated' };
    if (sessionOf(auth)) scheduleAuthTimers(d, d.auth);
    d.dismissActionable();
    goOff(d, false);
  },

  retry(d) {
    const s = d.service;
    if (s.status !== 'error') return;
    if (retryNeedsSignIn(d)) startAuthentication(d);
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
    d.emit({
      type: 'reportError',
      code: e.code,
      ...(e.reason !== undefined ? { reason: e.reason } : {}),
    });
  },

  // --- tunnel and cloud push events
  connected(d, e) {
    if (d.service.status !== 'connecting') return;
    d.service = {
      status: 'on',
      broker: e.broker,
      since: d.now,
      stats: { bytesSent: 0, bytesReceived: 0 },
    };
    d.emit({ type: 'startHeartbeats' });
    d.notifyServiceStatus(SERVICE_STATUS_TEXT.connected);
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

  scimUserDisabled(d) {
    if (!sessionOf(d.auth)) return;
    const s = d.service;
    if (!tunnelUp(s) && s.status !== 'error') return;
    if (s.status === 'error' && s.code === MACHINE_CODES.scimUserDisabled) return;
    failService(d, MACHINE_CODES.scimUserDisabled, { attempt: failedAttempt(s), noRetry: true });
  },

  scimUserEnabled(d) {
    const s = d.service;
    if (s.status !== 'error' || !SCIM_USER_CODES.includes(s.code)) return;
    if (tunnelAllowed(d.auth)) startConnect(d, 1);
  },

  reauthRequired(d, e) {
    if (e.reason === 'certificate_rotated') {
      HANDLERS.certificateRotated(d, { type: 'certificateRotated' });
      return;
    }
    requireReauth(d, e.reason, e.apps ?? [], e.message);
  },

  certificateRotated(d) {
    if (!sessionOf(d.auth)) return;
    requireReauth(d, 'certificate_rotated', []);
    const s = d.service;
    const already = s.status === 'error' && s.code === MACHINE_CODES.certificateRotated;
    if ((tunnelUp(s) || s.status === 'error') && !already) {
      failService(d, MACHINE_CODES.certificateRotated, {
        attempt: failedAttempt(s),
        noRetry: true,
      });
    }
  },

  scimUsernameChanged(d) {
    if (!sessionOf(d.auth)) return;
    const s = d.service;
    const code = MACHINE_CODES.scimUsernameChanged;
    if ((tunnelUp(s) || s.status === 'error') && !(s.status === 'error' && s.code === code)) {
      failService(d, code, { attempt: failedAttempt(s), noRetry: true });
    }
    if (sessionOf(d.auth)) endSession(d, code);
  },

  policyChanged(d) {
    if (sessionOf(d.auth)) d.emit({ type: 'refreshPolicy' });
  },

  statsUpdated(d, e) {
    const s = d.service;
    if (s.status !== 'on') return;
    if (s.stats.bytesSent === e.bytesSent && s.stats.bytesReceived === e.bytesReceived) return;
    d.service = { ...s, stats: { bytesSent: e.bytesSent, bytesReceived: e.bytesReceived } };
  },

  appAccessFailed(d, e) {
    const entry = describeError(e.code, e.reason);
    const ui = entry.uiState;
    const s = d.service;
    if (ui?.service && tunnelUp(s)) {
      failService(d, e.code, {
        attempt: failedAttempt(s),
        ...(e.reason ? { reason: e.reason } : {}),
      });
    } else if (ui?.auth === 'reauthRequired') {
      requireReauth(d, ui.reauthReason ?? 'timeout', [e.app]);
    } else if (entry.statusClass === 'PolicyBlock' || e.code.includes('REJECTED_BY_POLICY')) {
      d.emit({
        type: 'showNotification',
        notification: {
          id: ACCESS_BLOCKED_NOTIFICATION_ID,
          category: 'default',
          text: ACCESS_BLOCKED_TEXT,
        },
      });
    }
    d.emit({
      type: 'reportError',
      code: e.code,
      ...(entry.reason !== undefined ? { reason: entry.reason } : {}),
      app: e.app,
    });
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
