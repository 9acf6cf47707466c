import Database from 'better-sqlite3';
import { isUniqueViolation } from './sql-db.js';
import type { Db } from './database.js';
import { nameKey } from './name-key.js';
import {
  UniquenessViolation,
  type GroupMember,
  type PeerChannel,
  type ScimResourceType,
  type ScimStore,
  type StoredResource,
} from './types.js';

export interface ResourceRow {
  id: string;
  name: string;
  external_id: string | null;
  active: number;
  version: number;
  created: number;
  last_modified: number;
  doc: string;
}

export const toResource = (row: ResourceRow): StoredResource => ({
  id: row.id,
  name: row.name,
  externalId: row.external_id,
  active: row.active === 1,
  version: row.version,
  created: row.created,
  lastModified: row.last_modified,
  attributes: JSON.parse(row.doc) as Record<string, unknown>,
});

/** The insert statement's values, in its column order (a group has no active column). */
export function insertValues(type: ScimResourceType, idpId: string, r: StoredResource): unknown[] {
  const [name, nameLc, doc] = [r.name, nameKey(r.name), JSON.stringify(r.attributes)];
  return type === 'User'
    ? [
        idpId,
        r.id,
        name,
        nameLc,
        r.externalId,
        r.active ? 1 : 0,
        r.version,
        r.created,
        r.lastModified,
        doc,
      ]
    : [idpId, r.id, name, nameLc, r.externalId, r.version, r.created, r.lastModified, doc];
}

/** One set of prepared statements per resource table; users and groups differ only in columns. */
function statements(db: Db, type: ScimResourceType) {
  const table = type === 'User' ? 'scim_users' : 'scim_groups';
  const nameCol = type === 'User' ? 'user_name' : 'display_name';
  const activeCol = type === 'User' ? 'active' : '1';
  const columns = `id, ${nameCol} AS name, external_id, ${activeCol} AS active, version, created, last_modified, doc`;
  return {
    get: db.prepare<[string, string], ResourceRow>(
      `SELECT ${columns} FROM ${table} WHERE idp_id = ? AND id = ?`,
    ),
    byName: db.prepare<[string, string], ResourceRow>(
      `SELECT ${columns} FROM ${table} WHERE idp_id = ? AND ${nameCol}_lc = ? ORDER BY seq`,
    ),
    byExternalId: db.prepare<[string, string], ResourceRow>(
      `SELECT ${columns} FROM ${table} WHERE idp_id = ? AND external_id = ? ORDER BY seq`,
    ),
    all: db.prepare<[string], ResourceRow>(
      `SELECT ${columns} FROM ${table} WHERE idp_id = ? ORDER BY seq`,
    ),
    page: db.prepare<[string, number, number], ResourceRow>(
      `SELECT ${columns} FROM ${table} WHERE idp_id = ? ORDER BY seq LIMIT ? OFFSET ?`,
    ),
    count: db.prepare<[string], { n: number }>(
      `SELECT count(*) AS n FROM ${table} WHERE idp_id = ?`,
    ),
    // Bound by position (insertValues, spread: PostgreSQL's adapter takes values, not an array):
    // a create's INSERT runs once per pushed user.
    insert: db.prepare<unknown[]>(
      `INSERT INTO ${table} (idp_id, id, ${nameCol}, ${nameCol}_lc, external_id, ${type === 'User' ? 'active, ' : ''}version, created, last_modified, doc)
       VALUES (?, ?, ?, ?, ?, ${type === 'User' ? '?, ' : ''}?, ?, ?, ?)`,
    ),
    // Bound by position, as the INSERT: a PATCH's UPDATE runs once per request.
    update: db.prepare<unknown[]>(
      `UPDATE ${table} SET ${nameCol} = ?, ${nameCol}_lc = ?, ${type === 'User' ? 'active = ?, ' : ''}external_id = ?,
         version = ?, last_modified = ?, doc = ? WHERE idp_id = ? AND id = ?`,
    ),
    // Most updates (a deactivation, a new phone number) keep the name and externalId: setting
    // only the other columns spares SQLite rewriting the name and externalId index entries.
    updateKeepingKeys: db.prepare<unknown[]>(
      `UPDATE ${table} SET ${type === 'User' ? 'active = ?, ' : ''}version = ?, last_modified = ?, doc = ?
       WHERE idp_id = ? AND id = ? AND ${nameCol} = ? AND external_id IS ?`,
    ),
    remove: db.prepare<[string, string]>(`DELETE FROM ${table} WHERE idp_id = ? AND id = ?`),
    removeAll: db.prepare<[string]>(`DELETE FROM ${table} WHERE idp_id = ?`),
  };
}

