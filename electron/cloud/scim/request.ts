/**
 * What a SCIM request carries into the service (its target, list query, preconditions, the
 * sync-log note) and the checks on its parameters: If-Match against the ETag, integers,
 * sortOrder.
 */
import type { ScimResourceType } from '../store/types.js';
import { ScimError } from './errors.js';

/** Where the request is aimed: one IdP's SCIM service, and its absolute base URL. */
export interface ScimTarget {
  idpId: string;
  baseUrl: string;
}

/** Filled in by the service as it learns which entity a request touched, for the sync log. */
export interface EntityNote {
  entityType?: ScimResourceType;
  entityName?: string | null;
  idpEntityId?: string | null;
  internalEntityId?: string | null;
}

export interface ListQuery {
  filter?: string;
  startIndex?: string;
  count?: string;
  sortBy?: string;
  sortOrder?: string;
  attributes?: string;
  excludedAttributes?: string;
}

export interface Preconditions {
  ifMatch?: string;
}

export const etagOf = (version: number) => `W/"${version}"`;

export function checkIfMatch(pre: Preconditions, version: number) {
  if (pre.ifMatch === undefined) return;
  const tags = pre.ifMatch.split(',').map((t) => t.trim());
  const current = etagOf(version);
  const strong = `"${version}"`;
  if (!tags.some((t) => t === '*' || t === current || t === strong)) {
    throw new ScimError(412, `Resource changed: current version is ${current}.`);
  }
}

export function integerParam(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw.trim())) {
    throw new ScimError(400, `${name} must be an integer.`, 'invalidValue');
  }
  return Number.parseInt(raw, 10);
}

export function sortOrderParam(raw: string | undefined): 'ascending' | 'descending' | undefined {
  if (raw === undefined || raw === '') return undefined;
  const v = raw.toLowerCase();
  if (v === 'ascending' || v === 'descending') return v;
  throw new ScimError(400, 'sortOrder must be "ascending" or "descending".', 'invalidValue');
}
