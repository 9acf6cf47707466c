/**
 * The client's two independent status axes (shared/docs/architecture.md §3 "State",
 * domain.md §1.3), the events that move them and the effects the host must carry out.
 *
 * Every value here is plain data (JSON-safe) so a whole snapshot can cross a process boundary.
 * Times are epoch milliseconds.
 */

import { REAUTH_REASONS as CLOUD_REAUTH_REASONS } from '../model/session.js';
import type {
  AccessDecision,
  AppConnectionView,
  AppSummary,
  LiveSession,
} from '../model/broker.js';

/** Epoch milliseconds. */
export type EpochMs = number;

// ---------------------------------------------------------------------------------------------
// Service status

/**
 * The Service Status texts of the real client for a tunnel in error (domain.md §1.3). The kind is
 * the UI string itself, so the renderer shows it as is.
 */
export const SERVICE_ERROR_KINDS = [
  'Connection Error',
  'Network Error',
  'Internal Error',
  'Authentication Error',
  'Captive Portal Error',
] as const;
export type ServiceErrorKind = (typeof SERVICE_ERROR_KINDS)[number];

/**
 * What the real client leaves an end user to do in each error state (domain.md §1.3): no cause,
 * no code, only the state and its action.
 */
export const SERVICE_ERROR_ACTION_TEXT: Record<ServiceErrorKind, string> = {
  'Connection Error':
    'Click Retry. If it keeps failing, use Restart Service in Troubleshoot, then contact your administrator.',
  'Network Error':
    'Services are down because the network is disconnected. Click Retry once you are back online.',
  'Internal Error': 'Click Retry. If it keeps failing, use Restart Service in Troubleshoot.',
  'Authentication Error':
    'Click Authenticate in Private Access. If it persists, use Restart Service in Troubleshoot, then log out and sign in again.',
  'Captive Portal Error': 'Complete the sign-in page of the network you are on, then click Retry.',
};

export interface TrafficStats {
  bytesSent: number;
  bytesReceived: number;
}

export type ServiceStatus =
  | {
      status: 'off';
      /** When the service went off; null at start-up. */
      since: EpochMs | null;
      /** Turned off with Turn Off: stays off until Turn On, even across a sign-in. */
      turnedOffByUser: boolean;
    }
  | {
      status: 'connecting';
      since: EpochMs;
      /** 1 for the first attempt after a Turn On, a sign-in or a Retry; counts reconnects. */
      attempt: number;
    }
  | { status: 'on'; broker: string; since: EpochMs; stats: TrafficStats }
  | {
      status: 'error';
      kind: ServiceErrorKind;
      /** Catalog code (shared/errors): what the UI shows and looks up. */
      code: string;
      /** Catalog variant, e.g. `not_synced` / `deactivated` for BRK_MT_SETUP_FAIL_SCIM_INACTIVE. */
      reason?: string;
      since: EpochMs;
      /** The attempt that failed (a running tunnel that drops counts as attempt 1). */
      attempt: number;
      /** When the client reconnects by itself; null when it waits for the user or the admin. */
      retryAt: EpochMs | null;
    }
  | {
      status: 'disconnecting';
      since: EpochMs;
      /** Where the service goes once the tunnel is down. */
      next: 'off' | 'connecting';
      /** Carried to `off.turnedOffByUser` when `next` is 'off'. */
      turnedOffByUser: boolean;
    };

export type ServiceState = ServiceStatus['status'];

// ---------------------------------------------------------------------------------------------
// Authentication status

export type SignInMethod = 'saml' | 'oidc';

/**
 * Why the user must authenticate again: the cloud's push reasons (the cloud API contract), and
 * those that come from session status codes (domain.md §1.5).
 */
export const REAUTH_REASONS = [
  ...CLOUD_REAUTH_REASONS,
  'device_certificate_expired',
  'auth_level_required',
] as const;
export type ReauthReason = (typeof REAUTH_REASONS)[number];

/** How the client explains a reauth reason (Private Access panel, "details"). */
export const REAUTH_REASON_TEXT: Record<ReauthReason, string> = {
  timeout: 'The authentication timeout of your access policy was reached.',
  scim_policy_enabled:
    'Your administrator enabled SCIM Attributes for Policy: sign in again so your directory attributes apply.',
  user_updated:
    'Your identity provider updated your user details: sign in again so the changes apply.',
  certificate_rotated:
    "Your organisation's identity provider certificate changed: sign in again to restore access.",
  device_certificate_expired: 'Your device certificate expired: authenticate to renew it.',
  auth_level_required: 'An application needs a stronger authentication level: verify to continue.',
};

export type AuthPurpose = 'signIn' | 'reauth' | 'early';

