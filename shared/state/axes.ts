/**
 * The helpers the machine's handlers share: moving each axis (sign-in, reauthentication, session
 * end; connect, tear down, fail) with the effects that go with it. Pure, on a Draft.
 */
import { CODES } from '../errors/codes.js';
import { describeError } from '../errors/catalog.js';
import { nextBackoff } from './backoff.js';
import type { Draft } from './draft.js';
import {
  ACCESS_BLOCKED_NOTIFICATION_ID,
  ACCESS_BLOCKED_TEXT,
  SERVICE_STATUS_TEXT,
} from './notifications.js';
import { AUTHENTICATE, REAUTH_REQUIRED_TEXT, reauthSchedule } from './reauth-schedule.js';
import { CHANNEL_CLOSED } from './draft.js';
import { hasSession, sessionOf, tunnelAllowed, type SessionAuth } from './status.js';
import type {
  AuthPurpose,
  AuthStatus,
  EpochMs,
  ReauthReason,
  ReauthRequiredStatus,
  ServiceStatus,
} from './types.js';

export const MACHINE_CODES = {
  connectionLost: CODES.CONNECTION_LOST,
  networkError: CODES.NETWORK_ERROR,
  sessionRevoked: CODES.SESSION_REVOKED,
  /** A connected user deactivated via SCIM: the session is terminated (domain.md §7). */
  scimUserTerminated: CODES.ZPN_ERR_SCIM_INACTIVE,
  scimUsernameChanged: CODES.SCIM_USERNAME_CHANGED,
  certificateRotated: CODES.IDP_CERTIFICATE_ROTATED,
  idpNameIdChanged: CODES.IDP_NAMEID_CHANGED,
  closedFromClient: CODES.BRK_MT_CLOSED_FROM_CLIENT,
} as const;

