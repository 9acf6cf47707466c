/**
 * Store interface of the bundled IdPs' directories (idp/directory owns the data): users, groups,
 * memberships and assignments to the private-access application. Re-exported by types.ts.
 */

/** A directory user as stored. Times are milliseconds since the epoch (simulated clock). */
export interface DirectoryUserRecord {
  /** Okta-style id (00u...); the push clients send it as the SCIM externalId. */
  id: string;
  /** Sign-in name, an email address: the SAML NameID and the SCIM userName. */
  userName: string;
  givenName: string;
  familyName: string;
  displayName: string;
  email: string;
  department?: string;
  title?: string;
  active: boolean;
  /** scrypt hash (security/passwords.ts); absent for users who cannot sign in with a password. */
  password?: string;
  /** When the user was assigned directly to the private-access application; null if not. */
  assignedAt: number | null;
  createdAt: number;
  updatedAt: number;
  /** Entra ID soft delete (deleted users, restorable); null otherwise. Hard deletes remove the row. */
  deletedAt: number | null;
}

/** The profile fields of a directory user: what an admin edits and what a push sends. */
export const DIRECTORY_PROFILE_KEYS = [
  'userName',
  'givenName',
  'familyName',
  'displayName',
  'email',
  'department',
  'title',
] as const satisfies readonly (keyof DirectoryUserRecord)[];

export interface DirectoryGroupRecord {
  id: string;
  name: string;
  description: string;
  /** When the group was assigned to the private-access application; null if not. */
  assignedAt: number | null;
  /** Okta "Push Groups": when the group was pushed to the application; null if not pushed. */
  pushedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/**
 * A directory user as the sign-in code reads it (`list()`): the record plus its group names and
 * whether it is in scope of the private-access application (assigned directly or through an
 * assigned group). Soft-deleted users are not listed.
 */
export interface DirectoryUser {
  id: string;
  userName: string;
  password?: string;
  active?: boolean;
  givenName?: string;
  familyName?: string;
  displayName?: string;
  email?: string;
  department?: string;
  title?: string;
  /** Names of the groups the user is a member of. */
  groups?: string[];
  /** In scope of the private-access application (directly or through an assigned group). */
  assigned?: boolean;
  [attribute: string]: unknown;
}

export interface DirectoryMembership {
  groupId: string;
  userId: string;
}

export interface DirectoryStore {
  /** Users for sign-in (not soft-deleted), in creation order, with group names and scope. */
  list(idpId: string): DirectoryUser[];
  /** Number of users that are not soft-deleted. */
  count(idpId: string): number;
  /**
   * Inserts or replaces a user given in the `list()` shape; `groups` (names) become memberships,
   * creating missing groups, and `assigned: true` a direct assignment. Prefer DirectoryService.
   */
  upsert(idpId: string, user: DirectoryUser): void;

  users(idpId: string, options?: { includeDeleted?: boolean }): DirectoryUserRecord[];
  user(idpId: string, id: string): DirectoryUserRecord | undefined;
  /** Case-insensitive, soft-deleted users included. */
  userByName(idpId: string, userName: string): DirectoryUserRecord | undefined;
  /** Throws UniquenessViolation when the userName is taken (case-insensitively) in the IdP. */
  insertUser(idpId: string, user: DirectoryUserRecord): void;
  updateUser(idpId: string, user: DirectoryUserRecord): void;
  /** Hard delete, with the user's memberships. */
  removeUser(idpId: string, id: string): boolean;

  groups(idpId: string): DirectoryGroupRecord[];
  group(idpId: string, id: string): DirectoryGroupRecord | undefined;
  groupByName(idpId: string, name: string): DirectoryGroupRecord | undefined;
  /** Throws UniquenessViolation when the name is taken (case-insensitively) in the IdP. */
  insertGroup(idpId: string, group: DirectoryGroupRecord): void;
  updateGroup(idpId: string, group: DirectoryGroupRecord): void;
  /** Deletes the group and its memberships. */
  removeGroup(idpId: string, id: string): boolean;

  memberIds(idpId: string, groupId: string): string[];
  groupIdsOf(idpId: string, userId: string): string[];
  memberships(idpId: string): DirectoryMembership[];
  /** False when the user was already a member. */
  addMember(idpId: string, groupId: string, userId: string): boolean;
  /** False when the user was not a member. */
  removeMember(idpId: string, groupId: string, userId: string): boolean;

  removeAllOfIdp(idpId: string): void;
}
