/** How stored SCIM resources map to their representation: members, names, externalId. */
import {
  UniquenessViolation,
  type GroupMember,
  type ScimResourceType,
  type StoredResource,
} from '../store/types.js';
import { ScimError } from './errors.js';

export const memberView = (m: GroupMember) => ({
  value: m.value,
  type: m.type,
  ...(m.display !== null ? { display: m.display } : {}),
});

/** What a group shows for a user member (see the members query in the store). */
export const displayOf = (r: StoredResource) =>
  typeof r.attributes.displayName === 'string' ? r.attributes.displayName : r.name;

export const nameOf = (type: ScimResourceType, attributes: Record<string, unknown>) =>
  String(type === 'User' ? attributes.userName : attributes.displayName);

/** externalId lives in its own indexed column, not in the attribute document. */
export function takeExternalId(attributes: Record<string, unknown>): string | null {
  const value = attributes.externalId;
  delete attributes.externalId;
  return typeof value === 'string' ? value : null;
}

export function uniquenessError(e: unknown, name: string) {
  if (e instanceof UniquenessViolation) {
    return new ScimError(
      409,
      `userName "${name}" is already taken in this IdP's SCIM database.`,
      'uniqueness',
    );
  }
  return e;
}
