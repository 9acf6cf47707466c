/** Okta (and generic): what its SCIM client sends for one queued directory object. */
import { randomBytes } from 'node:crypto';
import type { ProvisioningObject } from '../../../store/types.js';
import { oktaOptions } from '../options.js';
import { isOk, type ScimResponse } from '../scim-client.js';
import {
  changedFields,
  oktaActiveOps,
  oktaCreateBody,
  oktaGroupCreateBody,
  oktaGroupMemberOps,
  oktaGroupNameOps,
  oktaPutBody,
  profileOf,
} from '../shapes.js';

import {
  MEMBER_CHUNK,
  type Pusher,
  userMeta,
  groupMeta,
  pushedOf,
  createGroupInTarget,
  deleteGroupInTarget,
  desiredMembers,
  sameRecord,
  chunks,
  readMembers,
} from './common.js';
import type { UserDialect, UserSyncSession } from './user-sync.js';

const randomPassword = () => `${randomBytes(12).toString('base64url')}a1!`;

const enterprise = (s: UserSyncSession) =>
  oktaOptions(s.settings.vendorOptions).pushEnterpriseAttributes;
/** To App: Create Users, Update User Attributes, Deactivate Users (domain.md §3.1, §7). */
const toApp = (s: UserSyncSession) => oktaOptions(s.settings.vendorOptions).toApp;

/**
 * Okta syncs only queued users, links an existing one with a PUT, updates by read-then-PUT,
 * and deactivates a user who left: it never sends DELETE.
 */
const oktaUsers: UserDialect = {
  skip: (rec) => !rec || rec.state === 'out_of_sync',
  countsVisit: false,
  creates: (s) => toApp(s).createUsers,
  matchSuffix: '&startIndex=1&count=100',
  rematchInInitialCycle: false,
  pushed: (s, u) => ({ ...profileOf(u, enterprise(s)), active: true }),
  createBody: (s, u) => oktaCreateBody(u, profileOf(u, enterprise(s)), randomPassword()),
  emptyCreateDetail: 'Create new user returned empty user',
  async link({ s, userId, name, u }, found, _res, pushed) {
    const ext = enterprise(s);
    const put = await s.client.put(
      `/Users/${found.id}`,
      oktaPutBody(found, u, profileOf(u, ext), ext),
      userMeta(userId, name, 'link'),
    );
    if (!isOk(put)) return void s.fail('user', userId, name, put, 'link');
    s.succeed('user', userId, name, put, 'link', { scimId: found.id, pushed });
  },
  async update({ s, userId, name, rec, u }, pushed) {
    let current: ProvisioningObject = rec;
    // Reactivation belongs to Deactivate Users ("accounts can be reactivated if reassigned").
    if (pushedOf(rec)?.active === false && toApp(s).deactivateUsers) {
      const r = await s.client.patch(
        `/Users/${rec.scimId}`,
        oktaActiveOps(true),
        userMeta(userId, name, 'reactivate'),
      );
      if (!isOk(r)) return void s.fail('user', userId, name, r, 'reactivate');
      current = s.succeed('user', userId, name, r, 'reactivate', {
        pushed: { ...pushedOf(rec), active: true },
      });
    }
    if (changedFields(pushedOf(current), pushed).length > 0 && toApp(s).updateUserAttributes) {
      // Profile update: read the user, then PUT the whole object.
      const read = await s.client.get(`/Users/${rec.scimId}`, userMeta(userId, name, 'read'));
      if (!isOk(read)) return void s.fail('user', userId, name, read, 'update');
      const ext = enterprise(s);
      const put = await s.client.put(
        `/Users/${rec.scimId}`,
        oktaPutBody(read.body, u, profileOf(u, ext), ext),
        userMeta(userId, name, 'update'),
      );
      if (!isOk(put)) return void s.fail('user', userId, name, put, 'update');
      return void s.succeed('user', userId, name, put, 'update', { pushed });
    }
    if (current.state !== 'provisioned') s.succeed('user', userId, name, null, 'update');
  },
  leave: {
    // Deactivate Users off: Okta sends nothing and forgets the user (a reassignment links it
    // again by userName); the user stays active in the cloud, a common real support cause.
    async instead({ s, userId }) {
      if (toApp(s).deactivateUsers) return false;
      s.remove('user', userId);
      return true;
    },
    label: 'deactivate',
    ops: () => oktaActiveOps(false),
  },
};

