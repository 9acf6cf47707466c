/** Facts about each vendor's push client, and its state kept between cycles. */
import type { IdpVendor } from '../../../../shared/model/idp.js';
import type { ProvisioningSettings } from '../../store/types.js';
import type { EntraState, PingState } from './types.js';

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
