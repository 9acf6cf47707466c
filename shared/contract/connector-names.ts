/**
 * The names of the window.connector contract without their validators (no zod): the calls, the
 * events and their IPC channels. The Electron preload imports only this, so the page's process
 * does not carry zod. connector-contract.ts gives every call named here its input schema; its
 * type makes a call without a schema, or a schema without a name, a compile error.
 */
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
] as const;
export type ConnectorCall = (typeof CONNECTOR_CALL_NAMES)[number];

/** Events pushed from the core to the renderer. */
export const CONNECTOR_EVENTS = ['state', 'notification'] as const;
export type ConnectorEventName = (typeof CONNECTOR_EVENTS)[number];

/** Channel names, derived: `connector:<call>` and `connector:event:<name>`. */
export const callChannel = (call: ConnectorCall) => `connector:${call}`;
export const eventChannel = (name: ConnectorEventName) => `connector:event:${name}`;

export const isConnectorCall = (name: unknown): name is ConnectorCall =>
  (CONNECTOR_CALL_NAMES as readonly unknown[]).includes(name);

export const isConnectorEvent = (name: unknown): name is ConnectorEventName =>
  (CONNECTOR_EVENTS as readonly unknown[]).includes(name);
