/**
 * The guards and labels of shared/state/status.ts that the window, the tray and the command line
 * read directly: whether a click must open the sign-in popup now, and what each state is called.
 * Found by mutation testing (npm run test:mutation -- state/status).
 */
import { describe, expect, it } from 'vitest';
import {
  authLabel,
  channelLabel,
  isSignedIn,
  retryNeedsSignIn,
  serviceLabel,
  startsSignIn,
  tunnelAllowed,
} from '../../../shared/state/status.js';
import type { AuthStatus, ServiceStatus } from '../../../shared/state/index.js';
import {
  CERT_ERROR,
  CERT_REAUTH,
  CONNECTING,
  CONNECTION_ERROR,
  DISCONNECTING,
  EARLY,
  NETWORK_ERROR,
  NOW,
  OFF,
  ON,
  SIGNING_IN,
  TIMEOUT_REAUTH,
  UNAUTH,
  USER,
} from './fixtures.js';

const DEVICE_CERT_REAUTH: AuthStatus = { ...CERT_REAUTH, reason: 'device_certificate_expired' };
const TIMEOUT_ERROR: Extract<ServiceStatus, { status: 'error' }> = {
  status: 'error',
  kind: 'Connection Error',
  code: 'BRK_MT_SETUP_FAIL_SAML_EXPIRED',
  since: NOW,
  attempt: 1,
  retryAt: null,
};

describe('whether a session exists and the tunnel may run', () => {
  it('a sign-in in progress keeps the session it renews, and only that', () => {
    expect(isSignedIn(EARLY)).toBe(true);
    expect(isSignedIn(SIGNING_IN)).toBe(false);
    expect(tunnelAllowed(EARLY)).toBe(true);
    expect(tunnelAllowed(SIGNING_IN)).toBe(false);
  });

  it('a reauthentication for some apps keeps the tunnel; a rotated or expired certificate does not', () => {
    expect(tunnelAllowed(USER)).toBe(true);
    expect(tunnelAllowed(TIMEOUT_REAUTH)).toBe(true);
    expect(tunnelAllowed(CERT_REAUTH)).toBe(false);
    expect(tunnelAllowed(DEVICE_CERT_REAUTH)).toBe(false);
    expect(tunnelAllowed(UNAUTH)).toBe(false);
  });
});

describe('Retry after an error', () => {
  it('signs in first when nobody is signed in or the certificate is refused', () => {
    expect(retryNeedsSignIn(CONNECTION_ERROR, UNAUTH)).toBe(true);
    expect(retryNeedsSignIn(CERT_ERROR, CERT_REAUTH)).toBe(true);
    expect(retryNeedsSignIn(CONNECTION_ERROR, DEVICE_CERT_REAUTH)).toBe(true);
  });

  it('signs in first when the error itself is about the credentials', () => {
    expect(retryNeedsSignIn(TIMEOUT_ERROR, TIMEOUT_REAUTH)).toBe(true);
  });

  it('reconnects directly with a session the edge accepts', () => {
    expect(retryNeedsSignIn(CONNECTION_ERROR, USER)).toBe(false);
    expect(retryNeedsSignIn(NETWORK_ERROR, TIMEOUT_REAUTH)).toBe(false);
    expect(retryNeedsSignIn(ON, TIMEOUT_REAUTH)).toBe(false);
    expect(retryNeedsSignIn(CONNECTION_ERROR, EARLY)).toBe(false);
    // An error the catalog does not know says nothing about the credentials.
    expect(retryNeedsSignIn({ ...TIMEOUT_ERROR, code: 'E_SOMETHING_NEW' }, TIMEOUT_REAUTH)).toBe(
      false,
    );
  });

  it('opens no second sign-in while one is in progress, whatever the error', () => {
    const reauthenticating: AuthStatus = { ...EARLY, purpose: 'reauth', resume: TIMEOUT_REAUTH };
    expect(retryNeedsSignIn(TIMEOUT_ERROR, reauthenticating)).toBe(false);
    expect(retryNeedsSignIn(TIMEOUT_ERROR, USER)).toBe(false);
  });
});

describe('which clicks open the sign-in popup', () => {
  it('Sign In, Authenticate and Authenticate Early always do', () => {
    for (const action of ['signIn', 'authenticate', 'authenticateEarly'] as const) {
      expect(startsSignIn(action, { service: ON, auth: USER })).toBe(true);
    }
  });

  it('Turn On does from Off without a session the edge accepts, and only from Off', () => {
    expect(startsSignIn('turnOn', { service: OFF, auth: UNAUTH })).toBe(true);
    expect(startsSignIn('turnOn', { service: OFF, auth: CERT_REAUTH })).toBe(true);
    expect(startsSignIn('turnOn', { service: OFF, auth: USER })).toBe(false);
    expect(startsSignIn('turnOn', { service: OFF, auth: TIMEOUT_REAUTH })).toBe(false);
    expect(startsSignIn('turnOn', { service: CONNECTION_ERROR, auth: UNAUTH })).toBe(false);
  });

  it('Retry does from an error that needs a sign-in, and only from an error', () => {
    expect(startsSignIn('retry', { service: CONNECTION_ERROR, auth: UNAUTH })).toBe(true);
    expect(startsSignIn('retry', { service: CONNECTION_ERROR, auth: USER })).toBe(false);
    expect(startsSignIn('retry', { service: OFF, auth: UNAUTH })).toBe(false);
  });
});

describe('the labels the window, the tray and the command line show', () => {
  it('Service Status', () => {
    expect([ON, OFF, CONNECTING, DISCONNECTING, CERT_ERROR].map(serviceLabel)).toEqual([
      'On',
      'Off',
      'Connecting',
      'Disconnecting',
      'Authentication Error',
    ]);
  });

  it('Authentication Status', () => {
    expect([USER, EARLY, TIMEOUT_REAUTH, UNAUTH].map(authLabel)).toEqual([
      'Authenticated',
      'Authenticating…',
      'Authentication Required',
      'Not Authenticated',
    ]);
  });

  it('the push channel is mentioned only while it is reconnecting', () => {
    expect(channelLabel(undefined)).toBeNull();
    expect(channelLabel({ status: 'closed' })).toBeNull();
    expect(channelLabel({ status: 'open', since: NOW })).toBeNull();
    expect(channelLabel({ status: 'connecting', since: NOW, attempt: 1 })).toBeNull();
    expect(channelLabel({ status: 'connecting', since: NOW, attempt: 2 })).toBe('Reconnecting…');
    expect(
      channelLabel({
        status: 'reconnecting',
        since: NOW,
        attempt: 1,
        retryAt: NOW + 1000,
        code: 'CONNECTION_LOST',
      }),
    ).toBe('Reconnecting…');
  });
});
