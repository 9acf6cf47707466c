import type { z } from 'zod';
import type { connectionLogEntryView } from '../../../shared/contract/cloud-api/session.js';
import { isoTime, type Clock } from '../clock/clock.js';

/** One line of the app connection log (the admin API's shape, written once in the contract). */
export type ConnectionLogEntry = z.output<typeof connectionLogEntryView>;

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
