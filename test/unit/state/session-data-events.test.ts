/**
 * What the session brings, as the window shows it (shared/state/session-events.ts): the username,
 * the cloud's session and policy version, apps and app connections with their byte counts, the
 * push channel's reconnect attempts, and the cloud's verdicts on the session (ended, SCIM,
 * reauthentication, timeout). Found by mutation testing (npm run test:mutation --
 * state/session-events): the fixture table checks these events move no axis, not the data.
 */
import { describe, expect, it } from 'vitest';
import type { AppConnectionView, AppSummary, LiveSession } from '../../../shared/model/broker.js';
import {
  ACCESS_BLOCKED_TEXT,
  type ClientEvent,
  type ClientState,
} from '../../../shared/state/index.js';
import {
  APP_CONNECTION,
  FIXTURES,
  LIVE_SESSION,
  NOW,
  SAMPLE_EVENTS,
  USER,
  backoffAtHalf,
  sig,
  step,
  run,
} from './fixtures.js';

const STAMP = new Date(NOW).toISOString();
const snapshot = (session: Partial<LiveSession> = {}, policyVersion = 4): ClientEvent => ({
  type: 'sessionState',
  broker: '10.0.0.1',
  session: { ...LIVE_SESSION, ...session },
  connections: [APP_CONNECTION],
  policyVersion,
});
const conn = (id: string, bytesSent: number, bytesReceived: number): AppConnectionView => ({
  ...APP_CONNECTION,
  id,
  bytesSent,
  bytesReceived,
});
const opened = (
  outcome: 'allowed' | 'blocked' | 'reauth_required',
  code: string,
  connection?: AppConnectionView,
): ClientEvent => ({
  type: 'appOpened',
  app: 'wiki.acme.test',
  decision: { outcome, code, message: '', trace: null, idleTimeoutMs: null, expiresAt: null },
  connection: connection ?? null,
});

describe('the data the window shows', () => {
  it('the username typed at sign-in, trimmed; the same name again changes nothing', () => {
    const named = run(FIXTURES.offUnauth, SAMPLE_EVENTS.signIn);
    expect(named.data?.username).toBe('ana@acme.test');
    expect(step(named, { type: 'signIn', username: 'ana@acme.test  ' }).state).toBe(named);
  });

  it("the cloud's session, its connections and the policy version", () => {
    const s = run(FIXTURES.on, snapshot({}, 4));
    expect(s.data).toMatchObject({
      session: LIVE_SESSION,
      connections: [APP_CONNECTION],
      policyVersion: 4,
    });
  });

  it('the apps of a session', () => {
    const wiki = { app: 'wiki.acme.test', name: 'Wiki', ports: [443] } as AppSummary;
    expect(run(FIXTURES.on, { type: 'appsLoaded', apps: [wiki] }).data?.apps).toEqual([wiki]);
  });

  it('an opened app adds its connection to the others; a closed one leaves the rest', () => {
    const first = conn('c1', 1, 2);
    const second = conn('c2', 3, 4);
    const both = run(
      FIXTURES.on,
      opened('allowed', 'OPEN_OR_ACTIVE_CONNECTION', first),
      opened('allowed', 'OPEN_OR_ACTIVE_CONNECTION', second),
    );
    expect(both.data?.connections).toEqual([first, second]);
    expect(run(both, { type: 'connectionClosed', connection: first }).data?.connections).toEqual([
      second,
    ]);
    expect(step(both, { type: 'connectionClosed', connection: conn('gone', 0, 0) }).state).toBe(
      both,
    );
    expect(step(both, opened('allowed', 'OPEN_OR_ACTIVE_CONNECTION')).state).toBe(both);
  });

  it("the tunnel's byte counts are the sums over the app connections", () => {
    const updated = run(FIXTURES.on, {
      type: 'connectionsUpdated',
      connections: [conn('c1', 10, 20), conn('c2', 5, 7)],
    });
    expect(updated.service).toMatchObject({ stats: { bytesSent: 15, bytesReceived: 27 } });
    const again = step(updated, {
      type: 'connectionsUpdated',
      connections: [conn('c1', 10, 20), conn('c2', 5, 7)],
    });
    expect(again.state.service).toBe(updated.service);
    // Either direction alone is news.
    const received = run(updated, {
      type: 'connectionsUpdated',
      connections: [conn('c1', 10, 20), conn('c2', 5, 8)],
    });
    expect(received.service).toMatchObject({ stats: { bytesSent: 15, bytesReceived: 28 } });
    const sent = run(updated, {
      type: 'connectionsUpdated',
      connections: [conn('c1', 11, 20), conn('c2', 5, 7)],
    });
    expect(sent.service).toMatchObject({ stats: { bytesSent: 16, bytesReceived: 27 } });
    const offline = run(FIXTURES.offAuthed, {
      type: 'connectionsUpdated',
      connections: [conn('c1', 10, 20)],
    });
    expect(offline.service).toBe(FIXTURES.offAuthed.service);
  });
});

