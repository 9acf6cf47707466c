/**
 * Starting an Entra ID cycle or a PingFederate poll that fell due, once however many cloud
 * instances share the database. Every instance's engine sees the same due time; the run is
 * claimed by its first write (Entra: nextCycleAt null and a running lastCycle; Ping: nextPollAt
 * null, which is also what makes it no longer due), made as a compare-and-set on the IdP's
 * settings: it succeeds only if nobody wrote them since they were read. The instance that loses
 * reads them again and finds nothing due. No lease to renew or expire: the claim is the state
 * the run already keeps. (An instance that dies mid-run leaves the run claimed, as a crash of a
 * single instance does; "Restart provisioning" schedules a cycle again.)
 */
import type { IdpVendor } from '../../../../shared/model/idp.js';
import type { ProvisioningSettings, ProvisioningStore } from '../../store/provisioning-types.js';
import { nextDue } from './schedule.js';
import type { CycleSummary, EntraState, PingState, PushMode } from './types.js';
import { entraState, pingState } from './vendor-state.js';

export interface DueRun {
  /** The settings as read just before the claim (endpoint, token, options, vendor state). */
  settings: ProvisioningSettings;
  mode: PushMode;
  startedAt: number;
}

/** The cycle or poll of the IdP due at `now`, claimed for this instance; null: none due here. */
export function takeDueRun(
  store: ProvisioningStore,
  idpId: string,
  vendor: IdpVendor,
  now: number,
): DueRun | null {
  for (;;) {
    const settings = store.settings(idpId);
    if (!settings?.enabled || !settings.baseUrl || !settings.token) return null;
    const due = nextDue(vendor, settings);
    if (due === null || due > now) return null;
    const run = startedRun(vendor, settings, now);
    if (!run) return null;
    // Lost: another instance claimed it, or anything else changed the settings. Read again.
    if (store.replaceSettings(idpId, settings, run.claimed)) {
      return { settings, mode: run.mode, startedAt: now };
    }
  }
}

/** The settings as the run's first write leaves them, and the run's mode. */
function startedRun(vendor: IdpVendor, settings: ProvisioningSettings, startedAt: number) {
  if (vendor === 'entra') {
    const st = entraState(settings);
    const mode: PushMode = st.initialCycleDone ? 'incremental' : 'initial';
    const next: EntraState = {
      ...(settings.vendorState as unknown as EntraState),
      nextCycleAt: null,
      lastCycle: runningSummary(mode, startedAt),
    };
    return { mode, claimed: withState(settings, next) };
  }
  if (vendor === 'ping') {
    const mode: PushMode = pingState(settings).initialSyncDone ? 'incremental' : 'initial';
    const next: Partial<PingState> = { ...settings.vendorState, nextPollAt: null };
    return { mode, claimed: withState(settings, next) };
  }
  return null;
}

const withState = (s: ProvisioningSettings, state: object): ProvisioningSettings => ({
  ...s,
  vendorState: state as Record<string, unknown>,
});

function runningSummary(mode: PushMode, startedAt: number): CycleSummary {
  return {
    kind: mode,
    startedAt,
    endedAt: null,
    calls: 0,
    failures: 0,
    usersVisited: 0,
    groupsVisited: 0,
    outcome: 'running',
    detail: null,
  };
}
