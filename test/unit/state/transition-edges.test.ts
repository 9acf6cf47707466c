/**
 * Transitions from states the fixture table (transitions.test.ts) does not hold: a sign-out
 * still closing the tunnel, a session whose device certificate expired, a sign-in by another
 * user, events that carry optional fields, and timers that fire at the edges of their window.
 * Found by mutation testing (npm run test:mutation -- state): each case is a change the user
 * would see, or a no-op that must stay one (no snapshot sent).
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REAUTH_NOTIFICATIONS,
  REAUTH_WARNING_TEXT,
  transition,
  type ClientEvent,
  type ClientState,
  type ServiceStatus,
} from '../../../shared/state/index.js';
import {
  APP_CONNECTION,
  EARLY,
  EXPIRES,
  FIXTURES,
  LIVE_SESSION,
  MIN,
  NOW,
  SAMPLE_EVENTS,
  USER,
  sig,
  step,
  run,
  SIGN_IN,
  WIKI,
} from './fixtures.js';
const DEVICE_CERT_EXPIRED: ClientEvent = {
  type: 'reauthRequired',
  reason: 'device_certificate_expired',
  apps: [],
};
describe('a sign-out still closing the tunnel', () => {
  const signedOut = step(FIXTURES.on, SAMPLE_EVENTS.signOut).state;

  it('Turn On during it brings the service back up afterwards', () => {
    expect(signedOut.service).toMatchObject({ status: 'disconnecting', next: 'off' });
    const { state } = step(signedOut, SAMPLE_EVENTS.turnOn);
    expect(state.service).toEqual({
      status: 'disconnecting',
      since: NOW,
      next: 'connecting',
      turnedOffByUser: false,
    });
  });

  it('a second Turn On changes nothing', () => {
    const once = step(signedOut, SAMPLE_EVENTS.turnOn).state;
    const twice = step(once, SAMPLE_EVENTS.turnOn);
    expect(twice.state).toBe(once);
    expect(twice.effects).toEqual([]);
  });

  it('ends Off but not turned off by the user: the next sign-in connects by itself', () => {
    const off = step(signedOut, SAMPLE_EVENTS.disconnected).state;
    expect(off.service).toEqual({ status: 'off', since: NOW, turnedOffByUser: false });
    const { state, effects } = step(off, SIGN_IN);
    expect(state.service).toEqual({ status: 'connecting', since: NOW, attempt: 1 });
    expect(effects.map(sig)).toContain('connectTunnel:1');
  });

  it('a sign-in while it is already coming back up changes nothing on the service', () => {
    const back = step(signedOut, SAMPLE_EVENTS.turnOn).state;
    const { state } = step(back, SIGN_IN);
    expect(state.service).toBe(back.service);
  });
});

describe('a sign-in', () => {
  const withData = (s: ClientState): ClientState =>
    run(
      s,
      { type: 'appsLoaded', apps: [WIKI] },
      { type: 'connectionsUpdated', connections: [APP_CONNECTION] },
      { type: 'signInFailed', code: '42015' },
    );

  it("by another user drops the previous user's apps and connections and restarts the tunnel", () => {
    const before = withData(FIXTURES.on);
    expect(before.data?.apps).toEqual([WIKI]);
    const { state, effects } = step(before, {
      ...SIGN_IN,
      user: 'bo@acme.test',
      session: LIVE_SESSION,
    });
    expect(state.data?.apps).toEqual([]);
    expect(state.data?.connections).toEqual([]);
    expect(state.data?.session).toEqual(LIVE_SESSION);
    expect(state.data?.lastError).toBeNull();
    expect(state.service).toEqual({
      status: 'disconnecting',
      since: NOW,
      next: 'connecting',
      turnedOffByUser: false,
    });
    expect(effects.map(sig)).toContain('disconnectTunnel');
  });

  it("by another user while Off drops the previous user's connections too", () => {
    const before = withData(FIXTURES.offAuthed);
    expect(before.data?.connections).toEqual([APP_CONNECTION]);
    const { state } = step(before, { ...SIGN_IN, user: 'bo@acme.test' });
    expect(state.data?.connections).toEqual([]);
    expect(state.data?.apps).toEqual([]);
  });

  it('by the same user (in any case) keeps the apps and clears the last error', () => {
    const before = withData(FIXTURES.on);
    expect(before.data?.lastError).toMatchObject({ code: '42015' });
    const { state } = step(before, { ...SIGN_IN, user: USER.user.toUpperCase() });
    expect(state.data?.apps).toEqual([WIKI]);
    expect(state.data?.connections).toEqual([APP_CONNECTION]);
    expect(state.data?.lastError).toBeNull();
    expect(state.service).toBe(before.service);
  });

  it('that starts again with the same method changes nothing', () => {
    const started = step(FIXTURES.offUnauth, SAMPLE_EVENTS.signInStarted).state;
    const again = step(started, SAMPLE_EVENTS.signInStarted);
    expect(again.state).toBe(started);
  });

  it('that fails keeps the reason with the code', () => {
    const { state } = step(FIXTURES.offUnauth, {
      type: 'signInFailed',
      code: 'SIGN_IN_CANCELLED',
      reason: 'access_denied',
    });
    expect(state.auth).toEqual({
      status: 'unauthenticated',
      lastError: { code: 'SIGN_IN_CANCELLED', reason: 'access_denied', at: NOW },
    });
  });
});

describe('a session whose device certificate expired (the edge refuses the tunnel)', () => {
  const netErrorExpired = run(FIXTURES.netError, DEVICE_CERT_EXPIRED);

  it('does not reconnect when the network comes back', () => {
    expect(netErrorExpired.auth).toMatchObject({ status: 'reauthRequired' });
    const { state, effects } = step(netErrorExpired, SAMPLE_EVENTS.networkRestored);
    expect(effects.map(sig)).not.toContain('connectTunnel:1');
    expect(state.service).toBe(netErrorExpired.service);
  });

  it('stops the reconnect countdown instead of connecting when it is due', () => {
    const { state, effects } = step(netErrorExpired, SAMPLE_EVENTS.reconnectDue);
    expect(effects).toEqual([]);
    expect(state.service).toEqual({ ...netErrorExpired.service, retryAt: null });
  });
});

describe('pushes with optional fields', () => {
  it('a reauth push for a certificate rotation is an Authentication Error, like the rotation', () => {
    const viaReauth = step(FIXTURES.on, {
      type: 'reauthRequired',
      reason: 'certificate_rotated',
      apps: ['wiki.acme.test'],
    });
    const viaRotation = step(FIXTURES.on, SAMPLE_EVENTS.certificateRotated);
    expect(viaReauth.state.service).toMatchObject({
      status: 'error',
      kind: 'Authentication Error',
      code: 'IDP_CERTIFICATE_ROTATED',
    });
    expect(viaReauth).toEqual(viaRotation);
  });

  it('a reauth push without apps requires it for all applications', () => {
    const { state } = step(FIXTURES.offAuthed, { type: 'reauthRequired', reason: 'timeout' });
    expect(state.auth).toMatchObject({ status: 'reauthRequired', reason: 'timeout', apps: [] });
  });

  it('a revocation with a code this client does not know still never reconnects by itself', () => {
    const { state, effects } = step(FIXTURES.on, { type: 'sessionRevoked', code: 'ZPN_ERR_NEW' });
    expect(state.service).toMatchObject({ status: 'error', code: 'ZPN_ERR_NEW', retryAt: null });
    expect(effects.map(sig)).not.toContain('scheduleTimer:reconnect');
    expect(state.auth).toEqual({
      status: 'unauthenticated',
      lastError: { code: 'ZPN_ERR_NEW', at: NOW },
    });
  });

  it('a policy change records the new policy version', () => {
    const { state, effects } = step(FIXTURES.on, { type: 'policyChanged', version: 7 });
    expect(state.data?.policyVersion).toBe(7);
    expect(effects.map(sig)).toEqual(['refreshPolicy']);
  });

  it('a policy change to the version already known, without a session, is a no-op', () => {
    const known = run(FIXTURES.offUnauth, { type: 'policyChanged', version: 7 });
    expect(known.data?.policyVersion).toBe(7);
    const again = step(known, { type: 'policyChanged', version: 7 });
    expect(again.state).toBe(known);
  });

  it('traffic counters update when either direction changed, and only then', () => {
    const on = FIXTURES.on;
    const stats = (on.service as Extract<ServiceStatus, { status: 'on' }>).stats;
    const same = step(on, { type: 'statsUpdated', ...stats });
    expect(same.state).toBe(on);
    const received = step(on, { type: 'statsUpdated', ...stats, bytesReceived: 999 });
    expect(received.state.service).toMatchObject({ stats: { ...stats, bytesReceived: 999 } });
    const sent = step(on, { type: 'statsUpdated', ...stats, bytesSent: 999 });
    expect(sent.state.service).toMatchObject({ stats: { ...stats, bytesSent: 999 } });
  });
});

describe('reauthentication timers at the edges', () => {
  const noExpiry: ClientState = { ...FIXTURES.on, auth: { ...USER, expiresAt: null } };

  it('shows no warning when the admin turned the notifications off', () => {
    const { state, effects } = transition(FIXTURES.on, SAMPLE_EVENTS.reauthWarningDue, NOW, {
      config: { reauthNotifications: { ...DEFAULT_REAUTH_NOTIFICATIONS, enabled: false } },
    });
    expect(effects).toEqual([]);
    expect(state).toBe(FIXTURES.on);
  });

  it('shows no warning and never expires a session without an expiry (timeout Never)', () => {
    expect(step(noExpiry, SAMPLE_EVENTS.reauthWarningDue).state).toBe(noExpiry);
    expect(step(noExpiry, SAMPLE_EVENTS.authExpired, EXPIRES).state).toBe(noExpiry);
  });

  it('the last warning before expiry schedules no further warning', () => {
    const { effects } = step(FIXTURES.on, SAMPLE_EVENTS.reauthWarningDue, EXPIRES - 3 * MIN);
    expect(effects.map(sig)).toEqual([`show:${REAUTH_WARNING_TEXT}`]);
  });

  it('repeats the reauthentication notice on its schedule while reauth is required', () => {
    const since =
      FIXTURES.onReauth.auth.status === 'reauthRequired' && FIXTURES.onReauth.auth.since;
    const at = NOW + 2 * MIN;
    const { effects } = step(FIXTURES.onReauth, SAMPLE_EVENTS.reauthWarningDue, at);
    const next = Number(since) + 35 * MIN; // every 5 minutes from `since`, the first after `at`
    expect(effects).toContainEqual({
      type: 'scheduleTimer',
      timer: 'reauthNotice',
      at: next,
      delayMs: next - at,
    });
  });

  it('an expiry timer that fires early during Authenticate Early leaves it to the sign-in', () => {
    const early: ClientState = { ...FIXTURES.on, auth: EARLY };
    const { state, effects } = step(early, SAMPLE_EVENTS.authExpired, EXPIRES - MIN);
    expect(effects).toEqual([]);
    expect(state).toBe(early);
  });
});
