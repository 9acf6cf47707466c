/**
 * What the machine's shared steps (shared/state/axes.ts) leave behind beyond the fixture table
 * (transitions.test.ts): the error the window shows, the app list and connections after a
 * sign-out or Turn Off, the push channel's timers, reauthentication that gathers apps, and the
 * codes that end in a reauthentication instead of a reconnect. Found by mutation testing
 * (npm run test:mutation -- state/axes).
 */
import { describe, expect, it } from 'vitest';
import {
  ACCESS_BLOCKED_TEXT,
  DEFAULT_REAUTH_NOTIFICATIONS,
  SERVICE_STATUS_TEXT,
  transition,
  type ClientEvent,
  type ClientState,
} from '../../../shared/state/index.js';
import {
  APP_CONNECTION,
  FIXTURES,
  MIN,
  NOW,
  SAMPLE_EVENTS,
  TIMEOUT_REAUTH,
  sig,
  step,
  run,
  SIGN_IN,
  WIKI,
} from './fixtures.js';

const refused = (code: string, reason?: string): ClientEvent => ({
  type: 'appAccessFailed',
  app: 'wiki.acme.test',
  code,
  ...(reason ? { reason } : {}),
});
const reauthFor = (...apps: string[]): ClientEvent => ({
  type: 'reauthRequired',
  reason: 'timeout',
  apps,
});

describe('the session data the window shows', () => {
  const busy = run(
    FIXTURES.on,
    { type: 'appsLoaded', apps: [WIKI] },
    { type: 'connectionsUpdated', connections: [APP_CONNECTION] },
  );

  it('Turn Off closes the open app connections by id and empties the list', () => {
    const { state, effects } = step(busy, SAMPLE_EVENTS.turnOff);
    expect(effects).toContainEqual({
      type: 'closeAppConnections',
      code: 'BRK_MT_CLOSED_FROM_CLIENT',
      ids: [APP_CONNECTION.id],
    });
    expect(state.data?.connections).toEqual([]);
    expect(state.data?.apps).toEqual([WIKI]);
  });

  it('sign-out forgets the apps and connections of the session', () => {
    const { state } = step(busy, SAMPLE_EVENTS.signOut);
    expect(state.data?.apps).toEqual([]);
    expect(state.data?.connections).toEqual([]);
    expect(state.data?.session).toBeNull();
  });

  it('an app refusal records the code, the reason and the app as the last error', () => {
    const { state } = step(
      FIXTURES.offAuthed,
      refused('BRK_MT_SETUP_FAIL_SCIM_INACTIVE', 'not_synced'),
    );
    expect(state.data?.lastError).toEqual({
      code: 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE',
      reason: 'not_synced',
      app: 'wiki.acme.test',
      at: NOW,
    });
  });
});

describe('app refusals', () => {
  it('a policy block without REJECTED_BY_POLICY in its code still shows "access blocked"', () => {
    const { effects } = step(FIXTURES.on, refused('BRK_MT_SETUP_FAIL_NO_POLICY_FOUND'));
    expect(effects).toContainEqual({
      type: 'showNotification',
      notification: { id: 'access-blocked', category: 'default', text: ACCESS_BLOCKED_TEXT },
    });
  });

  it('an unknown app is an error, not a policy block: no "access blocked" notification', () => {
    const { effects } = step(FIXTURES.on, refused('BRK_MT_SETUP_FAIL_APP_NOT_FOUND'));
    expect(effects.map(sig)).toEqual(['reportError:BRK_MT_SETUP_FAIL_APP_NOT_FOUND']);
  });
});

describe('tunnel failures with an authentication side', () => {
  it('an expired sign-in asks for reauthentication and does not retry by itself', () => {
    const { state, effects } = step(FIXTURES.connecting, {
      type: 'connectFailed',
      code: 'BRK_MT_SETUP_FAIL_SAML_EXPIRED',
    });
    expect(state.auth).toMatchObject({ status: 'reauthRequired', reason: 'timeout', apps: [] });
    expect(state.service).toMatchObject({ status: 'error', retryAt: null });
    expect(effects.map(sig)).not.toContain('scheduleTimer:reconnect');
  });

  it('an expired device certificate keeps its own reason (the edge refuses the tunnel)', () => {
    const { state } = step(FIXTURES.connecting, {
      type: 'connectFailed',
      code: 'ZPN_ERR_CERT_EXPIRED',
    });
    expect(state.auth).toMatchObject({
      status: 'reauthRequired',
      reason: 'device_certificate_expired',
      apps: [],
    });
  });

  it('losing the network while an automatic reconnect is failing still says so', () => {
    const retrying = run(FIXTURES.connecting, SAMPLE_EVENTS.connectFailed);
    expect(retrying.service).toMatchObject({ status: 'error', attempt: 2 });
    const { effects } = step(retrying, SAMPLE_EVENTS.networkLost);
    expect(effects.map(sig)).toContain(`show:${SERVICE_STATUS_TEXT.networkDown}`);
  });
});

