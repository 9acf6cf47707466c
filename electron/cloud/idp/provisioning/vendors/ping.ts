/** PingFederate (Zscaler ZPA connector): what its SCIM client sends for one polled object. */
import { pingOptions } from '../options.js';
import {
  changedFields,
  pingGroupCreateBody,
  pingGroupOps,
  pingUserBody,
  pingUserOps,
  profileOf,
} from '../shapes.js';

import { type Pusher, userMeta, syncScopedGroup } from './common.js';
import { deleteUser, updateByRequest, type UserDialect } from './user-sync.js';

/** PingFederate matches again in an initial cycle; its Remove User Action deletes or disables. */
const pingUsers: UserDialect = {
  countsVisit: true,
  matchSuffix: '',
  rematchInInitialCycle: true,
  pushed: (_s, u) => ({ ...profileOf(u, true), active: true }),
  createBody: (_s, u) => pingUserBody(u, profileOf(u, true), true),
  ...updateByRequest(async ({ s, userId, name, u }, scimId, before, pushed) => {
    if (changedFields(before, pushed).length === 0) return null;
    const meta = userMeta(userId, name, 'update');
    return pingOptions(s.settings.vendorOptions).updateMethod === 'patch'
      ? s.client.patch(`/Users/${scimId}`, pingUserOps(before, pushed), meta)
      : s.client.put(`/Users/${scimId}`, pingUserBody(u, profileOf(u, true), true), meta);
  }),
  leave: {
    // A user who left the scope keeps its record until the user is gone from the directory.
    keepsUnlinked: ({ u }) => !!u,
    // Remove User Action = Delete deletes; Disable (the default) disables even a user deleted
    // at the source (domain.md §3.3, §7), whose record is then forgotten (forgetsDisabled).
    async instead(c) {
      if (pingOptions(c.s.settings.vendorOptions).removeUserAction !== 'delete') return false;
      await deleteUser(c, !c.u);
      return true;
    },
    forgetsDisabled: ({ u }) => !u,
    label: 'disable',
    ops: () => [{ op: 'replace', path: 'active', value: false }],
  },
};

export const pingPusher: Pusher = {
  users: pingUsers,

  async syncGroup(s, groupId) {
    await syncScopedGroup(s, groupId, { createBody: pingGroupCreateBody, ops: pingGroupOps });
  },
};

/**
 * The objects an Entra cycle or a Ping poll visits: in an initial cycle everything in scope or
 * pushed before; in an incremental one only what changed since (the directory compared with
 * what was last pushed), what failed, and what left the scope.
 */
