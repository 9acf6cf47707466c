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

/**
 * externalId lives in its own indexed column, not in the attribute document. The stored document
 * (the attributes without externalId, in their order) and the column's value, without changing
 * `attributes`. Not a `delete`: it turns an object into a dictionary, which every later step of a
 * write then copies, compares and serialises more slowly (~5 µs a PATCH in all, measured alone).
 */
export function splitExternalId(attributes: Record<string, unknown>) {
  const { externalId, ...document } = attributes;
  return { externalId: typeof externalId === 'string' ? externalId : null, attributes: document };
}

/**
 * Whether an update changed the resource's attributes beyond `active` and the write-only password
 * (a profile update). Compared as their JSON would be, key order included, without writing the
 * JSON out: serialising the whole resource twice cost every PATCH more than its event's listeners.
 */
export function profileChanged(before: StoredResource, after: StoredResource): boolean {
  return !sameJson(profileOf(before), profileOf(after));
}

/** A resource's attributes without `active` and the write-only password: its profile. */
function profileOf({ attributes }: StoredResource): Record<string, unknown> {
  const { active: _active, password: _password, ...profile } = attributes;
  return profile;
}

/** Equality of two JSON values (what JSON.parse gives), object key order included. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((v, i) => sameJson(v, b[i]))
    );
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const kx = Object.keys(x);
  const ky = Object.keys(y);
  return kx.length === ky.length && kx.every((k, i) => k === ky[i] && sameJson(x[k], y[k]));
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
