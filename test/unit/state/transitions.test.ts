/**
 * Every event in every fixture state (test/unit/state/fixtures.ts): the expected next state and
 * effects. Each row must name every fixture, either as a no-op or with its expectation, so a
 * new event or a new fixture cannot go untested.
 */
import { describe, expect, it } from 'vitest';
import {
  REAUTH_REQUIRED_TEXT,
  REAUTH_WARNING_TEXT,
  SERVICE_STATUS_TEXT,
  transition,
  type AuthStatus,
  type ClientEvent,
  type ReauthReason,
  type ReauthRequiredStatus,
  type ServiceErrorKind,
  type ServiceStatus,
} from '../../../shared/state/index.js';
import {
  CERT_REAUTH,
  DISCONNECTING,
  EARLY,
  EXPIRES,
  FIXTURE_NAMES,
  FIXTURES,
  HALF,
  MIN,
  NOW,
  OFF,
  OFF_BY_USER,
  ON,
  SAMPLE_EVENTS,
  SIGNING_IN,
  TIMEOUT_REAUTH,
  USER,
  backoffAtHalf,
  sig,
  type FixtureName,
} from './fixtures.js';

// --- expected values ---------------------------------------------------------------------------

const CONNECTED = `show:${SERVICE_STATUS_TEXT.connected}`;
const DISCONNECTED = `show:${SERVICE_STATUS_TEXT.disconnected}`;
const NET_DOWN = `show:${SERVICE_STATUS_TEXT.networkDown}`;
const REAUTH_NOW = `show:${REAUTH_REQUIRED_TEXT}`;
const REAUTH_WARN = `show:${REAUTH_WARNING_TEXT}`;
const CLOSED = 'BRK_MT_CLOSED_FROM_CLIENT';
const SCIM_TERMINATED = 'ZPN_ERR_SCIM_INACTIVE';
const SCIM_INACTIVE = 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE';

const teardownOn = (code: string) => [
  'stopHeartbeats',
  `closeAppConnections:${code}`,
  'disconnectTunnel',
];
const ZERO_STATS = { bytesSent: 0, bytesReceived: 0 };
const CANCEL_AUTH_TIMERS = ['cancelTimer:reauthNotice', 'cancelTimer:authExpiry'];
const AUTH_TIMERS = ['scheduleTimer:reauthNotice', 'scheduleTimer:authExpiry'];
const REAUTH_FLIP = [REAUTH_NOW, 'cancelTimer:authExpiry', 'scheduleTimer:reauthNotice'];

const connecting = (attempt: number): ServiceStatus => ({
  status: 'connecting',
  since: NOW,
  attempt,
});
const off = (turnedOffByUser: boolean): ServiceStatus => ({
  status: 'off',
  since: NOW,
  turnedOffByUser,
});
const disconnecting = (next: 'off' | 'connecting', turnedOffByUser: boolean): ServiceStatus => ({
  status: 'disconnecting',
  since: NOW,
  next,
  turnedOffByUser,
});
const err = (
  kind: ServiceErrorKind,
  code: string,
  attempt: number,
  retry: boolean,
  reason?: string,
): ServiceStatus => ({
  status: 'error',
  kind,
  code,
  ...(reason ? { reason } : {}),
  since: NOW,
  attempt,
  retryAt: retry ? NOW + backoffAtHalf(attempt) : null,
});
const authing = (
  purpose: 'signIn' | 'early' | 'reauth',
  resume: Extract<AuthStatus, { status: 'authenticating' }>['resume'],
  method: 'saml' | 'oidc' | null = null,
): AuthStatus => ({ status: 'authenticating', method, purpose, since: NOW, resume });
const unauth = (code?: string): AuthStatus =>
  code
    ? { status: 'unauthenticated', lastError: { code, at: NOW } }
    : { status: 'unauthenticated' };
const reauthOf = (reason: ReauthReason, since = NOW): ReauthRequiredStatus => ({
  status: 'reauthRequired',
  reason,
  apps: [],
  since,
  user: USER.user,
  idp: USER.idp,
  method: USER.method,
  scimReady: USER.scimReady,
});

