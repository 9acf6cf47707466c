/**
 * Admin API input for segments, segment groups and policy rules (zod). Shape checks only;
 * references (segment group, segments, IdPs), names, limits and domain/port overlaps are
 * checked by the service against the store.
 */
import { z } from '../zod.js';
import {
  ACCESS_ACTIONS,
  BYPASS_TYPES,
  CLIENT_TYPES,
  FORWARDING_ACTIONS,
  MIN_TIMEOUT_SECONDS,
  OPERAND_TYPES,
  OPERATORS,
  PLATFORMS,
  TIMEOUT_NEVER,
  isValidSegmentDomain,
  normalizeHost,
  type OperandType,
  type PolicyType,
} from '../../model/policy.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const description = z.string().max(4096);
const id = z.string().trim().min(1).max(64);
const nonEmpty = (b: object) => Object.keys(b).length > 0;
const GIVE_A_FIELD = 'give at least one field to change';

// ---------------------------------------------------------------------------------------------
// Segment groups and segments

const groupFields = { name: text(128), description, enabled: z.boolean() };
export const createSegmentGroupSchema = z
  .object({
    ...groupFields,
    description: description.optional(),
    enabled: groupFields.enabled.optional(),
  })
  .strict();
export const patchSegmentGroupSchema = z
  .object(groupFields)
  .partial()
  .strict()
  .refine(nonEmpty, GIVE_A_FIELD);

const port = z.number().int().min(1).max(65535);
const portRange = z
  .object({ from: port, to: port })
  .strict()
  .refine((r) => r.from <= r.to, '"from" must not be greater than "to"');
const domain = z
  .string()
  .max(260)
  .transform(normalizeHost)
  .refine(
    isValidSegmentDomain,
    'must be an FQDN (git.acme.example) or a wildcard (*.acme.example)',
  );

const segmentFields = {
  name: text(128),
  description,
  domains: z
    .array(domain)
    .min(1)
    .max(2000)
    .refine((d) => new Set(d).size === d.length, 'lists a domain twice'),
  tcpPortRanges: z.array(portRange).max(100),
  udpPortRanges: z.array(portRange).max(100),
  enabled: z.boolean(),
  segmentGroupId: id,
  bypassType: z.enum(BYPASS_TYPES),
};
export const createSegmentSchema = z
  .object({
    ...segmentFields,
    description: description.optional(),
    tcpPortRanges: segmentFields.tcpPortRanges.optional(),
    udpPortRanges: segmentFields.udpPortRanges.optional(),
    enabled: segmentFields.enabled.optional(),
    bypassType: segmentFields.bypassType.optional(),
  })
  .strict();
export const patchSegmentSchema = z
  .object(segmentFields)
  .partial()
  .strict()
  .refine(nonEmpty, GIVE_A_FIELD);

// ---------------------------------------------------------------------------------------------
// Rules

/** lhs (and rhs) an operand type takes when the request leaves it out. */
const DEFAULT_LHS: Partial<Record<OperandType, string>> = {
  APP: 'id',
  APP_GROUP: 'id',
  IDP: 'id',
  CLIENT_TYPE: 'id',
};

