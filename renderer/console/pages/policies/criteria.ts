import type {
  PolicyCondition,
  PolicyOperand,
  PolicyRule,
} from '../../../../shared/model/policy.js';

/** Names of the ids a rule's operands carry (segments, segment groups, IdPs), for people. */
export type Names = ReadonlyMap<string, string>;

const operandText = (o: PolicyOperand, names: Names): string => {
  const name = (id: string) => names.get(id) ?? id;
  switch (o.objectType) {
    case 'APP':
      return `segment ${name(o.rhs)}`;
    case 'APP_GROUP':
      return `segment group ${name(o.rhs)}`;
    case 'IDP':
      return `IdP ${name(o.rhs)}`;
    case 'SCIM_GROUP':
      return `SCIM group ${o.rhs} (${name(o.lhs)})`;
    case 'PLATFORM':
      return `platform ${o.lhs} is ${o.rhs}`;
    case 'CLIENT_TYPE':
      return `client type ${o.rhs}`;
    default:
      return `${o.objectType} ${o.lhs} = ${o.rhs}${o.idpId ? ` (${name(o.idpId)})` : ''}`;
  }
};

const conditionText = (c: PolicyCondition, names: Names): string => {
  const parts = c.operands.map((o) => operandText(o, names));
  return parts.length > 1 ? `(${parts.join(` ${c.operator} `)})` : (parts[0] ?? '');
};

/** A rule's criteria in words: "segment group Engineering Apps AND (SAML department = Sales)". */
export const criteriaText = (rule: PolicyRule, names: Names): string =>
  rule.conditions.length === 0
    ? 'every request'
    : rule.conditions.map((c) => conditionText(c, names)).join(` ${rule.operator} `);

/** What a rule's editor shows and PATCHes: its editable fields only. */
export function editableRule(rule: PolicyRule): Record<string, unknown> {
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = rule;
  return rest;
}
