/** The administration's consistency checks and helpers: references, overlaps, limits, names. */
import { randomInt } from 'node:crypto';
import {
  MAX_APP_OPERANDS_PER_RULE,
  POLICY_TYPES,
  type AppSegment,
  type PolicyRule,
  type PolicyType,
} from '../../../shared/model/policy.js';
import type { IdpService } from '../idp-config/idp-service.js';
import { NotFoundError, ConflictError, InvalidError } from '../domain-errors.js';
import { UniquenessViolation, type Store } from '../store/types.js';
import { scimAttributeById, scimAttributeId } from './scim-attributes.js';
import { formatRanges, rangesOverlap } from './segments.js';

/** ZPA-style 19-digit numeric ids, like the IdP ids. */
export const newId = (): string =>
  `${randomInt(1, 10)}${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e9)).padStart(9, '0')}`;

export const notFound = (what: string, id: string) =>
  new NotFoundError('not_found', `No ${what} with id ${id}.`);

export function checkSegment(store: Store, segment: AppSegment) {
  if (segment.tcpPortRanges.length === 0 && segment.udpPortRanges.length === 0) {
    throw new InvalidError(
      'invalid_request',
      'tcpPortRanges / udpPortRanges: give at least one TCP or UDP port range.',
    );
  }
  if (!store.policy.segmentGroup(segment.segmentGroupId)) {
    throw new InvalidError(
      'invalid_reference',
      `segmentGroupId: no segment group with id ${segment.segmentGroupId}.`,
    );
  }
  const own = new Set(segment.domains);
  for (const other of store.policy.segments()) {
    if (other.id === segment.id) continue;
    // A host and protocol belong to one segment only: no overlapping ports on the same entry.
    for (const d of other.domains) {
      if (!own.has(d)) continue;
      for (const [proto, a, b] of [
        ['TCP', segment.tcpPortRanges, other.tcpPortRanges],
        ['UDP', segment.udpPortRanges, other.udpPortRanges],
      ] as const) {
        if (rangesOverlap(a, b)) {
          throw new ConflictError(
            'segment_conflict',
            `${d} ${proto} ports ${formatRanges(a)} overlap application segment "${other.name}" (${formatRanges(b)}): a domain and port belong to one segment only.`,
          );
        }
      }
    }
  }
}

export function checkRule(store: Store, idps: Pick<IdpService, 'stored'>, rule: PolicyRule) {
  let apps = 0;
  const problems: string[] = [];
  rule.conditions.forEach((c, ci) =>
    c.operands.forEach((o, oi) => {
      const at = `conditions.${ci}.operands.${oi}`;
      const idp = (idpId: string, field: string) => {
        if (!idps.stored(idpId)) problems.push(`${at}.${field}: no IdP with id ${idpId}`);
      };
      if (o.objectType === 'APP') {
        apps++;
        if (!store.policy.segment(o.rhs)) {
          problems.push(`${at}.rhs: no application segment with id ${o.rhs}`);
        }
      } else if (o.objectType === 'APP_GROUP') {
        if (!store.policy.segmentGroup(o.rhs)) {
          problems.push(`${at}.rhs: no segment group with id ${o.rhs}`);
        }
      } else if (o.objectType === 'IDP') idp(o.rhs, 'rhs');
      else if (o.objectType === 'SCIM_GROUP') {
        idp(o.lhs, 'lhs');
        const problem = scimGroupProblem(store, o.lhs, o.rhs);
        if (problem) problems.push(`${at}.rhs: ${problem}`);
      } else if (o.objectType === 'SCIM') {
        const problem = scimAttributeProblem(o.idpId, o.lhs);
        if (problem) problems.push(`${at}.${o.idpId === undefined ? 'idpId' : 'lhs'}: ${problem}`);
      }
      if (o.idpId !== undefined && o.objectType !== 'SCIM_GROUP') idp(o.idpId, 'idpId');
    }),
  );
  if (problems.length) {
    throw new InvalidError('invalid_reference', problems.join('; '));
  }
  if (apps > MAX_APP_OPERANDS_PER_RULE) {
    throw new InvalidError(
      'limit_reached',
      `A rule can name at most ${MAX_APP_OPERANDS_PER_RULE} application segments (this one names ${apps}).`,
    );
  }
}

/** SCIM_GROUP criteria hold the id of a SCIM group of the IdP (the real API's ids; §7). */
function scimGroupProblem(store: Store, idpId: string, id: string): string | null {
  if (store.scim.get('Group', idpId, id)) return null;
  const named = store.scim.findByName('Group', idpId, id)[0];
  return named
    ? `give the SCIM group's id, not its name: "${named.name}" is ${named.id}`
    : `no SCIM group with id ${id} in IdP ${idpId} (the IdP must push it first)`;
}

/** SCIM criteria hold the id of one of the IdP's SCIM attribute definitions (§7). */
function scimAttributeProblem(idpId: string | undefined, id: string): string | null {
  if (idpId === undefined) return 'a SCIM attribute criterion names its IdP (idpId)';
  if (scimAttributeById(idpId, id)) return null;
  const named = scimAttributeId(idpId, id);
  return named
    ? `give the SCIM attribute's id, not its name: "${id}" is ${named} (GET /api/admin/idps/${idpId}/scim/attributes)`
    : `no SCIM attribute with id ${id} in IdP ${idpId} (GET /api/admin/idps/${idpId}/scim/attributes)`;
}

export function assertUnreferenced(
  store: Store,
  objectType: 'APP' | 'APP_GROUP',
  id: string,
  what: string,
) {
  const users: string[] = [];
  for (const type of POLICY_TYPES) {
    for (const r of store.policy.rules(type)) {
      if (
        r.conditions.some((c) =>
          c.operands.some((o) => o.objectType === objectType && o.rhs === id),
        )
      ) {
        users.push(`${type} rule "${r.name}"`);
      }
    }
  }
  if (users.length) {
    throw new ConflictError(
      'in_use',
      `${what} is used by ${users.join(', ')}. Remove it from those rules first.`,
    );
  }
}

export function policyType<T extends PolicyType>(type: T): T {
  if (!(POLICY_TYPES as readonly string[]).includes(type)) {
    throw new NotFoundError('not_found', `No policy set "${type}" (access, forwarding, timeout).`);
  }
  return type;
}

export const names = (list: readonly { name: string }[]) =>
  list
    .slice(0, 5)
    .map((s) => `"${s.name}"`)
    .join(', ') + (list.length > 5 ? `, … (${list.length})` : '');

/** Runs a store write; a name already taken becomes 409 name_taken. */
export function nameFree<T>(what: string, write: () => T): T {
  try {
    return write();
  } catch (e) {
    if (e instanceof UniquenessViolation) {
      throw new ConflictError('name_taken', `A ${what} named "${e.message}" already exists.`);
    }
    throw e;
  }
}

export function throwErr(e: Error): never {
  throw e;
}
