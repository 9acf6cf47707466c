/**
 * The SCIM attribute definitions of an IdP, as the ZPA API lists them for policy: each has an id
 * (what a SCIM criterion's lhs holds) and a name (shown only). Policy matches ids, never names
 * (domain.md §2.2, §7). The definitions are the supported list (SCIM_POLICY_ATTRIBUTES, no custom
 * attributes), the same for every IdP; their ids are derived from the IdP id and the attribute,
 * so they are stable without being stored. Pure.
 */
import { createHash } from 'node:crypto';
import { SCIM_POLICY_ATTRIBUTES } from '../../../shared/model/policy.js';

export interface ScimAttributeDefinition {
  /** 19-digit id, like ZPA's. */
  id: string;
  /** The attribute's path (`department`, `name.givenName`). */
  name: string;
  idpId: string;
  /** Lives in the enterprise User extension. */
  enterprise: boolean;
}

const idOf = (idpId: string, path: string) => {
  const hex = createHash('sha256').update(`${idpId}\0scim-attribute\0${path}`).digest('hex');
  return `7${(BigInt(`0x${hex.slice(0, 16)}`) % 10n ** 18n).toString().padStart(18, '0')}`;
};

const cache = new Map<string, readonly ScimAttributeDefinition[]>();

export function scimAttributeDefinitions(idpId: string): readonly ScimAttributeDefinition[] {
  let defs = cache.get(idpId);
  if (!defs) {
    defs = SCIM_POLICY_ATTRIBUTES.map((a) => ({
      id: idOf(idpId, a.path),
      name: a.path,
      idpId,
      enterprise: a.enterprise,
    }));
    if (cache.size > 1000) cache.clear();
    cache.set(idpId, defs);
  }
  return defs;
}

/** The definition a SCIM criterion names: its IdP and the attribute id. */
export const scimAttributeById = (idpId: string | undefined, id: string) =>
  idpId === undefined ? undefined : scimAttributeDefinitions(idpId).find((d) => d.id === id);

/** The id of an attribute given by name (for hints, seeds and tests). */
export const scimAttributeId = (idpId: string, name: string): string | undefined =>
  scimAttributeDefinitions(idpId).find((d) => d.name.toLowerCase() === name.toLowerCase())?.id;
