import type { BrowserPort } from '../browser-port.js';
import type { ClientTimeline } from './client-timeline.js';
import type { ClientLog } from './log.js';
import type { SecretStore } from './session-store.js';

/** What a host gives the connector core. */
export interface ConnectorCoreOptions {
  cloudUrl: string;
  deviceId: string;
  browser: BrowserPort;
  secrets: SecretStore;
  now?: () => number;
  log?: ClientLog;
  /** The client's transitions (the host keeps one across clouds, like the log). */
  timeline?: ClientTimeline;
  heartbeatMs?: number;
  /** Backoff jitter (Math.random by default): fixed in tests. */
  random?: () => number;
  /** The sign-in redirect URI (loopback); LOOPBACK_REDIRECT when absent. */
  redirectUri?: string;
}
