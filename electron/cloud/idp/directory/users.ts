/** Directory users: create, update, (de)activate, soft-delete, restore, purge. */
import { randomUUID } from 'node:crypto';
import { ConflictError } from '../../domain-errors.js';
import { hashPassword } from '../../security/passwords.js';
import { newDirectoryId } from '../../store/sqlite-directory-store.js';
import { DIRECTORY_PROFILE_KEYS } from '../../store/directory-types.js';
import { type DirectoryUserRecord } from '../../store/types.js';
import type { CreateUserInput, DirectoryUserView, UpdateUserInput } from './types.js';
import { DirectoryCore } from './core.js';

export class DirectoryUsers extends DirectoryCore {
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
      for (const key of DIRECTORY_PROFILE_KEYS) {
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
}
