import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock/clock.js';
import type { CloudEvents } from '../events.js';
import {
  type GroupMember,
  type ScimResourceType,
  type Store,
  type StoredResource,
} from '../store/types.js';
import { ScimError } from './errors.js';
import { GroupCommit } from './group-commit.js';
import { applyPatch } from './patch.js';
import { normalizeGroupInput, normalizeUserInput } from './resource.js';
import { listResources, patchableResource, representResource, type ScimResource } from './read.js';
import {
  checkIfMatch,
  etagOf,
  type EntityNote,
  type ListQuery,
  type Preconditions,
  type ScimTarget,
} from './request.js';
import {
  displayOf,
  nameOf,
  profileChanged,
  splitExternalId,
  uniquenessError,
} from './stored-resource.js';

/**
 * The SCIM 2.0 resource operations (RFC 7644 §3) over the store. Every write runs in one
 * transaction (a savepoint of a group commit) after all validation, so a refused request changes
 * nothing; it is committed before the returned promise settles.
 */
export class ScimService {
  private readonly commit: GroupCommit;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly events: CloudEvents,
  ) {
    this.commit = new GroupCommit(store.transaction);
  }

  /** The full SCIM representation of a stored resource (read.ts). */
  represent(
    type: ScimResourceType,
    target: ScimTarget,
    r: StoredResource,
    knownGroups?: unknown,
  ): ScimResource {
    return representResource(this.store, type, target, r, knownGroups);
  }

  /** A page of resources, filtered and sorted (RFC 7644 §3.4.2; read.ts). */
  list(type: ScimResourceType, target: ScimTarget, q: ListQuery) {
    return this.store.scim.snapshot(() => listResources(this.store, type, target, q));
  }

  get(type: ScimResourceType, target: ScimTarget, id: string, note: EntityNote) {
    return this.store.scim.snapshot(() => {
      const stored = this.require(type, target, id, note);
      return { resource: this.represent(type, target, stored), etag: etagOf(stored.version) };
    });
  }

  async create(type: ScimResourceType, target: ScimTarget, body: unknown, note: EntityNote) {
    const input = this.normalize(type, body, note);
    const now = this.clock.now();
    const { members, ...rest } = input as Record<string, unknown> & { members?: unknown };
    const { externalId, attributes } = splitExternalId(rest);
    const stored: StoredResource = {
      id: randomUUID(),
      name: nameOf(type, attributes),
      externalId,
      active: type === 'User' ? attributes.active !== false : true,
      version: 1,
      created: now,
      lastModified: now,
      attributes,
    };
    note.internalEntityId = stored.id;
    // Represented inside the transaction: a group's members are read there at no read lock of
    // their own. A new user is in no group: only a group write adds members, and it refuses an
    // id that does not exist yet, which this one does not until the commit; so no read.
    const { resource, signedIn } = await this.commit.run(() => {
      this.insertOrConflict(type, target, stored);
      if (type === 'Group') this.writeMembers(target, stored.id, members, true, now);
      return {
        resource: this.represent(type, target, stored, type === 'User' ? [] : undefined),
        signedIn: this.signedIn(type, target, stored.name),
      };
    });
    this.events.emit('scim.changed', {
      idpId: target.idpId,
      resourceType: type,
      id: stored.id,
      change: 'created',
      name: stored.name,
      active: stored.active,
      ...signedIn,
    });
    return { resource, etag: etagOf(stored.version) };
  }

  async replace(
    type: ScimResourceType,
    target: ScimTarget,
    id: string,
    body: unknown,
    pre: Preconditions,
    note: EntityNote,
  ) {
    const input = this.normalize(type, body, note);
    const { members, ...attributes } = input as Record<string, unknown> & { members?: unknown };
    return this.write(type, target, id, pre, note, () => ({
      attributes: { ...attributes },
      members: members ?? [],
    }));
  }

  async patch(
    type: ScimResourceType,
    target: ScimTarget,
    id: string,
    body: unknown,
    pre: Preconditions,
    note: EntityNote,
  ) {
    return this.write(type, target, id, pre, note, (current) => {
      const { patchable, groups } = patchableResource(this.store, type, target, current);
      const patched = applyPatch(patchable, body, type);
      const {
        id: _id,
        meta: _m,
        groups: _g,
        members,
        ...attributes
      } = patched as Record<string, unknown>;
      // A user's groups are read-only and no user PATCH changes them: reuse what was read.
      return { attributes, members: members ?? [], groups };
    });
  }

  async remove(
    type: ScimResourceType,
    target: ScimTarget,
    id: string,
    pre: Preconditions,
    note: EntityNote,
  ) {
    const { removed, signedIn } = await this.commit.run(() => {
      const current = this.require(type, target, id, note);
      checkIfMatch(pre, current.version);
      const now = this.clock.now();
      for (const groupId of this.store.scim.groupIdsOf(target.idpId, id)) {
        this.touch('Group', target, groupId, now);
      }
      this.store.scim.removeMemberEverywhere(target.idpId, id);
      if (type === 'Group') this.writeMembers(target, id, [], true, now);
      this.store.scim.remove(type, target.idpId, id);
      return { removed: current, signedIn: this.signedIn(type, target, current.name) };
    });
    this.events.emit('scim.changed', {
      idpId: target.idpId,
      resourceType: type,
      id,
      change: 'deleted',
      name: removed.name,
      previousName: removed.name,
      active: false,
      previousActive: removed.active,
      ...signedIn,
    });
  }

  /** Shared by PUT and PATCH: compute the new state from the current one, then store it. */
  private async write(
    type: ScimResourceType,
    target: ScimTarget,
    id: string,
    pre: Preconditions,
    note: EntityNote,
    next: (current: StoredResource) => {
      attributes: Record<string, unknown>;
      members: unknown;
      groups?: unknown;
    },
  ) {
    const { before, after, groups, signedIn } = await this.commit.run(() => {
      const current = this.require(type, target, id, note);
      checkIfMatch(pre, current.version);
      const n = next(current);
      const { externalId, attributes } = splitExternalId(n.attributes);
      const updated: StoredResource = {
        ...current,
        name: nameOf(type, attributes),
        externalId,
        active: type === 'User' ? attributes.active !== false : true,
        attributes,
        version: current.version + 1,
        lastModified: Math.max(this.clock.now(), current.lastModified),
      };
      note.entityName = updated.name;
      note.idpEntityId = updated.externalId;
      try {
        this.store.scim.update(type, target.idpId, updated);
      } catch (e) {
        throw uniquenessError(e, updated.name);
      }
      if (type === 'Group') {
        this.writeMembers(
          target,
          id,
          n.members,
          updated.name !== current.name,
          updated.lastModified,
        );
      } else if (displayOf(updated) !== displayOf(current)) {
        // Groups show their members' display names: a renamed user changes those groups too.
        for (const groupId of this.store.scim.groupIdsOf(target.idpId, id)) {
          this.touch('Group', target, groupId, updated.lastModified);
        }
      }
      const signedIn = this.signedIn(type, target, current.name);
      return { before: current, after: updated, groups: n.groups, signedIn };
    });
    this.events.emit('scim.changed', {
      idpId: target.idpId,
      resourceType: type,
      id,
      change: 'updated',
      name: after.name,
      previousName: before.name,
      active: after.active,
      previousActive: before.active,
      attributesChanged: profileChanged(before, after),
      ...signedIn,
    });
    return {
      resource: this.represent(type, target, after, groups),
      etag: etagOf(after.version),
    };
  }

  /**
   * For the event of a user's write, read inside its transaction: whether the user (`name` as it
   * was before the write, which is the one the broker looks up) has a live connector session.
   * Empty where the store cannot tell; the broker then reads the sessions itself.
   */
  private signedIn(type: ScimResourceType, target: ScimTarget, name: string) {
    if (type !== 'User') return {};
    const signedIn = this.store.auth.liveSessionAtCommit(target.idpId, name);
    return signedIn === undefined ? {} : { signedIn };
  }

  private normalize(type: ScimResourceType, body: unknown, note: EntityNote) {
    note.entityType = type;
    const input = type === 'User' ? normalizeUserInput(body) : normalizeGroupInput(body);
    note.entityName = nameOf(type, input);
    note.idpEntityId = typeof input.externalId === 'string' ? input.externalId : null;
    return input;
  }

  private require(type: ScimResourceType, target: ScimTarget, id: string, note: EntityNote) {
    note.entityType = type;
    note.internalEntityId = id;
    const stored = this.store.scim.get(type, target.idpId, id);
    if (!stored) throw new ScimError(404, `${type} ${id} not found.`);
    note.entityName ??= stored.name;
    note.idpEntityId ??= stored.externalId;
    return stored;
  }

  private insertOrConflict(type: ScimResourceType, target: ScimTarget, stored: StoredResource) {
    try {
      this.store.scim.insert(type, target.idpId, stored);
    } catch (e) {
      throw uniquenessError(e, stored.name);
    }
  }

  /**
   * Replaces a group's members after checking each one exists in this IdP's SCIM database. A
   * user's representation lists its groups, so every user who joins or leaves (all members, when
   * the group is created, renamed or deleted) gets a new version and ETag.
   */
  private writeMembers(
    target: ScimTarget,
    groupId: string,
    raw: unknown,
    touchAll: boolean,
    now: number,
  ) {
    const list = Array.isArray(raw) ? (raw as { value: string; type?: string }[]) : [];
    // A member already in the group was checked when it joined (a deleted resource leaves every
    // group), so only newcomers are looked up: adding 100 members to a group of 50,000 checks
    // 100, not 50,100 (Okta's Push Groups sends the members 100 to a PATCH).
    const stored = new Map(
      this.store.scim.memberRefs(target.idpId, groupId).map((m) => [m.value, m.type]),
    );
    const members: GroupMember[] = [];
    const seen = new Set<string>();
    for (const m of list) {
      if (seen.has(m.value)) continue;
      seen.add(m.value);
      const known = stored.get(m.value);
      const type =
        known !== undefined && (m.type === known || (m.type !== 'User' && m.type !== 'Group'))
          ? known
          : this.memberType(target, m.value, m.type);
      if (type === 'Group' && m.value === groupId) {
        throw new ScimError(400, 'A group cannot be a member of itself.', 'invalidValue');
      }
      members.push({ value: m.value, type, display: null });
    }
    const beforeIds = new Set([...stored].filter(([, t]) => t === 'User').map(([id]) => id));
    const afterIds = new Set(members.filter((m) => m.type === 'User').map((m) => m.value));
    this.store.scim.setMembers(target.idpId, groupId, members);
    for (const userId of new Set([...beforeIds, ...afterIds])) {
      if (touchAll || beforeIds.has(userId) !== afterIds.has(userId)) {
        this.touch('User', target, userId, now);
      }
    }
  }

  private memberType(target: ScimTarget, id: string, declared: string | undefined) {
    const wanted: ScimResourceType[] =
      declared === 'Group' ? ['Group'] : declared === 'User' ? ['User'] : ['User', 'Group'];
    for (const t of wanted) if (this.store.scim.get(t, target.idpId, id)) return t;
    throw new ScimError(
      400,
      `Member ${id} is not a ${wanted.join(' or ')} of this IdP.`,
      'invalidValue',
    );
  }

  /** A new version for a resource whose representation changed through another one. */
  private touch(type: ScimResourceType, target: ScimTarget, id: string, now: number) {
    const r = this.store.scim.get(type, target.idpId, id);
    if (r) {
      this.store.scim.update(type, target.idpId, {
        ...r,
        version: r.version + 1,
        lastModified: Math.max(now, r.lastModified),
      });
    }
  }
}
