/**
 * Okta's event-driven rules: the synchronous state transitions that directory changes (and
 * switching provisioning on) cause for an Okta or generic IdP, and the objects they queue.
 */
import type { DirectoryReader } from '../directory/reader.js';
import type { DirectoryChange } from '../directory/types.js';
import { oktaUserTransition, type OktaUserEvent } from './okta-rules.js';
import { oktaOptions } from './options.js';
import { groupKey, userKey, type ProvisioningService } from './provisioning-service.js';
import { isOktaLike } from './vendor-state.js';

export function onDirectoryChange(svc: ProvisioningService, c: DirectoryChange) {
  const s = svc.store.provisioning.settings(c.idpId);
  if (!s?.enabled) return;
  const idp = svc.idps.stored(c.idpId);
  if (!idp || !isOktaLike(idp.config.vendor)) return;
  const flag = oktaOptions(s.vendorOptions).provisionOutOfSyncUsers;
  const reader = svc.directory.reader(c.idpId);
  const user = (id: string, event: OktaUserEvent) =>
    applyOktaUser(svc, c.idpId, reader, flag, id, event);

  for (const id of c.scope.left) user(id, 'left');
  for (const id of c.scope.entered) user(id, 'entered');
  switch (c.kind) {
    case 'user.updated':
      for (const id of c.userIds) user(id, 'changed');
      break;
    case 'user.deactivated':
      for (const id of c.userIds) user(id, 'deactivated');
      break;
    case 'user.reactivated':
      for (const id of c.userIds) user(id, 'reactivated');
      break;
    case 'user.deleted':
      for (const id of c.userIds) user(id, c.hard ? 'deleted' : 'left');
      break;
    case 'group.pushed':
      oktaGroupPushed(svc, c.idpId, c.groupId!, reader);
      break;
    case 'group.unpushed':
    case 'group.deleted': {
      const rec = svc.object(c.idpId, 'group', c.groupId!);
      if (rec) {
        svc.saveObject(c.idpId, { ...rec, deleteInTarget: c.deleteInTarget !== false }, rec);
        svc.enqueue(c.idpId, groupKey(rec.id));
      }
      break;
    }
    case 'group.updated':
    case 'group.members':
      if (svc.object(c.idpId, 'group', c.groupId!)) svc.enqueue(c.idpId, groupKey(c.groupId!));
      break;
    default:
      break;
  }
}

export function applyOktaUser(
  svc: ProvisioningService,
  idpId: string,
  reader: DirectoryReader,
  provisionOutOfSyncUsers: boolean,
  userId: string,
  event: OktaUserEvent,
) {
  const u = reader.user(userId);
  const rec = svc.object(idpId, 'user', userId);
  const decision = oktaUserTransition(rec, event, {
    id: userId,
    name: u?.userName ?? rec?.name ?? userId,
    active: !!u && u.deletedAt === null && u.active,
    inScope: reader.inScope(u),
    provisionOutOfSyncUsers,
    now: svc.clock.now(),
  });
  if (decision.record === null) svc.removeObject(idpId, 'user', userId);
  else if (decision.record) svc.saveObject(idpId, decision.record, rec ?? null);
  if (decision.enqueue) svc.enqueue(idpId, userKey(userId));
  return decision;
}

function oktaGroupPushed(
  svc: ProvisioningService,
  idpId: string,
  groupId: string,
  reader: DirectoryReader,
) {
  const g = reader.group(groupId);
  if (!g) return;
  const rec = svc.object(idpId, 'group', groupId);
  const now = svc.clock.now();
  if (!rec) {
    svc.saveObject(
      idpId,
      {
        type: 'group',
        id: groupId,
        name: g.name,
        state: 'pending',
        scimId: null,
        pushed: null,
        members: [],
        message: null,
        lastResult: null,
        attempts: 0,
        retryAt: null,
        since: now,
        updatedAt: now,
      },
      null,
    );
  } else if (rec.deleteInTarget) {
    const { deleteInTarget: _d, ...kept } = rec;
    svc.saveObject(idpId, { ...kept, updatedAt: now }, rec);
  }
  svc.enqueue(idpId, groupKey(groupId));
}

/** Provisioning switched on: Okta does not push what was assigned before (domain.md §1.8). */
export function oktaEnabled(svc: ProvisioningService, idpId: string) {
  const s = svc.settings(idpId);
  const flag = oktaOptions(s.vendorOptions).provisionOutOfSyncUsers;
  const reader = svc.directory.reader(idpId);
  let outOfSync = 0;
  const seen = new Set<string>();
  for (const u of reader.users(false)) {
    seen.add(u.id);
    const d = applyOktaUser(svc, idpId, reader, flag, u.id, 'enabled');
    if (d.record?.state === 'out_of_sync') outOfSync++;
  }
  for (const rec of svc.store.provisioning.objects(idpId, 'user')) {
    if (!seen.has(rec.id) && rec.scimId) svc.enqueue(idpId, userKey(rec.id));
  }
  for (const g of reader.groups())
    if (g.pushedAt !== null) oktaGroupPushed(svc, idpId, g.id, reader);
  for (const rec of svc.store.provisioning.objects(idpId, 'group'))
    svc.enqueue(idpId, groupKey(rec.id));
  if (outOfSync > 0) {
    svc.logEvent(
      idpId,
      'out-of-sync',
      `${outOfSync} user(s) were assigned this application before Provisioning was enabled and were not provisioned.`,
    );
  }
}
