/**
 * The admin's provisioning actions on an IdP: provision one user now (Okta "Provision User",
 * Entra "Provision on demand", PingFederate's immediate sync) and restart provisioning.
 */
import { ConflictError, NotFoundError } from '../../domain-errors.js';
import { applyOktaUser } from './okta-directory-rules.js';
import { oktaOptions } from './options.js';
import { userKey, type ProvisioningService } from './provisioning-service.js';
import type { EntraState, PingState } from './types.js';
import { entraState, isOktaLike, pingState } from './vendor-state.js';

/**
 * Okta "Provision User" (works without PROVISION_OUT_OF_SYNC_USERS), Entra "Provision on
 * demand", or an immediate sync for PingFederate. Resolves once the push is done when an
 * engine runs.
 */
export async function provisionUser(svc: ProvisioningService, idpId: string, userId: string) {
  const vendor = svc.vendorOf(idpId);
  const s = svc.settings(idpId);
  if (!s.enabled) {
    throw new ConflictError('provisioning_disabled', 'Provisioning is not enabled for this IdP.');
  }
  const reader = svc.directory.reader(idpId);
  const u = reader.user(userId);
  if (!u || u.deletedAt !== null) {
    throw new NotFoundError('not_found', `No directory user ${userId}.`);
  }
  if (!reader.inScope(u)) {
    throw new ConflictError(
      'not_assigned',
      `${u.userName} is not assigned to the application (directly or through a group).`,
    );
  }
  if (!u.active) {
    throw new ConflictError('user_inactive', `${u.userName} is deactivated.`);
  }
  if (isOktaLike(vendor)) {
    applyOktaUser(
      svc,
      idpId,
      reader,
      oktaOptions(s.vendorOptions).provisionOutOfSyncUsers,
      userId,
      'provision',
    );
  } else {
    const rec = svc.object(idpId, 'user', userId);
    if (rec && rec.state !== 'provisioned') {
      svc.saveObject(
        idpId,
        { ...rec, state: 'pending', retryAt: null, updatedAt: svc.clock.now() },
        rec,
      );
    }
    svc.enqueue(idpId, userKey(userId));
  }
  svc.logEvent(idpId, 'provision-user', null, { type: 'user', id: userId, name: u.userName });
  await svc.waitFor(idpId, userKey(userId));
  return svc.objectStatus(idpId, 'user', userId);
}

/**
 * Entra "Restart provisioning": a new initial cycle at once; clears the watermark, the
 * per-object back-off and quarantine. PingFederate: a full resync (provmgr reset). Okta has no
 * restart: the failed tasks are retried (Dashboard > Tasks > Retry).
 */
export function restartProvisioning(svc: ProvisioningService, idpId: string) {
  const vendor = svc.vendorOf(idpId);
  const s = svc.settings(idpId);
  const now = svc.clock.now();
  for (const rec of svc.store.provisioning.objects(idpId)) {
    if (rec.attempts > 0 || rec.retryAt !== null || rec.state === 'failed') {
      const next = { ...rec, attempts: 0, retryAt: null, updatedAt: now };
      svc.saveObject(idpId, next, rec);
      if (isOktaLike(vendor) && rec.state === 'failed') {
        svc.enqueue(idpId, `${rec.type}:${rec.id}`);
      }
    }
  }
  if (vendor === 'entra') {
    svc.updateVendorState<EntraState>(idpId, (st) => ({
      ...entraState({ ...s, vendorState: st as unknown as Record<string, unknown> }),
      initialCycleDone: false,
      watermark: null,
      quarantine: null,
      disabledReason: null,
      nextCycleAt: s.enabled ? now : null,
    }));
  } else if (vendor === 'ping') {
    svc.updateVendorState<PingState>(idpId, (st) => ({
      ...pingState({ ...s, vendorState: st as unknown as Record<string, unknown> }),
      initialSyncDone: false,
      nextPollAt: s.enabled ? now : null,
    }));
  }
  svc.logEvent(idpId, 'restart', null);
  svc.wake(idpId);
  return svc.status(idpId);
}