describe('an app the cloud refuses', () => {
  it('a policy block pops up the access-blocked notice', () => {
    const { effects } = step(
      FIXTURES.on,
      opened('blocked', 'BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY'),
    );
    expect(effects.map(sig)).toContain(`show:${ACCESS_BLOCKED_TEXT}`);
  });

  it('an expired authentication asks to reauthenticate for that app', () => {
    const { state } = step(
      FIXTURES.on,
      opened('reauth_required', 'BRK_MT_SETUP_FAIL_SAML_EXPIRED'),
    );
    expect(state.auth).toMatchObject({
      status: 'reauthRequired',
      reason: 'timeout',
      apps: ['wiki.acme.test'],
    });
  });

  it('an allowed app refuses nothing', () => {
    const { effects } = step(
      FIXTURES.on,
      opened('allowed', 'OPEN_OR_ACTIVE_CONNECTION', APP_CONNECTION),
    );
    expect(effects).toEqual([]);
  });
});

describe('the push channel', () => {
  const connecting = (attempt: number): ClientState => ({
    ...FIXTURES.on,
    channel: { status: 'connecting', since: NOW - 1000, attempt },
  });

  it('opens only from connecting', () => {
    expect(run(connecting(1), { type: 'channelOpened' }).channel).toEqual({
      status: 'open',
      since: NOW,
    });
    const closed = FIXTURES.on;
    expect(step(closed, { type: 'channelOpened' }).state).toBe(closed);
  });

  it('a failed reconnect keeps counting attempts, and retries with the next one', () => {
    const { state, effects } = step(connecting(3), { type: 'channelLost' });
    expect(state.channel).toEqual({
      status: 'reconnecting',
      since: NOW,
      attempt: 3,
      retryAt: NOW + backoffAtHalf(3),
      code: 'CONNECTION_LOST',
    });
    expect(effects).toEqual([
      {
        type: 'scheduleTimer',
        timer: 'channelRetry',
        at: NOW + backoffAtHalf(3),
        delayMs: backoffAtHalf(3),
        attempt: 4,
      },
    ]);
    const lostAgain = step(state, { type: 'channelLost', code: 'TIMEOUT' }).state;
    expect(lostAgain.channel).toMatchObject({
      status: 'reconnecting',
      attempt: 3,
      code: 'TIMEOUT',
    });
  });

  it('retries only while reconnecting and signed in', () => {
    const reconnecting = run(connecting(2), { type: 'channelLost' });
    expect(run(reconnecting, { type: 'channelRetryDue' }).channel).toMatchObject({
      status: 'connecting',
      attempt: 3,
    });
    const stillConnecting = connecting(2);
    expect(step(stillConnecting, { type: 'channelRetryDue' }).state).toBe(stillConnecting);
    const signedOut: ClientState = { ...reconnecting, auth: { status: 'unauthenticated' } };
    expect(step(signedOut, { type: 'channelRetryDue' }).state).toBe(signedOut);
  });
});

