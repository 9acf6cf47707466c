/**
 * What a window may show before the connector core exists: the signed-out state a new core
 * starts in, unless a session stored for its cloud will resume (the window then waits for the
 * core, so it never flashes the sign-in page). The one rule for the ConnectorService (while its
 * bundled cloud starts) and the web shell (while it loads the service). Small on purpose: the
 * web shell loads it before the service's modules (the contract's schemas, the HTTP clients).
 */
import { toSnapshot, type ConnectorSnapshot } from '../../../shared/contract/snapshot.js';
import { initialClientState } from '../../../shared/state/machine.js';
import type { SecretStore } from '../core/session-store.js';
import { normaliseUrl, type HostSettings } from './settings-store.js';

/** The key of a cloud's session secret: its stored URL, or 'bundled' for the bundled cloud. */
export const cloudKeyOf = (storedCloudUrl: string | null): string => storedCloudUrl ?? 'bundled';

/**
 * The snapshot a new core for the settings' cloud starts in (its cloudUrl empty for the bundled
 * cloud, whose URL may not be known yet), or null when a stored session will resume.
 */
export async function stateBeforeCore(
  settings: HostSettings,
  secretsFor: (cloudKey: string) => SecretStore,
): Promise<ConnectorSnapshot | null> {
  if (await secretsFor(cloudKeyOf(settings.cloudUrl)).load()) return null;
  return toSnapshot(initialClientState(), {
    cloudUrl: settings.cloudUrl === null ? '' : normaliseUrl(settings.cloudUrl),
    deviceId: settings.deviceId,
    clockOffsetMs: 0,
  });
}