export class SqliteScimStore implements ScimStore {
  private readonly users;
  private readonly groups;
  private readonly membersOf;
  private readonly memberRefsOf;
  private readonly insertMember;
  private readonly deleteMember;
  private readonly clearMembers;
  private readonly groupsOfMember;
  private readonly groupIdsOfMember;
  private readonly removeMember;
  private readonly removeMembersOfIdp;

  /** Writes per IdP (readStamp): every write method below counts itself. */
  private readonly writes = new Map<string, number>();
  /** Times the peer channel came back after messages may have been missed. */
  private resyncs = 0;
  /**
   * SQLite's deferred transaction, made once. Outside a transaction each SQLite statement takes
   * and drops the WAL read lock itself (fcntl calls, most of an indexed read's cost); on
   * PostgreSQL a transaction only adds a round trip, so there reads run as they are.
   */
  private readonly readTogether: (<T>(read: () => T) => T) | undefined;
  constructor(
    private readonly db: Db,
    /** Changes when another connection commits to the same database; null: it cannot tell. */
    private readonly othersCommitted: () => number | null,
    /** Other instances on the database: each tells of its writes, as this store tells them. */
    private readonly peers: PeerChannel,
  ) {
    peers.on('scim', (idpId) => this.wrote(idpId));
    peers.onResync(() => this.resyncs++);
    this.readTogether =
      db instanceof Database
        ? (db.transaction(<T>(read: () => T): T => read()) as <T>(read: () => T) => T)
        : undefined;
    this.users = statements(db, 'User');
    this.groups = statements(db, 'Group');
    // A member's display name is read from the member itself, so a rename shows up everywhere.
    this.membersOf = db.prepare<
      [string, string],
      { value: string; type: string; display: string | null }
    >(
      `SELECT m.member_id AS value, m.member_type AS type,
              coalesce(json_extract(u.doc, '$.displayName'), u.user_name, g.display_name) AS display
         FROM scim_members m
         LEFT JOIN scim_users u ON m.member_type = 'User' AND u.idp_id = m.idp_id AND u.id = m.member_id
         LEFT JOIN scim_groups g ON m.member_type = 'Group' AND g.idp_id = m.idp_id AND g.id = m.member_id
        WHERE m.idp_id = ? AND m.group_id = ? ORDER BY m.seq`,
    );
    this.memberRefsOf = db.prepare<[string, string], { value: string; type: string }>(
      `SELECT member_id AS value, member_type AS type FROM scim_members
        WHERE idp_id = ? AND group_id = ? ORDER BY seq`,
    );
    this.deleteMember = db.prepare(
      'DELETE FROM scim_members WHERE idp_id = ? AND group_id = ? AND member_id = ?',
    );
    this.insertMember = db.prepare(
      'INSERT OR IGNORE INTO scim_members (idp_id, group_id, member_id, member_type) VALUES (?, ?, ?, ?)',
    );
    this.clearMembers = db.prepare('DELETE FROM scim_members WHERE idp_id = ? AND group_id = ?');
    this.groupsOfMember = db.prepare<[string, string], { value: string; display: string }>(
      // INDEXED BY: left alone, SQLite walks every membership of the IdP (15 ms at 100k users).
      `SELECT g.id AS value, g.display_name AS display FROM scim_members m INDEXED BY scim_members_by_member
         JOIN scim_groups g ON g.idp_id = m.idp_id AND g.id = m.group_id
        WHERE m.idp_id = ? AND m.member_id = ? ORDER BY g.seq`,
    );
    this.groupIdsOfMember = db.prepare<[string, string], { id: string }>(
      'SELECT group_id AS id FROM scim_members INDEXED BY scim_members_by_member WHERE idp_id = ? AND member_id = ?',
    );
    this.removeMember = db.prepare('DELETE FROM scim_members WHERE idp_id = ? AND member_id = ?');
    this.removeMembersOfIdp = db.prepare('DELETE FROM scim_members WHERE idp_id = ?');
  }

  private of(type: ScimResourceType) {
    return type === 'User' ? this.users : this.groups;
  }

  get(type: ScimResourceType, idpId: string, id: string) {
    const row = this.of(type).get.get(idpId, id);
    return row && toResource(row);
  }

  findByName(type: ScimResourceType, idpId: string, name: string) {
    return this.of(type).byName.all(idpId, nameKey(name)).map(toResource);
  }

  findByExternalId(type: ScimResourceType, idpId: string, externalId: string) {
    return this.of(type).byExternalId.all(idpId, externalId).map(toResource);
  }

  all(type: ScimResourceType, idpId: string) {
    return this.of(type).all.all(idpId).map(toResource);
  }

  page(type: ScimResourceType, idpId: string, offset: number, limit: number) {
    return this.of(type).page.all(idpId, limit, offset).map(toResource);
  }

  count(type: ScimResourceType, idpId: string) {
    return this.of(type).count.get(idpId)!.n;
  }