describe("the cloud's verdict on the session", () => {
  it('a session ended while already in that error is not failed twice, but ends', () => {
    const revoked = snapshot({
      terminated: { code: 'SESSION_REVOKED', reason: 'revoked', at: new Date(NOW).toISOString() },
    });
    const inError: ClientState = {
      ...FIXTURES.on,
      service: { ...FIXTURES.revokedError.service },
      auth: USER,
    };
    const { state, effects } = step(inError, revoked);
    expect(state.service).toBe(inError.service);
    expect(state.auth).toMatchObject({
      status: 'unauthenticated',
      lastError: { code: 'SESSION_REVOKED' },
    });
    expect(effects.map(sig)).not.toContain('disconnectTunnel');
  });

  it('a session ended during another error replaces it, keeping the attempt count', () => {
    const revoked = snapshot({
      terminated: { code: 'SESSION_REVOKED', reason: 'revoked', at: new Date(NOW).toISOString() },
    });
    const { state } = step(FIXTURES.netError, revoked);
    expect(state.service).toEqual({
      status: 'error',
      kind: 'Connection Error',
      code: 'SESSION_REVOKED',
      since: NOW,
      attempt: 3,
      retryAt: null,
    });
    expect(state.auth).toMatchObject({ status: 'unauthenticated' });
  });

  it('an IdP that now sends another NameID: Authentication Error, still signed in', () => {
    const renamed = snapshot({
      terminated: { code: 'IDP_NAMEID_CHANGED', reason: 'idp_changed', at: STAMP },
    });
    const { state } = step(FIXTURES.on, renamed);
    expect(state.service).toMatchObject({
      status: 'error',
      kind: 'Authentication Error',
      code: 'IDP_NAMEID_CHANGED',
    });
    expect(state.auth).toBe(FIXTURES.on.auth);
  });

  it('a session ended while Off ends the sign-in, with nothing to disconnect', () => {
    const { state, effects } = step(
      FIXTURES.offAuthed,
      snapshot({ terminated: { code: 'SESSION_REVOKED', reason: 'revoked', at: '' } }),
    );
    expect(state.service).toBe(FIXTURES.offAuthed.service);
    expect(state.auth).toMatchObject({ status: 'unauthenticated' });
    expect(effects.map(sig)).not.toContain('disconnectTunnel');
  });

  it('a deactivated user gets the SCIM error with reason "deactivated", once', () => {
    const inactive = snapshot({ scimStatus: 'inactive' });
    const failed = run(FIXTURES.on, inactive);
    expect(failed.service).toMatchObject({
      status: 'error',
      code: 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE',
      reason: 'deactivated',
    });
    const again = run(failed, inactive);
    expect(again.service).toBe(failed.service);
    expect(run(FIXTURES.offAuthed, inactive).service).toBe(FIXTURES.offAuthed.service);
  });

  it('a rotated certificate or a reauthentication the cloud asks for', () => {
    expect(
      run(
        FIXTURES.on,
        snapshot({ reauthRequired: { reason: 'certificate_rotated', apps: [], since: STAMP } }),
      ).auth,
    ).toMatchObject({ status: 'reauthRequired', reason: 'certificate_rotated' });
    // A rotated certificate also takes the tunnel away (the edge refuses it), unlike other reauths.
    expect(
      run(
        FIXTURES.on,
        snapshot({ reauthRequired: { reason: 'certificate_rotated', apps: [], since: STAMP } }),
      ).service,
    ).toMatchObject({ status: 'error', code: 'IDP_CERTIFICATE_ROTATED' });
    expect(
      run(
        FIXTURES.on,
        snapshot({
          reauthRequired: { reason: 'scim_policy_enabled', apps: ['wiki.acme.test'], since: STAMP },
        }),
      ).auth,
    ).toMatchObject({
      status: 'reauthRequired',
      reason: 'scim_policy_enabled',
      apps: ['wiki.acme.test'],
    });
  });

  it('takes SCIM readiness and a timeout of Never from the cloud; the same times change nothing', () => {
    const never = run(FIXTURES.on, snapshot({ expiresAt: null, scimReady: false }));
    expect(never.auth).toMatchObject({
      status: 'authenticated',
      expiresAt: null,
      scimReady: false,
    });
    const same = step(never, snapshot({ expiresAt: null, scimReady: false }));
    expect(same.state.auth).toBe(never.auth);
    expect(same.effects).toEqual([]);
    const ready = run(never, snapshot({ expiresAt: null, scimReady: true }));
    expect(ready.auth).toMatchObject({ expiresAt: null, scimReady: true });
  });
});
