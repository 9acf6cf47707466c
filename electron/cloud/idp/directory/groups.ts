/** Directory groups and their members. */
import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../../domain-errors.js';
import { newDirectoryId } from '../../store/sqlite-directory-store.js';
import { type DirectoryGroupRecord } from '../../store/types.js';
import type {
  CreateGroupInput,
  DirectoryGroupView,
  DirectoryUserView,
  UpdateGroupInput,
} from './types.js';
import { DirectoryUsers } from './users.js';
import { groupView } from './core.js';

export class DirectoryGroups extends DirectoryUsers {
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
}