  insert(type: ScimResourceType, idpId: string, resource: StoredResource) {
    return this.writing(idpId, () => {
      try {
        this.of(type).insert.run(...insertValues(type, idpId, resource));
      } catch (e) {
        if (isUniqueViolation(e)) throw new UniquenessViolation(resource.name);
        throw e;
      }
    });
  }

  update(type: ScimResourceType, idpId: string, resource: StoredResource) {
    return this.writing(idpId, () => {
      const r = resource;
      const doc = JSON.stringify(r.attributes);
      const statements = this.of(type);
      const active = type === 'User' ? [r.active ? 1 : 0] : []; // a group has no active column
      try {
        const kept = statements.updateKeepingKeys.run(
          ...active,
          r.version,
          r.lastModified,
          doc,
          idpId,
          r.id,
          r.name,
          r.externalId,
        );
        if (kept.changes > 0) return;
        statements.update.run(
          r.name,
          nameKey(r.name),
          ...active,
          r.externalId,
          r.version,
          r.lastModified,
          doc,
          idpId,
          r.id,
        );
      } catch (e) {
        if (isUniqueViolation(e)) throw new UniquenessViolation(resource.name);
        throw e;
      }
    });
  }

  remove(type: ScimResourceType, idpId: string, id: string) {
    return this.writing(idpId, () => this.of(type).remove.run(idpId, id).changes > 0);
  }

  members(idpId: string, groupId: string): GroupMember[] {
    return this.membersOf.all(idpId, groupId).map((m) => ({
      value: m.value,
      type: m.type === 'Group' ? 'Group' : 'User',
      display: m.display,
    }));
  }

  memberRefs(idpId: string, groupId: string) {
    return this.memberRefsOf.all(idpId, groupId).map((m) => ({
      value: m.value,
      type: m.type === 'Group' ? ('Group' as const) : ('User' as const),
    }));
  }

  setMembers(idpId: string, groupId: string, members: readonly GroupMember[]) {
    return this.writing(idpId, () => {
      const stored = this.memberRefsOf.all(idpId, groupId).map((m) => m.value);
      const diff = appendOnlyDiff(stored, members);
      if (!diff) {
        this.clearMembers.run(idpId, groupId);
        for (const m of members) this.insertMember.run(idpId, groupId, m.value, m.type);
        return;
      }
      // A PATCH that adds 100 members to a group of 50,000 writes 100 rows, not 50,100.
      for (const id of diff.removed) this.deleteMember.run(idpId, groupId, id);
      for (const m of diff.added) this.insertMember.run(idpId, groupId, m.value, m.type);
    });
  }

  groupsOf(idpId: string, memberId: string) {
    return this.groupsOfMember.all(idpId, memberId);
  }

  groupIdsOf(idpId: string, memberId: string) {
    return this.groupIdsOfMember.all(idpId, memberId).map((r) => r.id);
  }

  removeMemberEverywhere(idpId: string, memberId: string) {
    return this.writing(idpId, () => {
      this.removeMember.run(idpId, memberId);
    });
  }

  snapshot<T>(read: () => T): T {
    return this.readTogether && !this.db.inTransaction ? this.readTogether(read) : read();
  }

  readStamp(idpId: string): string | null {
    if (this.db.inTransaction || !this.peers.inSync) return null;
    const others = this.othersCommitted();
    return others === null ? null : `${this.writes.get(idpId) ?? 0}.${this.resyncs}.${others}`;
  }

  /**
   * Runs a write of the IdP's SCIM data: the local stamp moves before it, the other instances
   * hear of it after it (at the commit of the transaction it is in).
   */
  private writing<T>(idpId: string, write: () => T): T {
    this.wrote(idpId);
    const result = write();
    this.peers.publish('scim', idpId);
    return result;
  }

  private wrote(idpId: string) {
    this.writes.set(idpId, (this.writes.get(idpId) ?? 0) + 1);
  }

  removeAllOfIdp(idpId: string) {
    return this.writing(idpId, () => {
      this.removeMembersOfIdp.run(idpId);
      this.users.removeAll.run(idpId);
      this.groups.removeAll.run(idpId);
    });
  }
}

/**
 * What turns the stored member ids into `next` by deleting some and appending the rest, or null
 * when `next` reorders the members it keeps (then only a rewrite gives its order).
 */
export function appendOnlyDiff<M extends { value: string }>(
  stored: readonly string[],
  next: readonly M[],
): { removed: string[]; added: M[] } | null {
  const nextIds = new Set(next.map((m) => m.value));
  const kept = stored.filter((id) => nextIds.has(id));
  for (let i = 0; i < kept.length; i++) if (next[i]?.value !== kept[i]) return null;
  return { removed: stored.filter((id) => !nextIds.has(id)), added: next.slice(kept.length) };
}
