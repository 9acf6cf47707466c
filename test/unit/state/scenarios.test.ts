/** Whole stories through the machine: the rules of domain.md §1.3, §1.6 and §1.8 end to end. */
import { describe, expect, it } from 'vitest';
import { describeError } from '../../../shared/errors/index.js';
import {
  ACCESS_BLOCKED_TEXT,
  REAUTH_REQUIRED_TEXT,
  REAUTH_WARNING_TEXT,
  SERVICE_STATUS_TEXT,
  TIMER_EVENTS,
  initialClientState,
  transition,
  type ClientEvent,
  type ClientState,
  type Effect,
  type TimerName,
  type TransitionOptions,
} from '../../../shared/state/index.js';
import { HALF, LIVE_SESSION, MIN, T0, sig } from './fixtures.js';

const CONNECTION_VIEW = {
  id: 'c-1',
  app: 'wiki.acme.test',
  port: 443,
  openedAt: new Date(T0).toISOString(),
  lastActivityAt: new Date(T0).toISOString(),
  bytesSent: 0,
  bytesReceived: 0,
  latencyMs: 10,
  state: 'open' as const,
};
const ALLOWED = {
  outcome: 'allowed' as const,
  code: 'OPEN_OR_ACTIVE_CONNECTION',
  message: 'ok',
  trace: [],
  idleTimeoutMs: null,
  expiresAt: null,
};

/** Drives the machine like a host would, keeping the time and every effect. */
class Host {
  state: ClientState = initialClientState();
  now = T0;
  effects: Effect[] = [];

  constructor(private readonly options: TransitionOptions = { random: HALF }) {}

  /** The host's timers: name → when it fires. */
  timers = new Map<TimerName, number>();

  send(event: ClientEvent, afterMs = 1_000) {
    this.now += afterMs;
    const r = transition(this.state, event, this.now, this.options);
    this.state = r.state;
    this.effects = r.effects;
    for (const e of r.effects) {
      if (e.type === 'scheduleTimer') this.timers.set(e.timer, e.at);
      if (e.type === 'cancelTimer') this.timers.delete(e.timer);
    }
    return this;
  }

  /** Lets time run to the next timer and dispatches its event. */
  fireNextTimer() {
    const [timer, at] = [...this.timers].sort((a, b) => a[1] - b[1])[0]!;
    this.timers.delete(timer);
    return this.send({ type: TIMER_EVENTS[timer] }, at - this.now);
  }

  get sigs() {
    return this.effects.map(sig);
  }

  signIn(user = 'ana@acme.test', expiresInMs: number | null = 8 * 60 * MIN, scimReady = true) {
    if (this.state.auth.status !== 'authenticating') this.send({ type: 'authenticate' });
    this.send({ type: 'signInStarted', method: 'saml' });
    return this.send({
      type: 'signInSucceeded',
      user,
      idp: 'Okta',
      method: 'saml',
      authTime: this.now,
      expiresAt: expiresInMs === null ? null : this.now + expiresInMs,
      scimReady,
    });
  }

  /** Signed in and connected. */
  online() {
    this.signIn();
    return this.send({ type: 'connected', broker: '10.1.2.3' });
  }
}

const expiryOf = (h: Host) => {
  if (h.state.auth.status !== 'authenticated' || h.state.auth.expiresAt === null) {
    throw new Error('expected an expiring sign-in');
  }
  return h.state.auth.expiresAt;
};

describe('start-up', () => {
  it('starts off, not signed in, with nothing on screen', () => {
    expect(initialClientState()).toEqual({
      service: { status: 'off', since: null, turnedOffByUser: false },
      auth: { status: 'unauthenticated' },
      notifications: { actionable: null, recentServiceStatus: {} },
    });
  });

  it('turns on by itself after the first sign-in', () => {
    const h = new Host().signIn();
    expect(h.state.service).toMatchObject({ status: 'connecting', attempt: 1 });
    expect(h.sigs).toContain('connectTunnel:1');
    h.send({ type: 'connected', broker: '10.1.2.3' });
    expect(h.state.service).toMatchObject({ status: 'on', broker: '10.1.2.3' });
    expect(h.sigs).toEqual(['startHeartbeats', `show:${SERVICE_STATUS_TEXT.connected}`]);
  });

  it('Turn On without a session opens the sign-in, then connects', () => {
    const h = new Host().send({ type: 'turnOn' });
    expect(h.sigs).toEqual(['openSignIn:signIn']);
    expect(h.state.service.status).toBe('off');
    h.signIn();
    expect(h.state.service.status).toBe('connecting');
  });

  it('works without a random source (Math.random), within the backoff bounds', () => {
    const h = new Host({}).online().send({ type: 'networkLost' });
    const s = h.state.service;
    expect(s.status).toBe('error');
    if (s.status !== 'error') return;
    expect(s.retryAt! - h.now).toBeGreaterThanOrEqual(500);
    expect(s.retryAt! - h.now).toBeLessThanOrEqual(1_000);
  });
});

