/** Microsoft Entra ID: what its SCIM client sends for one object of a cycle. */
import { entraOptions } from '../options.js';
import {
  entraCreateBody,
  entraGroupCreateBody,
  entraMemberOps,
  entraUserOps,
  profileOf,
  type PushedUser,
} from '../shapes.js';

import type { ProvisioningSettings } from '../../../store/types.js';

import { HARD_DELETE_AFTER_MS, type Pusher, userMeta, syncScopedGroup } from './common.js';
import { updateByRequest, type UserDialect } from './user-sync.js';

const aadFlag = (s: { settings: ProvisioningSettings }) =>
  entraOptions(s.settings.vendorOptions, s.settings.baseUrl).aadOptscim062020;

/** Entra ID matches again in an initial cycle, deletes hard-deleted users, disables the rest. */
const entraUsers: UserDialect = {
  countsVisit: true,
  deletesHardDeleted: ({ s, u }) =>
    !u || (u.deletedAt !== null && s.now - u.deletedAt >= HARD_DELETE_AFTER_MS),
  matchSuffix: '',
  rematchInInitialCycle: true,
  pushed: (_s, u) => ({ ...profileOf(u, true), active: true }),
  createBody: (_s, u, pushed) => entraCreateBody(u, pushed),
  ...updateByRequest(async ({ s, userId, name }, scimId, before, pushed) => {
    const ops = entraUserOps(before, pushed, aadFlag(s));
    if (ops.length === 0) return null;
    return s.client.patch(`/Users/${scimId}`, ops, userMeta(userId, name, 'update'));
  }),
  leave: {
    label: 'disable',
    ops: (s, before) => {
      const after = { ...(before as PushedUser), active: false };
      return entraUserOps({ ...after, active: true }, after, aadFlag(s));
    },
  },
};

export const entraPusher: Pusher = {
  users: entraUsers,

  async syncGroup(s, groupId) {
    const flag = aadFlag(s);
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
