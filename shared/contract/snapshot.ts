import type { AppConnectionView, AppSummary, LiveSession } from '../model/broker.js';
import type { ClientNotification, ClientState } from '../state/types.js';

/** Everything the UI shows, as one plain snapshot. */
export interface ConnectorSnapshot {
  cloudUrl: string;
  deviceId: string;
  username: string | null;
  service: ClientState['service'];
  auth: ClientState['auth'];
  session: LiveSession | null;
  apps: AppSummary[];
  connections: AppConnectionView[];
  /** The one actionable notification (reauth), if any. */
  banner: ClientNotification | null;
  notifications: (ClientNotification & { at: string })[];
  lastError: { code: string; reason?: string; app?: string; at: string } | null;
  policyVersion: number;
  /** The cloud's clock minus the local one (trainers fast-forward the cloud): add it to Date.now() for countdowns. */
  clockOffsetMs: number;
}
