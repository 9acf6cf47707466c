/** The directory of a bundled IdP as its admin API and its SCIM push client see it. */

export type DirectoryChangeKind =
  | 'user.created'
  | 'user.updated'
  | 'user.deactivated'
  | 'user.reactivated'
  /** Soft delete (Entra ID) or hard delete (see `hard`). */
  | 'user.deleted'
  | 'user.restored'
  | 'group.created'
  | 'group.updated'
  | 'group.deleted'
  | 'group.members'
  | 'assignment'
  | 'group.pushed'
  | 'group.unpushed';

/**
 * One committed change of an IdP directory (event 'directory.changed'). `scope` lists the users
 * whose assignment to the private-access application (direct or through an assigned group)
 * started or ended with this change, so a push client need not recompute it.
 */
export interface DirectoryChange {
  idpId: string;
  kind: DirectoryChangeKind;
  at: number;
  /** Users the change is about (created, updated, (de)activated, deleted, assigned, added...). */
  userIds: string[];
  groupId?: string;
  /** user.updated / group.updated: the fields that changed. */
  fields?: string[];
  /** group.members: who was added and removed. */
  added?: string[];
  removed?: string[];
  /** assignment: assigned or unassigned; user.deleted: hard delete (purge) or soft delete. */
  assigned?: boolean;
  hard?: boolean;
  /** group.unpushed / group.deleted of a pushed group: delete the group in the target too. */
  deleteInTarget?: boolean;
  scope: { entered: string[]; left: string[] };
}

export interface GroupRef {
  id: string;
  name: string;
}

/** A directory user for the admin API (never the password hash). */
export interface DirectoryUserView {
  id: string;
  userName: string;
  givenName: string;
  familyName: string;
  displayName: string;
  email: string;
  department: string | null;
  title: string | null;
  status: 'active' | 'deactivated' | 'deleted';
  active: boolean;
  passwordSet: boolean;
  groups: GroupRef[];
  assignment: {
    /** Assigned directly or through an assigned group (and not deleted). */
    inScope: boolean;
    direct: boolean;
    directAssignedAt: string | null;
    viaGroups: (GroupRef & { assignedAt: string })[];
  };
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface DirectoryGroupView {
  id: string;
  name: string;
  description: string;
  memberCount: number;
  assigned: boolean;
  assignedAt: string | null;
  /** Okta Push Groups. */
  pushed: boolean;
  pushedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AssignmentsView {
  users: { id: string; userName: string; assignedAt: string }[];
  groups: { id: string; name: string; assignedAt: string; memberCount: number }[];
  /** Users in scope through either path. */
  inScopeCount: number;
}

export interface CreateUserInput {
  userName: string;
  givenName: string;
  familyName: string;
  displayName?: string;
  email?: string;
  department?: string;
  title?: string;
  active?: boolean;
  /** Clear text, hashed with scrypt. */
  password?: string;
  /** An scrypt hash already computed (seeding, benchmarks). */
  passwordHash?: string;
}

export interface UpdateUserInput {
  userName?: string;
  givenName?: string;
  familyName?: string;
  displayName?: string;
  email?: string;
  /** null removes the attribute. */
  department?: string | null;
  title?: string | null;
  password?: string;
}

export interface CreateGroupInput {
  name: string;
  description?: string;
}

export interface UpdateGroupInput {
  name?: string;
  description?: string;
}
