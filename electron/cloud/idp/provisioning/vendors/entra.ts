/** Microsoft Entra ID: what its SCIM client sends for one object of a cycle. */
import { entraOptions } from '../options.js';
import { isOk } from '../scim-client.js';
import {
  entraCreateBody,
  entraGroupCreateBody,
  entraMemberOps,
  entraUserOps,
  profileOf,
  pushedFromScim,
  type PushedUser,
} from '../shapes.js';

import {
  HARD_DELETE_AFTER_MS,
  type Pusher,
  userMeta,
  pushedOf,
  wantedUser,
  matchUser,
  syncScopedGroup,
} from './common.js';

export const entraPusher: Pusher = {
  async syncUser(s, userId) {
    const rec = s.record('user', userId);
    const reader = s.reader();
    const u = reader.user(userId);
    const name = u?.userName ?? rec?.name ?? userId;
    const flag = entraOptions(s.settings.vendorOptions, s.settings.baseUrl).aadOptscim062020;
    s.visited.users++;

    const hardDeleted = !u || (u.deletedAt !== null && s.now - u.deletedAt >= HARD_DELETE_AFTER_MS);
    if (hardDeleted) {
      if (rec?.scimId) {
        const del = await s.client.delete(`/Users/${rec.scimId}`, userMeta(userId, name, 'delete'));
        if (!isOk(del) && del.status !== 404)
          return void s.fail('user', userId, name, del, 'delete');
        s.forgetMember(rec.scimId);
      }
      if (rec) s.remove('user', userId);
      return;
    }

    if (wantedUser(reader, u)) {
      const pushed: PushedUser = { ...profileOf(u, true), active: true };
      if (!rec?.scimId || s.mode === 'initial') {
        const m = await matchUser(s, u, '');
        if (m.failed) return void s.fail('user', userId, name, m.res, 'match');
        if (m.found) {
          const ops = entraUserOps(pushedFromScim(m.found), pushed, flag);
          if (ops.length > 0) {
            const r = await s.client.patch(
              `/Users/${m.found.id}`,
              ops,
              userMeta(userId, name, 'update'),
            );
            if (!isOk(r))
              return void s.fail('user', userId, name, r, 'update', { scimId: m.found.id });
            return void s.succeed('user', userId, name, r, 'update', {
              scimId: m.found.id,
              pushed,
            });
          }
          return void s.succeed('user', userId, name, m.res, 'match', {
            scimId: m.found.id,
            pushed,
          });
        }
        const created = await s.client.post(
          '/Users',
          entraCreateBody(u, pushed),
          userMeta(userId, name, 'create'),
        );
        if (!isOk(created) || !created.body?.id)
          return void s.fail('user', userId, name, created, 'create');
        return void s.succeed('user', userId, name, created, 'create', {
          scimId: created.body.id,
          pushed,
        });
      }
      const ops = entraUserOps(pushedOf(rec), pushed, flag);
      if (ops.length > 0) {
        const r = await s.client.patch(
          `/Users/${rec.scimId}`,
          ops,
          userMeta(userId, name, 'update'),
        );
        if (!isOk(r)) return void s.fail('user', userId, name, r, 'update');
        return void s.succeed('user', userId, name, r, 'update', { pushed });
      }
      if (rec.state !== 'provisioned') s.succeed('user', userId, name, null, 'update', { pushed });
      return;
    }

    // Unassigned, out of scope, disabled or soft-deleted: disable by update.
    if (!rec) return;
    if (!rec.scimId) return void s.remove('user', userId);
    const before = pushedOf(rec);
    if (before?.active !== false) {
      const after = { ...(before as PushedUser), active: false };
      const ops = entraUserOps({ ...after, active: true }, after, flag);
      const r = await s.client.patch(
        `/Users/${rec.scimId}`,
        ops,
        userMeta(userId, name, 'disable'),
      );
      if (!isOk(r)) return void s.fail('user', userId, name, r, 'disable');
      return void s.succeed('user', userId, name, r, 'disable', {
        state: 'deprovisioned',
        pushed: after,
      });
    }
    if (rec.state !== 'deprovisioned')
      s.succeed('user', userId, name, null, 'disable', { state: 'deprovisioned' });
  },

  async syncGroup(s, groupId) {
    const flag = entraOptions(s.settings.vendorOptions, s.settings.baseUrl).aadOptscim062020;
    await syncScopedGroup(s, groupId, {
      createBody: entraGroupCreateBody,
      ops: (rename, add, remove) => [
        ...(rename !== null
          ? [{ op: flag ? 'replace' : 'Replace', path: 'displayName', value: rename }]
          : []),
        ...entraMemberOps(add, remove, flag),
      ],
    });
  },
};

/**
 * Entra ID and PingFederate provision the groups in scope (assigned to the application) and
 * delete them when they leave it. Matching by displayName, members fetched separately.
 */
