import type { IdpVendor } from '../../../../shared/model/idp.js';
import { NotFoundError, ConflictError } from '../../domain-errors.js';
import { isoTime } from '../../clock/clock.js';
import type { AssignmentsView, DirectoryGroupView } from './types.js';
import { DirectoryGroups } from './groups.js';

/** Vendors whose admins push groups explicitly (Okta "Push Groups"); the others sync assigned groups. */
export const PUSH_GROUP_VENDORS: readonly IdpVendor[] = ['okta', 'generic'];

/**
 * The directory of each bundled IdP: users (users.ts), groups (groups.ts), and here the
 * assignments to the private-access application and Okta's Push Groups. Every change is
 * committed in one transaction and then announced as 'directory.changed', with the users whose
 * scope it changed (core.ts).
 */
export class DirectoryService extends DirectoryGroups {
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
}
