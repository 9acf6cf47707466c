/**
 * The session data a fresh client starts from, and the Notifications window's history: every
 * notification the machine shows is recorded there, newest first, with the time it was shown, at
 * most 100 kept; Clear empties it. Found by mutation testing (npm run test:mutation --
 * state/draft): nothing asserted either before.
 */
import { describe, expect, it } from 'vitest';
import {
  SERVICE_STATUS_TEXT,
  initialClientState,
  transition,
  type ClientState,
  type SessionData,
} from '../../../shared/state/index.js';
import { emptySessionData } from '../../../shared/state/draft.js';
import { FIXTURES, HALF, NOW, SAMPLE_EVENTS } from './fixtures.js';

type NotificationRecord = SessionData['history'][number];

const CONNECTED: NotificationRecord = {
  id: 'service-status',
  category: 'serviceStatus',
  text: SERVICE_STATUS_TEXT.connected,
  at: NOW,
};

const older = (n: number): NotificationRecord[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `old-${i}`,
    category: 'serviceStatus',
    text: `old notice ${i}`,
    at: NOW - (i + 1) * 1000,
  }));

const withHistory = (s: ClientState, history: NotificationRecord[]): ClientState => ({
  ...s,
  data: { ...emptySessionData(), history },
});

const connect = (s: ClientState) =>
  transition(s, SAMPLE_EVENTS.connected, NOW, { random: HALF }).state;

it('a fresh client holds no session, apps, connections or history, only the typed username', () => {
  const { state } = transition(initialClientState(), SAMPLE_EVENTS.signIn, NOW);
  expect(state.data).toEqual({ ...emptySessionData(), username: 'ana@acme.test' });
  expect(emptySessionData()).toEqual({
    username: null,
    session: null,
    apps: [],
    connections: [],
    lastError: null,
    policyVersion: 0,
    history: [],
  });
});

describe('the notification history', () => {
  it('records a notification the machine shows, with the time it was shown', () => {
    expect(connect(FIXTURES.connecting).data?.history).toEqual([CONNECTED]);
  });

  it('puts the newest first, before what was there', () => {
    const before = older(2);
    expect(connect(withHistory(FIXTURES.connecting, before)).data?.history).toEqual([
      CONNECTED,
      ...before,
    ]);
  });

  it('keeps the 100 newest: the oldest falls out', () => {
    const full = older(100);
    const history = connect(withHistory(FIXTURES.connecting, full)).data?.history;
    expect(history).toHaveLength(100);
    expect(history?.[0]).toEqual(CONNECTED);
    expect(history?.[99]).toEqual(full[98]);
  });

  it('Clear empties it; clearing an empty history changes nothing', () => {
    const shown = withHistory(FIXTURES.on, older(3));
    const cleared = transition(shown, SAMPLE_EVENTS.notificationsCleared, NOW);
    expect(cleared.state.data?.history).toEqual([]);
    expect(cleared.effects).toEqual([]);
    const again = transition(cleared.state, SAMPLE_EVENTS.notificationsCleared, NOW);
    expect(again.state).toBe(cleared.state);
  });
});
