/**
 * What the vendors' SCIM clients share: call labels, matching a user by userName, the
 * desired members of a group, and the group sync Entra ID and PingFederate both run.
 */
import type { DirectoryUserRecord, ProvisioningObject } from '../../../store/types.js';
import type { DirectoryReader } from '../../directory/reader.js';
import type { PushSession } from '../push-session.js';
import type { UserDialect, UserSyncSession } from './user-sync.js';
import { filterQuery, isOk, scimString, type CallMeta, type ScimResponse } from '../scim-client.js';
import { type PushedUser } from '../shapes.js';

export const HARD_DELETE_AFTER_MS = 30 * 24 * 3600_000;
/** Members per group PATCH request. */
export const MEMBER_CHUNK = 1000;

/** A vendor's client: how it syncs a user (user-sync.ts runs it) and a group. */
export interface Pusher {
  users: UserDialect;
  syncGroup(s: PushSession, groupId: string): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const userMeta = (id: string, name: string, operation: string): CallMeta => ({
  operation,
  objectType: 'user',
  objectId: id,
  name,
});
export const groupMeta = (id: string, name: string, operation: string): CallMeta => ({
  operation,
  objectType: 'group',
  objectId: id,
  name,
});

export const pushedOf = (rec: ProvisioningObject | undefined): Partial<PushedUser> | null =>
  (rec?.pushed as Partial<PushedUser> | null | undefined) ?? null;

/** A user the push client should have active in the target. */
export function wantedUser(
  reader: Pick<DirectoryReader, 'inScope'>,
  u: DirectoryUserRecord | undefined,
): boolean {
  return !!u && u.deletedAt === null && u.active && reader.inScope(u);
}

/** GET /Users?filter=userName eq "x" (Okta adds startIndex and count). Found, absent, or failed. */
export async function matchUser(
  s: UserSyncSession,
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
export function desiredMembers(s: PushSession, reader: DirectoryReader, groupId: string) {
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
export const sameRecord = (
  rec: ProvisioningObject,
  scimId: string,
  members: string[],
  name: string,
) =>
  rec.scimId === scimId &&
  rec.pushed?.name === name &&
  (rec.members ?? []).length === members.length &&
  (rec.members ?? []).every((m, i) => m === members[i]);

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length > 0 ? out : [[]];
}

export async function readMembers(s: PushSession, scimId: string, id: string, name: string) {
  const res = await s.client.get(`/Groups/${scimId}`, groupMeta(id, name, 'read'));
  if (!isOk(res)) return undefined;
  return ((res.body?.members ?? []) as { value: string }[]).map((m) => m.value);
}

/** DELETE the group in the target (a 404 is fine); false when the target refused (recorded). */
export async function deleteGroupInTarget(
  s: PushSession,
  groupId: string,
  name: string,
  scimId: string,
): Promise<boolean> {
  const del = await s.client.delete(`/Groups/${scimId}`, groupMeta(groupId, name, 'delete'));
  if (!isOk(del) && del.status !== 404) {
    s.fail('group', groupId, name, del, 'delete');
    return false;
  }
  return true;
}

/** POST /Groups: the new group's SCIM id, or null when the target refused (recorded). */
export async function createGroupInTarget(
  s: PushSession,
  groupId: string,
  name: string,
  body: object,
  groupName: string,
): Promise<string | null> {
  const created = await s.client.post('/Groups', body, groupMeta(groupId, name, 'create'));
  if (!isOk(created) || !created.body?.id) {
    s.fail('group', groupId, name, created, 'create');
    return null;
  }
  const scimId = created.body.id as string;
  s.succeed('group', groupId, name, created, 'create', {
    scimId,
    members: [],
    pushed: { name: groupName },
  });
  return scimId;
}

export async function syncScopedGroup(
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
    if (rec?.scimId && !(await deleteGroupInTarget(s, groupId, name, rec.scimId))) return;
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
      scimId = await createGroupInTarget(s, groupId, name, shape.createBody(g), g.name);
      if (!scimId) return;
      members = [];
      nameSent = g.name;
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