interface Cell {
  /** Expected service status; absent: unchanged (same object). */
  service?: ServiceStatus;
  /** Expected auth status; absent: unchanged (same object). */
  auth?: AuthStatus;
  effects: string[];
}

interface Row {
  /** When the event happens (default NOW). */
  at?: number;
  noop: FixtureName[];
  cases: Partial<Record<FixtureName, Cell>>;
}

const each = (names: FixtureName[], cell: Cell) =>
  Object.fromEntries(names.map((n) => [n, cell])) as Partial<Record<FixtureName, Cell>>;

/** Fixtures whose user is plainly signed in (auth = USER). */
const SIGNED_IN: FixtureName[] = [
  'offAuthed',
  'offByUser',
  'connecting',
  'on',
  'disconnecting',
  'netError',
  'connError',
  'scimError',
];
const RUNNING: FixtureName[] = ['on', 'onEarly', 'onReauth'];

const authenticateRow: Row = {
  noop: ['offSigningIn', 'onEarly'],
  cases: {
    ...each(['offUnauth', 'revokedError'], {
      auth: authing('signIn', null),
      effects: ['openSignIn:signIn'],
    }),
    ...each(SIGNED_IN, { auth: authing('early', USER), effects: ['openSignIn:early'] }),
    onReauth: { auth: authing('reauth', TIMEOUT_REAUTH), effects: ['openSignIn:reauth'] },
    certError: { auth: authing('reauth', CERT_REAUTH), effects: ['openSignIn:reauth'] },
  },
};

/** The cloud ended the session with `code`: Connection Error, signed out, connections closed. */
const sessionEndRow = (code: string): Row => ({
  noop: ['offUnauth', 'offSigningIn', 'revokedError'],
  cases: {
    ...each(['offAuthed', 'offByUser', 'disconnecting'], {
      auth: unauth(code),
      effects: ['discardSession:local', ...CANCEL_AUTH_TIMERS],
    }),
    connecting: {
      service: err('Connection Error', code, 2, false),
      auth: unauth(code),
      effects: ['disconnectTunnel', 'discardSession:local', ...CANCEL_AUTH_TIMERS, DISCONNECTED],
    },
    on: {
      service: err('Connection Error', code, 1, false),
      auth: unauth(code),
      effects: [...teardownOn(code), 'discardSession:local', ...CANCEL_AUTH_TIMERS, DISCONNECTED],
    },
    onEarly: {
      // The sign-in under way will bring a new session; only the old one is gone.
      service: err('Connection Error', code, 1, false),
      auth: { ...EARLY, resume: null },
      effects: [...teardownOn(code), 'discardSession:local', ...CANCEL_AUTH_TIMERS, DISCONNECTED],
    },
    onReauth: {
      service: err('Connection Error', code, 1, false),
      auth: unauth(code),
      effects: [
        ...teardownOn(code),
        'discardSession:local',
        'dismiss',
        ...CANCEL_AUTH_TIMERS,
        DISCONNECTED,
      ],
    },
    netError: {
      service: err('Connection Error', code, 3, false),
      auth: unauth(code),
      effects: [
        'cancelTimer:reconnect',
        'discardSession:local',
        ...CANCEL_AUTH_TIMERS,
        DISCONNECTED,
      ],
    },
    connError: {
      service: err('Connection Error', code, 1, false),
      auth: unauth(code),
      effects: [
        'cancelTimer:reconnect',
        'discardSession:local',
        ...CANCEL_AUTH_TIMERS,
        DISCONNECTED,
      ],
    },
    scimError: {
      service: err('Connection Error', code, 1, false),
      auth: unauth(code),
      effects: ['discardSession:local', ...CANCEL_AUTH_TIMERS, DISCONNECTED],
    },
    certError: {
      service: err('Connection Error', code, 1, false),
      auth: unauth(code),
      effects: ['discardSession:local', 'dismiss', ...CANCEL_AUTH_TIMERS, DISCONNECTED],
    },
  },
});

