/** PingFederate (Zscaler ZPA connector): what its SCIM client sends for one polled object. */
import { pingOptions } from '../options.js';
import { isOk } from '../scim-client.js';
import {
  changedFields,
  pingGroupCreateBody,
  pingGroupOps,
  pingUserBody,
  pingUserOps,
  profileOf,
  pushedFromScim,
  type PushedUser,
} from '../shapes.js';

import {
  type Pusher,
  userMeta,
  pushedOf,
  wantedUser,
  matchUser,
  syncScopedGroup,
} from './common.js';

export const pingPusher: Pusher = {
  async syncUser(s, userId) {
    const rec = s.record('user', userId);
    const reader = s.reader();
    const u = reader.user(userId);
    const name = u?.userName ?? rec?.name ?? userId;
    const o = pingOptions(s.settings.vendorOptions);
    s.visited.users++;

    if (u && wantedUser(reader, u)) {
      const p = profileOf(u, true);
      const pushed: PushedUser = { ...p, active: true };
      const update = async (scimId: string, before: Partial<PushedUser> | null) => {
        if (changedFields(before, pushed).length === 0) return null;
        return o.updateMethod === 'patch'
          ? s.client.patch(
              `/Users/${scimId}`,
              pingUserOps(before, pushed),
              userMeta(userId, name, 'update'),
            )
          : s.client.put(
              `/Users/${scimId}`,
              pingUserBody(u, p, true),
              userMeta(userId, name, 'update'),
            );
      };
      if (!rec?.scimId || s.mode === 'initial') {
        const m = await matchUser(s, u, '');
        if (m.failed) return void s.fail('user', userId, name, m.res, 'match');
        if (m.found) {
          const r = await update(m.found.id, pushedFromScim(m.found));
          if (r && !isOk(r))
            return void s.fail('user', userId, name, r, 'update', { scimId: m.found.id });
          return void s.succeed('user', userId, name, r ?? m.res, r ? 'update' : 'match', {
            scimId: m.found.id,
            pushed,
          });
        }
        const created = await s.client.post(
          '/Users',
          pingUserBody(u, p, true),
          userMeta(userId, name, 'create'),
        );
        if (!isOk(created) || !created.body?.id)
          return void s.fail('user', userId, name, created, 'create');
        return void s.succeed('user', userId, name, created, 'create', {
          scimId: created.body.id,
          pushed,
        });
      }
      const r = await update(rec.scimId, pushedOf(rec));
      if (r && !isOk(r)) return void s.fail('user', userId, name, r, 'update');
      if (r || rec.state !== 'provisioned')
        s.succeed('user', userId, name, r, 'update', { pushed });
      return;
    }

    // Left scope, disabled or deleted: Remove User Action.
    if (!rec) return;
    if (!rec.scimId) {
      if (!u) s.remove('user', userId);
      return;
    }
    if (o.removeUserAction === 'delete' || !u) {
      const del = await s.client.delete(`/Users/${rec.scimId}`, userMeta(userId, name, 'delete'));
      if (!isOk(del) && del.status !== 404) return void s.fail('user', userId, name, del, 'delete');
      s.forgetMember(rec.scimId);
      if (!u) return void s.remove('user', userId);
      return void s.succeed('user', userId, name, del, 'delete', {
        state: 'deprovisioned',
        scimId: null,
        pushed: null,
      });
    }
    const before = pushedOf(rec);
    if (before?.active !== false) {
      const r = await s.client.patch(
        `/Users/${rec.scimId}`,
        [{ op: 'replace', path: 'active', value: false }],
        userMeta(userId, name, 'disable'),
      );
      if (!isOk(r)) return void s.fail('user', userId, name, r, 'disable');
      return void s.succeed('user', userId, name, r, 'disable', {
        state: 'deprovisioned',
        pushed: { ...before, active: false },
      });
    }
    if (rec.state !== 'deprovisioned')
      s.succeed('user', userId, name, null, 'disable', { state: 'deprovisioned' });
  },

  async syncGroup(s, groupId) {
    await syncScopedGroup(s, groupId, { createBody: pingGroupCreateBody, ops: pingGroupOps });
  },
};

/**
 * The objects an Entra cycle or a Ping poll visits: in an initial cycle everything in scope or
 * pushed before; in an incremental one only what changed since (the directory compared with
 * what was last pushed), what failed, and what left the scope.
 */