export const oktaPusher: Pusher = {
  users: oktaUsers,

  async syncGroup(s, groupId) {
    const rec = s.record('group', groupId);
    if (!rec) return;
    const reader = s.reader();
    const g = reader.group(groupId);
    const name = g?.name ?? rec.name;

    if (!g || g.pushedAt === null || rec.deleteInTarget) {
      // Unpushed or deleted: "delete the group in the target" is optional.
      const deletes = rec.scimId && rec.deleteInTarget !== false;
      if (deletes && !(await deleteGroupInTarget(s, groupId, name, rec.scimId!))) return;
      return void s.remove('group', groupId);
    }

    let scimId = rec.scimId;
    let members = rec.members ?? [];
    let nameSent = (rec.pushed?.name as string | undefined) ?? null;
    if (!scimId) {
      scimId = await createGroupInTarget(s, groupId, name, oktaGroupCreateBody(g), g.name);
      if (!scimId) return;
      members = [];
      nameSent = g.name;
    }

    for (let attempt = 0; attempt < 2; attempt++) {
      const desired = desiredMembers(s, reader, groupId);
      const have = new Set(members);
      const add = [...desired]
        .filter(([id]) => !have.has(id))
        .map(([value, display]) => ({ value, display }));
      const remove = members.filter((id) => !desired.has(id));
      if (add.length === 0 && remove.length === 0 && nameSent === g.name) {
        if (rec.state !== 'provisioned' || !sameRecord(rec, scimId, members, g.name)) {
          s.succeed('group', groupId, name, null, 'update', {
            scimId,
            members,
            pushed: { name: g.name },
          });
        }
        return;
      }
      let last: ScimResponse | null = null;
      let failed: ScimResponse | null = null;
      const meta = groupMeta(groupId, name, 'update');
      // Okta sends the name replace as a PATCH of its own, then the membership PATCHes, whose
      // removes come before the adds (domain.md §3.1, §7).
      const renamed = await s.client.patch(
        `/Groups/${scimId}`,
        oktaGroupNameOps(scimId, g.name),
        meta,
      );
      if (isOk(renamed)) {
        last = renamed;
        nameSent = g.name;
      } else failed = renamed;
      const addChunks = add.length === 0 && remove.length === 0 ? [] : chunks(add, MEMBER_CHUNK);
      for (let i = 0; !failed && i < addChunks.length; i++) {
        const ops = oktaGroupMemberOps(addChunks[i]!, i === 0 ? remove : []);
        const r = await s.client.patch(`/Groups/${scimId}`, ops, meta);
        if (!isOk(r)) {
          failed = r;
          break;
        }
        last = r;
        const done = new Set(addChunks[i]!.map((m) => m.value));
        members = [...members.filter((m) => i !== 0 || !remove.includes(m)), ...done];
      }
      if (!failed) {
        return void s.succeed('group', groupId, name, last, 'update', {
          scimId,
          members,
          pushed: { name: g.name },
        });
      }
      if (failed.status === 400 && failed.scimType === 'noTarget' && attempt === 0) {
        // Our idea of the members was stale: read them and try once more.
        const actual = await readMembers(s, scimId, groupId, name);
        if (actual) {
          members = actual;
          continue;
        }
      }
      const lost = failed.status === 404;
      return void s.fail('group', groupId, name, failed, 'update', {
        scimId: lost ? null : scimId,
        members: lost ? [] : members,
      });
    }
  },
};