/** The tunnel dropped with `code` while running or connecting. */
const tunnelDropRow = (
  code: string,
  kind: ServiceErrorKind,
  notice: string,
  fromConnecting = true,
): Row => ({
  noop: FIXTURE_NAMES.filter(
    (n) => !RUNNING.includes(n) && !(fromConnecting && n === 'connecting'),
  ),
  cases: {
    ...(fromConnecting
      ? {
          connecting: {
            service: err(kind, code, 2, true),
            effects: ['disconnectTunnel', 'scheduleTimer:reconnect'],
          },
        }
      : {}),
    ...each(RUNNING, {
      service: err(kind, code, 1, true),
      effects: [...teardownOn(code), 'scheduleTimer:reconnect', notice],
    }),
  },
});

const NEW_SIGN_IN = SAMPLE_EVENTS.signInSucceeded as Extract<
  ClientEvent,
  { type: 'signInSucceeded' }
>;
const NEW_USER: AuthStatus = {
  status: 'authenticated',
  user: NEW_SIGN_IN.user,
  idp: NEW_SIGN_IN.idp,
  method: NEW_SIGN_IN.method,
  authTime: NEW_SIGN_IN.authTime,
  expiresAt: NEW_SIGN_IN.expiresAt,
  scimReady: NEW_SIGN_IN.scimReady,
};

const disconnectedRow = tunnelDropRow('CONNECTION_LOST', 'Connection Error', DISCONNECTED);

/** Fixtures without a session (the cloud's news about one has nothing to apply to). */
const NO_SESSION: FixtureName[] = ['offUnauth', 'offSigningIn', 'revokedError'];
const WITH_SESSION = FIXTURE_NAMES.filter((n) => !NO_SESSION.includes(n));
/** Only the session's data changes (apps, connections...): no axis moves, no effect. */
const DATA_ONLY: Cell = { effects: [] };

