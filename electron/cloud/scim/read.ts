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
      ? {
          groups:
            knownGroups ??
            store.scim.groupsOf(target.idpId, r.id).map((g) => ({ ...g, type: 'direct' })),
        }
      : { members: store.scim.members(target.idpId, r.id).map(memberView) };
  return {
    schemas: r.attributes.schemas,
    id: r.id,
    ...r.attributes,
    ...(r.externalId !== null ? { externalId: r.externalId } : {}),
    ...computed,
    meta: {
      resourceType: type,
      created: isoTime(r.created),
      lastModified: isoTime(r.lastModified),
      location: `${target.baseUrl}/${endpointOf(type)}/${r.id}`,
      version: etagOf(r.version),
    },
  };
}

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
