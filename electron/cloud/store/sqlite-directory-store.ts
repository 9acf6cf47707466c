import { isUniqueViolation } from './sql-db.js';
import { randomInt } from 'node:crypto';
import type { Db } from './database.js';
import type {
  DirectoryGroupRecord,
  DirectoryMembership,
  DirectoryStore,
  DirectoryUser,
  DirectoryUserRecord,
} from './directory-types.js';
import { UniquenessViolation } from './types.js';

/** Okta-style ids: 00u / 00g and 17 base-36 characters. */
export const newDirectoryId = (prefix: '00u' | '00g'): string => {
  let s = prefix;
  while (s.length < 20) s += randomInt(0, 36).toString(36);
  return s;
};

/**
 * The IdP directories: directory_users (migration 1), directory_groups and directory_memberships
 * (migration 2). Users and groups are JSON documents with the unique name in its own column.
 */
export class SqliteDirectoryStore implements DirectoryStore {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      users: db.prepare<[string], { doc: string }>(
        'SELECT doc FROM directory_users WHERE idp_id = ? ORDER BY seq',
      ),
      user: db.prepare<[string, string], { doc: string }>(
        'SELECT doc FROM directory_users WHERE idp_id = ? AND id = ?',
      ),
      userByName: db.prepare<[string, string], { doc: string }>(
        'SELECT doc FROM directory_users WHERE idp_id = ? AND user_name_lc = ?',
      ),
      insertUser: db.prepare<[string, string, string, string]>(
        'INSERT INTO directory_users (idp_id, id, user_name_lc, doc) VALUES (?, ?, ?, ?)',
      ),
      updateUser: db.prepare<[string, string, string, string]>(
        'UPDATE directory_users SET user_name_lc = ?, doc = ? WHERE idp_id = ? AND id = ?',
      ),
      removeUser: db.prepare<[string, string]>(
        'DELETE FROM directory_users WHERE idp_id = ? AND id = ?',
      ),
      groups: db.prepare<[string], { doc: string }>(
        'SELECT doc FROM directory_groups WHERE idp_id = ? ORDER BY seq',
      ),
      group: db.prepare<[string, string], { doc: string }>(
        'SELECT doc FROM directory_groups WHERE idp_id = ? AND id = ?',
      ),
      groupByName: db.prepare<[string, string], { doc: string }>(
        'SELECT doc FROM directory_groups WHERE idp_id = ? AND name_lc = ?',
      ),
      insertGroup: db.prepare<[string, string, string, string]>(
        'INSERT INTO directory_groups (idp_id, id, name_lc, doc) VALUES (?, ?, ?, ?)',
      ),
      updateGroup: db.prepare<[string, string, string, string]>(
        'UPDATE directory_groups SET name_lc = ?, doc = ? WHERE idp_id = ? AND id = ?',
      ),
      removeGroup: db.prepare<[string, string]>(
        'DELETE FROM directory_groups WHERE idp_id = ? AND id = ?',
      ),
      memberIds: db.prepare<[string, string], { user_id: string }>(
        'SELECT user_id FROM directory_memberships WHERE idp_id = ? AND group_id = ? ORDER BY rowid',
      ),
      groupIdsOf: db.prepare<[string, string], { group_id: string }>(
        'SELECT group_id FROM directory_memberships WHERE idp_id = ? AND user_id = ? ORDER BY rowid',
      ),
      memberships: db.prepare<[string], { group_id: string; user_id: string }>(
        'SELECT group_id, user_id FROM directory_memberships WHERE idp_id = ? ORDER BY rowid',
      ),
      addMember: db.prepare<[string, string, string]>(
        'INSERT OR IGNORE INTO directory_memberships (idp_id, group_id, user_id) VALUES (?, ?, ?)',
      ),
      removeMember: db.prepare<[string, string, string]>(
        'DELETE FROM directory_memberships WHERE idp_id = ? AND group_id = ? AND user_id = ?',
      ),
      removeMembershipsOfUser: db.prepare<[string, string]>(
        'DELETE FROM directory_memberships WHERE idp_id = ? AND user_id = ?',
      ),
      removeMembershipsOfGroup: db.prepare<[string, string]>(
        'DELETE FROM directory_memberships WHERE idp_id = ? AND group_id = ?',
      ),
      removeUsersOfIdp: db.prepare<[string]>('DELETE FROM directory_users WHERE idp_id = ?'),
      removeGroupsOfIdp: db.prepare<[string]>('DELETE FROM directory_groups WHERE idp_id = ?'),
      removeMembershipsOfIdp: db.prepare<[string]>(
        'DELETE FROM directory_memberships WHERE idp_id = ?',
      ),
    };
    this.upgradeLegacyDocuments();
  }

  /**
   * Users written by the first seed (migration 1 era) kept their group names and an ISO
   * `assignedAt` in the document; move them to memberships and a direct assignment. Idempotent.
   */
  private upgradeLegacyDocuments() {
    const legacy = this.db
      .prepare<[], { idp_id: string; doc: string }>(
        `SELECT idp_id, doc FROM directory_users
         WHERE json_type(doc, '$.groups') = 'array' OR json_type(doc, '$.assignedAt') = 'text'
         ORDER BY seq`,
      )
      .all();
    if (legacy.length === 0) return;
    this.db.transaction(() => {
      for (const row of legacy) {
        const doc = JSON.parse(row.doc) as DirectoryUser & { assignedAt?: unknown };
        const at = typeof doc.assignedAt === 'string' ? Date.parse(doc.assignedAt) : NaN;
        const { groups, assigned, assignedAt: _a, ...rest } = doc;
        const user = parseUser(JSON.stringify(rest));
        if (assigned === true) user.assignedAt = Number.isFinite(at) ? at : Date.now();
        this.updateUser(row.idp_id, user);
        this.upsert(row.idp_id, { ...user, groups: Array.isArray(groups) ? groups : [] });
      }
    })();
  }

  list(idpId: string): DirectoryUser[] {
    const users = this.users(idpId);
    const groups = new Map(this.groups(idpId).map((g) => [g.id, g]));
    const groupsOf = new Map<string, DirectoryGroupRecord[]>();
    for (const m of this.memberships(idpId)) {
      const g = groups.get(m.groupId);
      if (!g) continue;
      const list = groupsOf.get(m.userId);
      if (list) list.push(g);
      else groupsOf.set(m.userId, [g]);
    }
    return users.map((u) => {
      const mine = groupsOf.get(u.id) ?? [];
      return {
        ...u,
        groups: mine.map((g) => g.name),
        assigned: u.assignedAt !== null || mine.some((g) => g.assignedAt !== null),
      };
    });
  }

  count(idpId: string): number {
    return this.users(idpId).length;
  }

  upsert(idpId: string, user: DirectoryUser): void {
    this.db.transaction(() => {
      const {
        groups,
        assigned,
        id,
        userName,
        givenName,
        familyName,
        displayName,
        email,
        department,
        title,
        active,
        password,
      } = user;
      const existing = this.user(idpId, id);
      const now = Date.now();
      const record: DirectoryUserRecord = {
        id,
        userName,
        givenName: givenName ?? existing?.givenName ?? '',
        familyName: familyName ?? existing?.familyName ?? '',
        displayName:
          displayName ?? existing?.displayName ?? `${givenName ?? ''} ${familyName ?? ''}`.trim(),
        email: email ?? existing?.email ?? userName,
        ...(department !== undefined ? { department } : {}),
        ...(title !== undefined ? { title } : {}),
        active: active !== false,
        ...(password !== undefined ? { password } : {}),
        assignedAt: assigned ? (existing?.assignedAt ?? now) : (existing?.assignedAt ?? null),
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        deletedAt: null,
      };
      if (existing) this.updateUser(idpId, record);
      else this.insertUser(idpId, record);
      if (Array.isArray(groups)) {
        for (const name of groups) {
          let g = this.groupByName(idpId, name);
          if (!g) {
            g = {
              id: newDirectoryId('00g'),
              name,
              description: '',
              assignedAt: null,
              pushedAt: null,
              createdAt: now,
              updatedAt: now,
            };
            this.insertGroup(idpId, g);
          }
          this.addMember(idpId, g.id, id);
        }
      }
    })();
  }

  users(idpId: string, options: { includeDeleted?: boolean } = {}): DirectoryUserRecord[] {
    const all = this.s.users.all(idpId).map((r) => parseUser(r.doc));
    return options.includeDeleted ? all : all.filter((u) => u.deletedAt === null);
  }

  user(idpId: string, id: string): DirectoryUserRecord | undefined {
    const row = this.s.user.get(idpId, id);
    return row && parseUser(row.doc);
  }

  userByName(idpId: string, userName: string): DirectoryUserRecord | undefined {
    const row = this.s.userByName.get(idpId, userName.toLowerCase());
    return row && parseUser(row.doc);
  }

  insertUser(idpId: string, user: DirectoryUserRecord): void {
    try {
      this.s.insertUser.run(idpId, user.id, user.userName.toLowerCase(), JSON.stringify(user));
    } catch (e) {
      if (isUniqueViolation(e)) throw new UniquenessViolation(user.userName);
      throw e;
    }
  }

  updateUser(idpId: string, user: DirectoryUserRecord): void {
    try {
      this.s.updateUser.run(user.userName.toLowerCase(), JSON.stringify(user), idpId, user.id);
    } catch (e) {
      if (isUniqueViolation(e)) throw new UniquenessViolation(user.userName);
      throw e;
    }
  }

  removeUser(idpId: string, id: string): boolean {
    return this.db.transaction(() => {
      this.s.removeMembershipsOfUser.run(idpId, id);
      return this.s.removeUser.run(idpId, id).changes === 1;
    })();
  }

  groups(idpId: string): DirectoryGroupRecord[] {
    return this.s.groups.all(idpId).map((r) => JSON.parse(r.doc) as DirectoryGroupRecord);
  }

  group(idpId: string, id: string): DirectoryGroupRecord | undefined {
    const row = this.s.group.get(idpId, id);
    return row && (JSON.parse(row.doc) as DirectoryGroupRecord);
  }

  groupByName(idpId: string, name: string): DirectoryGroupRecord | undefined {
    const row = this.s.groupByName.get(idpId, name.toLowerCase());
    return row && (JSON.parse(row.doc) as DirectoryGroupRecord);
  }

  insertGroup(idpId: string, group: DirectoryGroupRecord): void {
    try {
      this.s.insertGroup.run(idpId, group.id, group.name.toLowerCase(), JSON.stringify(group));
    } catch (e) {
      if (isUniqueViolation(e)) throw new UniquenessViolation(group.name);
      throw e;
    }
  }

  updateGroup(idpId: string, group: DirectoryGroupRecord): void {
    try {
      this.s.updateGroup.run(group.name.toLowerCase(), JSON.stringify(group), idpId, group.id);
    } catch (e) {
      if (isUniqueViolation(e)) throw new UniquenessViolation(group.name);
      throw e;
    }
  }

  removeGroup(idpId: string, id: string): boolean {
    return this.db.transaction(() => {
      this.s.removeMembershipsOfGroup.run(idpId, id);
      return this.s.removeGroup.run(idpId, id).changes === 1;
    })();
  }

  memberIds(idpId: string, groupId: string): string[] {
    return this.s.memberIds.all(idpId, groupId).map((r) => r.user_id);
  }

  groupIdsOf(idpId: string, userId: string): string[] {
    return this.s.groupIdsOf.all(idpId, userId).map((r) => r.group_id);
  }

  memberships(idpId: string): DirectoryMembership[] {
    return this.s.memberships.all(idpId).map((r) => ({ groupId: r.group_id, userId: r.user_id }));
  }

  addMember(idpId: string, groupId: string, userId: string): boolean {
    return this.s.addMember.run(idpId, groupId, userId).changes === 1;
  }

  removeMember(idpId: string, groupId: string, userId: string): boolean {
    return this.s.removeMember.run(idpId, groupId, userId).changes === 1;
  }

  removeAllOfIdp(idpId: string): void {
    this.db.transaction(() => {
      this.s.removeMembershipsOfIdp.run(idpId);
      this.s.removeGroupsOfIdp.run(idpId);
      this.s.removeUsersOfIdp.run(idpId);
    })();
  }
}

/** Reads a stored user, filling fields that documents written before this shape lack. */
function parseUser(doc: string): DirectoryUserRecord {
  const u = JSON.parse(doc) as Partial<DirectoryUserRecord> & { id: string; userName: string };
  return {
    ...u,
    givenName: u.givenName ?? '',
    familyName: u.familyName ?? '',
    displayName: u.displayName ?? u.userName,
    email: u.email ?? u.userName,
    active: u.active !== false,
    assignedAt: typeof u.assignedAt === 'number' ? u.assignedAt : null,
    createdAt: typeof u.createdAt === 'number' ? u.createdAt : 0,
    updatedAt: typeof u.updatedAt === 'number' ? u.updatedAt : 0,
    deletedAt: typeof u.deletedAt === 'number' ? u.deletedAt : null,
  };
}