const TABLE: Record<ClientEvent['type'], Row> = {
  // --- the session's data and the push channel (the fixtures' channel is closed)
  signIn: { noop: [], cases: each(FIXTURE_NAMES, DATA_ONLY) },
  notificationsCleared: { noop: FIXTURE_NAMES, cases: {} },
  sessionState: {
    noop: NO_SESSION,
    cases: {
      ...each(WITH_SESSION, DATA_ONLY),
      connecting: {
        service: { status: 'on', broker: '10.9.9.9', since: NOW, stats: ZERO_STATS },
        effects: ['startHeartbeats', CONNECTED],
      },
      // The admin fixed the user: nothing reconnects by itself (the user clicks Retry).
    },
  },
  appsLoaded: { noop: NO_SESSION, cases: each(WITH_SESSION, DATA_ONLY) },
  appOpened: { noop: [], cases: each(FIXTURE_NAMES, DATA_ONLY) },
  connectionClosed: { noop: FIXTURE_NAMES, cases: {} },
  connectionsUpdated: {
    noop: [],
    cases: {
      ...each(FIXTURE_NAMES, DATA_ONLY),
      ...each(RUNNING, {
        service: { ...ON, stats: { bytesSent: 5_000, bytesReceived: 9_000 } },
        effects: [],
      }),
    },
  },
  channelOpened: { noop: FIXTURE_NAMES, cases: {} },
  channelLost: { noop: FIXTURE_NAMES, cases: {} },
  channelRetryDue: { noop: FIXTURE_NAMES, cases: {} },
  fault: { noop: [], cases: each(FIXTURE_NAMES, { effects: ['reportError:INTERNAL'] }) },

  turnOn: {
    noop: [
      'offSigningIn',
      'connecting',
      'on',
      'onEarly',
      'onReauth',
      'netError',
      'connError',
      'scimError',
      'certError',
      'revokedError',
    ],
    cases: {
      offUnauth: { auth: authing('signIn', null), effects: ['openSignIn:signIn'] },
      ...each(['offAuthed', 'offByUser'], { service: connecting(1), effects: ['connectTunnel:1'] }),
      disconnecting: {
        service: { ...DISCONNECTING, next: 'connecting', turnedOffByUser: false } as ServiceStatus,
        effects: [],
      },
    },
  },

  turnOff: {
    noop: ['offByUser', 'disconnecting'],
    cases: {
      ...each(['offUnauth', 'offSigningIn', 'offAuthed'], {
        service: { ...OFF, turnedOffByUser: true },
        effects: [],
      }),
      connecting: { service: disconnecting('off', true), effects: ['disconnectTunnel'] },
      ...each(RUNNING, { service: disconnecting('off', true), effects: teardownOn(CLOSED) }),
      ...each(['netError', 'connError'], {
        service: off(true),
        effects: ['cancelTimer:reconnect'],
      }),
      ...each(['scimError', 'certError', 'revokedError'], { service: off(true), effects: [] }),
    },
  },

  authenticate: authenticateRow,
  authenticateEarly: authenticateRow,

  signOut: {
    noop: ['offUnauth'],
    cases: {
      offSigningIn: { auth: unauth(), effects: ['cancelSignIn'] },
      offAuthed: { auth: unauth(), effects: ['discardSession:cloud', ...CANCEL_AUTH_TIMERS] },
      offByUser: {
        service: { ...OFF_BY_USER, turnedOffByUser: false },
        auth: unauth(),
        effects: ['discardSession:cloud', ...CANCEL_AUTH_TIMERS],
      },
      connecting: {
        service: disconnecting('off', false),
        auth: unauth(),
        effects: ['disconnectTunnel', 'discardSession:cloud', ...CANCEL_AUTH_TIMERS],
      },
      on: {
        service: disconnecting('off', false),
        auth: unauth(),
        effects: [...teardownOn(CLOSED), 'discardSession:cloud', ...CANCEL_AUTH_TIMERS],
      },
      onEarly: {
        service: disconnecting('off', false),
        auth: unauth(),
        effects: [
          'cancelSignIn',
          ...teardownOn(CLOSED),
          'discardSession:cloud',
          ...CANCEL_AUTH_TIMERS,
        ],
      },
      onReauth: {
        service: disconnecting('off', false),
        auth: unauth(),
        effects: [...teardownOn(CLOSED), 'discardSession:cloud', ...CANCEL_AUTH_TIMERS, 'dismiss'],
      },
      disconnecting: {
        service: { ...DISCONNECTING, turnedOffByUser: false },
        auth: unauth(),
        effects: ['discardSession:cloud', ...CANCEL_AUTH_TIMERS],
      },
      ...each(['netError', 'connError'], {
        service: off(false),
        auth: unauth(),
        effects: ['cancelTimer:reconnect', 'discardSession:cloud', ...CANCEL_AUTH_TIMERS],
      }),
      scimError: {
        service: off(false),
        auth: unauth(),
        effects: ['discardSession:cloud', ...CANCEL_AUTH_TIMERS],
      },
      certError: {
        service: off(false),
        auth: unauth(),
        effects: ['discardSession:cloud', ...CANCEL_AUTH_TIMERS, 'dismiss'],
      },
      revokedError: { service: off(false), auth: unauth(), effects: [] },
    },
  },

  retry: {
    noop: [
      'offUnauth',
      'offSigningIn',
      'offAuthed',
      'offByUser',
      'connecting',
      'on',
      'onEarly',
      'onReauth',
      'disconnecting',
    ],
    cases: {
      ...each(['netError', 'connError'], {
        service: connecting(1),
        effects: ['cancelTimer:reconnect', 'connectTunnel:1'],
      }),
      scimError: { service: connecting(1), effects: ['connectTunnel:1'] },
      certError: { auth: authing('reauth', CERT_REAUTH), effects: ['openSignIn:reauth'] },
      revokedError: { auth: authing('signIn', null), effects: ['openSignIn:signIn'] },
    },
  },

  signInStarted: {
    noop: [],
    cases: {
      ...each(['offUnauth', 'revokedError'], {
        auth: authing('signIn', null, 'oidc'),
        effects: [],
      }),
      offSigningIn: { auth: { ...SIGNING_IN, method: 'oidc' } as AuthStatus, effects: [] },
      onEarly: { auth: { ...EARLY, method: 'oidc' } as AuthStatus, effects: [] },
      ...each(SIGNED_IN, { auth: authing('early', USER, 'oidc'), effects: [] }),
      onReauth: { auth: authing('reauth', TIMEOUT_REAUTH, 'oidc'), effects: [] },
      certError: { auth: authing('reauth', CERT_REAUTH, 'oidc'), effects: [] },
    },
  },

  signInSucceeded: {
    noop: [],
    cases: {
      ...each(['offUnauth', 'offSigningIn', 'offAuthed'], {
        service: connecting(1),
        auth: NEW_USER,
        effects: [...AUTH_TIMERS, 'openChannel:1', 'connectTunnel:1'],
      }),
      ...each(['offByUser', 'connecting', 'on', 'onEarly', 'disconnecting'], {
        auth: NEW_USER,
        effects: [...AUTH_TIMERS, 'openChannel:1'],
      }),
      onReauth: { auth: NEW_USER, effects: ['dismiss', ...AUTH_TIMERS, 'openChannel:1'] },
      ...each(['netError', 'connError'], {
        service: connecting(1),
        auth: NEW_USER,
        effects: [...AUTH_TIMERS, 'openChannel:1', 'cancelTimer:reconnect', 'connectTunnel:1'],
      }),
      ...each(['scimError', 'revokedError'], {
        service: connecting(1),
        auth: NEW_USER,
        effects: [...AUTH_TIMERS, 'openChannel:1', 'connectTunnel:1'],
      }),
      certError: {
        service: connecting(1),
        auth: NEW_USER,
        effects: ['dismiss', ...AUTH_TIMERS, 'openChannel:1', 'connectTunnel:1'],
      },
    },
  },

  signInFailed: {
    noop: [],
    cases: {
      ...each(['offUnauth', 'offSigningIn', 'revokedError'], {
        auth: unauth('42015'),
        effects: ['reportError:42015'],
      }),
      // A failed Authenticate Early keeps the sign-in it started from (and its timers).
      onEarly: { auth: USER, effects: [...AUTH_TIMERS, 'reportError:42015'] },
      ...each([...SIGNED_IN, 'onReauth', 'certError'], { effects: ['reportError:42015'] }),
    },
  },

  connected: {
    noop: FIXTURE_NAMES.filter((n) => n !== 'connecting'),
    cases: {
      connecting: {
        service: {
          status: 'on',
          broker: '10.9.9.9',
          since: NOW,
          stats: { bytesSent: 0, bytesReceived: 0 },
        },
        effects: ['startHeartbeats', CONNECTED],
      },
    },
  },

  connectFailed: {
    noop: FIXTURE_NAMES.filter((n) => n !== 'connecting'),
    cases: {
      connecting: {
        // The fixture is an automatic reconnect (attempt 2): its failure shows no second pop-up.
        service: err('Connection Error', '-8', 2, true),
        effects: ['disconnectTunnel', 'scheduleTimer:reconnect'],
      },
    },
  },

  disconnected: {
    noop: disconnectedRow.noop.filter((n) => n !== 'disconnecting'),
    cases: { ...disconnectedRow.cases, disconnecting: { service: off(true), effects: [] } },
  },

  heartbeatOk: { noop: FIXTURE_NAMES, cases: {} },
  heartbeatFailed: tunnelDropRow('CONNECTION_LOST', 'Connection Error', DISCONNECTED, false),

  networkLost: {
    noop: [
      'offUnauth',
      'offSigningIn',
      'offAuthed',
      'offByUser',
      'disconnecting',
      'netError',
      'scimError',
      'certError',
      'revokedError',
    ],
    cases: {
      ...tunnelDropRow('NETWORK_ERROR', 'Network Error', NET_DOWN).cases,
      // A transient Connection Error becomes Network Error; the backoff carries on.
      connError: {
        service: err('Network Error', 'NETWORK_ERROR', 1, true),
        effects: ['cancelTimer:reconnect', 'scheduleTimer:reconnect', NET_DOWN],
      },
    },
  },

  networkRestored: {
    noop: FIXTURE_NAMES.filter((n) => n !== 'netError' && n !== 'connError'),
    cases: each(['netError', 'connError'], {
      service: connecting(1),
      effects: ['cancelTimer:reconnect', 'connectTunnel:1'],
    }),
  },

  sessionRevoked: sessionEndRow('SESSION_REVOKED'),
  scimUsernameChanged: sessionEndRow('SCIM_USERNAME_CHANGED'),

  scimUserDisabled: {
    noop: [
      'offUnauth',
      'offSigningIn',
      'offAuthed',
      'offByUser',
      'disconnecting',
      'scimError',
      'revokedError',
    ],
    cases: {
      connecting: {
        service: err('Connection Error', SCIM_TERMINATED, 2, false),
        effects: ['disconnectTunnel', DISCONNECTED],
      },
      ...each(RUNNING, {
        service: err('Connection Error', SCIM_TERMINATED, 1, false),
        effects: [...teardownOn(SCIM_TERMINATED), DISCONNECTED],
      }),
      netError: {
        service: err('Connection Error', SCIM_TERMINATED, 3, false),
        effects: ['cancelTimer:reconnect', DISCONNECTED],
      },
      connError: {
        service: err('Connection Error', SCIM_TERMINATED, 1, false),
        effects: ['cancelTimer:reconnect', DISCONNECTED],
      },
      certError: {
        service: err('Connection Error', SCIM_TERMINATED, 1, false),
        effects: [DISCONNECTED],
      },
    },
  },

  reauthRequired: {
    noop: ['offUnauth', 'offSigningIn', 'certError', 'revokedError'],
    cases: {
      // Only the authentication axis moves: the service and the app connections stay as they are.
      ...each(SIGNED_IN, { auth: reauthOf('scim_policy_enabled'), effects: REAUTH_FLIP }),
      onEarly: {
        auth: { ...EARLY, resume: reauthOf('scim_policy_enabled') } as AuthStatus,
        effects: [],
      },
      // Already required for some apps: now for all of them, without a second notification.
      onReauth: { auth: { ...TIMEOUT_REAUTH, apps: [] }, effects: [] },
    },
  },

  certificateRotated: {
    noop: ['offUnauth', 'offSigningIn', 'certError', 'revokedError'],
    cases: {
      ...each(['offAuthed', 'offByUser', 'disconnecting'], {
        auth: reauthOf('certificate_rotated'),
        effects: REAUTH_FLIP,
      }),
      connecting: {
        service: err('Authentication Error', 'IDP_CERTIFICATE_ROTATED', 2, false),
        auth: reauthOf('certificate_rotated'),
        effects: [...REAUTH_FLIP, 'disconnectTunnel', DISCONNECTED],
      },
      on: {
        service: err('Authentication Error', 'IDP_CERTIFICATE_ROTATED', 1, false),
        auth: reauthOf('certificate_rotated'),
        effects: [...REAUTH_FLIP, ...teardownOn('IDP_CERTIFICATE_ROTATED'), DISCONNECTED],
      },
      onEarly: {
        service: err('Authentication Error', 'IDP_CERTIFICATE_ROTATED', 1, false),
        auth: { ...EARLY, resume: reauthOf('certificate_rotated') } as AuthStatus,
        effects: [...teardownOn('IDP_CERTIFICATE_ROTATED'), DISCONNECTED],
      },
      onReauth: {
        service: err('Authentication Error', 'IDP_CERTIFICATE_ROTATED', 1, false),
        auth: { ...TIMEOUT_REAUTH, reason: 'certificate_rotated', apps: [] },
        effects: [...teardownOn('IDP_CERTIFICATE_ROTATED'), DISCONNECTED],
      },
      netError: {
        service: err('Authentication Error', 'IDP_CERTIFICATE_ROTATED', 3, false),
        auth: reauthOf('certificate_rotated'),
        effects: [...REAUTH_FLIP, 'cancelTimer:reconnect', DISCONNECTED],
      },
      connError: {
        service: err('Authentication Error', 'IDP_CERTIFICATE_ROTATED', 1, false),
        auth: reauthOf('certificate_rotated'),
        effects: [...REAUTH_FLIP, 'cancelTimer:reconnect', DISCONNECTED],
      },
      scimError: {
        service: err('Authentication Error', 'IDP_CERTIFICATE_ROTATED', 1, false),
        auth: reauthOf('certificate_rotated'),
        effects: [...REAUTH_FLIP, DISCONNECTED],
      },
    },
  },

  // Authentication Error with no reauth prompt: the sign-in stays until the user logs out.
  idpNameIdChanged: {
    noop: ['offUnauth', 'offSigningIn', 'revokedError', 'offAuthed', 'offByUser', 'disconnecting'],
    cases: {
      connecting: {
        service: err('Authentication Error', 'IDP_NAMEID_CHANGED', 2, false),
        effects: ['disconnectTunnel', DISCONNECTED],
      },
      ...each(RUNNING, {
        service: err('Authentication Error', 'IDP_NAMEID_CHANGED', 1, false),
        effects: [...teardownOn('IDP_NAMEID_CHANGED'), DISCONNECTED],
      }),
      netError: {
        service: err('Authentication Error', 'IDP_NAMEID_CHANGED', 3, false),
        effects: ['cancelTimer:reconnect', DISCONNECTED],
      },
      connError: {
        service: err('Authentication Error', 'IDP_NAMEID_CHANGED', 1, false),
        effects: ['cancelTimer:reconnect', DISCONNECTED],
      },
      ...each(['scimError', 'certError'], {
        service: err('Authentication Error', 'IDP_NAMEID_CHANGED', 1, false),
        effects: [DISCONNECTED],
      }),
    },
  },

  policyChanged: {
    noop: ['offUnauth', 'offSigningIn', 'revokedError'],
    cases: each(
      FIXTURE_NAMES.filter((n) => !['offUnauth', 'offSigningIn', 'revokedError'].includes(n)),
      { effects: ['refreshPolicy'] },
    ),
  },

  statsUpdated: {
    noop: FIXTURE_NAMES.filter((n) => !RUNNING.includes(n)),
    cases: each(RUNNING, {
      service: { ...ON, stats: { bytesSent: 5_000, bytesReceived: 9_000 } } as ServiceStatus,
      effects: [],
    }),
  },

  // One app's connection setup refused with BRK_MT_SETUP_FAIL_SCIM_INACTIVE: reported for that
  // app only. The tunnel and the user's other app connections stay up (domain.md §7).
  appAccessFailed: {
    noop: [],
    cases: each(FIXTURE_NAMES, { effects: [`reportError:${SCIM_INACTIVE}`] }),
  },

  reauthWarningDue: {
    noop: ['offUnauth', 'offSigningIn', 'onEarly', 'revokedError'],
    cases: {
      ...each(SIGNED_IN, { effects: [REAUTH_WARN, 'scheduleTimer:reauthNotice'] }),
      ...each(['onReauth', 'certError'], { effects: [REAUTH_NOW, 'scheduleTimer:reauthNotice'] }),
    },
  },

  authExpired: {
    at: EXPIRES,
    noop: ['offUnauth', 'offSigningIn', 'onReauth', 'certError', 'revokedError'],
    cases: {
      ...each(SIGNED_IN, { auth: reauthOf('timeout', EXPIRES), effects: REAUTH_FLIP }),
      onEarly: {
        auth: { ...EARLY, resume: reauthOf('timeout', EXPIRES) } as AuthStatus,
        effects: [],
      },
    },
  },

  reconnectDue: {
    noop: FIXTURE_NAMES.filter((n) => n !== 'netError' && n !== 'connError'),
    cases: {
      netError: { service: connecting(4), effects: ['connectTunnel:4'] },
      connError: { service: connecting(2), effects: ['connectTunnel:2'] },
    },
  },
};

