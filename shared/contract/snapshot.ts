import type { AppConnectionView, AppSummary, LiveSession } from '../model/broker.js';
import { emptySessionData } from '../state/draft.js';
import type { ChannelStatus, ClientNotification, ClientState } from '../state/types.js';

/** Everything the UI shows, as one plain snapshot. */
export interface ConnectorSnapshot {
  cloudUrl: string;
  deviceId: string;
  username: string | null;
  service: ClientState['service'];
  auth: ClientState['auth'];
  /** The push channel: "Reconnecting…" when it was lost. */
  channel: ChannelStatus;
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

/** What the host adds to the machine's state: where it runs. */
export interface SnapshotHost {
  cloudUrl: string;
  deviceId: string;
  clockOffsetMs: number;
}

const iso = (at: number) => new Date(at).toISOString();

/**
 * The snapshot of a machine state: the core and the renderer's dev mock both derive theirs here,
 * so the window sees the same thing from either.
 */
export function toSnapshot(state: ClientState, host: SnapshotHost): ConnectorSnapshot {
  const data = state.data ?? emptySessionData();
  const lastError = data.lastError ? { ...data.lastError, at: iso(data.lastError.at) } : null;
  return {
    cloudUrl: host.cloudUrl,
    deviceId: host.deviceId,
    username: data.username,
    service: state.service,
    auth: state.auth,
    channel: state.channel ?? { status: 'closed' },
    session: data.session,
    apps: data.apps,
    connections: data.connections,
    banner: state.notifications?.actionable ?? null,
    notifications: data.history.map((n) => ({ ...n, at: iso(n.at) })),
    lastError,
    policyVersion: data.policyVersion,
    clockOffsetMs: host.clockOffsetMs,
  };
}