export function toReauthRequired(
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
export function mergeApps(a: string[], b: string[]): string[] {
  if (a.length === 0 || b.length === 0) return [];
  return [...new Set([...a, ...b])];
}

/** Opens the sign-in: a first sign-in, a reauthentication, or Authenticate Early. */
export function startAuthentication(d: Draft) {
  const auth = d.auth;
  if (auth.status === 'authenticating') return;
  const resume = hasSession(auth) ? auth : null;
  const purpose: AuthPurpose =
    auth.status === 'authenticated' ? 'early' : resume ? 'reauth' : 'signIn';
  d.auth = { status: 'authenticating', method: null, purpose, since: d.now, resume };
  d.emit({ type: 'openSignIn', purpose });
}

/** (Re)schedules the reauth timers for a signed-in state; cancels them otherwise. */
export function scheduleAuthTimers(d: Draft, auth: AuthStatus) {
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
export function requireReauth(d: Draft, reason: ReauthReason, apps: string[], message?: string) {
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
export function mergeReauth(
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
export function endSession(d: Draft, code: string) {
  const auth = d.auth;
  if (auth.status === 'unauthenticated') {
    d.auth = { status: 'unauthenticated', lastError: { code, at: d.now } };
    return;
  }
  if (auth.status === 'authenticating') {
    // The sign-in under way brings a new session; only the old one is gone.
    if (auth.resume) d.auth = { ...auth, resume: null };
    forgetSession(d, false);
    scheduleAuthTimers(d, { status: 'unauthenticated' });
    return;
  }
  d.auth = { status: 'unauthenticated', lastError: { code, at: d.now } };
  forgetSession(d, false);
  d.dismissActionable();
  scheduleAuthTimers(d, d.auth);
}

/** The session is gone: its data and its push channel go with it. */
export function forgetSession(d: Draft, notifyCloud: boolean) {
  d.emit({ type: 'discardSession', notifyCloud });
  closeChannel(d);
  const { session, apps, connections } = d.data;
  if (session || apps.length || connections.length) {
    d.setData({ session: null, apps: [], connections: [] });
  }
}

/** Records the error the window shows (and the host logs). */
export function report(d: Draft, code: string, reason?: string, app?: string) {
  const extra = { ...(reason !== undefined ? { reason } : {}), ...(app ? { app } : {}) };
  d.setData({ lastError: { code, ...extra, at: d.now } });
  d.emit({ type: 'reportError', code, ...extra });
}

// --- push channel helpers ---------------------------------------------------------------------

export function openChannel(d: Draft, attempt = 1) {
  if (d.channel.status === 'reconnecting') d.emit({ type: 'cancelTimer', timer: 'channelRetry' });
  d.channel = { status: 'connecting', since: d.now, attempt };
  d.emit({ type: 'openChannel', attempt });
}

export function closeChannel(d: Draft) {
  if (d.channel.status === 'closed') return;
  if (d.channel.status === 'reconnecting') d.emit({ type: 'cancelTimer', timer: 'channelRetry' });
  d.channel = CHANNEL_CLOSED;
  d.emit({ type: 'closeChannel' });
}

// --- service helpers --------------------------------------------------------------------------

/** Effects that take down whatever the current service state is running. */
export function tearDown(d: Draft, code: string) {
  const s = d.service;
  if (s.status === 'on') {
    const ids = d.data.connections.map((c) => c.id);
    if (ids.length) d.setData({ connections: [] });
    d.emit(
      { type: 'stopHeartbeats' },
      { type: 'closeAppConnections', code, ids },
      { type: 'disconnectTunnel' },
    );
  } else if (s.status === 'connecting') {
    d.emit({ type: 'disconnectTunnel' });
  } else if (s.status === 'error' && s.retryAt !== null) {
    d.emit({ type: 'cancelTimer', timer: 'reconnect' });
  }
}

export function startConnect(d: Draft, attempt: number) {
  if (d.service.status === 'error' && d.service.retryAt !== null) {
    d.emit({ type: 'cancelTimer', timer: 'reconnect' });
  }
  d.service = { status: 'connecting', since: d.now, attempt };
  d.emit({ type: 'connectTunnel', attempt });
}

export function goOff(d: Draft, turnedOffByUser: boolean) {
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
export function failService(d: Draft, code: string, opts: FailureOptions) {
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
export const failedAttempt = (s: ServiceStatus) =>
  s.status === 'connecting' ? s.attempt : s.status === 'error' ? s.attempt : 1;

export const tunnelUp = (s: ServiceStatus) => s.status === 'on' || s.status === 'connecting';

/** The IdP certificate changed: Authentication Error until the user authenticates again. */
export function rotateCertificate(d: Draft) {
  if (!hasSession(d.auth) && !(d.auth.status === 'authenticating' && d.auth.resume)) return;
  requireReauth(d, 'certificate_rotated', []);
  const s = d.service;
  const already = s.status === 'error' && s.code === MACHINE_CODES.certificateRotated;
  if ((tunnelUp(s) || s.status === 'error') && !already) {
    failService(d, MACHINE_CODES.certificateRotated, { attempt: failedAttempt(s), noRetry: true });
  }
}

/**
 * The IdP was replaced by one that sends a different NameID (domain.md §7): Authentication Error
 * with no reauth prompt, since a reauthentication would come back as another identity. The sign-in
 * stays until the user logs out and signs in again.
 */
export function failForNewNameId(d: Draft) {
  if (!sessionOf(d.auth)) return;
  const s = d.service;
  const code = MACHINE_CODES.idpNameIdChanged;
  if ((tunnelUp(s) || s.status === 'error') && !(s.status === 'error' && s.code === code)) {
    failService(d, code, { attempt: failedAttempt(s), noRetry: true });
  }
}

/** The tunnel is up. */
export function markConnected(d: Draft, broker: string) {
  if (d.service.status !== 'connecting') return;
  d.service = { status: 'on', broker, since: d.now, stats: { bytesSent: 0, bytesReceived: 0 } };
  d.emit({ type: 'startHeartbeats' });
  d.notifyServiceStatus(SERVICE_STATUS_TEXT.connected);
}

/**
 * The cloud refused one app access request with a session status code (domain.md §1.5). A
 * connection-setup failure concerns that app only (BRK_MT_SETUP_FAIL_SCIM_INACTIVE included): it
 * is reported for the app, and the tunnel and the other app connections stay up.
 */
export function refuseApp(d: Draft, app: string, code: string, reason?: string) {
  const entry = describeError(code, reason);
  const ui = entry.uiState;
  const s = d.service;
  if (ui?.service && tunnelUp(s) && !entry.connectionSetup) {
    failService(d, code, { attempt: failedAttempt(s), ...(reason ? { reason } : {}) });
  } else if (ui?.auth === 'reauthRequired') {
    requireReauth(d, ui.reauthReason ?? 'timeout', [app]);
  } else if (entry.statusClass === 'PolicyBlock' || code.includes('REJECTED_BY_POLICY')) {
    d.emit({
      type: 'showNotification',
      notification: {
        id: ACCESS_BLOCKED_NOTIFICATION_ID,
        category: 'default',
        text: ACCESS_BLOCKED_TEXT,
      },
    });
  }
  report(d, code, entry.reason, app);
}
