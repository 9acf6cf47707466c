/**
 * The guards and labels of the client's state, written once: whether a tunnel may run, whether
 * an action starts a sign-in, and what each state is called. The machine, the window
 * (renderer/store/selectors.ts), the tray and notifications (electron/connector/host) and the
 * command line all use these; none of them says it again.
 */
import { describeError } from '../errors/catalog.js';
import type {
  AuthStatus,
  AuthenticatedStatus,
  ChannelStatus,
  ReauthReason,
  ReauthRequiredStatus,
  ServiceStatus,
} from './types.js';

export type SessionAuth = AuthenticatedStatus | ReauthRequiredStatus;

export const hasSession = (auth: AuthStatus): auth is SessionAuth =>
  auth.status === 'authenticated' || auth.status === 'reauthRequired';

/** The signed-in state behind the current one (through a sign-in in progress). */
export function sessionOf(auth: AuthStatus): SessionAuth | null {
  if (hasSession(auth)) return auth;
  if (auth.status === 'authenticating') return auth.resume;
  return null;
}

/** Signed in: a session exists (possibly needing reauthentication or being renewed). */
export const isSignedIn = (auth: AuthStatus): boolean => sessionOf(auth) !== null;

/** Reauth reasons after which the service edge refuses the tunnel itself, not just some apps. */
export const TUNNEL_BLOCKING: readonly ReauthReason[] = [
  'certificate_rotated',
  'device_certificate_expired',
];

/** Whether the tunnel may run: a session whose credentials the service edge still accepts. */
export function tunnelAllowed(auth: AuthStatus): boolean {
  const s = sessionOf(auth);
  return s !== null && (s.status === 'authenticated' || !TUNNEL_BLOCKING.includes(s.reason));
}

/** Whether Retry must go through a sign-in first (the error is about the credentials). */
export function retryNeedsSignIn(service: ServiceStatus, auth: AuthStatus): boolean {
  if (auth.status === 'unauthenticated') return true;
  if (auth.status !== 'reauthRequired') return false;
  if (TUNNEL_BLOCKING.includes(auth.reason)) return true;
  return (
    service.status === 'error' &&
    describeError(service.code, service.reason).uiState?.auth !== undefined
  );
}

/** The user actions of the window that may open a sign-in. */
export type UserAction = 'signIn' | 'authenticate' | 'authenticateEarly' | 'turnOn' | 'retry';

/**
 * Whether `action` makes the machine open a sign-in (so a web page must open its sign-in popup
 * now, in the click): sign in, Authenticate (Early), and Turn On / Retry without a usable session.
 */
export function startsSignIn(
  action: UserAction,
  state: { service: ServiceStatus; auth: AuthStatus },
): boolean {
  if (action === 'signIn' || action === 'authenticate' || action === 'authenticateEarly') {
    return true;
  }
  const { auth, service } = state;
  if (action === 'turnOn') return service.status === 'off' && !tunnelAllowed(auth);
  return service.status === 'error' && retryNeedsSignIn(service, auth);
}

// --- labels --------------------------------------------------------------------------------------

export { AUTHENTICATE_LABEL, SIGN_IN_LABEL } from './buttons.js';

/** The Service Status text, as the real client shows it. */
export function serviceLabel(s: ServiceStatus): string {
  switch (s.status) {
    case 'on':
      return 'On';
    case 'off':
      return 'Off';
    case 'connecting':
      return 'Connecting';
    case 'disconnecting':
      return 'Disconnecting';
    case 'error':
      return s.kind;
  }
}

/** The Authentication Status text (window, tray, command line). */
export function authLabel(a: AuthStatus): string {
  switch (a.status) {
    case 'authenticated':
      return 'Authenticated';
    case 'authenticating':
      return 'Authenticating…';
    case 'reauthRequired':
      return 'Authentication Required';
    case 'unauthenticated':
      return 'Not Authenticated';
  }
}

/** What the window and the tray say about the push channel; null while it needs no mention. */
export function channelLabel(c: ChannelStatus | undefined): string | null {
  if (!c) return null;
  switch (c.status) {
    case 'reconnecting':
      return 'Reconnecting…';
    case 'connecting':
      return c.attempt > 1 ? 'Reconnecting…' : null;
    default:
      return null;
  }
}