describe('Turn Off while a sign-out is closing the tunnel', () => {
  it('keeps the service off after the next sign-in', () => {
    const signedOut = step(FIXTURES.on, SAMPLE_EVENTS.signOut).state;
    const turnedOff = step(signedOut, SAMPLE_EVENTS.turnOff).state;
    expect(turnedOff.service).toMatchObject({ status: 'disconnecting', turnedOffByUser: true });
    const off = run(turnedOff, SAMPLE_EVENTS.disconnected);
    const { state, effects } = step(off, SIGN_IN);
    expect(state.service).toMatchObject({ status: 'off', turnedOffByUser: true });
    expect(effects.map(sig)).not.toContain('connectTunnel:1');
  });
});

describe('reauthentication that gathers apps', () => {
  const offReauth: ClientState = { ...FIXTURES.offAuthed, auth: TIMEOUT_REAUTH };

  it('required for all apps stays so when one app asks again', () => {
    const all = run(FIXTURES.offAuthed, reauthFor());
    const again = step(all, reauthFor('mail.acme.test'));
    expect(again.state).toBe(all);
  });

  it('an app already listed changes nothing', () => {
    expect(step(offReauth, reauthFor('wiki.acme.test')).state).toBe(offReauth);
  });

  it('during the reauthentication sign-in, a new app joins the list the sign-in resumes', () => {
    const signingIn = run(offReauth, SAMPLE_EVENTS.authenticate);
    const { state } = step(signingIn, reauthFor('mail.acme.test'));
    expect(state.auth).toMatchObject({
      status: 'authenticating',
      resume: { ...TIMEOUT_REAUTH, apps: ['wiki.acme.test', 'mail.acme.test'] },
    });
    expect(step(state, reauthFor('mail.acme.test')).state).toBe(state);
  });

  it('a certificate rotation with the service off widens it to all apps', () => {
    const { state } = step(offReauth, SAMPLE_EVENTS.certificateRotated);
    expect(state.auth).toEqual({ ...TIMEOUT_REAUTH, reason: 'certificate_rotated', apps: [] });
  });

  it('a failed reauthentication brings the reminders back on their schedule', () => {
    const signingIn = run(offReauth, SAMPLE_EVENTS.authenticate);
    const { state, effects } = step(signingIn, SAMPLE_EVENTS.signInFailed);
    expect(state.auth).toBe(TIMEOUT_REAUTH);
    const next = TIMEOUT_REAUTH.since + 35 * MIN; // every 5 minutes from `since`, after NOW
    expect(effects).toContainEqual({
      type: 'scheduleTimer',
      timer: 'reauthNotice',
      at: next,
      delayMs: next - NOW,
    });
    expect(effects).toContainEqual({ type: 'cancelTimer', timer: 'authExpiry' });
  });

  it('a rotation while a first sign-in is under way after a revocation changes nothing', () => {
    const signingIn = run(FIXTURES.revokedError, SAMPLE_EVENTS.authenticate);
    expect(step(signingIn, SAMPLE_EVENTS.certificateRotated).state).toBe(signingIn);
  });
});

describe('reauthentication timers at sign-in', () => {
  it('with the notifications turned off, schedules no warning', () => {
    const { effects } = transition(FIXTURES.offUnauth, SIGN_IN, NOW, {
      config: { reauthNotifications: { ...DEFAULT_REAUTH_NOTIFICATIONS, enabled: false } },
    });
    expect(effects.map(sig)).toContain('cancelTimer:reauthNotice');
    expect(effects.map(sig)).not.toContain('scheduleTimer:reauthNotice');
  });

  it('a session already past its expiry schedules no warning, only the expiry', () => {
    const { effects } = step(FIXTURES.offUnauth, { ...SIGN_IN, expiresAt: NOW - MIN });
    expect(effects.map(sig)).toContain('cancelTimer:reauthNotice');
    expect(effects).toContainEqual({
      type: 'scheduleTimer',
      timer: 'authExpiry',
      at: NOW - MIN,
      delayMs: 0,
    });
  });
});

describe('the push channel', () => {
  const reconnecting = (s: ClientState): ClientState => ({
    ...s,
    channel: { status: 'reconnecting', since: NOW, attempt: 2, retryAt: NOW + 5_000, code: 'X' },
  });

  it('a new sign-in reopens it at once, dropping the pending retry', () => {
    const { state, effects } = step(reconnecting(FIXTURES.offAuthed), SIGN_IN);
    expect(effects.map(sig)).toContain('cancelTimer:channelRetry');
    expect(state.channel).toEqual({ status: 'connecting', since: NOW, attempt: 1 });
  });

  it('sign-out closes it, dropping the pending retry', () => {
    const { state, effects } = step(reconnecting(FIXTURES.offAuthed), SAMPLE_EVENTS.signOut);
    expect(effects.map(sig)).toEqual(
      expect.arrayContaining(['cancelTimer:channelRetry', 'closeChannel']),
    );
    expect(state.channel).toEqual({ status: 'closed' });
  });
});
