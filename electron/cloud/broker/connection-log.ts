import { isoTime, type Clock } from '../clock/clock.js';

/** One line of the app connection log: a setup that succeeded or failed, or a close. */
export interface ConnectionLogEntry {
  at: string;
  app: string;
  port: number;
  event: 'opened' | 'setup_failed' | 'closed';
  /** The session status code (OPEN_OR_ACTIVE_CONNECTION, BRK_MT_SETUP_FAIL_…, the close code). */
  code: string;
  connectionId: string | null;
}

/** Lines kept per user and device: enough for a support session, bounded for a long workshop. */
const MAX_PER_OWNER = 200;

/**
 * The app connection log as the admin portal's diagnostics / LSS show it (domain.md §1.5, §7):
 * per-app connection setups and closes with their status codes. A per-app setup failure such as
 * BRK_MT_SETUP_FAIL_SCIM_INACTIVE is recorded here, for that app only.
 */
export class ConnectionLog {
  private readonly byOwner = new Map<string, ConnectionLogEntry[]>();

  constructor(private readonly clock: Clock) {}

  record(ownerKey: string, entry: Omit<ConnectionLogEntry, 'at'>): void {
    const lines = this.byOwner.get(ownerKey) ?? [];
    lines.push({ at: isoTime(this.clock.now()), ...entry });
    if (lines.length > MAX_PER_OWNER) lines.splice(0, lines.length - MAX_PER_OWNER);
    this.byOwner.set(ownerKey, lines);
  }

  /** Oldest first. */
  of(ownerKey: string): ConnectionLogEntry[] {
    return [...(this.byOwner.get(ownerKey) ?? [])];
  }
}