const operand = z
  .object({
    objectType: z.enum(OPERAND_TYPES),
    lhs: z.string().trim().min(1).max(512).optional(),
    rhs: z.string().trim().min(1).max(1024).optional(),
    idpId: id.optional(),
    // The names the API shows beside the ids: accepted back (a rule read and sent again), ignored.
    lhsName: z.string().max(1024).optional(),
    rhsName: z.string().max(1024).optional(),
  })
  .strict()
  .transform(({ lhsName: _l, rhsName: _r, ...o }) => ({
    ...o,
    lhs: o.lhs ?? DEFAULT_LHS[o.objectType] ?? '',
    rhs: o.rhs ?? (o.objectType === 'PLATFORM' ? 'true' : ''),
  }))
  .superRefine((o, ctx) => {
    const problem = operandProblem(o);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

function operandProblem(o: {
  objectType: OperandType;
  lhs: string;
  rhs: string;
  idpId?: string;
}): string | undefined {
  if (o.lhs === '') return `${o.objectType} needs lhs`;
  if (o.rhs === '') return `${o.objectType} needs rhs`;
  switch (o.objectType) {
    case 'APP':
    case 'APP_GROUP':
    case 'IDP':
      if (o.lhs !== 'id') return `${o.objectType} takes lhs "id" and the id as rhs`;
      if (o.idpId !== undefined && o.objectType !== 'IDP') return `${o.objectType} takes no idpId`;
      return undefined;
    case 'CLIENT_TYPE':
      if (o.lhs !== 'id') return 'CLIENT_TYPE takes lhs "id"';
      if (!(CLIENT_TYPES as readonly string[]).includes(o.rhs)) {
        return `CLIENT_TYPE rhs must be one of ${CLIENT_TYPES.join(', ')}`;
      }
      return undefined;
    case 'PLATFORM':
      if (!(PLATFORMS as readonly string[]).includes(o.lhs.toLowerCase())) {
        return `PLATFORM lhs must be one of ${PLATFORMS.join(', ')}`;
      }
      if (o.rhs !== 'true' && o.rhs !== 'false') return 'PLATFORM rhs must be "true" or "false"';
      return undefined;
    case 'SAML':
      return undefined;
    case 'SCIM':
      // lhs is the id of one of the IdP's SCIM attributes (checked against the IdP's list).
      return o.idpId === undefined
        ? 'SCIM takes the IdP as idpId and the id of its SCIM attribute as lhs (GET /api/admin/idps/{id}/scim/attributes)'
        : undefined;
    case 'SCIM_GROUP':
      if (o.idpId !== undefined && o.idpId !== o.lhs) {
        return 'SCIM_GROUP takes the IdP id as lhs; idpId, if given, must be the same';
      }
      return undefined;
  }
}

const condition = z
  .object({
    operator: z.enum(OPERATORS).default('OR'),
    operands: z.array(operand).min(1).max(2000),
  })
  .strict();

const timeoutSeconds = (what: string) =>
  z
    .number()
    .int()
    .refine(
      (v) => v === TIMEOUT_NEVER || (v >= MIN_TIMEOUT_SECONDS && v <= 10 * 365 * 86400),
      `${what} must be -1 or at least ${MIN_TIMEOUT_SECONDS} seconds (10 minutes)`,
    );
const message = z.string().trim().max(1024).nullable();

const ruleFields = {
  name: text(255),
  description,
  operator: z.enum(OPERATORS),
  conditions: z.array(condition).max(100),
  ruleOrder: z.number().int().min(1),
};
const typeFields = {
  access: { action: z.enum(ACCESS_ACTIONS), customMsg: message },
  forwarding: { action: z.enum(FORWARDING_ACTIONS) },
  timeout: {
    action: z.literal('RE_AUTH'),
    reauthTimeoutSeconds: timeoutSeconds('reauthTimeoutSeconds (-1 = Never)'),
    idleTimeoutSeconds: timeoutSeconds('idleTimeoutSeconds (-1 = Default)'),
    messageToUser: message,
  },
} as const;

const optional = <T extends Record<string, z.ZodType>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof T]: z.ZodOptional<T[K]>;
  };

/** Only `name` is required; the rest defaults (ALLOW / INTERCEPT, 7 days, AND, appended). */
export const createRuleSchemas = {
  access: z
    .object({ ...optional(ruleFields), ...optional(typeFields.access), name: ruleFields.name })
    .strict(),
  forwarding: z
    .object({ ...optional(ruleFields), ...optional(typeFields.forwarding), name: ruleFields.name })
    .strict(),
  timeout: z
    .object({ ...optional(ruleFields), ...optional(typeFields.timeout), name: ruleFields.name })
    .strict(),
} satisfies Record<PolicyType, z.ZodType>;

export const patchRuleSchemas = {
  access: z
    .object({ ...ruleFields, ...typeFields.access })
    .partial()
    .strict()
    .refine(nonEmpty, GIVE_A_FIELD),
  forwarding: z
    .object({ ...ruleFields, ...typeFields.forwarding })
    .partial()
    .strict()
    .refine(nonEmpty, GIVE_A_FIELD),
  timeout: z
    .object({ ...ruleFields, ...typeFields.timeout })
    .partial()
    .strict()
    .refine(nonEmpty, GIVE_A_FIELD),
} satisfies Record<PolicyType, z.ZodType>;

export const reorderSchema = z.object({ ruleIds: z.array(id).max(2000) }).strict();

/** A rule create body, any policy type (fields of the other types never pass the schema). */
export type CreateRuleInput = Partial<
  z.output<typeof createRuleSchemas.access> &
    z.output<typeof createRuleSchemas.forwarding> &
    z.output<typeof createRuleSchemas.timeout>
> & { name: string };
export type PatchRuleInput = Partial<
  z.output<typeof patchRuleSchemas.access> &
    z.output<typeof patchRuleSchemas.forwarding> &
    z.output<typeof patchRuleSchemas.timeout>
>;

/** What-if evaluation (POST /api/admin/policies/evaluate): a session-like subject and a request. */
export const evaluateSchema = z
  .object({
    idpId: id,
    userName: text(256),
    attributes: z.record(z.string(), z.array(z.string().max(1024)).max(1000)).default({}),
    authTime: z.iso.datetime({ offset: true }).optional(),
    createdAt: z.iso.datetime({ offset: true }).optional(),
    clientType: z.enum(CLIENT_TYPES).optional(),
    platform: z.enum(PLATFORMS).optional(),
    fqdn: text(260),
    port: port,
    protocol: z.enum(['TCP', 'UDP']).default('TCP'),
    trace: z.boolean().default(true),
  })
  .strict();
