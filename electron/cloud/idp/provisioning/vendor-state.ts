/** Facts about each vendor's push client, and its state kept between cycles. */
import type { IdpVendor } from '../../../../shared/model/idp.js';
import type { ProvisioningSettings } from '../../store/types.js';
import {
  ENTRA_CYCLE_INTERVAL_MS,
  QUARANTINE_DISABLE_AFTER_MS,
  quarantineRetryAt,
} from './schedule.js';
import type { CycleSummary, EntraState, PingState } from './types.js';

export const isOktaLike = (vendor: IdpVendor) => vendor === 'okta' || vendor === 'generic';

/** The User-Agent of each vendor's SCIM client. Only Okta's is documented (domain.md §3.1). */
export function userAgentOf(vendor: IdpVendor): string {
  switch (vendor) {
    case 'entra':
      return 'Microsoft Entra ID Provisioning (simulated)';
    case 'ping':
      return 'PingFederate Zscaler ZPA Connector (simulated)';
    default:
      return 'Okta SCIM Client 1.0.0';
  }
}

export function entraState(s: ProvisioningSettings): EntraState {
  const v = s.vendorState as Partial<EntraState>;
  return {
    initialCycleDone: v.initialCycleDone ?? false,
    watermark: v.watermark ?? null,
    nextCycleAt: v.nextCycleAt ?? null,
    cycles: v.cycles ?? 0,
    lastCycle: v.lastCycle ?? null,
    quarantine: v.quarantine ?? null,
    disabledReason: v.disabledReason ?? null,
  };
}

export function pingState(s: ProvisioningSettings): PingState {
  const v = s.vendorState as Partial<PingState>;
  return {
    initialSyncDone: v.initialSyncDone ?? false,
    nextPollAt: v.nextPollAt ?? null,
    polls: v.polls ?? 0,
    lastPoll: v.lastPoll ?? null,
  };
}

/**
 * Entra's job state after a cycle: a success moves the watermark and schedules the next cycle
 * in 40 minutes; a failure puts (or keeps) the job in quarantine with growing retry intervals,
 * and four weeks of quarantine disable it. A restart during the cycle wins.
 */
export function entraStateAfterCycle(
  cur: EntraState,
  cycle: {
    summary: CycleSummary;
    failed: boolean;
    detail: string | null;
    startedAt: number;
    now: number;
  },
): { state: EntraState; disabled: string | null } {
  const { summary, failed, detail, startedAt, now } = cycle;
  const base = { ...cur, cycles: cur.cycles + 1, lastCycle: summary };
  // Restarted meanwhile: the restart's initial cycle is what comes next.
  if (cur.nextCycleAt !== null) return { state: base, disabled: null };
  if (!failed) {
    return {
      state: {
        ...base,
        initialCycleDone: true,
        watermark: startedAt,
        quarantine: null,
        nextCycleAt: now + ENTRA_CYCLE_INTERVAL_MS,
      },
      disabled: null,
    };
  }
  const q = cur.quarantine ?? {
    since: startedAt,
    reason: 'EncounteredQuarantineException' as const,
    detail: detail ?? '',
    failedCycles: 0,
  };
  const quarantine = { ...q, detail: detail ?? q.detail, failedCycles: q.failedCycles + 1 };
  if (now - quarantine.since >= QUARANTINE_DISABLE_AFTER_MS) {
    const disabled = 'The provisioning job was disabled after four weeks in quarantine.';
    return {
      state: { ...base, quarantine, nextCycleAt: null, disabledReason: disabled },
      disabled,
    };
  }
  return {
    state: {
      ...base,
      quarantine,
      nextCycleAt: Math.max(now, quarantineRetryAt(quarantine.since, quarantine.failedCycles)),
    },
    disabled: null,
  };
}
