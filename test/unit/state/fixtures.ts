import type { AppConnectionView, AppSummary, LiveSession } from '../../../shared/model/broker.js';
import {
  ACTIONABLE_NOTIFICATION_ID,
  REAUTH_REQUIRED_TEXT,
  emptyNotifications,
  transition,
  type AuthStatus,
  type AuthenticatedStatus,
  type ClientEvent,
  type ClientState,
  type Effect,
  type NotificationState,
  type ReauthRequiredStatus,
  type ServiceStatus,
} from '../../../shared/state/index.js';

export const MIN = 60_000;
/** Start of the fixtures' story. */
export const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
/** When the table's events happen. */
export const NOW = T0 + 60 * MIN;
/** The fixture user's access expires 10 minutes after NOW (inside the 15-minute warning). */
export const EXPIRES = NOW + 10 * MIN;
/** Jitter fixed at the middle: nextBackoff(n) = 0.75 · min(120 s, 1 s · 2^(n-1)). */
export const HALF = () => 0.5;
export const backoffAtHalf = (attempt: number) =>
  0.75 * Math.min(120_000, 1000 * 2 ** (attempt - 1));

export const USER: AuthenticatedStatus = {
  status: 'authenticated',
  user: 'ana@acme.test',
  idp: 'Okta',
  method: 'saml',
  authTime: T0,
  expiresAt: EXPIRES,
  scimReady: true,
};

const reauth = (reason: ReauthRequiredStatus['reason'], apps: string[]): ReauthRequiredStatus => ({
  status: 'reauthRequired',
  reason,
  apps,
  since: T0 + 30 * MIN,
  user: USER.user,
  idp: USER.idp,
  method: USER.method,
  scimReady: USER.scimReady,
});

export const TIMEOUT_REAUTH = reauth('timeout', ['wiki.acme.test']);
export const CERT_REAUTH = reauth('certificate_rotated', []);

export const UNAUTH: AuthStatus = { status: 'unauthenticated' };
type Authenticating = Extract<AuthStatus, { status: 'authenticating' }>;
export const SIGNING_IN: Authenticating = {
  status: 'authenticating',
  method: null,
  purpose: 'signIn',
  since: T0,
  resume: null,
};
export const EARLY: Authenticating = {
  status: 'authenticating',
  method: null,
  purpose: 'early',
  since: T0,
  resume: USER,
};

export const OFF: Extract<ServiceStatus, { status: 'off' }> = {
  status: 'off',
  since: null,
  turnedOffByUser: false,
};
export const OFF_BY_USER: Extract<ServiceStatus, { status: 'off' }> = {
  status: 'off',
  since: T0,
  turnedOffByUser: true,
};
export const CONNECTING: ServiceStatus = { status: 'connecting', since: T0, attempt: 2 };
export const ON: Extract<ServiceStatus, { status: 'on' }> = {
  status: 'on',
  broker: '10.1.2.3',
  since: T0,
  stats: { bytesSent: 100, bytesReceived: 200 },
};
export const DISCONNECTING: Extract<ServiceStatus, { status: 'disconnecting' }> = {
  status: 'disconnecting',
  since: T0,
  next: 'off',
  turnedOffByUser: true,
};
export const NETWORK_ERROR: ServiceStatus = {
  status: 'error',
  kind: 'Network Error',
  code: 'NETWORK_ERROR',
  since: T0,
  attempt: 3,
  retryAt: NOW + 5_000,
};
export const CONNECTION_ERROR: ServiceStatus = {
  status: 'error',
  kind: 'Connection Error',
  code: 'CONNECTION_LOST',
  since: T0,
  attempt: 1,
  retryAt: NOW + 1_000,
};
export const SCIM_DISABLED_ERROR: ServiceStatus = {
  status: 'error',
  kind: 'Connection Error',
  code: 'ZPN_ERR_SCIM_INACTIVE',
  since: T0,
  attempt: 1,
  retryAt: null,
};
export const CERT_ERROR: ServiceStatus = {
  status: 'error',
  kind: 'Authentication Error',
  code: 'IDP_CERTIFICATE_ROTATED',
  since: T0,
  attempt: 1,
  retryAt: null,
};
export const REVOKED_ERROR: ServiceStatus = {
  status: 'error',
  kind: 'Connection Error',
  code: 'SESSION_REVOKED',
  since: T0,
  attempt: 1,
  retryAt: null,
};

