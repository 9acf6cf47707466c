/**
 * The window.connector contract's names: every call and event, the envelope, the bridge frames
 * and the result types. No zod here, so the renderer imports these values without putting a
 * validator into the window's bundle; the schemas that check each call's input are in
 * connector-contract.ts, keyed by these names.
 */
import type { AccessDecision, AppConnectionView, AppSummary } from '../model/broker.js';
import type { ClientNotification } from '../state/types.js';
import type { TimelineEvent } from './cloud-api/cockpit.js';
import type { ConnectorSnapshot } from './snapshot.js';

export const REPORT_PROBLEMS = [
  'Authentication',
  'User Interface',
  'Network Connectivity',
  'Private Access',
  'Other',
] as const;
export const REPORT_PRIORITIES = ['Urgent', 'High', 'Normal', 'Low'] as const;
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;

/** Every call the renderer can make. */
export const CONNECTOR_CALL_NAMES = [
  'getSnapshot',
  'signIn',
  'cancelSignIn',
  'authenticate',
  'authenticateEarly',
  'turnOn',
  'turnOff',
  'retry',
  'signOut',
  'refreshApps',
  'openApp',
  'closeConnection',
  'exportLogs',
  'reportIssue',
  'setLogLevel',
  'updatePolicy',
  'restartService',
  'getAbout',
  'getSettings',
  'setSettings',
  'clearNotifications',
  'getTimeline',
] as const;

export type ConnectorCall = (typeof CONNECTOR_CALL_NAMES)[number];

/**
 * The window's two views (Settings, and per attendee from a trainer tool through setSettings):
 * `real` shows exactly what the real client shows an end user; `insight` adds what only the
 * admin portal's diagnostics show (codes, causes, fixes, the policy trace), marked as such.
 */
export const WINDOW_VIEWS = ['real', 'insight'] as const;
export type WindowView = (typeof WINDOW_VIEWS)[number];
export const DEFAULT_WINDOW_VIEW: WindowView = 'real';
export const isWindowView = (v: unknown): v is WindowView =>
  typeof v === 'string' && (WINDOW_VIEWS as readonly string[]).includes(v);

/** Events pushed from the core to the renderer (`settings`: after any setSettings). */
export const CONNECTOR_EVENTS = ['state', 'notification', 'settings'] as const;
export type ConnectorEventName = (typeof CONNECTOR_EVENTS)[number];

/** Every call resolves to this envelope; `code` is a catalog code (shared/errors). */
export type CallResult<T> =
  { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** Channel names, derived: `connector:<call>` and `connector:event:<name>`. */
export const callChannel = (call: ConnectorCall) => `connector:${call}`;
export const eventChannel = (name: ConnectorEventName) => `connector:event:${name}`;

const CALL_SET: ReadonlySet<string> = new Set(CONNECTOR_CALL_NAMES);
export const isConnectorCall = (name: unknown): name is ConnectorCall =>
  typeof name === 'string' && CALL_SET.has(name);

export class ContractError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The bridge message format of the web shell (one WebSocket, JSON frames). */
export type BridgeRequest = { id: number; call: ConnectorCall; input?: unknown };
export type BridgeFrame =
  { id: number; result: CallResult<unknown> } | { event: ConnectorEventName; payload: unknown };

// ---------------------------------------------------------------------------------------------
// Results

export interface AboutInfo {
  appVersion: string;
  host: 'electron' | 'web-shell';
  electronVersion: string | null;
  chromeVersion: string | null;
  nodeVersion: string;
  platform: string;
  cloudUrl: string;
  /** The app policy in force (policy version at the cloud). */
  policyVersion: number;
  deviceId: string;
}

export interface ConnectorSettings {
  cloudUrl: string;
  /** The cloud bundled with the app, when there is one. */
  bundledCloudUrl: string | null;
  /** Which view the window shows. */
  view: WindowView;
}

export interface CallOutputs {
  getSnapshot: ConnectorSnapshot;
  signIn: void;
  cancelSignIn: void;
  authenticate: void;
  authenticateEarly: void;
  turnOn: void;
  turnOff: void;
  retry: void;
  signOut: void;
  refreshApps: AppSummary[];
  openApp: { decision: AccessDecision; connection: AppConnectionView | null };
  closeConnection: void;
  exportLogs: { fileName: string; base64: string };
  reportIssue: { id: string };
  setLogLevel: void;
  updatePolicy: AppSummary[];
  restartService: void;
  getAbout: AboutInfo;
  getSettings: ConnectorSettings;
  setSettings: ConnectorSettings;
  clearNotifications: void;
  /** What happened to the signed-in user, every source in time order (Troubleshoot). */
  getTimeline: TimelineEvent[];
}

export interface EventPayloads {
  state: ConnectorSnapshot;
  notification: ClientNotification;
  settings: ConnectorSettings;
}

export const isConnectorEvent = (name: unknown): name is ConnectorEventName =>
  (CONNECTOR_EVENTS as readonly unknown[]).includes(name);
