/** Okta (and generic): what its SCIM client sends for one queued directory object. */
import { randomBytes } from 'node:crypto';
import { oktaOptions } from '../options.js';
import { isOk, type ScimResponse } from '../scim-client.js';
import {
  changedFields,
  oktaActiveOps,
  oktaCreateBody,
  oktaGroupCreateBody,
  oktaGroupOps,
  oktaPutBody,
  profileOf,
} from '../shapes.js';

import {
  MEMBER_CHUNK,
  type Pusher,
  userMeta,
  groupMeta,
  pushedOf,
  wantedUser,
  matchUser,
  desiredMembers,
  sameRecord,
  chunks,
  readMembers,
} from './common.js';

const randomPassword = () => `${randomBytes(12).toString('base64url')}a1!`;

export const oktaPusher: Pusher = {
  async syncUser(s, userId) {
    const rec = s.record('user', userId);
    if (!rec || rec.state === 'out_of_sync') return;
    const reader = s.reader();
    const u = reader.user(userId);
    const name = u?.userName ?? rec.name;
    const { pushEnterpriseAttributes: ext } = oktaOptions(s.settings.vendorOptions);

    if (u && wantedUser(reader, u)) {
      const p = profileOf(u, ext);
      const pushed = { ...p, active: true };
      if (!rec.scimId) {
        // On assignment: does the user exist? Then create it, or link and update it.
        const m = await matchUser(s, u, '&startIndex=1&count=100');
        if (m.failed) return void s.fail('user', userId, name, m.res, 'match');
        if (m.found) {
          const put = await s.client.put(
            `/Users/${m.found.id}`,
            oktaPutBody(m.found, u, p, ext),
            userMeta(userId, name, 'link'),
          );
          if (!isOk(put)) return void s.fail('user', userId, name, put, 'link');
          return void s.succeed('user', userId, name, put, 'link', { scimId: m.found.id, pushed });
        }
        const created = await s.client.post(
          '/Users',
          oktaCreateBody(u, p, randomPassword()),
          userMeta(userId, name, 'create'),
        );
        if (!isOk(created)) return void s.fail('user', userId, name, created, 'create');
        if (!created.body?.id) {
          return void s.fail(
            'user',
            userId,
            name,
            { ...created, detail: 'Create new user returned empty user' },
            'create',
          );
        }
        return void s.succeed('user', userId, name, created, 'create', {
          scimId: created.body.id,
          pushed,
        });
      }
      let current = rec;
      if (pushedOf(rec)?.active === false) {
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
      if (changedFields(pushedOf(current), pushed).length > 0) {
        // Profile update: read the user, then PUT the whole object.
        const read = await s.client.get(`/Users/${rec.scimId}`, userMeta(userId, name, 'read'));
        if (!isOk(read)) return void s.fail('user', userId, name, read, 'update');
        const put = await s.client.put(
          `/Users/${rec.scimId}`,
          oktaPutBody(read.body, u, p, ext),
          userMeta(userId, name, 'update'),
        );
        if (!isOk(put)) return void s.fail('user', userId, name, put, 'update');
        return void s.succeed('user', userId, name, put, 'update', { pushed });
      }
      if (current.state !== 'provisioned') s.succeed('user', userId, name, null, 'update');
      return;
    }

    // Unassigned, deactivated or deleted: Okta deactivates, it never sends DELETE.
    if (!rec.scimId) return void s.remove('user', userId);
    if (pushedOf(rec)?.active !== false) {
      const r = await s.client.patch(
        `/Users/${rec.scimId}`,
        oktaActiveOps(false),
        userMeta(userId, name, 'deactivate'),
      );
      if (!isOk(r)) return void s.fail('user', userId, name, r, 'deactivate');
      return void s.succeed('user', userId, name, r, 'deactivate', {
        state: 'deprovisioned',
        pushed: { ...pushedOf(rec), active: false },
      });
    }
    if (rec.state !== 'deprovisioned') {
      s.succeed('user', userId, name, null, 'deactivate', { state: 'deprovisioned' });
    }
  },

  async syncGroup(s, groupId) {
    const rec = s.record('group', groupId);
    if (!rec) return;
    const reader = s.reader();
    const g = reader.group(groupId);
    const name = g?.name ?? rec.name;

    if (!g || g.pushedAt === null || rec.deleteInTarget) {
      // Unpushed or deleted: "delete the group in the target" is optional.
      if (rec.scimId && rec.deleteInTarget !== false) {
        const del = await s.client.delete(
          `/Groups/${rec.scimId}`,
          groupMeta(groupId, name, 'delete'),
        );
        if (!isOk(del) && del.status !== 404)
          return void s.fail('group', groupId, name, del, 'delete');
      }
      return void s.remove('group', groupId);
    }

    let scimId = rec.scimId;
    let members = rec.members ?? [];
    let nameSent = (rec.pushed?.name as string | undefined) ?? null;
    if (!scimId) {
      const created = await s.client.post(
        '/Groups',
        oktaGroupCreateBody(g),
        groupMeta(groupId, name, 'create'),
      );
      if (!isOk(created) || !created.body?.id) {
        return void s.fail('group', groupId, name, created, 'create');
      }
      scimId = created.body.id as string;
      members = [];
      nameSent = g.name;
      s.succeed('group', groupId, name, created, 'create', {
        scimId,
        members,
        pushed: { name: g.name },
      });
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
      const addChunks = chunks(add, MEMBER_CHUNK);
      for (let i = 0; i < addChunks.length; i++) {
        const ops = oktaGroupOps(scimId, g.name, addChunks[i]!, i === 0 ? remove : []);
        const r = await s.client.patch(
          `/Groups/${scimId}`,
          ops,
          groupMeta(groupId, name, 'update'),
        );
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