/** The reauth notification is on screen. */
const REAUTH_SHOWN: NotificationState = {
  actionable: {
    id: ACTIONABLE_NOTIFICATION_ID,
    category: 'zpaReauthentication',
    text: REAUTH_REQUIRED_TEXT,
    action: { label: 'Authenticate', event: 'authenticate' },
    shownAt: T0 + 30 * MIN,
  },
  recentServiceStatus: {},
};

const state = (
  service: ServiceStatus,
  auth: AuthStatus,
  notifications: NotificationState = emptyNotifications(),
): ClientState => ({ service, auth, notifications });

/** The states every event is tried in: each service state, each auth state. */
export const FIXTURES = {
  offUnauth: state(OFF, UNAUTH),
  offSigningIn: state(OFF, SIGNING_IN),
  offAuthed: state(OFF, USER),
  offByUser: state(OFF_BY_USER, USER),
  connecting: state(CONNECTING, USER),
  on: state(ON, USER),
  onEarly: state(ON, EARLY),
  onReauth: state(ON, TIMEOUT_REAUTH, REAUTH_SHOWN),
  disconnecting: state(DISCONNECTING, USER),
  netError: state(NETWORK_ERROR, USER),
  connError: state(CONNECTION_ERROR, USER),
  scimError: state(SCIM_DISABLED_ERROR, USER),
  certError: state(CERT_ERROR, CERT_REAUTH, REAUTH_SHOWN),
  revokedError: state(REVOKED_ERROR, {
    status: 'unauthenticated',
    lastError: { code: 'SESSION_REVOKED', at: T0 },
  }),
} satisfies Record<string, ClientState>;

export type FixtureName = keyof typeof FIXTURES;
export const FIXTURE_NAMES = Object.keys(FIXTURES) as FixtureName[];

/** The cloud's view of the fixture user's session: active, nothing pending. */
export const LIVE_SESSION: LiveSession = {
  id: 'session-1',
  idpId: 'idp-okta',
  idpName: USER.idp,
  protocol: 'saml',
  userName: USER.user,
  deviceId: 'device-1',
  attributes: {},
  authTime: new Date(T0).toISOString(),
  createdAt: new Date(T0).toISOString(),
  scimStatus: 'active',
  scimReady: true,
  reauthRequired: null,
  terminated: null,
  expiresAt: new Date(EXPIRES).toISOString(),
};

export const APP_CONNECTION: AppConnectionView = {
  id: 'conn-1',
  app: 'wiki.acme.test',
  port: 443,
  openedAt: new Date(T0).toISOString(),
  lastActivityAt: new Date(T0).toISOString(),
  bytesSent: 0,
  bytesReceived: 0,
  latencyMs: 12,
  state: 'open',
};