describe('the Okta sync connection error (domain.md §1.8)', () => {
  it('shows Connection Error with BRK_MT_SETUP_FAIL_SCIM_INACTIVE, names the fix, and waits for Retry', () => {
    const h = new Host().online();
    // The cloud's session view says "absent" for a user never synced.
    h.send({
      type: 'sessionState',
      broker: '10.1.2.3',
      session: { ...LIVE_SESSION, scimStatus: 'absent' },
      connections: [],
      policyVersion: 1,
    });
    const s = h.state.service;
    expect(s).toMatchObject({
      status: 'error',
      kind: 'Connection Error',
      code: 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE',
      reason: 'not_synced',
      retryAt: null,
    });
    expect(h.sigs).toContain('closeAppConnections:BRK_MT_SETUP_FAIL_SCIM_INACTIVE');
    expect(h.sigs).not.toContain('scheduleTimer:reconnect');
    // The user is still signed in: only the admin can fix it.
    expect(h.state.auth.status).toBe('authenticated');

    if (s.status !== 'error') return;
    const entry = describeError(s.code, s.reason);
    expect(entry.adminAction).toContain('PROVISION_OUT_OF_SYNC_USERS');
    expect(entry.userAction).toMatch(/administrator/);

    // A stray timer does not start a loop, nor does the snapshot saying the admin fixed it (the
    // real client gets no such signal); Retry reconnects.
    h.send({ type: 'reconnectDue' });
    expect(h.effects).toEqual([]);
    h.send({
      type: 'sessionState',
      broker: '10.1.2.3',
      session: { ...LIVE_SESSION, scimStatus: 'active' },
      connections: [],
      policyVersion: 1,
    });
    expect(h.state.service.status).toBe('error');
    expect(h.sigs).not.toContain('connectTunnel:1');
    h.send({ type: 'retry' });
    expect(h.state.service).toMatchObject({ status: 'connecting', attempt: 1 });
    h.send({ type: 'connected', broker: '10.1.2.3' });
    expect(h.state.service.status).toBe('on');
  });

  it('one app refused with BRK_MT_SETUP_FAIL_SCIM_INACTIVE leaves the tunnel and the other app connections up', () => {
    const h = new Host().online();
    const open = { ...CONNECTION_VIEW, id: 'c-git', app: 'git.acme.test' };
    h.send({ type: 'appOpened', app: 'git.acme.test', decision: ALLOWED, connection: open });
    h.send({
      type: 'appOpened',
      app: 'wiki.acme.test',
      decision: { ...ALLOWED, outcome: 'blocked', code: 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE' },
      connection: null,
    });
    expect(h.state.service.status).toBe('on');
    expect(h.state.data?.connections.map((c) => c.id)).toEqual(['c-git']);
    expect(h.sigs).toEqual(['reportError:BRK_MT_SETUP_FAIL_SCIM_INACTIVE']);
    expect(h.state.data?.lastError).toMatchObject({
      code: 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE',
      app: 'wiki.acme.test',
    });
  });

  it('the same code at connect time shows the same Connection Error', () => {
    const h = new Host().signIn();
    h.send({
      type: 'connectFailed',
      code: 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE',
      reason: 'deactivated',
    });
    expect(h.state.service).toMatchObject({
      kind: 'Connection Error',
      reason: 'deactivated',
      retryAt: null,
    });
  });
});

describe('only the authentication axis', () => {
  it('a timeout expiry keeps the tunnel and the app connections up', () => {
    const h = new Host();
    h.signIn('ana@acme.test', 30 * MIN);
    h.send({ type: 'connected', broker: '10.1.2.3' });
    const service = h.state.service;
    h.send({ type: 'authExpired' }, 30 * MIN);
    expect(h.state.service).toBe(service);
    expect(h.state.auth).toMatchObject({ status: 'reauthRequired', reason: 'timeout', apps: [] });
    for (const teardown of ['stopHeartbeats', 'disconnectTunnel']) {
      expect(h.sigs).not.toContain(teardown);
    }
    expect(h.sigs.some((s) => s.startsWith('closeAppConnections'))).toBe(false);
    expect(h.sigs).toContain(`show:${REAUTH_REQUIRED_TEXT}`);

    // Heartbeats and traffic carry on; Authenticate brings it back without touching the tunnel.
    h.send({ type: 'heartbeatOk' });
    h.send({ type: 'statsUpdated', bytesSent: 10, bytesReceived: 20 });
    expect(h.state.service).toMatchObject({ status: 'on', stats: { bytesSent: 10 } });
    h.send({ type: 'authenticate' });
    expect(h.sigs).toEqual(['openSignIn:reauth']);
    h.signIn();
    expect(h.state.service.status).toBe('on');
    expect(h.state.auth.status).toBe('authenticated');
    expect(h.sigs).toContain('dismiss');
  });

  it('"SCIM Attributes for Policy" first enabled asks for a reauth; the new sign-in is SCIM-ready', () => {
    const h = new Host();
    h.signIn('ana@acme.test', 8 * 60 * MIN, false);
    h.send({ type: 'connected', broker: '10.1.2.3' });
    h.send({ type: 'reauthRequired', reason: 'scim_policy_enabled', apps: [] });
    expect(h.state.service.status).toBe('on');
    expect(h.state.auth).toMatchObject({ status: 'reauthRequired', reason: 'scim_policy_enabled' });
    h.signIn('ana@acme.test', 8 * 60 * MIN, true);
    expect(h.state.auth).toMatchObject({ status: 'authenticated', scimReady: true });
    expect(h.state.service.status).toBe('on');
  });

  it('a timeout rule message names the app in the notification', () => {
    const h = new Host().online();
    h.send({
      type: 'reauthRequired',
      reason: 'timeout',
      apps: ['hr.acme.test'],
      message: 'HR needs you to sign in again.',
    });
    expect(h.sigs).toContain('show:HR needs you to sign in again.');
    expect(h.state.auth).toMatchObject({ apps: ['hr.acme.test'] });
    h.send({ type: 'reauthRequired', reason: 'timeout', apps: ['crm.acme.test'] });
    expect(h.state.auth).toMatchObject({ apps: ['hr.acme.test', 'crm.acme.test'] });
    expect(h.effects).toEqual([]);
  });

  it('a reauth block at app access (SAML expired) flips the auth axis for that app', () => {
    const h = new Host().online();
    h.send({
      type: 'appAccessFailed',
      app: 'hr.acme.test',
      code: 'BRK_MT_SETUP_FAIL_SAML_EXPIRED',
    });
    expect(h.state.service.status).toBe('on');
    expect(h.state.auth).toMatchObject({ status: 'reauthRequired', apps: ['hr.acme.test'] });
    expect(h.sigs).toEqual([
      `show:${REAUTH_REQUIRED_TEXT}`,
      'cancelTimer:authExpiry',
      'scheduleTimer:reauthNotice',
      'reportError:BRK_MT_SETUP_FAIL_SAML_EXPIRED',
    ]);
  });
});

describe('the cloud ends or breaks the session', () => {
  it('an expired device certificate needs a reauthentication before the tunnel can come back', () => {
    const h = new Host().online();
    h.send({ type: 'appAccessFailed', app: 'hr.acme.test', code: 'ZPN_ERR_CERT_EXPIRED' });
    expect(h.state.service.status).toBe('on');
    expect(h.state.auth).toMatchObject({ reason: 'device_certificate_expired' });
    h.send({ type: 'turnOff' }).send({ type: 'disconnected' });
    h.send({ type: 'turnOn' });
    expect(h.sigs).toEqual(['openSignIn:reauth']);
    h.signIn();
    expect(h.state.service.status).toBe('connecting');
  });

  it('an IdP certificate rotation gives Authentication Error until the user authenticates', () => {
    const h = new Host().online();
    h.send({ type: 'certificateRotated' });
    h.send({ type: 'reauthRequired', reason: 'certificate_rotated', apps: [] }); // the cloud sends both
    expect(h.effects).toEqual([]);
    expect(h.state.service).toMatchObject({
      status: 'error',
      kind: 'Authentication Error',
      code: 'IDP_CERTIFICATE_ROTATED',
      retryAt: null,
    });
    // Retry and Turn On lead to the sign-in, not to a tunnel that would fail again.
    h.send({ type: 'retry' });
    expect(h.sigs).toEqual(['openSignIn:reauth']);
    h.send({ type: 'signInFailed', code: 'SIGN_IN_CANCELLED' });
    expect(h.state.auth).toMatchObject({ status: 'reauthRequired', reason: 'certificate_rotated' });
    expect(h.state.service.status).toBe('error');
    h.signIn();
    expect(h.state.service.status).toBe('connecting');
    h.send({ type: 'connected', broker: '10.1.2.4' });
    expect(h.state.service.status).toBe('on');
  });

  it('a SCIM username change gives Connection Error until the user signs in again', () => {
    const h = new Host().online();
    h.send({ type: 'scimUsernameChanged', from: 'ana@acme.test', to: 'ana.r@acme.test' });
    expect(h.state.service).toMatchObject({
      kind: 'Connection Error',
      code: 'SCIM_USERNAME_CHANGED',
    });
    expect(h.state.auth).toMatchObject({
      status: 'unauthenticated',
      lastError: { code: 'SCIM_USERNAME_CHANGED' },
    });
    // Log out and back in.
    h.send({ type: 'signOut' });
    expect(h.state.service).toMatchObject({ status: 'off', turnedOffByUser: false });
    h.signIn('ana.r@acme.test');
    expect(h.state.service.status).toBe('connecting');
  });

  it('a SCIM deactivation terminates with ZPN_ERR_SCIM_INACTIVE, keeps the sign-in, and Retry recovers', () => {
    const h = new Host().online();
    h.send({ type: 'scimUserDisabled' });
    expect(h.sigs).toContain('closeAppConnections:ZPN_ERR_SCIM_INACTIVE');
    expect(h.state.service).toMatchObject({
      kind: 'Connection Error',
      code: 'ZPN_ERR_SCIM_INACTIVE',
      retryAt: null,
    });
    expect(describeError('ZPN_ERR_SCIM_INACTIVE').cause).toContain(
      'User termination request received from SCIM',
    );
    expect(h.state.auth.status).toBe('authenticated');
    h.send({ type: 'retry' });
    expect(h.sigs).toEqual(['connectTunnel:1']);
  });

  it('a revocation pushed while a reauth is under way does not cancel that sign-in', () => {
    const h = new Host().online();
    h.send({ type: 'authenticateEarly' });
    h.send({ type: 'sessionRevoked', code: 'SESSION_SUPERSEDED' });
    expect(h.state.auth).toMatchObject({ status: 'authenticating', resume: null });
    expect(h.sigs).not.toContain('cancelSignIn');
    h.signIn();
    expect(h.state.auth.status).toBe('authenticated');
    expect(h.state.service.status).toBe('connecting');
  });

  it('another user signing in reconnects the tunnel with the new session', () => {
    const h = new Host().online();
    h.send({ type: 'authenticateEarly' });
    h.signIn('bob@acme.test');
    expect(h.state.service).toMatchObject({ status: 'disconnecting', next: 'connecting' });
    expect(h.sigs).toContain('closeAppConnections:BRK_MT_CLOSED_FROM_CLIENT');
    h.send({ type: 'disconnected' });
    expect(h.state.service).toMatchObject({ status: 'connecting', attempt: 1 });
  });

  it('other app access refusals are reported, and a policy block shows its pop-up', () => {
    const h = new Host().online();
    h.send({
      type: 'appAccessFailed',
      app: 'ops.acme.test',
      code: 'BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY',
    });
    expect(h.sigs).toEqual([
      `show:${ACCESS_BLOCKED_TEXT}`,
      'reportError:BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY',
    ]);
    h.send({
      type: 'appAccessFailed',
      app: 'x.acme.test',
      code: 'BRK_MT_SETUP_FAIL_APP_NOT_FOUND',
    });
    expect(h.sigs).toEqual(['reportError:BRK_MT_SETUP_FAIL_APP_NOT_FOUND']);
    expect(h.state.service.status).toBe('on');
    h.send({ type: 'appAccessFailed', app: 'x.acme.test', code: 'BRK_MT_AUTH_SAML_FAILURE' });
    expect(h.state.service).toMatchObject({ kind: 'Authentication Error', retryAt: null });
  });
});

describe('Turn Off and sign-out', () => {
  it('Turn Off keeps the user signed in and stays off across a reauthentication', () => {
    const h = new Host().online();
    h.send({ type: 'turnOff' });
    h.send({ type: 'disconnected' });
    expect(h.state.service).toMatchObject({ status: 'off', turnedOffByUser: true });
    expect(h.state.auth.status).toBe('authenticated');
    h.send({ type: 'authenticateEarly' });
    h.signIn();
    expect(h.state.service.status).toBe('off');
    h.send({ type: 'turnOn' });
    expect(h.state.service).toMatchObject({ status: 'connecting', attempt: 1 });
  });

  it('signing in again while the sign-out is closing the tunnel brings it back up', () => {
    const h = new Host().online();
    h.send({ type: 'signOut' });
    expect(h.state.service).toMatchObject({ status: 'disconnecting', next: 'off' });
    h.signIn();
    expect(h.state.service).toMatchObject({ status: 'disconnecting', next: 'connecting' });
    h.send({ type: 'disconnected' });
    expect(h.state.service.status).toBe('connecting');
  });
});

describe('network loss and backoff', () => {
  it('reconnects with growing, capped delays while offline: never a tight loop', () => {
    const h = new Host().online();
    h.send({ type: 'networkLost' });
    expect(h.sigs).toContain(`show:${SERVICE_STATUS_TEXT.networkDown}`);
    const delays: number[] = [];
    let popups = 0;
    for (let i = 0; i < 30; i++) {
      const s = h.state.service;
      if (s.status !== 'error' || s.retryAt === null) throw new Error('expected a retry');
      expect(s.kind).toBe('Network Error');
      delays.push(s.retryAt - h.now);
      h.send({ type: 'reconnectDue' }, s.retryAt - h.now);
      expect(h.state.service.status).toBe('connecting');
      h.send({ type: 'connectFailed', code: '-7' }, 0);
      popups += h.sigs.filter((x) => x.startsWith('show:')).length;
    }
    expect(delays.slice(0, 4)).toEqual([750, 1_500, 3_000, 6_000]);
    for (let i = 1; i < delays.length; i++)
      expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(Math.max(...delays)).toBe(90_000); // 0.75 × the 120 s cap
    // The network-down pop-up came once, when the network went: not on every failed attempt.
    expect(popups).toBe(0);
  });

  it('reconnects at once when the network comes back', () => {
    const h = new Host().online().send({ type: 'networkLost' });
    h.send({ type: 'networkRestored' });
    expect(h.sigs).toEqual(['cancelTimer:reconnect', 'connectTunnel:1']);
  });

  it('a dropped tunnel reconnects by itself; Retry resets the backoff', () => {
    const h = new Host().online().send({ type: 'heartbeatFailed' });
    expect(h.state.service).toMatchObject({ kind: 'Connection Error', code: 'CONNECTION_LOST' });
    h.send({ type: 'reconnectDue' }).send({ type: 'connectFailed', code: '-13' });
    expect(h.state.service).toMatchObject({ attempt: 2, code: '-13' });
    h.send({ type: 'retry' });
    expect(h.state.service).toMatchObject({ status: 'connecting', attempt: 1 });
  });

  it('a session-gone code ends the retries and asks for a sign-in', () => {
    const h = new Host().signIn().send({ type: 'connectFailed', code: 'SESSION_INVALID' });
    expect(h.state.service).toMatchObject({ kind: 'Connection Error', retryAt: null });
    expect(h.state.auth.status).toBe('unauthenticated');
    h.send({ type: 'retry' });
    expect(h.sigs).toEqual(['openSignIn:signIn']);
  });

  it('an unknown code is treated as a transient Connection Error', () => {
    const h = new Host().signIn().send({ type: 'connectFailed', code: 'SOMETHING_NEW' });
    expect(h.state.service).toMatchObject({ kind: 'Connection Error', code: 'SOMETHING_NEW' });
    expect(h.sigs).toContain('scheduleTimer:reconnect');
    // The first attempt failing is news.
    expect(h.sigs).toContain(`show:${SERVICE_STATUS_TEXT.disconnected}`);
  });

  it('an Internal Error waits for Retry', () => {
    const h = new Host().signIn().send({ type: 'connectFailed', code: 'INTERNAL' });
    expect(h.state.service).toMatchObject({ kind: 'Internal Error', retryAt: null });
  });
});

describe('reauth notifications', () => {
  it('warns from 15 minutes before expiry every 5 minutes, then asks to authenticate', () => {
    const h = new Host();
    h.signIn('ana@acme.test', 60 * MIN);
    const expiresAt = expiryOf(h);
    const shown: { at: number; text: string; action?: string }[] = [];
    for (let i = 0; i < 6; i++) {
      h.fireNextTimer();
      for (const e of h.effects) {
        if (e.type === 'showNotification') {
          shown.push({
            at: (h.now - expiresAt) / MIN,
            text: e.notification.text,
            action: e.notification.action?.label,
          });
        }
      }
    }
    const warn = { text: REAUTH_WARNING_TEXT, action: 'Authenticate Early' };
    const required = { text: REAUTH_REQUIRED_TEXT, action: 'Authenticate' };
    expect(shown).toEqual([
      { at: -15, ...warn },
      { at: -10, ...warn },
      { at: -5, ...warn },
      { at: 0, ...required },
      { at: 5, ...required },
      { at: 10, ...required },
    ]);
    // One actionable notification at a time: each replaced the last.
    expect(h.state.notifications?.actionable).toMatchObject({
      text: REAUTH_REQUIRED_TEXT,
      action: { label: 'Authenticate' },
    });
  });

  it('warns at once when the access is already inside the warning window at sign-in', () => {
    const h = new Host();
    h.signIn('ana@acme.test', 10 * MIN);
    expect(h.effects).toContainEqual({
      type: 'scheduleTimer',
      timer: 'reauthNotice',
      at: h.now,
      delayMs: 0,
    });
  });

  it('schedules nothing for a timeout of Never', () => {
    const h = new Host();
    h.signIn('ana@acme.test', null);
    expect(h.sigs).toEqual([
      'cancelTimer:reauthNotice',
      'cancelTimer:authExpiry',
      'openChannel:1',
      'connectTunnel:1',
    ]);
    expect(h.timers.size).toBe(0);
  });

  it('honours the admin settings: warnings off, other intervals', () => {
    const h = new Host({
      random: HALF,
      config: {
        reauthNotifications: { enabled: false, warnBeforeMinutes: 30, repeatEveryMinutes: 10 },
      },
    });
    h.signIn('ana@acme.test', 60 * MIN);
    expect(h.sigs).toContain('cancelTimer:reauthNotice');
    h.send({ type: 'reauthWarningDue' }, 40 * MIN);
    expect(h.effects).toEqual([]);
    h.send({ type: 'authExpired' }, 20 * MIN);
    expect(h.effects).toContainEqual({
      type: 'scheduleTimer',
      timer: 'reauthNotice',
      at: h.now + 10 * MIN,
      delayMs: 10 * MIN,
    });
  });

  it('an expiry timer that fires early waits for the real expiry', () => {
    const h = new Host();
    h.signIn('ana@acme.test', 60 * MIN);
    const expiresAt = expiryOf(h);
    h.send({ type: 'authExpired' }, 59 * MIN);
    expect(h.state.auth.status).toBe('authenticated');
    expect(h.effects).toEqual([
      { type: 'scheduleTimer', timer: 'authExpiry', at: expiresAt, delayMs: expiresAt - h.now },
    ]);
  });

  it('a failed reauthentication keeps the reauth state and its reminders', () => {
    const h = new Host();
    h.signIn('ana@acme.test', 60 * MIN);
    h.send({ type: 'authExpired' }, 60 * MIN);
    h.send({ type: 'authenticate' });
    h.send({ type: 'signInFailed', code: '42014' });
    expect(h.state.auth).toMatchObject({ status: 'reauthRequired', reason: 'timeout' });
    expect(h.sigs).toEqual([
      'scheduleTimer:reauthNotice',
      'cancelTimer:authExpiry',
      'reportError:42014',
    ]);
  });

  it('does not leave an Authenticate Early notification behind a failed sign-in', () => {
    const h = new Host();
    h.signIn('ana@acme.test', 10 * MIN);
    h.send({ type: 'reauthWarningDue' }, 0);
    expect(h.state.notifications?.actionable).not.toBeNull();
    h.send({ type: 'authenticateEarly' });
    h.send({ type: 'sessionRevoked' });
    h.send({ type: 'signInFailed', code: 'SIGN_IN_CANCELLED' });
    expect(h.state.auth.status).toBe('unauthenticated');
    expect(h.state.notifications?.actionable).toBeNull();
    expect(h.sigs).toContain('dismiss');
  });
});

describe('service-status pop-ups', () => {
  it('suppresses the same pop-up within a minute, shows it again after', () => {
    const h = new Host().online();
    const connected = `show:${SERVICE_STATUS_TEXT.connected}`;
    const disconnected = `show:${SERVICE_STATUS_TEXT.disconnected}`;
    h.send({ type: 'heartbeatFailed' }, 10_000);
    expect(h.sigs).toContain(disconnected);
    h.send({ type: 'retry' }).send({ type: 'connected', broker: 'b' }, 10_000);
    expect(h.sigs).not.toContain(connected); // 21 s after the last one
    h.send({ type: 'heartbeatFailed' }, 5_000);
    expect(h.sigs).not.toContain(disconnected);
    h.send({ type: 'retry' }).send({ type: 'connected', broker: 'b' }, 60_000);
    expect(h.sigs).toContain(connected);
  });
});

describe('random event sequences', () => {
  /** Small deterministic PRNG (mulberry32). */
  const prng = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const EVENTS: ClientEvent[] = [
    { type: 'turnOn' },
    { type: 'turnOff' },
    { type: 'authenticate' },
    { type: 'authenticateEarly' },
    { type: 'signOut' },
    { type: 'retry' },
    { type: 'signInStarted', method: 'oidc' },
    { type: 'signInFailed', code: '42006' },
    { type: 'connected', broker: 'b' },
    { type: 'connectFailed', code: '-8' },
    { type: 'connectFailed', code: 'SESSION_INVALID' },
    { type: 'disconnected' },
    { type: 'heartbeatOk' },
    { type: 'heartbeatFailed' },
    { type: 'networkLost' },
    { type: 'networkRestored' },
    { type: 'sessionRevoked' },
    { type: 'scimUserDisabled' },
    { type: 'reauthRequired', reason: 'timeout', apps: ['a'] },
    { type: 'reauthRequired', reason: 'scim_policy_enabled' },
    { type: 'certificateRotated' },
    { type: 'scimUsernameChanged' },
    { type: 'policyChanged' },
    { type: 'statsUpdated', bytesSent: 1, bytesReceived: 2 },
    { type: 'appAccessFailed', app: 'a', code: 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE' },
    { type: 'appAccessFailed', app: 'a', code: 'ZPN_ERR_AUTH_EXPIRED' },
    { type: 'reauthWarningDue' },
    { type: 'authExpired' },
    { type: 'reconnectDue' },
  ];

  it('keep the invariants over 20 000 steps', () => {
    const random = prng(42);
    let state = initialClientState();
    let now = T0;
    for (let step = 0; step < 20_000; step++) {
      now += Math.floor(random() * 20 * MIN);
      const event: ClientEvent =
        random() < 0.08
          ? {
              type: 'signInSucceeded',
              user: random() < 0.8 ? 'ana@acme.test' : 'bob@acme.test',
              idp: 'Okta',
              method: 'saml',
              authTime: now,
              expiresAt: random() < 0.2 ? null : now + Math.floor(random() * 120) * MIN,
              scimReady: true,
            }
          : EVENTS[Math.floor(random() * EVENTS.length)]!;
      const { state: next, effects } = transition(state, event, now, { random });
      const { service, auth } = next;
      // A tunnel runs only on a session (or while a reauth of one is under way).
      if (service.status === 'on' || service.status === 'connecting') {
        const session =
          auth.status === 'authenticated' ||
          auth.status === 'reauthRequired' ||
          (auth.status === 'authenticating' && auth.resume !== null);
        expect(session, `${event.type} → ${JSON.stringify(next)}`).toBe(true);
      }
      // Automatic retries are never sooner than half the base delay, nor later than the cap.
      if (service.status === 'error' && service.retryAt !== null) {
        expect(service.retryAt - service.since).toBeGreaterThanOrEqual(500);
        expect(service.retryAt - service.since).toBeLessThanOrEqual(120_000);
      }
      // Signed out: no reauth notification left on screen.
      if (auth.status === 'unauthenticated')
        expect(next.notifications?.actionable ?? null).toBeNull();
      // Every error state has a code the catalog can describe.
      if (service.status === 'error') expect(describeError(service.code).title).not.toBe('');
      // At most one actionable notification shown per transition.
      expect(
        effects.filter((e) => e.type === 'showNotification' && e.notification.action).length,
      ).toBeLessThanOrEqual(1);
      state = next;
    }
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});
