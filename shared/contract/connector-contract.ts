/**
 * The window.connector contract: the one runtime description of every call the renderer can make
 * and every event the core pushes. The Electron preload, the main-process IPC handlers, the web
 * shell's WebSocket bridge and the test helpers are all derived from it, so a channel name is
 * never typed by hand. The names (no zod) are in connector-names.ts; this module adds the zod
 * schema that validates each call's input on receipt. Results travel in the envelope so an
 * error code survives the process boundary.
 */
import { z } from './zod.js';
import { CODES } from '../errors/codes.js';
import {
  ContractError,
  LOG_LEVELS,
  REPORT_PRIORITIES,
  REPORT_PROBLEMS,
  WINDOW_VIEWS,
  type CallOutputs,
  type CallResult,
  type ConnectorCall,
  type ConnectorEventName,
  type EventPayloads,
} from './connector-names.js';

export * from './connector-names.js';

const none = z.undefined().or(z.object({}).strict()).optional();

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
  /** Any of the settings; what is left out stays as it is. */
  setSettings: z
    .object({
      cloudUrl: z.string().url().max(2048).optional(),
      view: z.enum(WINDOW_VIEWS).optional(),
    })
    .strict()
    .refine((s) => s.cloudUrl !== undefined || s.view !== undefined, {
      message: 'give cloudUrl, view or both',
    }),
  clearNotifications: none,
  /** The signed-in user's timeline from the cloud (the client's own transitions without one). */
  getTimeline: none,
} as const satisfies Record<ConnectorCall, z.ZodType>;

export type CallInput<C extends ConnectorCall> = z.input<(typeof CONNECTOR_CALLS)[C]>;

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

/** What `window.connector` is, in Electron (preload) and in the web shell (WebSocket bridge). */
export interface ConnectorApi {
  call<C extends ConnectorCall>(call: C, input?: CallInput<C>): Promise<CallResult<CallOutputs[C]>>;
  on<E extends ConnectorEventName>(
    event: E,
    listener: (payload: EventPayloads[E]) => void,
  ): () => void;
}
