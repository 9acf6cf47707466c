/**
 * What each vendor's SCIM client sends for one directory object (domain.md §3): reconcile the
 * object's push record with the directory, over HTTP, and record the outcome. Okta calls these
 * when an event queued the object; Entra and PingFederate for the objects of a cycle or poll.
 */
import { randomBytes } from 'node:crypto';
import type { DirectoryUserRecord, ProvisioningObject } from '../../store/types.js';
import type { DirectoryReader } from '../directory/directory-service.js';
import { entraOptions, oktaOptions, pingOptions } from './options.js';
import type { PushSession } from './push-session.js';
import { filterQuery, isOk, scimString, type CallMeta, type ScimResponse } from './scim-client.js';
import {
  changedFields,
  entraCreateBody,
  entraGroupCreateBody,
  entraMemberOps,
  entraUserOps,
  oktaActiveOps,
  oktaCreateBody,
  oktaGroupCreateBody,
  oktaGroupOps,
  oktaPutBody,
  pingGroupCreateBody,
  pingGroupOps,
  pingUserBody,
  pingUserOps,
  profileOf,
  pushedFromScim,
  type PushedUser,
} from './shapes.js';

/** Entra ID hard-deletes a soft-deleted user after 30 days (then the push client DELETEs it). */
export const HARD_DELETE_AFTER_MS = 30 * 24 * 3600_000;
/** Members per group PATCH request. */
const MEMBER_CHUNK = 1000;

export interface Pusher {
  syncUser(s: PushSession, userId: string): Promise<void>;
  syncGroup(s: PushSession, groupId: string): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const userMeta = (id: string, name: string, operation: string): CallMeta => ({
  operation,
  objectType: 'user',
  objectId: id,
  name,
});
const groupMeta = (id: string, name: string, operation: string): CallMeta => ({
  operation,
  objectType: 'group',
  objectId: id,
  name,
});

const pushedOf = (rec: ProvisioningObject | undefined): Partial<PushedUser> | null =>
  (rec?.pushed as Partial<PushedUser> | null | undefined) ?? null;

/** A user the push client should have active in the target. */
function wantedUser(reader: DirectoryReader, u: DirectoryUserRecord | undefined): boolean {
  return !!u && u.deletedAt === null && u.active && reader.inScope(u);
}

/** GET /Users?filter=userName eq "x" (Okta adds startIndex and count). Found, absent, or failed. */
async function matchUser(
  s: PushSession,
  u: DirectoryUserRecord,
  suffix: string,
): Promise<{ res: ScimResponse; found: Json | null; failed: boolean }> {
  const res = await s.client.get(
    `/Users?${filterQuery(`userName eq ${scimString(u.userName)}`)}${suffix}`,
    userMeta(u.id, u.userName, 'match'),
  );
  if (res.status === 404) return { res, found: null, failed: false };
  if (!isOk(res)) return { res, found: null, failed: true };
  const found = Array.isArray(res.body?.Resources) ? (res.body.Resources[0] ?? null) : null;
  return { res, found: found?.id ? found : null, failed: false };
}

/** The SCIM ids (and display names) of the group's members that are provisioned and active. */
function desiredMembers(s: PushSession, reader: DirectoryReader, groupId: string) {
  const out = new Map<string, string>();
  for (const uid of reader.memberIds(groupId)) {
    const r = s.record('user', uid);
    if (!r?.scimId || pushedOf(r)?.active !== true) continue;
    if (!reader.inScope(uid)) continue;
    out.set(r.scimId, r.name);
  }
  return out;
}

/** The group record already says this (no need to write it). */
const sameRecord = (rec: ProvisioningObject, scimId: string, members: string[], name: string) =>
  rec.scimId === scimId &&
  rec.pushed?.name === name &&
  (rec.members ?? []).length === members.length &&
  (rec.members ?? []).every((m, i) => m === members[i]);

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length > 0 ? out : [[]];
}

async function readMembers(s: PushSession, scimId: string, id: string, name: string) {
  const res = await s.client.get(`/Groups/${scimId}`, groupMeta(id, name, 'read'));
  if (!isOk(res)) return undefined;
  return ((res.body?.members ?? []) as { value: string }[]).map((m) => m.value);
}

// ---------------------------------------------------------------------------------------------
// Okta (and generic)

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

