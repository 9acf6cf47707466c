/**
 * The renderer's dev mock runs the real machine: the same events fed to the connector core and
 * to the mock give equal snapshots at every step (the core's own effects, which would reach a
 * cloud, are never awaited here: only the machine's answer is compared).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorCore } from '../../../electron/connector/core/connector-core.js';
import { MemorySecretStore } from '../../../electron/connector/core/session-store.js';
import { createMockConnector } from '../../../renderer/dev/mock-connector.js';
import { initialClientState, type ClientEvent } from '../../../shared/state/index.js';
import { APP_CONNECTION, HALF, LIVE_SESSION, NOW, SAMPLE_EVENTS, USER } from './fixtures.js';

const CLOUD = 'http://127.0.0.1:9'; // nothing listens: the core's own requests just fail later
const DEVICE = 'device-equal';

const SEQUENCE: ClientEvent[] = [
  { type: 'signIn', username: USER.user },
  { type: 'authenticate' },
  { type: 'signInStarted', method: 'saml' },
  { ...USER, type: 'signInSucceeded', session: LIVE_SESSION },
  { type: 'channelOpened' },
  {
    type: 'sessionState',
    broker: '10.0.0.1',
    session: LIVE_SESSION,
    connections: [],
    policyVersion: 4,
  },
  SAMPLE_EVENTS.appOpened,
  {
    type: 'connectionsUpdated',
    connections: [{ ...APP_CONNECTION, bytesSent: 10, bytesReceived: 90 }],
  },
  { type: 'scimUserDisabled' },
  { type: 'channelLost', code: 'CONNECTION_LOST' },
  { type: 'channelRetryDue' },
  { type: 'channelOpened' },
  {
    type: 'sessionState',
    broker: '10.0.0.1',
    session: LIVE_SESSION,
    connections: [],
    policyVersion: 5,
  },
  { type: 'reauthRequired', reason: 'timeout', apps: [] },
  { type: 'certificateRotated' },
  { type: 'notificationsCleared' },
  { type: 'signOut' },
];

let core: ConnectorCore | null = null;
afterEach(() => core?.dispose());

describe('the dev mock and the core', () => {
  it('give equal snapshots for the same events', () => {
    const now = () => NOW;
    core = new ConnectorCore({
      cloudUrl: CLOUD,
      deviceId: DEVICE,
      browser: { authorize: () => new Promise<URL>(() => undefined) },
      secrets: new MemorySecretStore(),
      now,
      random: HALF,
    });
    const mock = createMockConnector({
      scenario: 'signed-out',
      state: initialClientState(),
      cloudUrl: CLOUD,
      deviceId: DEVICE,
      autoAdvance: false,
      now,
      random: HALF,
    });
    expect(mock.snapshot).toEqual(core.snapshot());
    const seen = new Set<string>();
    for (const event of SEQUENCE) {
      core.dispatch(event);
      mock.dispatch(event);
      expect(mock.snapshot, `after ${event.type}`).toEqual(core.snapshot());
      seen.add(
        `${mock.snapshot.service.status}/${mock.snapshot.auth.status}/${mock.snapshot.channel.status}`,
      );
    }
    // The sequence walks through the states that matter, not one state over and over.
    expect(seen.size).toBeGreaterThan(6);
    mock.dispose();
  });
});