describe('transition table', () => {
  it.each(Object.entries(TABLE))('%s names every fixture exactly once', (_event, row) => {
    const named = [...row.noop, ...Object.keys(row.cases)];
    expect([...named].sort()).toEqual([...FIXTURE_NAMES].sort());
  });

  for (const [type, row] of Object.entries(TABLE) as [ClientEvent['type'], Row][]) {
    describe(type, () => {
      const event = SAMPLE_EVENTS[type];
      const at = row.at ?? NOW;

      it.each(row.noop)('is a no-op in %s', (name) => {
        const initial = FIXTURES[name];
        const result = transition(initial, event, at, { random: HALF });
        expect(result.effects).toEqual([]);
        expect(result.state).toBe(initial);
      });

      it.each(Object.entries(row.cases) as [FixtureName, Cell][])('in %s', (name, cell) => {
        const initial = FIXTURES[name];
        const result = transition(initial, event, at, { random: HALF });
        expect(result.effects.map(sig)).toEqual(cell.effects);
        if (cell.service) expect(result.state.service).toEqual(cell.service);
        else expect(result.state.service).toBe(initial.service);
        if (cell.auth) expect(result.state.auth).toEqual(cell.auth);
        else expect(result.state.auth).toBe(initial.auth);
        // Snapshots cross process boundaries: plain data only.
        expect(JSON.parse(JSON.stringify(result))).toEqual(result);
      });
    });
  }
});

