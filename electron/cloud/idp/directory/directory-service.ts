import { randomUUID } from 'node:crypto';
import type { IdpConfig, IdpVendor } from '../../../../shared/model/idp.js';
import { NotFoundError, ConflictError } from '../../domain-errors.js';
import type { IdpService } from '../../idp-config/idp-service.js';
import { isoTime, type Clock } from '../../clock/clock.js';
import type { CloudEvents } from '../../events.js';
import { hashPassword } from '../../security/passwords.js';
import { newDirectoryId } from '../../store/sqlite-directory-store.js';
import {
  UniquenessViolation,
  type DirectoryGroupRecord,
  type DirectoryUserRecord,
  type Store,
} from '../../store/types.js';
import type {
  AssignmentsView,
  CreateGroupInput,
  CreateUserInput,
  DirectoryChange,
  DirectoryChangeKind,
  DirectoryGroupView,
  DirectoryUserView,
  UpdateGroupInput,
  UpdateUserInput,
} from './types.js';

/** Vendors whose admins push groups explicitly (Okta "Push Groups"); the others sync assigned groups. */
export const PUSH_GROUP_VENDORS: readonly IdpVendor[] = ['okta', 'generic'];

type ChangeDetails = Omit<DirectoryChange, 'idpId' | 'kind' | 'at' | 'scope' | 'userIds'> & {
  userIds?: string[];
};

/**
 * Read access to one IdP's directory with the scope rule of the private-access application: a
 * user is in scope when assigned directly or through an assigned group, and not (soft-)deleted.
 * Reads go to the store each time, so a reader is cheap and never stale for long.
 */
export class DirectoryReader {
  private assigned: Set<string> | undefined;

  constructor(
    private readonly store: Store,
    readonly idpId: string,
  ) {}

  user(id: string): DirectoryUserRecord | undefined {
    return this.store.directory.user(this.idpId, id);
  }

  group(id: string): DirectoryGroupRecord | undefined {
    return this.store.directory.group(this.idpId, id);
  }

  users(includeDeleted = true): DirectoryUserRecord[] {
    return this.store.directory.users(this.idpId, { includeDeleted });
  }

  groups(): DirectoryGroupRecord[] {
    return this.store.directory.groups(this.idpId);
  }

  memberIds(groupId: string): string[] {
    return this.store.directory.memberIds(this.idpId, groupId);
  }

  groupIdsOf(userId: string): string[] {
    return this.store.directory.groupIdsOf(this.idpId, userId);
  }

  /** Ids of the groups assigned to the application (read once per reader). */
  assignedGroupIds(): Set<string> {
    this.assigned ??= new Set(
      this.groups()
        .filter((g) => g.assignedAt !== null)
        .map((g) => g.id),
    );
    return this.assigned;
  }

  inScope(user: DirectoryUserRecord | string | undefined): boolean {
    const u = typeof user === 'string' ? this.user(user) : user;
    if (!u || u.deletedAt !== null) return false;
    if (u.assignedAt !== null) return true;
    const assigned = this.assignedGroupIds();
    return assigned.size > 0 && this.groupIdsOf(u.id).some((g) => assigned.has(g));
  }
}

/**
 * The directory of each bundled IdP: users, groups, memberships and assignments to the
 * private-access application. Every change is committed in one transaction and then announced
 * as 'directory.changed', with the users whose scope it changed.
 */
