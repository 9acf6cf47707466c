/**
 * When each vendor's push client works on the simulated clock: Entra ID's 40-minute cycles and
 * quarantine back-off, PingFederate's one-minute polls, how long push logs are kept.
 */
import type { IdpVendor } from '../../../../shared/model/idp.js';
import type { ProvisioningSettings } from '../../store/types.js';
import { entraState, pingState } from './vendor-state.js';

const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Entra ID's fixed interval between cycles ("approximately every 40 minutes"). */
export const ENTRA_CYCLE_INTERVAL_MS = 40 * MINUTE;
/** PingFederate's default synchronization frequency. */
export const PING_POLL_INTERVAL_MS = MINUTE;
/** Entra disables a job that has been in quarantine for four weeks. */
export const QUARANTINE_DISABLE_AFTER_MS = 28 * DAY;
/** Push log lines are kept for two weeks of simulated time. */
export const LOG_RETENTION_MS = 14 * DAY;

/** When a quarantined job runs again: 6 h, 12 h, 24 h after the first failure, then daily. */
export function quarantineRetryAt(since: number, failedCycles: number): number {
  if (failedCycles <= 1) return since + 6 * HOUR;
  if (failedCycles === 2) return since + 12 * HOUR;
  return since + 24 * HOUR * (failedCycles - 2);
}

/** A cycle fails when the probe is refused or most of its requests fail (quarantine). */
export function cycleFailed(calls: number, failures: number, probeRefused: boolean): boolean {
  return probeRefused || (calls > 0 && failures / calls > 0.5);
}

/** When the vendor's next cycle or poll is due (null: none scheduled). */
export function nextDue(vendor: IdpVendor, settings: ProvisioningSettings): number | null {
  if (!settings.enabled) return null;
  if (vendor === 'entra') {
    const st = entraState(settings);
    return st.disabledReason ? null : st.nextCycleAt;
  }
  if (vendor === 'ping') return pingState(settings).nextPollAt;
  return null;
}