export interface AuthenticatedStatus {
  status: 'authenticated';
  user: string;
  /** IdP display name. */
  idp: string;
  method: SignInMethod;
  authTime: EpochMs;
  /** Earliest authentication-timeout expiry over the user's apps; null for Never. */
  expiresAt: EpochMs | null;
  /** Signed in after "SCIM Attributes for Policy" was first enabled (or it never was). */
  scimReady: boolean;
}

export interface ReauthRequiredStatus {
  status: 'reauthRequired';
  reason: ReauthReason;
  /** Applications that need the reauthentication; empty means all of them. */
  apps: string[];
  since: EpochMs;
  /** Who was signed in (kept so the UI can still show the username). */
  user: string;
  idp: string;
  method: SignInMethod;
  scimReady: boolean;
}

export type AuthStatus =
  | {
      status: 'unauthenticated';
      /** The last sign-in failure or session end, for the UI to explain. */
      lastError?: { code: string; reason?: string; at: EpochMs };
    }
  | {
      status: 'authenticating';
      /** Known once the cloud told the client which IdP protocol applies. */
      method: SignInMethod | null;
      purpose: AuthPurpose;
      since: EpochMs;
      /** The state to return to if this sign-in fails or is cancelled (reauth, Authenticate Early). */
      resume: AuthenticatedStatus | ReauthRequiredStatus | null;
    }
  | AuthenticatedStatus
  | ReauthRequiredStatus;

export type AuthState = AuthStatus['status'];

// ---------------------------------------------------------------------------------------------
// Notifications

export type NotificationCategory = 'serviceStatus' | 'zpaReauthentication' | 'default' | 'critical';

/** A button on a notification and the event the host dispatches when it is clicked. */
export interface NotificationAction {
  label: 'Authenticate' | 'Authenticate Early' | 'Retry';
  event: 'authenticate' | 'authenticateEarly' | 'retry';
}

export interface ClientNotification {
  /** Hosts replace a shown notification with the same id: one per id, never stacked. */
  id: string;
  category: NotificationCategory;
  text: string;
  action?: NotificationAction;
}

export interface NotificationState {
  /** The one actionable (reauth) notification on screen, if any. */
  actionable: (ClientNotification & { shownAt: EpochMs }) | null;
  /** Service-status texts shown in the last minute, with when (duplicates are suppressed). */
  recentServiceStatus: Record<string, EpochMs>;
}

// ---------------------------------------------------------------------------------------------
// The push channel (belongs to the session, not to the tunnel)

/**
 * The cloud's push channel. It is open whenever a session exists, whatever the tunnel does, so
 * that "your administrator fixed this" reaches a connector in Connection Error. A lost channel
 * reconnects with backoff and is re-synced by the snapshot the cloud sends first.
 */
export type ChannelStatus =
  | { status: 'closed' }
  | { status: 'connecting'; since: EpochMs; attempt: number }
  | { status: 'open'; since: EpochMs }
  | { status: 'reconnecting'; since: EpochMs; attempt: number; retryAt: EpochMs; code: string };

// ---------------------------------------------------------------------------------------------
// What the session brought and what the cloud told since

export interface LastError {
  code: string;
  reason?: string;
  app?: string;
  at: EpochMs;
}

export interface SessionData {
  /** The username typed at sign-in (kept after sign-out, to prefill the next one). */
  username: string | null;
  /** The cloud's live view of the session (null when signed out). */
  session: LiveSession | null;
  apps: AppSummary[];
  connections: AppConnectionView[];
  lastError: LastError | null;
  policyVersion: number;
  /** Every notification shown, newest first (the Notifications window; "Clear All" empties it). */
  history: (ClientNotification & { at: EpochMs })[];
}

/** The whole of what the user sees: both axes, the session's data, notifications, the channel. */
export interface ClientState {
  service: ServiceStatus;
  auth: AuthStatus;
  notifications?: NotificationState;
  channel?: ChannelStatus;
  data?: SessionData;
}

// ---------------------------------------------------------------------------------------------
// Events

export interface SignInResult {
  user: string;
  idp: string;
  method: SignInMethod;
  authTime: EpochMs;
  expiresAt: EpochMs | null;
  scimReady: boolean;
}

/** The cloud's view of the session: the push channel's snapshot, or an HTTP /state answer. */
export interface SessionStateEvent {
  type: 'sessionState';
  /** The service edge the tunnel goes to (shown as Broker). */
  broker: string;
  session: LiveSession;
  connections: AppConnectionView[];
  policyVersion: number;
}

