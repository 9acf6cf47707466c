/**
 * What every part of the directory service shares: the store, one-transaction commits that
 * announce 'directory.changed' with the scope changes, look-ups that throw NotFoundError, writes
 * that turn uniqueness violations into ConflictErrors, and the admin views.
 */
import type { IdpConfig } from '../../../../shared/model/idp.js';
import { NotFoundError, ConflictError } from '../../domain-errors.js';
import type { IdpService } from '../../idp-config/idp-service.js';
import { isoTime, type Clock } from '../../clock/clock.js';
import type { CloudEvents } from '../../events.js';
import {
  UniquenessViolation,
  type DirectoryGroupRecord,
  type DirectoryUserRecord,
  type Store,
} from '../../store/types.js';
import type {
  DirectoryChange,
  DirectoryChangeKind,
  DirectoryGroupView,
  DirectoryUserView,
} from './types.js';
import { DirectoryReader } from './reader.js';

type ChangeDetails = Omit<DirectoryChange, 'idpId' | 'kind' | 'at' | 'scope' | 'userIds'> & {
  userIds?: string[];
};

export class DirectoryCore {
  constructor(
    protected readonly store: Store,
    protected readonly clock: Clock,
    protected readonly events: CloudEvents,
    protected readonly idps: IdpService,
  ) {
    // An IdP's directory goes with it.
    events.on('idp.deleted', ({ idpId }) => store.directory.removeAllOfIdp(idpId));
  }

  reader(idpId: string): DirectoryReader {
    return new DirectoryReader(this.store, idpId);
  }

  /**
   * Runs a change in one transaction, computing which of `watch` (plus the users the change
   * names) entered or left the application's scope, then emits 'directory.changed'. `apply`
   * returns undefined when nothing changed (no event).
   */
  protected commit(
    idpId: string,
    kind: DirectoryChangeKind,
    watch: readonly string[],
    apply: () => ChangeDetails | undefined,
  ): void {
    const change = this.store.transaction((): DirectoryChange | undefined => {
      const watched = new Set(watch);
      const before = this.scopeOf(idpId, watched);
      const details = apply();
      if (!details) return undefined;
      // Users the change names but the caller did not watch (created by it) were out of scope.
      for (const id of details.userIds ?? []) watched.add(id);
      const after = this.scopeOf(idpId, watched);
      return {
        idpId,
        kind,
        at: this.clock.now(),
        ...details,
        userIds: details.userIds ?? [],
        scope: {
          entered: [...after].filter((id) => !before.has(id)),
          left: [...before].filter((id) => !after.has(id)),
        },
      };
    });
    if (change) this.events.emit('directory.changed', change);
  }

  protected scopeOf(idpId: string, userIds: Iterable<string>): Set<string> {
    const reader = this.reader(idpId);
    const out = new Set<string>();
    for (const id of userIds) if (reader.inScope(id)) out.add(id);
    return out;
  }

  protected idp(idpId: string): IdpConfig {
    return this.idps.get(idpId);
  }

  protected requireUser(idpId: string, userId: string, includeDeleted: boolean) {
    const u = this.store.directory.user(idpId, userId);
    if (!u || (!includeDeleted && u.deletedAt !== null)) {
      throw new NotFoundError(
        'not_found',
        u ? `User ${u.userName} is deleted; restore it first.` : `No directory user ${userId}.`,
      );
    }
    return u;
  }

  protected requireUsers(idpId: string, userIds: readonly string[]): DirectoryUserRecord[] {
    const found: DirectoryUserRecord[] = [];
    const missing: string[] = [];
    for (const id of new Set(userIds)) {
      const u = this.store.directory.user(idpId, id);
      if (u && u.deletedAt === null) found.push(u);
      else missing.push(id);
    }
    if (missing.length > 0) {
      throw new NotFoundError('not_found', `No directory user(s): ${missing.join(', ')}.`);
    }
    return found;
  }

  protected requireGroup(idpId: string, groupId: string) {
    const g = this.store.directory.group(idpId, groupId);
    if (!g) throw new NotFoundError('not_found', `No directory group ${groupId}.`);
    return g;
  }

