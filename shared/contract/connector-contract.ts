/**
 * The window.connector contract: the one runtime description of every call the renderer can make
 * and every event the core pushes. The Electron preload, the main-process IPC handlers, the web
 * shell's WebSocket bridge and the test helpers are all derived from this object, so a channel
 * name is never typed by hand. Inputs are validated on receipt (zod); results travel in the
 * envelope below so an error code survives the process boundary.
 */
import { z } from 'zod';
import type { AccessDecision, AppConnectionView, AppSummary } from '../model/broker.js';
import type { ClientNotification } from '../state/types.js';
import type { ConnectorSnapshot } from './snapshot.js';
import { CODES } from '../errors/codes.js';

const none = z.undefined().or(z.object({}).strict()).optional();

export const REPORT_PROBLEMS = [
  'Authentication',
  'User Interface',
  'Network Connectivity',
  'Private Access',
  'Other',
] as const;
export const REPORT_PRIORITIES = ['Urgent', 'High', 'Normal', 'Low'] as const;
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;

export const CONNECTOR_CALLS = {
  /** The whole client state (ConnectorSnapshot). */
  getSnapshot: none,
  signIn: z.object({ username: z.string().trim().min(1).max(256) }).strict(),
  cancelSignIn: none,
  authenticate: none,
  authenticateEarly: none,
  turnOn: none,
  turnOff: none,
  retry: none,
  signOut: none,
  refreshApps: none,
  openApp: z
    .object({
      app: z.string().trim().toLowerCase().min(1).max(253),
      port: z.number().int().min(1).max(65535).default(443),
    })
    .strict(),
  closeConnection: z.object({ id: z.string().min(1).max(64) }).strict(),
  /** A ZIP of the client log and a state snapshot, secrets redacted: { fileName, base64 }. */
  exportLogs: none,
  reportIssue: z
    .object({
      name: z.string().trim().min(1).max(100),
      email: z.string().trim().email().max(254),
      cc: z.string().trim().max(1000).default(''),
      problem: z.enum(REPORT_PROBLEMS).default('Other'),
      priority: z.enum(REPORT_PRIORITIES).default('Normal'),
      comments: z.string().trim().min(1).max(4000),
    })
    .strict(),
  setLogLevel: z.object({ level: z.enum(LOG_LEVELS) }).strict(),
  updatePolicy: none,
  restartService: none,
  getAbout: none,
  getSettings: none,
  setSettings: z.object({ cloudUrl: z.string().url().max(2048) }).strict(),
  clearNotifications: none,
} as const;

export type ConnectorCall = keyof typeof CONNECTOR_CALLS;
export type CallInput<C extends ConnectorCall> = z.input<(typeof CONNECTOR_CALLS)[C]>;

/** Events pushed from the core to the renderer. */
export const CONNECTOR_EVENTS = ['state', 'notification'] as const;
export type ConnectorEventName = (typeof CONNECTOR_EVENTS)[number];

/** Every call resolves to this envelope; `code` is a catalog code (shared/errors). */
export type CallResult<T> =
  { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** Channel names, derived: `connector:<call>` and `connector:event:<name>`. */
export const callChannel = (call: ConnectorCall) => `connector:${call}`;
export const eventChannel = (name: ConnectorEventName) => `connector:event:${name}`;

export const isConnectorCall = (name: unknown): name is ConnectorCall =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(CONNECTOR_CALLS, name);

/** Validates a call's input; throws a ContractError (code INVALID_REQUEST) on bad input. */
export function parseCallInput<C extends ConnectorCall>(call: C, input: unknown) {
  const r = CONNECTOR_CALLS[call].safeParse(input);
  if (!r.success) {
    throw new ContractError(
      CODES.INVALID_REQUEST,
      r.error.issues.map((i) => `${i.path.join('.') || call}: ${i.message}`).join('; '),
    );
  }
  return r.data as z.output<(typeof CONNECTOR_CALLS)[C]>;
}

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
// Results and the window.connector API type

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
}

export interface EventPayloads {
  state: ConnectorSnapshot;
  notification: ClientNotification;
}

/** What `window.connector` is, in Electron (preload) and in the web shell (WebSocket bridge). */
export interface ConnectorApi {
  call<C extends ConnectorCall>(call: C, input?: CallInput<C>): Promise<CallResult<CallOutputs[C]>>;
  on<E extends ConnectorEventName>(
    event: E,
    listener: (payload: EventPayloads[E]) => void,
  ): () => void;
}
