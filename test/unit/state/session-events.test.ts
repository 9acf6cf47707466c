/**
 * The push channel and the cloud's view of the session, as machine transitions (issue 8): one
 * row per change the user sees, with the effects the core must run.
 */
import { describe, expect, it } from 'vitest';
import { transition, type ClientEvent, type ClientState } from '../../../shared/state/index.js';
import { FIXTURES, HALF, LIVE_SESSION, NOW, backoffAtHalf, sig } from './fixtures.js';

const OPEN = { status: 'open', since: NOW - 1000 } as const;
const withChannel = (s: ClientState, channel: ClientState['channel']): ClientState => ({
  ...s,
  channel,
});
const state = (name: keyof typeof FIXTURES) => withChannel(FIXTURES[name], OPEN);
const snapshotOf = (session: Partial<typeof LIVE_SESSION>): ClientEvent => ({
  type: 'sessionState',
  broker: '10.0.0.1',
  session: { ...LIVE_SESSION, ...session },
  connections: [],
  policyVersion: 2,
});

interface Row {
  name: string;
  from: ClientState;
  event: ClientEvent;
  expect: (next: ClientState) => void;
  effects: string[];
}

const ROWS: Row[] = [
  {
    name: 'a lost channel reconnects with backoff, visibly',
    from: state('on'),
    event: { type: 'channelLost', code: 'CONNECTION_LOST' },
    expect: (n) => {
      expect(n.channel).toEqual({
        status: 'reconnecting',
        since: NOW,
        attempt: 1,
        retryAt: NOW + backoffAtHalf(1),
        code: 'CONNECTION_LOST',
      });
      expect(n.service).toBe(FIXTURES.on.service); // the tunnel is not the channel
    },
    effects: ['scheduleTimer:channelRetry'],
  },
  {
    name: 'the retry reopens it',
    from: withChannel(FIXTURES.on, {
      status: 'reconnecting',
      since: NOW - 500,
      attempt: 1,
      retryAt: NOW,
      code: 'CONNECTION_LOST',
    }),
    event: { type: 'channelRetryDue' },
    expect: (n) => expect(n.channel).toEqual({ status: 'connecting', since: NOW, attempt: 2 }),
    effects: ['openChannel:2'],
  },
  {
    name: 'the channel is kept in Connection Error (SCIM disable)',
    from: state('on'),
    event: { type: 'scimUserDisabled' },
    expect: (n) => {
      expect(n.service).toMatchObject({ status: 'error', kind: 'Connection Error' });
      expect(n.channel).toBe(OPEN);
    },
    effects: [
      'stopHeartbeats',
      'closeAppConnections:ZPN_ERR_SCIM_INACTIVE',
      'disconnectTunnel',
      'show:Private Access is Disconnected.',
    ],
  },
  {
    name: 'the admin fix does not reconnect by itself: the user clicks Retry, as in the real client',
    from: state('scimError'),
    event: snapshotOf({ scimStatus: 'active' }),
    expect: (n) =>
      expect(n.service).toMatchObject({ status: 'error', code: 'ZPN_ERR_SCIM_INACTIVE' }),
    effects: [],
  },
  {
    name: 'a snapshot saying "not synced" gives the Okta sync error, in one transition',
    from: state('on'),
    event: snapshotOf({ scimStatus: 'absent' }),
    expect: (n) =>
      expect(n.service).toMatchObject({
        status: 'error',
        code: 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE',
        reason: 'not_synced',
      }),
    effects: [
      'stopHeartbeats',
      'closeAppConnections:BRK_MT_SETUP_FAIL_SCIM_INACTIVE',
      'disconnectTunnel',
      'show:Private Access is Disconnected.',
    ],
  },
  {
    name: 'a repaired session takes the timeout policy from the cloud (wrong today 4)',
    from: state('on'),
    event: snapshotOf({ expiresAt: new Date(NOW + 8 * 3600_000).toISOString() }),
    expect: (n) => expect(n.auth).toMatchObject({ expiresAt: NOW + 8 * 3600_000 }),
    // The warning 15 minutes before the new expiry, and the expiry itself.
    effects: ['scheduleTimer:reauthNotice', 'scheduleTimer:authExpiry'],
  },
  {
    name: 'a snapshot saying the session was revoked ends it and closes the channel',
    from: state('on'),
    event: snapshotOf({
      terminated: { code: 'SESSION_REVOKED', reason: 'revoked', at: new Date(NOW).toISOString() },
    }),
    expect: (n) => {
      expect(n.auth).toMatchObject({ status: 'unauthenticated' });
      expect(n.channel).toEqual({ status: 'closed' });
      expect(n.data?.session).toBeNull();
    },
    effects: [
      'stopHeartbeats',
      'closeAppConnections:SESSION_REVOKED',
      'disconnectTunnel',
      'discardSession:local',
      'closeChannel',
      'cancelTimer:reauthNotice',
      'cancelTimer:authExpiry',
      'show:Private Access is Disconnected.',
    ],
  },
  {
    name: 'signing out closes the tunnel first, then the session and its channel',
    from: state('on'),
    event: { type: 'signOut' },
    expect: (n) => expect(n.channel).toEqual({ status: 'closed' }),
    effects: [
      'stopHeartbeats',
      'closeAppConnections:BRK_MT_CLOSED_FROM_CLIENT',
      'disconnectTunnel',
      'discardSession:cloud',
      'closeChannel',
      'cancelTimer:reauthNotice',
      'cancelTimer:authExpiry',
    ],
  },
];

describe('push channel and session transitions', () => {
  it.each(ROWS.map((r) => [r.name, r] as const))('%s', (_n, row) => {
    const { state: next, effects } = transition(row.from, row.event, NOW, { random: HALF });
    row.expect(next);
    expect(effects.map(sig)).toEqual(row.effects);
    expect(JSON.parse(JSON.stringify(next))).toEqual(next);
  });

  it('a lost channel without a session stays closed (nothing to reconnect)', () => {
    const from = FIXTURES.offUnauth;
    expect(transition(from, { type: 'channelLost' }, NOW).state).toBe(from);
  });
});