export class DirectoryService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly events: CloudEvents,
    private readonly idps: IdpService,
  ) {
    // An IdP's directory goes with it.
    events.on('idp.deleted', ({ idpId }) => store.directory.removeAllOfIdp(idpId));
  }

  reader(idpId: string): DirectoryReader {
    return new DirectoryReader(this.store, idpId);
  }

  // -------------------------------------------------------------------------------------------
  // Users

  listUsers(idpId: string, options: { includeDeleted?: boolean } = {}): DirectoryUserView[] {
    this.idp(idpId);
    const users = this.store.directory.users(idpId, options);
    return this.userViews(idpId, users);
  }

  getUser(idpId: string, userId: string): DirectoryUserView {
    this.idp(idpId);
    return this.userViews(idpId, [this.requireUser(idpId, userId, true)])[0]!;
  }

  createUser(idpId: string, input: CreateUserInput): DirectoryUserView {
    const idp = this.idp(idpId);
    const now = this.clock.now();
    const password =
      input.passwordHash ??
      (input.password !== undefined ? hashPassword(input.password) : undefined);
    const user: DirectoryUserRecord = {
      id: idp.vendor === 'entra' || idp.vendor === 'ping' ? randomUUID() : newDirectoryId('00u'),
      userName: input.userName,
      givenName: input.givenName,
      familyName: input.familyName,
      displayName: input.displayName ?? `${input.givenName} ${input.familyName}`.trim(),
      email: input.email ?? input.userName,
      ...(input.department ? { department: input.department } : {}),
      ...(input.title ? { title: input.title } : {}),
      active: input.active !== false,
      ...(password !== undefined ? { password } : {}),
      assignedAt: null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    this.commit(idpId, 'user.created', [], () => {
      this.insertUser(idpId, user);
      return { userIds: [user.id] };
    });
    return this.getUser(idpId, user.id);
  }

  updateUser(idpId: string, userId: string, patch: UpdateUserInput): DirectoryUserView {
    this.idp(idpId);
    this.commit(idpId, 'user.updated', [], () => {
      const current = this.requireUser(idpId, userId, false);
      const next: DirectoryUserRecord = { ...current };
      const fields: string[] = [];
      for (const key of [
        'userName',
        'givenName',
        'familyName',
        'displayName',
        'email',
        'department',
        'title',
      ] as const) {
        const value = patch[key];
        if (value === undefined) continue;
        const normalized = value === null || value === '' ? undefined : value;
        if (normalized === current[key]) continue;
        if (normalized === undefined) delete next[key];
        else (next as unknown as Record<string, unknown>)[key] = normalized;
        fields.push(key);
      }
      if (patch.password !== undefined) {
        next.password = hashPassword(patch.password);
        fields.push('password');
      }
      if (fields.length === 0) return undefined;
      next.updatedAt = this.clock.now();
      if (next.userName.toLowerCase() !== current.userName.toLowerCase()) {
        this.assertUserNameFree(idpId, next.userName);
      }
      this.updateUserRecord(idpId, next);
      return { userIds: [userId], fields };
    });
    return this.getUser(idpId, userId);
  }

  setUserActive(idpId: string, userId: string, active: boolean): DirectoryUserView {
    this.idp(idpId);
    this.commit(idpId, active ? 'user.reactivated' : 'user.deactivated', [], () => {
      const current = this.requireUser(idpId, userId, false);
      if (current.active === active) return undefined;
      this.updateUserRecord(idpId, { ...current, active, updatedAt: this.clock.now() });
      return { userIds: [userId] };
    });
    return this.getUser(idpId, userId);
  }

  /**
   * Deletes a user. Entra ID moves it to Deleted users first (soft delete, restorable) and
   * removes it for good on a second delete or with `purge`; the other IdPs delete at once. Okta
   * only deletes deactivated users.
   */
  deleteUser(idpId: string, userId: string, options: { purge?: boolean } = {}): void {
    const idp = this.idp(idpId);
    const current = this.requireUser(idpId, userId, true);
    const soft = idp.vendor === 'entra' && !options.purge && current.deletedAt === null;
    if (idp.vendor === 'okta' && current.active && current.deletedAt === null) {
      throw new ConflictError(
        'user_active',
        `Okta deletes only deactivated users: deactivate ${current.userName} first.`,
      );
    }
    this.commit(idpId, 'user.deleted', [userId], () => {
      if (soft) {
        const now = this.clock.now();
        this.updateUserRecord(idpId, { ...current, deletedAt: now, updatedAt: now });
      } else {
        this.store.directory.removeUser(idpId, userId);
      }
      return { userIds: [userId], hard: !soft };
    });
  }

  /** Entra ID: restores a soft-deleted user. */
  restoreUser(idpId: string, userId: string): DirectoryUserView {
    this.idp(idpId);
    this.commit(idpId, 'user.restored', [userId], () => {
      const current = this.requireUser(idpId, userId, true);
      if (current.deletedAt === null) {
        throw new ConflictError('not_deleted', `${current.userName} is not deleted.`);
      }
      this.updateUserRecord(idpId, { ...current, deletedAt: null, updatedAt: this.clock.now() });
      return { userIds: [userId] };
    });
    return this.getUser(idpId, userId);
  }

  // -------------------------------------------------------------------------------------------
  // Groups

  listGroups(idpId: string): DirectoryGroupView[] {
    this.idp(idpId);
    const counts = new Map<string, number>();
    for (const m of this.store.directory.memberships(idpId)) {
      counts.set(m.groupId, (counts.get(m.groupId) ?? 0) + 1);
    }
    return this.store.directory.groups(idpId).map((g) => groupView(g, counts.get(g.id) ?? 0));
  }

  getGroup(idpId: string, groupId: string): DirectoryGroupView {
    this.idp(idpId);
    const g = this.requireGroup(idpId, groupId);
    return groupView(g, this.store.directory.memberIds(idpId, groupId).length);
  }

  createGroup(idpId: string, input: CreateGroupInput): DirectoryGroupView {
    const idp = this.idp(idpId);
    const now = this.clock.now();
    const group: DirectoryGroupRecord = {
      id: idp.vendor === 'entra' || idp.vendor === 'ping' ? randomUUID() : newDirectoryId('00g'),
      name: input.name,
      description: input.description ?? '',
      assignedAt: null,
      pushedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    this.commit(idpId, 'group.created', [], () => {
      this.insertGroup(idpId, group);
      return { groupId: group.id };
    });
    return this.getGroup(idpId, group.id);
  }

  updateGroup(idpId: string, groupId: string, patch: UpdateGroupInput): DirectoryGroupView {
    this.idp(idpId);
    this.commit(idpId, 'group.updated', [], () => {
      const current = this.requireGroup(idpId, groupId);
      const fields: string[] = [];
      const next = { ...current };
      if (patch.name !== undefined && patch.name !== current.name) {
        next.name = patch.name;
        fields.push('name');
      }
      if (patch.description !== undefined && patch.description !== current.description) {
        next.description = patch.description;
        fields.push('description');
      }
      if (fields.length === 0) return undefined;
      next.updatedAt = this.clock.now();
      this.updateGroupRecord(idpId, next);
      return { groupId, fields };
    });
    return this.getGroup(idpId, groupId);
  }

  deleteGroup(idpId: string, groupId: string): void {
    this.idp(idpId);
    const members = this.store.directory.memberIds(idpId, groupId);
    this.commit(idpId, 'group.deleted', members, () => {
      const current = this.requireGroup(idpId, groupId);
      this.store.directory.removeGroup(idpId, groupId);
      return { groupId, userIds: members, deleteInTarget: current.pushedAt !== null };
    });
  }

  memberIds(idpId: string, groupId: string): string[] {
    this.idp(idpId);
    this.requireGroup(idpId, groupId);
    return this.store.directory.memberIds(idpId, groupId);
  }

  listMembers(idpId: string, groupId: string): DirectoryUserView[] {
    const ids = new Set(this.memberIds(idpId, groupId));
    return this.userViews(
      idpId,
      this.store.directory.users(idpId, { includeDeleted: true }).filter((u) => ids.has(u.id)),
    );
  }

  addMembers(idpId: string, groupId: string, userIds: readonly string[]): DirectoryGroupView {
    this.idp(idpId);
    this.requireGroup(idpId, groupId);
    this.requireUsers(idpId, userIds);
    this.commit(idpId, 'group.members', userIds, () => {
      const added = userIds.filter((u) => this.store.directory.addMember(idpId, groupId, u));
      if (added.length === 0) return undefined;
      this.touchGroup(idpId, groupId);
      return { groupId, userIds: added, added, removed: [] };
    });
    return this.getGroup(idpId, groupId);
  }

  removeMembers(idpId: string, groupId: string, userIds: readonly string[]): DirectoryGroupView {
    this.idp(idpId);
    this.requireGroup(idpId, groupId);
    const current = new Set(this.store.directory.memberIds(idpId, groupId));
    const missing = userIds.filter((u) => !current.has(u));
    if (missing.length > 0) {
      throw new NotFoundError('not_found', `Not members of the group: ${missing.join(', ')}.`);
    }
    this.commit(idpId, 'group.members', userIds, () => {
      const removed = userIds.filter((u) => this.store.directory.removeMember(idpId, groupId, u));
      if (removed.length === 0) return undefined;
      this.touchGroup(idpId, groupId);
      return { groupId, userIds: removed, added: [], removed };
    });
    return this.getGroup(idpId, groupId);
  }

  // -------------------------------------------------------------------------------------------
  // Assignments to the private-access application

  assignments(idpId: string): AssignmentsView {
    this.idp(idpId);
    const reader = this.reader(idpId);
    const users = reader.users(false);
    const counts = new Map<string, number>();
    for (const m of this.store.directory.memberships(idpId)) {
      counts.set(m.groupId, (counts.get(m.groupId) ?? 0) + 1);
    }
    return {
      users: users
        .filter((u) => u.assignedAt !== null)
        .map((u) => ({ id: u.id, userName: u.userName, assignedAt: isoTime(u.assignedAt!) })),
      groups: reader
        .groups()
        .filter((g) => g.assignedAt !== null)
        .map((g) => ({
          id: g.id,
          name: g.name,
          assignedAt: isoTime(g.assignedAt!),
          memberCount: counts.get(g.id) ?? 0,
        })),
      inScopeCount: users.filter((u) => reader.inScope(u)).length,
    };
  }

  assignUsers(idpId: string, userIds: readonly string[], assigned: boolean): void {
    this.idp(idpId);
    const users = this.requireUsers(idpId, userIds);
    if (!assigned) {
      const notAssigned = users.filter((u) => u.assignedAt === null);
      if (notAssigned.length > 0) {
        throw new NotFoundError(
          'not_assigned',
          `Not assigned to the application directly: ${notAssigned.map((u) => u.userName).join(', ')}.`,
        );
      }
    }
    this.commit(idpId, 'assignment', userIds, () => {
      const now = this.clock.now();
      const changed: string[] = [];
      for (const u of users) {
        if ((u.assignedAt !== null) === assigned) continue;
        this.updateUserRecord(idpId, { ...u, assignedAt: assigned ? now : null, updatedAt: now });
        changed.push(u.id);
      }
      return changed.length > 0 ? { userIds: changed, assigned } : undefined;
    });
  }

  assignGroup(idpId: string, groupId: string, assigned: boolean): void {
    this.idp(idpId);
    const group = this.requireGroup(idpId, groupId);
    if (!assigned && group.assignedAt === null) {
      throw new NotFoundError(
        'not_assigned',
        `Group ${group.name} is not assigned to the application.`,
      );
    }
    if ((group.assignedAt !== null) === assigned) return;
    const members = this.store.directory.memberIds(idpId, groupId);
    this.commit(idpId, 'assignment', members, () => {
      const now = this.clock.now();
      this.updateGroupRecord(idpId, {
        ...group,
        assignedAt: assigned ? now : null,
        updatedAt: now,
      });
      return { groupId, userIds: [], assigned };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Okta Push Groups

  setGroupPushed(
    idpId: string,
    groupId: string,
    pushed: boolean,
    options: { deleteInTarget?: boolean } = {},
  ): DirectoryGroupView {
    const idp = this.idp(idpId);
    if (!PUSH_GROUP_VENDORS.includes(idp.vendor)) {
      throw new ConflictError(
        'push_groups_unsupported',
        `Push Groups is an Okta feature; ${idp.vendor === 'entra' ? 'Entra ID' : 'PingFederate'} provisions the groups in scope.`,
      );
    }
    this.commit(idpId, pushed ? 'group.pushed' : 'group.unpushed', [], () => {
      const current = this.requireGroup(idpId, groupId);
      if ((current.pushedAt !== null) === pushed) return undefined;
      const now = this.clock.now();
      this.updateGroupRecord(idpId, { ...current, pushedAt: pushed ? now : null, updatedAt: now });
      return pushed ? { groupId } : { groupId, deleteInTarget: options.deleteInTarget !== false };
    });
    return this.getGroup(idpId, groupId);
  }

  // -------------------------------------------------------------------------------------------
  // Internals

  /**
   * Runs a change in one transaction, computing which of `watch` (plus the users the change
   * names) entered or left the application's scope, then emits 'directory.changed'. `apply`
   * returns undefined when nothing changed (no event).
   */
  private commit(
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

  private scopeOf(idpId: string, userIds: Iterable<string>): Set<string> {
    const reader = this.reader(idpId);
    const out = new Set<string>();
    for (const id of userIds) if (reader.inScope(id)) out.add(id);
    return out;
  }

  private idp(idpId: string): IdpConfig {
    return this.idps.get(idpId);
  }

  private requireUser(idpId: string, userId: string, includeDeleted: boolean) {
    const u = this.store.directory.user(idpId, userId);
    if (!u || (!includeDeleted && u.deletedAt !== null)) {
      throw new NotFoundError(
        'not_found',
        u ? `User ${u.userName} is deleted; restore it first.` : `No directory user ${userId}.`,
      );
    }
    return u;
  }

  private requireUsers(idpId: string, userIds: readonly string[]): DirectoryUserRecord[] {
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

  private requireGroup(idpId: string, groupId: string) {
    const g = this.store.directory.group(idpId, groupId);
    if (!g) throw new NotFoundError('not_found', `No directory group ${groupId}.`);
    return g;
  }

  private assertUserNameFree(idpId: string, userName: string) {
    if (this.store.directory.userByName(idpId, userName)) throw userTaken(userName);
  }

  private insertUser(idpId: string, user: DirectoryUserRecord) {
    try {
      this.store.directory.insertUser(idpId, user);
    } catch (e) {
      if (e instanceof UniquenessViolation) throw userTaken(user.userName);
      throw e;
    }
  }

  private updateUserRecord(idpId: string, user: DirectoryUserRecord) {
    try {
      this.store.directory.updateUser(idpId, user);
    } catch (e) {
      if (e instanceof UniquenessViolation) throw userTaken(user.userName);
      throw e;
    }
  }

  private insertGroup(idpId: string, group: DirectoryGroupRecord) {
    try {
      this.store.directory.insertGroup(idpId, group);
    } catch (e) {
      if (e instanceof UniquenessViolation) throw groupTaken(group.name);
      throw e;
    }
  }

  private updateGroupRecord(idpId: string, group: DirectoryGroupRecord) {
    try {
      this.store.directory.updateGroup(idpId, group);
    } catch (e) {
      if (e instanceof UniquenessViolation) throw groupTaken(group.name);
      throw e;
    }
  }

  private touchGroup(idpId: string, groupId: string) {
    const g = this.store.directory.group(idpId, groupId);
    if (g) this.store.directory.updateGroup(idpId, { ...g, updatedAt: this.clock.now() });
  }

  private userViews(idpId: string, users: DirectoryUserRecord[]): DirectoryUserView[] {
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

function groupView(g: DirectoryGroupRecord, memberCount: number): DirectoryGroupView {
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
