/**
 * The contract's runtime lists, for the renderer bundle. shared/contract/connector-contract.ts
 * builds its zod schemas at module load, so importing any value from it puts zod (~110 kB, 27 kB
 * gzipped) into the window's bundle although the renderer validates nothing with it (the host
 * does). These copies are checked against the contract by the compiler: `satisfies` fails on
 * any difference in the tuples, and on a missing or extra call name.
 */
import type {
  CONNECTOR_EVENTS as ContractEvents,
  ConnectorCall,
  LOG_LEVELS as ContractLogLevels,
  REPORT_PRIORITIES as ContractPriorities,
  REPORT_PROBLEMS as ContractProblems,
} from '../../shared/contract/connector-contract';

export const REPORT_PROBLEMS = [
  'Authentication',
  'User Interface',
  'Network Connectivity',
  'Private Access',
  'Other',
] as const satisfies typeof ContractProblems;

export const REPORT_PRIORITIES = [
  'Urgent',
  'High',
  'Normal',
  'Low',
] as const satisfies typeof ContractPriorities;

export const LOG_LEVELS = [
  'error',
  'warn',
  'info',
  'debug',
] as const satisfies typeof ContractLogLevels;

export const CONNECTOR_EVENTS = ['state', 'notification'] as const satisfies typeof ContractEvents;

const CALLS: Record<ConnectorCall, true> = {
  getSnapshot: true,
  signIn: true,
  cancelSignIn: true,
  authenticate: true,
  authenticateEarly: true,
  turnOn: true,
  turnOff: true,
  retry: true,
  signOut: true,
  refreshApps: true,
  openApp: true,
  closeConnection: true,
  exportLogs: true,
  reportIssue: true,
  setLogLevel: true,
  updatePolicy: true,
  restartService: true,
  getAbout: true,
  getSettings: true,
  setSettings: true,
  clearNotifications: true,
};

export const CONNECTOR_CALL_NAMES = Object.keys(CALLS) as ConnectorCall[];

export const isConnectorCall = (name: unknown): name is ConnectorCall =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(CALLS, name);