  protected assertUserNameFree(idpId: string, userName: string) {
    if (this.store.directory.userByName(idpId, userName)) throw userTaken(userName);
  }

  protected insertUser(idpId: string, user: DirectoryUserRecord) {
    try {
      this.store.directory.insertUser(idpId, user);
    } catch (e) {
      if (e instanceof UniquenessViolation) throw userTaken(user.userName);
      throw e;
    }
  }

  protected updateUserRecord(idpId: string, user: DirectoryUserRecord) {
    try {
      this.store.directory.updateUser(idpId, user);
    } catch (e) {
      if (e instanceof UniquenessViolation) throw userTaken(user.userName);
      throw e;
    }
  }

  protected insertGroup(idpId: string, group: DirectoryGroupRecord) {
    try {
      this.store.directory.insertGroup(idpId, group);
    } catch (e) {
      if (e instanceof UniquenessViolation) throw groupTaken(group.name);
      throw e;
    }
  }

  protected updateGroupRecord(idpId: string, group: DirectoryGroupRecord) {
    try {
      this.store.directory.updateGroup(idpId, group);
    } catch (e) {
      if (e instanceof UniquenessViolation) throw groupTaken(group.name);
      throw e;
    }
  }

  protected touchGroup(idpId: string, groupId: string) {
    const g = this.store.directory.group(idpId, groupId);
    if (g) this.store.directory.updateGroup(idpId, { ...g, updatedAt: this.clock.now() });
  }

  protected userViews(idpId: string, users: DirectoryUserRecord[]): DirectoryUserView[] {
    const groups = new Map(this.store.directory.groups(idpId).map((g) => [g.id, g]));
    const wanted = new Set(users.map((u) => u.id));
    const groupsOf = new Map<string, DirectoryGroupRecord[]>();
    for (const m of this.store.directory.memberships(idpId)) {
      const g = groups.get(m.groupId);
      if (!g || !wanted.has(m.userId)) continue;
      const list = groupsOf.get(m.userId);
      if (list) list.push(g);
      else groupsOf.set(m.userId, [g]);
    }
    return users.map((u) => {
      const mine = groupsOf.get(u.id) ?? [];
      const via = mine.filter((g) => g.assignedAt !== null);
      return {
        id: u.id,
        userName: u.userName,
        givenName: u.givenName,
        familyName: u.familyName,
        displayName: u.displayName,
        email: u.email,
        department: u.department ?? null,
        title: u.title ?? null,
        status: u.deletedAt !== null ? 'deleted' : u.active ? 'active' : 'deactivated',
        active: u.active,
        passwordSet: u.password !== undefined,
        groups: mine.map((g) => ({ id: g.id, name: g.name })),
        assignment: {
          inScope: u.deletedAt === null && (u.assignedAt !== null || via.length > 0),
          direct: u.assignedAt !== null,
          directAssignedAt: u.assignedAt !== null ? isoTime(u.assignedAt) : null,
          viaGroups: via.map((g) => ({
            id: g.id,
            name: g.name,
            assignedAt: isoTime(g.assignedAt!),
          })),
        },
        createdAt: isoTime(u.createdAt),
        updatedAt: isoTime(u.updatedAt),
        deletedAt: u.deletedAt !== null ? isoTime(u.deletedAt) : null,
      };
    });
  }
}

export function groupView(g: DirectoryGroupRecord, memberCount: number): DirectoryGroupView {
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    memberCount,
    assigned: g.assignedAt !== null,
    assignedAt: g.assignedAt !== null ? isoTime(g.assignedAt) : null,
    pushed: g.pushedAt !== null,
    pushedAt: g.pushedAt !== null ? isoTime(g.pushedAt) : null,
    createdAt: isoTime(g.createdAt),
    updatedAt: isoTime(g.updatedAt),
  };
}

const userTaken = (userName: string) =>
  new ConflictError('user_exists', `A user named ${userName} already exists in this directory.`);

const groupTaken = (name: string) =>
  new ConflictError('group_exists', `A group named ${name} already exists in this directory.`);