/** One sample of every event type. */
export const SAMPLE_EVENTS: Record<ClientEvent['type'], ClientEvent> = {
  turnOn: { type: 'turnOn' },
  turnOff: { type: 'turnOff' },
  authenticate: { type: 'authenticate' },
  authenticateEarly: { type: 'authenticateEarly' },
  signOut: { type: 'signOut' },
  idpNameIdChanged: { type: 'idpNameIdChanged' },
  retry: { type: 'retry' },
  signInStarted: { type: 'signInStarted', method: 'oidc' },
  signInSucceeded: {
    type: 'signInSucceeded',
    user: 'ana@acme.test',
    idp: 'Okta',
    method: 'saml',
    authTime: NOW,
    expiresAt: NOW + 120 * MIN,
    scimReady: true,
  },
  signInFailed: { type: 'signInFailed', code: '42015' },
  connected: { type: 'connected', broker: '10.9.9.9' },
  connectFailed: { type: 'connectFailed', code: '-8' },
  disconnected: { type: 'disconnected' },
  heartbeatOk: { type: 'heartbeatOk' },
  heartbeatFailed: { type: 'heartbeatFailed' },
  networkLost: { type: 'networkLost' },
  networkRestored: { type: 'networkRestored' },
  sessionRevoked: { type: 'sessionRevoked' },
  scimUserDisabled: { type: 'scimUserDisabled' },
  reauthRequired: { type: 'reauthRequired', reason: 'scim_policy_enabled', apps: [] },
  certificateRotated: { type: 'certificateRotated' },
  scimUsernameChanged: {
    type: 'scimUsernameChanged',
    from: 'ana@acme.test',
    to: 'ana.r@acme.test',
  },
  policyChanged: { type: 'policyChanged' },
  statsUpdated: { type: 'statsUpdated', bytesSent: 5_000, bytesReceived: 9_000 },
  appAccessFailed: {
    type: 'appAccessFailed',
    app: 'wiki.acme.test',
    code: 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE',
    reason: 'not_synced',
  },
  reauthWarningDue: { type: 'reauthWarningDue' },
  authExpired: { type: 'authExpired' },
  reconnectDue: { type: 'reconnectDue' },
  signIn: { type: 'signIn', username: ' ana@acme.test ' },
  notificationsCleared: { type: 'notificationsCleared' },
  sessionState: {
    type: 'sessionState',
    broker: '10.9.9.9',
    session: LIVE_SESSION,
    connections: [],
    policyVersion: 3,
  },
  appsLoaded: { type: 'appsLoaded', apps: [] },
  appOpened: {
    type: 'appOpened',
    app: 'wiki.acme.test',
    decision: {
      outcome: 'allowed',
      code: 'OPEN_OR_ACTIVE_CONNECTION',
      message: 'Allowed',
      trace: null,
      idleTimeoutMs: null,
      expiresAt: null,
    },
    connection: APP_CONNECTION,
  },
  connectionClosed: { type: 'connectionClosed', connection: APP_CONNECTION },
  connectionsUpdated: {
    type: 'connectionsUpdated',
    connections: [{ ...APP_CONNECTION, bytesSent: 5_000, bytesReceived: 9_000 }],
  },
  channelOpened: { type: 'channelOpened' },
  channelLost: { type: 'channelLost' },
  channelRetryDue: { type: 'channelRetryDue' },
  fault: { type: 'fault', code: 'INTERNAL', detail: 'TypeError: boom' },
};

/**
 * A short, readable form of an effect for the tables: `type` plus its one telling field;
 * notifications by their text.
 */
export function sig(e: Effect): string {
  switch (e.type) {
    case 'openSignIn':
      return `openSignIn:${e.purpose}`;
    case 'connectTunnel':
      return `connectTunnel:${e.attempt}`;
    case 'closeAppConnections':
      return `closeAppConnections:${e.code}`;
    case 'openChannel':
      return `openChannel:${e.attempt}`;
    case 'discardSession':
      return e.notifyCloud ? 'discardSession:cloud' : 'discardSession:local';
    case 'scheduleTimer':
    case 'cancelTimer':
      return `${e.type}:${e.timer}`;
    case 'showNotification':
      return `show:${e.notification.text}`;
    case 'dismissNotification':
      return 'dismiss';
    case 'reportError':
      return `reportError:${e.code}`;
    default:
      return e.type;
  }
}

/** One transition at NOW (or `at`), jitter at the middle. */
export const step = (state: ClientState, event: ClientEvent, at = NOW) =>
  transition(state, event, at, { random: HALF });

/** Runs events in order from `state`; returns the final state. */
export const run = (state: ClientState, ...events: ClientEvent[]) =>
  events.reduce((s, e) => step(s, e).state, state);

export const SIGN_IN = SAMPLE_EVENTS.signInSucceeded as Extract<
  ClientEvent,
  { type: 'signInSucceeded' }
>;

/** The app of SAMPLE_EVENTS.appOpened, as the app list shows it. */
export const WIKI: AppSummary = {
  app: 'wiki.acme.test',
  name: 'Wiki',
  ports: [443],
  forwarding: 'zpa',
  decision: (SAMPLE_EVENTS.appOpened as Extract<ClientEvent, { type: 'appOpened' }>).decision,
} as AppSummary;