describe('timer and notification details of the table', () => {
  it('schedules reconnects with the backoff and the next attempt number', () => {
    const { effects } = transition(FIXTURES.connecting, SAMPLE_EVENTS.networkLost, NOW, {
      random: HALF,
    });
    expect(effects).toContainEqual({
      type: 'scheduleTimer',
      timer: 'reconnect',
      at: NOW + backoffAtHalf(2),
      delayMs: backoffAtHalf(2),
      attempt: 3,
    });
  });

  it('schedules the first warning 15 minutes before expiry, and the expiry itself', () => {
    const { effects } = transition(FIXTURES.offUnauth, NEW_SIGN_IN, NOW, { random: HALF });
    const expiresAt = NEW_SIGN_IN.expiresAt!;
    expect(effects).toContainEqual({
      type: 'scheduleTimer',
      timer: 'reauthNotice',
      at: expiresAt - 15 * MIN,
      delayMs: expiresAt - 15 * MIN - NOW,
    });
    expect(effects).toContainEqual({
      type: 'scheduleTimer',
      timer: 'authExpiry',
      at: expiresAt,
      delayMs: expiresAt - NOW,
    });
  });

  it('repeats the warning every 5 minutes and the reauth notice likewise', () => {
    const warned = transition(FIXTURES.on, SAMPLE_EVENTS.reauthWarningDue, NOW);
    expect(warned.effects).toContainEqual({
      type: 'scheduleTimer',
      timer: 'reauthNotice',
      at: NOW + 5 * MIN,
      delayMs: 5 * MIN,
    });
    expect(warned.state.notifications?.actionable).toMatchObject({
      text: REAUTH_WARNING_TEXT,
      action: { label: 'Authenticate Early', event: 'authenticateEarly' },
    });
    const flipped = transition(FIXTURES.on, SAMPLE_EVENTS.reauthRequired, NOW);
    expect(flipped.effects).toContainEqual({
      type: 'scheduleTimer',
      timer: 'reauthNotice',
      at: NOW + 5 * MIN,
      delayMs: 5 * MIN,
    });
    expect(flipped.state.notifications?.actionable).toMatchObject({
      text: REAUTH_REQUIRED_TEXT,
      action: { label: 'Authenticate', event: 'authenticate' },
    });
  });

  it('keeps the fixtures honest: OFF is the start-up state', () => {
    expect(OFF).toEqual({ status: 'off', since: null, turnedOffByUser: false });
  });
});