export type ClientEvent =
  // user actions
  | { type: 'signIn'; username: string }
  | { type: 'notificationsCleared' }
  | { type: 'turnOn' }
  | { type: 'turnOff' }
  | { type: 'authenticate' }
  | { type: 'authenticateEarly' }
  | { type: 'signOut' }
  | { type: 'retry' }
  // sign-in results
  | { type: 'signInStarted'; method: SignInMethod }
  | ({ type: 'signInSucceeded'; session?: LiveSession } & SignInResult)
  | { type: 'signInFailed'; code: string; reason?: string }
  // tunnel and cloud push events
  | { type: 'connected'; broker: string }
  /** A connect attempt failed before the tunnel came up. */
  | { type: 'connectFailed'; code: string; reason?: string }
  /** The tunnel is down (after a Turn Off, or dropped by the far end). */
  | { type: 'disconnected'; code?: string }
  | { type: 'heartbeatOk' }
  | { type: 'heartbeatFailed'; code?: string }
  | { type: 'networkLost' }
  | { type: 'networkRestored' }
  | { type: 'sessionRevoked'; code?: string }
  /** The connected user was deactivated via SCIM (the cloud terminates: ZPN_ERR_SCIM_INACTIVE). */
  | { type: 'scimUserDisabled' }
  | { type: 'reauthRequired'; reason: ReauthReason; apps?: string[]; message?: string }
  | { type: 'certificateRotated' }
  /** The IdP was replaced by one with a different NameID: Authentication Error, no reauth prompt. */
  | { type: 'idpNameIdChanged' }
  | { type: 'scimUsernameChanged'; from?: string; to?: string }
  | { type: 'policyChanged'; version?: number }
  | ({ type: 'statsUpdated' } & TrafficStats)
  // the session's data
  | SessionStateEvent
  | { type: 'appsLoaded'; apps: AppSummary[] }
  /** The answer to an app access request (one transition: the connection, or the refusal). */
  | {
      type: 'appOpened';
      app: string;
      decision: AccessDecision;
      connection: AppConnectionView | null;
    }
  | { type: 'connectionClosed'; connection: AppConnectionView }
  /** The cloud's traffic figures for the open app connections. */
  | { type: 'connectionsUpdated'; connections: AppConnectionView[] }
  // the push channel
  | { type: 'channelOpened' }
  | { type: 'channelLost'; code?: string }
  | { type: 'channelRetryDue' }
  /** The host failed unexpectedly (a bug, a malformed message): shown and logged, never swallowed. */
  | { type: 'fault'; code: string; detail?: string }
  /** The cloud refused one app access request with a session status code (domain.md §1.5). */
  | { type: 'appAccessFailed'; app: string; code: string; reason?: string }
  // timers
  | { type: 'reauthWarningDue' }
  | { type: 'authExpired' }
  | { type: 'reconnectDue' };

export type ClientEventType = ClientEvent['type'];

// ---------------------------------------------------------------------------------------------
// Effects

export type TimerName = 'reconnect' | 'reauthNotice' | 'authExpiry' | 'channelRetry';

/** The event the host dispatches when a timer fires. */
export const TIMER_EVENTS = {
  reconnect: 'reconnectDue',
  reauthNotice: 'reauthWarningDue',
  authExpiry: 'authExpired',
  channelRetry: 'channelRetryDue',
} as const satisfies Record<TimerName, ClientEventType>;

/**
 * What the host must do after a transition, in order. Plain data: the host interprets it
 * (browser, tunnel, timers, OS notifications); the machine never does I/O.
 */
export type Effect =
  /** Open the sign-in (system browser / login window). */
  | { type: 'openSignIn'; purpose: AuthPurpose }
  | { type: 'cancelSignIn' }
  | { type: 'connectTunnel'; attempt: number }
  /** Open (or reopen on a new session token) the push channel. */
  | { type: 'openChannel'; attempt: number }
  | { type: 'closeChannel' }
  | { type: 'disconnectTunnel' }
  | { type: 'startHeartbeats' }
  | { type: 'stopHeartbeats' }
  /** Close the running app connections at the cloud (code: why, for the logs). */
  | { type: 'closeAppConnections'; code: string; ids: string[] }
  /** Forget the session token; notifyCloud: also end it at the cloud (sign out). */
  | { type: 'discardSession'; notifyCloud: boolean }
  /** Schedule (or re-schedule: one timer per name) a timer that dispatches TIMER_EVENTS[timer]. */
  | { type: 'scheduleTimer'; timer: TimerName; at: EpochMs; delayMs: number; attempt?: number }
  | { type: 'cancelTimer'; timer: TimerName }
  | { type: 'showNotification'; notification: ClientNotification }
  | { type: 'dismissNotification'; id: string }
  /** Download the app list and policy again. */
  | { type: 'refreshPolicy' }
  /** Show and log an error with its catalog code (the UI looks up title, message, remedy). */
  | { type: 'reportError'; code: string; reason?: string; app?: string };

export type EffectType = Effect['type'];

export interface Transition {
  state: ClientState;
  effects: Effect[];
}