// ---------------------------------------------------------------------------------------------
// Microsoft Entra ID

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
async function syncScopedGroup(
  s: PushSession,
  groupId: string,
  shape: {
    createBody: (g: NonNullable<ReturnType<DirectoryReader['group']>>) => object;
    ops: (rename: string | null, add: string[], remove: string[]) => object[];
  },
) {
  const rec = s.record('group', groupId);
  const reader = s.reader();
  const g = reader.group(groupId);
  const name = g?.name ?? rec?.name ?? groupId;
  s.visited.groups++;

  if (!g || g.assignedAt === null) {
    if (rec?.scimId) {
      const del = await s.client.delete(
        `/Groups/${rec.scimId}`,
        groupMeta(groupId, name, 'delete'),
      );
      if (!isOk(del) && del.status !== 404)
        return void s.fail('group', groupId, name, del, 'delete');
    }
    if (rec) s.remove('group', groupId);
    return;
  }

  let scimId = rec?.scimId ?? null;
  let members = rec?.members ?? [];
  let nameSent = (rec?.pushed?.name as string | undefined) ?? null;
  if (!scimId || s.mode === 'initial') {
    const res = await s.client.get(
      `/Groups?excludedAttributes=members&${filterQuery(`displayName eq ${scimString(g.name)}`)}`,
      groupMeta(groupId, name, 'match'),
    );
    if (!isOk(res) && res.status !== 404) return void s.fail('group', groupId, name, res, 'match');
    const found = isOk(res) ? (res.body?.Resources?.[0] ?? null) : null;
    if (found?.id) {
      if (found.id !== scimId) members = [];
      scimId = found.id as string;
      nameSent = found.displayName ?? null;
    } else {
      const created = await s.client.post(
        '/Groups',
        shape.createBody(g),
        groupMeta(groupId, name, 'create'),
      );
      if (!isOk(created) || !created.body?.id)
        return void s.fail('group', groupId, name, created, 'create');
      scimId = created.body.id as string;
      members = [];
      nameSent = g.name;
      s.succeed('group', groupId, name, created, 'create', {
        scimId,
        members,
        pushed: { name: g.name },
      });
    }
  }

  const desired = desiredMembers(s, reader, groupId);
  const have = new Set(members);
  const add = [...desired.keys()].filter((id) => !have.has(id));
  const remove = members.filter((id) => !desired.has(id));
  const rename = nameSent !== g.name ? g.name : null;
  if (add.length === 0 && remove.length === 0 && rename === null) {
    if (rec?.state !== 'provisioned' || !sameRecord(rec, scimId, members, g.name)) {
      s.succeed('group', groupId, name, null, 'update', {
        scimId,
        members,
        pushed: { name: g.name },
      });
    }
    return;
  }
  let last: ScimResponse | null = null;
  const addChunks = chunks(add, MEMBER_CHUNK);
  for (let i = 0; i < addChunks.length; i++) {
    const ops = shape.ops(i === 0 ? rename : null, addChunks[i]!, i === 0 ? remove : []);
    if (ops.length === 0) continue;
    const r = await s.client.patch(`/Groups/${scimId}`, ops, groupMeta(groupId, name, 'update'));
    if (!isOk(r)) {
      const lost = r.status === 404;
      return void s.fail('group', groupId, name, r, 'update', {
        scimId: lost ? null : scimId,
        members: lost ? [] : members,
      });
    }
    last = r;
    if (i === 0) members = members.filter((m) => !remove.includes(m));
    members = [...members, ...addChunks[i]!];
  }
  s.succeed('group', groupId, name, last, 'update', { scimId, members, pushed: { name: g.name } });
}

// ---------------------------------------------------------------------------------------------
// PingFederate (Zscaler ZPA connector)

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
export function planCycle(s: PushSession): { users: string[]; groups: string[] } {
  const reader = s.reader();
  const initial = s.mode === 'initial';
  const records = new Map(
    s.service.store.provisioning.objects(s.idpId, 'user').map((r) => [r.id, r]),
  );
  const users: string[] = [];
  const seen = new Set<string>();
  for (const u of reader.users(true)) {
    seen.add(u.id);
    const rec = records.get(u.id);
    const hardDeleted = u.deletedAt !== null && s.now - u.deletedAt >= HARD_DELETE_AFTER_MS;
    if (hardDeleted) {
      if (rec) users.push(u.id);
      continue;
    }
    if (wantedUser(reader, u)) {
      if (
        initial ||
        !rec?.scimId ||
        rec.state !== 'provisioned' ||
        changedFields(pushedOf(rec), { ...profileOf(u, true), active: true }).length > 0
      ) {
        users.push(u.id);
      }
    } else if (rec && (rec.state !== 'deprovisioned' || pushedOf(rec)?.active === true)) {
      users.push(u.id);
    }
  }
  for (const rec of records.values()) if (!seen.has(rec.id)) users.push(rec.id);

  const groups = new Set<string>();
  for (const g of reader.groups()) if (g.assignedAt !== null) groups.add(g.id);
  for (const rec of s.service.store.provisioning.objects(s.idpId, 'group')) groups.add(rec.id);
  return { users, groups: [...groups] };
}
