/**
 * Reading the SCIM database as SCIM (RFC 7643 §3, RFC 7644 §3.4): a stored resource's full
 * representation (computed groups / members, meta) and list pages with filter, sort and paging.
 */
import { isoTime } from '../clock/clock.js';
import type { ScimResourceType, Store, StoredResource } from '../store/types.js';
import { compileFilter } from './filter.js';
import { projectResource, sortComparator } from './projection.js';
import { LIST_RESPONSE_SCHEMA } from './schemas.js';
import {
  etagOf,
  integerParam,
  sortOrderParam,
  type ListQuery,
  type ScimTarget,
} from './request.js';
import { memberView } from './stored-resource.js';

export type ScimResource = Record<string, unknown> & { id: string };

export const MAX_RESULTS = 1000;
const DEFAULT_COUNT = 100;

const endpointOf = (type: ScimResourceType) => (type === 'User' ? 'Users' : 'Groups');

/** The full SCIM representation of a stored resource. */
export function representResource(
  store: Store,
  type: ScimResourceType,
  target: ScimTarget,
  r: StoredResource,
  knownGroups?: unknown,
): ScimResource {
  const computed =
    type === 'User'
      ? { groups: knownGroups ?? groupsOfUser(store, target, r.id) }
      : { members: membersOfGroup(store, target, r.id) };
  const resource: ScimResource = bodyOf(r, computed);
  resource.meta = {
    resourceType: type,
    created: isoTime(r.created),
    lastModified: isoTime(r.lastModified),
    location: `${target.baseUrl}/${endpointOf(type)}/${r.id}`,
    version: etagOf(r.version),
  };
  return resource;
}

/**
 * What a PATCH applies its operations to: the representation without `meta` and, for a user,
 * without its read-only `groups` (returned apart, for the response), in the representation's key
 * order. Built without the meta a PATCH would throw away (its two timestamps cost more than the
 * rest of it).
 */
export function patchableResource(
  store: Store,
  type: ScimResourceType,
  target: ScimTarget,
  r: StoredResource,
): { patchable: Record<string, unknown>; groups?: unknown } {
  if (type === 'User') {
    return { patchable: bodyOf(r, {}), groups: groupsOfUser(store, target, r.id) };
  }
  return { patchable: bodyOf(r, { members: membersOfGroup(store, target, r.id) }) };
}

const groupsOfUser = (store: Store, target: ScimTarget, id: string) =>
  store.scim.groupsOf(target.idpId, id).map((g) => ({ ...g, type: 'direct' }));

const membersOfGroup = (store: Store, target: ScimTarget, id: string) =>
  store.scim.members(target.idpId, id).map(memberView);

/** The representation's attributes in its key order, `computed` (groups or members) last. */
const bodyOf = (r: StoredResource, computed: Record<string, unknown>): ScimResource => ({
  schemas: r.attributes.schemas,
  id: r.id,
  ...r.attributes,
  ...(r.externalId !== null ? { externalId: r.externalId } : {}),
  ...computed,
});

/** A page of resources, filtered and sorted (RFC 7644 §3.4.2). */
export function listResources(
  store: Store,
  type: ScimResourceType,
  target: ScimTarget,
  q: ListQuery,
) {
  const startIndex = Math.max(1, integerParam(q.startIndex, 'startIndex') ?? 1);
  const count = Math.min(MAX_RESULTS, Math.max(0, integerParam(q.count, 'count') ?? DEFAULT_COUNT));
  const sortOrder = sortOrderParam(q.sortOrder);
  let total: number;
  let page: ScimResource[];

  if (q.filter !== undefined || q.sortBy !== undefined) {
    const resources = matching(store, type, target, q.filter);
    if (q.sortBy !== undefined) resources.sort(sortComparator(q.sortBy, sortOrder, type));
    total = resources.length;
    page = resources.slice(startIndex - 1, startIndex - 1 + count);
  } else {
    // No filter, no sort: page straight from the store in creation order.
    total = store.scim.count(type, target.idpId);
    page = store.scim
      .page(type, target.idpId, startIndex - 1, count)
      .map((r) => representResource(store, type, target, r));
  }
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: total,
    startIndex,
    itemsPerPage: page.length,
    Resources: page.map((r) => projectResource(r, q, type)),
  };
}

/** Every resource the filter matches; an id, externalId or name equality reads only those. */
function matching(
  store: Store,
  type: ScimResourceType,
  target: ScimTarget,
  filterText: string | undefined,
) {
  if (filterText === undefined || filterText.trim() === '') {
    return store.scim.all(type, target.idpId).map((r) => representResource(store, type, target, r));
  }
  const filter = compileFilter(filterText, type);
  const hint = filter.hint;
  let candidates: StoredResource[];
  if (!hint) candidates = store.scim.all(type, target.idpId);
  else if (hint.attr === 'id') {
    const one = store.scim.get(type, target.idpId, hint.value);
    candidates = one ? [one] : [];
  } else if (hint.attr === 'externalId') {
    candidates = store.scim.findByExternalId(type, target.idpId, hint.value);
  } else candidates = store.scim.findByName(type, target.idpId, hint.value);
  const out: ScimResource[] = [];
  for (const c of candidates) {
    const full = representResource(store, type, target, c);
    if (filter.test(full)) out.push(full);
  }
  return out;
}
