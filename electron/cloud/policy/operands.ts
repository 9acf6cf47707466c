/**
 * One rule operand compiled into a test and an explanation for the trace, per object type
 * (criteria.ts combines them). Values compare case-insensitively. Pure: no I/O.
 */
import {
  resolveScimPolicyAttribute,
  SCIM_ENTERPRISE_USER_URN,
  type PolicyOperand,
} from '../../../shared/model/policy.js';
import type { CompiledOperand, EvalState } from './criteria.js';
import { scimAttributeById } from './scim-attributes.js';

const q = (v: string) => JSON.stringify(v);
const list = (values: Iterable<string>, max = 10) => {
  const all = [...values];
  const shown = all.slice(0, max).map(q).join(', ');
  return all.length > max ? `${shown}, … (${all.length} in all)` : shown;
};

function idpScope(o: PolicyOperand, s: EvalState): { ok: true } | { ok: false; reason: string } {
  if (o.idpId === undefined || o.idpId === s.subject.idpId) return { ok: true };
  return { ok: false, reason: `criterion is for IdP ${o.idpId}; the session is from ${s.idp.id}` };
}

export function compileOperand(o: PolicyOperand): CompiledOperand {
  const rhsLc = o.rhs.toLowerCase();
  switch (o.objectType) {
    case 'APP':
      return {
        source: o,
        family: 'plain',
        test: (s) => s.segmentId === o.rhs,
        explain: (s, m) =>
          m ? 'the request is for this segment' : `the request is for segment "${s.segmentName}"`,
      };
    case 'APP_GROUP':
      return {
        source: o,
        family: 'plain',
        test: (s) => s.segmentGroupId === o.rhs,
        explain: (s, m) =>
          m
            ? "the request's segment is in this segment group"
            : `the request's segment is in segment group ${s.segmentGroupId}`,
      };
    case 'IDP':
      return {
        source: o,
        family: 'plain',
        test: (s) => s.subject.idpId === o.rhs,
        explain: (s) => `the session is from IdP "${s.idp.name}" (${s.subject.idpId})`,
      };
    case 'CLIENT_TYPE':
      return {
        source: o,
        family: 'plain',
        test: (s) => s.subject.clientType === o.rhs,
        explain: (s) => `the client type is ${s.subject.clientType}`,
      };
    case 'PLATFORM': {
      const wanted = o.rhs.toLowerCase() !== 'false';
      const lhs = o.lhs.toLowerCase();
      return {
        source: o,
        family: 'plain',
        test: (s) => (s.subject.platform === lhs) === wanted,
        explain: (s) => `the platform is ${s.subject.platform ?? 'unknown'}`,
      };
    }
    case 'SAML': {
      const name = o.lhs.toLowerCase();
      return {
        source: o,
        family: 'saml',
        test: (s) =>
          (o.idpId === undefined || o.idpId === s.subject.idpId) &&
          s.saml().get(name)?.has(rhsLc) === true,
        explain: (s, m) => {
          const scope = idpScope(o, s);
          if (!scope.ok) return scope.reason;
          if (m) return `the session has ${o.lhs} = ${q(o.rhs)}`;
          const values = Object.entries(s.subject.samlAttributes)
            .filter(([k]) => k.toLowerCase() === name)
            .flatMap(([, v]) => v);
          return values.length > 0
            ? `the session has ${o.lhs} = ${list(values)}`
            : `the session has no SAML attribute "${o.lhs}"`;
        },
      };
    }
    case 'SCIM': {
      // lhs is the attribute definition's id (of the operand's IdP); its name is shown only.
      const def = scimAttributeById(o.idpId, o.lhs);
      const attr = def && resolveScimPolicyAttribute(def.name);
      if (!attr) {
        return {
          source: o,
          family: 'scim',
          test: () => false,
          explain: () =>
            `"${o.lhs}" is not the id of a SCIM attribute of IdP ${o.idpId ?? '(none given)'}`,
        };
      }
      const read = scimReader(attr.segments, attr.enterprise);
      return {
        source: o,
        family: 'scim',
        test: (s) => {
          if (o.idpId !== undefined && o.idpId !== s.subject.idpId) return false;
          const rec = s.subject.scim;
          return rec !== null && read(rec.attributes, rhsLc);
        },
        explain: (s, m) => {
          const scope = idpScope(o, s);
          if (!scope.ok) return scope.reason;
          const rec = s.subject.scim;
          if (!rec) return 'the user has no SCIM record';
          if (m) return `SCIM ${attr.path} = ${q(o.rhs)}`;
          const values: string[] = [];
          read(rec.attributes, '', values);
          return values.length
            ? `SCIM ${attr.path} is ${list(values)}`
            : `the SCIM record has no ${attr.path}`;
        },
      };
    }
    case 'SCIM_GROUP':
      return {
        source: o,
        family: 'scim',
        // rhs is the SCIM group's id: a group renamed in the IdP keeps matching.
        test: (s) =>
          o.lhs === s.subject.idpId &&
          (o.idpId === undefined || o.idpId === o.lhs) &&
          s.inScimGroup(o.rhs),
        explain: (s, m) => {
          if (o.lhs !== s.subject.idpId) {
            return `the SCIM group belongs to IdP ${o.lhs}; the session is from ${s.subject.idpId}`;
          }
          if (m) return `the user is a member of SCIM group ${q(o.rhs)}`;
          const groups = s.subject.scim?.groups ?? [];
          return groups.length
            ? `the user's SCIM groups are ${list(groups.map((g) => `${g.name} (${g.id})`))}`
            : 'the user is in no SCIM group';
        },
      };
  }
}

/**
 * A reader for one SCIM attribute path: true if some value equals wantedLc. With `collect`, it
 * gathers every value instead (for the trace).
 */
function scimReader(segments: readonly string[], enterprise: boolean) {
  const lc = segments.map((s) => s.toLowerCase());
  return (attributes: Readonly<Record<string, unknown>>, wantedLc: string, collect?: string[]) => {
    const root = enterprise
      ? field(attributes, SCIM_ENTERPRISE_USER_URN.toLowerCase())
      : attributes;
    return walk(root, lc, 0, wantedLc, collect);
  };
}

function field(obj: unknown, nameLc: string): unknown {
  if (typeof obj !== 'object' || obj === null) return undefined;
  const rec = obj as Record<string, unknown>;
  for (const k in rec) if (k.toLowerCase() === nameLc) return rec[k];
  return undefined;
}

function walk(
  value: unknown,
  path: readonly string[],
  i: number,
  wantedLc: string,
  collect: string[] | undefined,
): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (walk(v, path, i, wantedLc, collect)) return true;
    return false;
  }
  if (i === path.length) {
    if (typeof value === 'object') return false;
    const s = String(value);
    if (collect) {
      collect.push(s);
      return false;
    }
    return s.toLowerCase() === wantedLc;
  }
  return walk(field(value, path[i]!), path, i + 1, wantedLc, collect);
}
