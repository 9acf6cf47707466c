/**
 * The index hint of a SCIM filter: an equality on an indexed attribute that every match must
 * satisfy, so the store can narrow candidates before the filter runs.
 */
import type { Filter } from 'scim2-parse-filter';
import { findAttribute, type ResourceTypeName } from './schemas.js';

export interface FilterHint {
  attr: 'id' | 'userName' | 'externalId' | 'displayName';
  value: string;
  /** False for userName/displayName: the index lookup must be case-insensitive. */
  caseExact: boolean;
}

const HINT_ATTRS: Record<ResourceTypeName, ReadonlySet<string>> = {
  User: new Set(['id', 'userName', 'externalId']),
  Group: new Set(['id', 'displayName', 'externalId']),
};

/** Only `eq` at the top, or inside top-level `and`s, is implied by the whole filter. */
export function findHint(f: Filter, type: ResourceTypeName): FilterHint | undefined {
  if (f.op === 'and') {
    for (const c of f.filters) {
      const h = findHint(c, type);
      if (h) return h;
    }
    return undefined;
  }
  if (f.op !== 'eq' || typeof f.compValue !== 'string') return undefined;
  const node = findAttribute(type, f.attrPath);
  if (!node || node.parent || node.isExtension || !HINT_ATTRS[type].has(node.name))
    return undefined;
  return {
    attr: node.name as FilterHint['attr'],
    value: f.compValue,
    caseExact: node.def.caseExact,
  };
}
