/** The directory of a bundled IdP as its admin API and its SCIM push client see it. */
import type { z } from 'zod';
import type {
  assignmentsView,
  directoryGroupView,
  directoryUserView,
  groupRef,
} from '../../../../shared/contract/cloud-api/directory-views.js';

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

/** The admin API's views of the directory: their shapes are the contract's (directory-views.ts). */
export type GroupRef = z.output<typeof groupRef>;
/** A directory user for the admin API (never the password hash). */
export type DirectoryUserView = z.output<typeof directoryUserView>;
export type DirectoryGroupView = z.output<typeof directoryGroupView>;
export type AssignmentsView = z.output<typeof assignmentsView>;

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
