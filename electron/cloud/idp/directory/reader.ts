import type { DirectoryGroupRecord, DirectoryUserRecord, Store } from '../../store/types.js';

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
