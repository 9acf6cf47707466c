/**
 * The SCIM 2.0 schemas this service provider implements (RFC 7643 §8.7.1): core User, the
 * Enterprise User extension and core Group, plus the discovery documents built from them
 * (/Schemas, /ResourceTypes, /ServiceProviderConfig, RFC 7644 §4).
 *
 * The attribute definitions are the single source of truth for the rest of the core: input
 * validation (resource.ts), filters (filter.ts), PATCH paths (patch.ts) and projection/sorting
 * (projection.ts) all resolve attribute names through `findAttribute`, which is case-insensitive
 * (RFC 7643 §2.1) and understands URN-qualified paths (RFC 7644 §3.10).
 */
import { ERROR_SCHEMA } from './errors.js';
import {
  COMMON_ATTRIBUTES,
  complex,
  ENTERPRISE_USER_ATTRIBUTES,
  GROUP_ATTRIBUTES,
  SCHEMAS_PSEUDO_ATTRIBUTE,
  USER_ATTRIBUTES,
} from './schema-definitions.js';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';
export const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
export const SERVICE_PROVIDER_CONFIG_SCHEMA =
  'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
export { ERROR_SCHEMA };
/** Short aliases of the message URNs. */
export const PATCH_OP = PATCH_OP_SCHEMA;
export const LIST_RESPONSE = LIST_RESPONSE_SCHEMA;
export const ERROR = ERROR_SCHEMA;

export type ResourceTypeName = 'User' | 'Group';
export type AttributeType =
  'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'binary' | 'reference' | 'complex';
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type Returned = 'always' | 'never' | 'default' | 'request';
export type Uniqueness = 'none' | 'server' | 'global';

/** An attribute definition exactly as RFC 7643 §7 publishes it under /Schemas. */
export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDefinition[];
}

// ---------------------------------------------------------------------------------------------
// Resolved attribute tree (internal, shared read-only by the other modules)

/** One attribute of a resource type, with its place in the JSON document. */
export interface AttrNode {
  readonly def: AttributeDefinition;
  /** Canonical spelling: the key under which the value is stored. */
  readonly name: string;
  /** URN of the schema that defines the attribute (core URN for common attributes). */
  readonly schema: string;
  readonly parent: AttrNode | undefined;
  /** Keys from the resource root to this attribute, e.g. [ENTERPRISE_USER_SCHEMA, 'manager']. */
  readonly keys: readonly string[];
  /** Canonical path for messages, e.g. `name.givenName` or `urn:...:User:manager.value`. */
  readonly path: string;
  /** The pseudo-attribute for a whole schema extension object (keyed by its URN). */
  readonly isExtension: boolean;
  /** Sub-attributes of a complex attribute by lower-cased name, in definition order. */
  readonly sub: ReadonlyMap<string, AttrNode> | undefined;
}

export interface ResourceSchema {
  readonly type: ResourceTypeName;
  readonly core: string;
  readonly extensions: readonly string[];
  /** Core + common attributes (and `schemas`) by lower-cased name. */
  readonly attrs: ReadonlyMap<string, AttrNode>;
  /** Extension pseudo-attributes by lower-cased URN. */
  readonly extensionRoots: ReadonlyMap<string, AttrNode>;
  /** Top-level attributes then extension roots, in canonical output order. */
  readonly topLevel: readonly AttrNode[];
}

function buildNode(
  def: AttributeDefinition,
  schema: string,
  parent: AttrNode | undefined,
  isExtension = false,
): AttrNode {
  const keys = parent ? [...parent.keys, def.name] : [def.name];
  const path = !parent
    ? def.name
    : parent.isExtension
      ? `${parent.name}:${def.name}`
      : `${parent.path}.${def.name}`;
  const node: {
    -readonly [K in keyof AttrNode]: AttrNode[K];
  } = { def, name: def.name, schema, parent, keys, path, isExtension, sub: undefined };
  if (def.subAttributes) {
    const sub = new Map<string, AttrNode>();
    for (const s of def.subAttributes) sub.set(s.name.toLowerCase(), buildNode(s, schema, node));
    node.sub = sub;
  }
  return node;
}

function buildResourceSchema(
  type: ResourceTypeName,
  core: string,
  coreAttrs: AttributeDefinition[],
  extensions: { urn: string; attributes: AttributeDefinition[] }[],
): ResourceSchema {
  const attrs = new Map<string, AttrNode>();
  const topLevel: AttrNode[] = [];
  for (const def of [SCHEMAS_PSEUDO_ATTRIBUTE, ...COMMON_ATTRIBUTES, ...coreAttrs]) {
    const node = buildNode(def, core, undefined);
    attrs.set(def.name.toLowerCase(), node);
    topLevel.push(node);
  }
  const extensionRoots = new Map<string, AttrNode>();
  for (const ext of extensions) {
    const def = complex(ext.urn, `Schema extension ${ext.urn}.`, ext.attributes);
    const node = buildNode(def, ext.urn, undefined, true);
    extensionRoots.set(ext.urn.toLowerCase(), node);
    topLevel.push(node);
  }
  return {
    type,
    core,
    extensions: extensions.map((e) => e.urn),
    attrs,
    extensionRoots,
    topLevel,
  };
}

const RESOURCE_SCHEMAS: Record<ResourceTypeName, ResourceSchema> = {
  User: buildResourceSchema('User', USER_SCHEMA, USER_ATTRIBUTES, [
    { urn: ENTERPRISE_USER_SCHEMA, attributes: ENTERPRISE_USER_ATTRIBUTES },
  ]),
  Group: buildResourceSchema('Group', GROUP_SCHEMA, GROUP_ATTRIBUTES, []),
};

/** URN prefixes a path may start with, per resource type, longest first, lower-cased. */
const URN_PREFIXES: Record<ResourceTypeName, { lower: string; ext: AttrNode | undefined }[]> = {
  User: urnPrefixes(RESOURCE_SCHEMAS.User),
  Group: urnPrefixes(RESOURCE_SCHEMAS.Group),
};

function urnPrefixes(s: ResourceSchema) {
  return [
    { lower: s.core.toLowerCase(), ext: undefined },
    ...[...s.extensionRoots].map(([lower, ext]) => ({ lower, ext })),
  ].sort((a, b) => b.lower.length - a.lower.length);
}

export function resourceSchema(type: ResourceTypeName): ResourceSchema {
  return RESOURCE_SCHEMAS[type];
}

/** The canonical spelling of a schema URN this resource type knows, matched case-insensitively. */
export function knownSchemaUrn(type: ResourceTypeName, urn: string): string | undefined {
  const s = RESOURCE_SCHEMAS[type];
  const lower = urn.toLowerCase();
  if (lower === s.core.toLowerCase()) return s.core;
  return s.extensionRoots.get(lower)?.name;
}

/**
 * Resolves an attribute path to its node, case-insensitively: `userName`, `name.givenName`,
 * `emails.value`, `urn:ietf:params:scim:schemas:core:2.0:User:name.givenName`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`, or a bare extension
 * URN (the whole extension object). Returns undefined for anything the schema does not define.
 * Value filters (`emails[...]`) are not paths; filter.ts and patch.ts split them off first.
 */
export function findAttribute(type: ResourceTypeName, path: string): AttrNode | undefined {
  const s = RESOURCE_SCHEMAS[type];
  let rest = path.toLowerCase();
  let base: ReadonlyMap<string, AttrNode> = s.attrs;
  if (rest.startsWith('urn:')) {
    let matched = false;
    for (const p of URN_PREFIXES[type]) {
      if (rest === p.lower) return p.ext; // the core URN alone names no attribute
      if (rest.startsWith(p.lower) && rest.charCodeAt(p.lower.length) === 58 /* ':' */) {
        rest = rest.slice(p.lower.length + 1);
        if (p.ext) base = p.ext.sub!;
        matched = true;
        break;
      }
    }
    if (!matched) return undefined;
  }
  const dot = rest.indexOf('.');
  if (dot < 0) return base.get(rest);
  const parent = base.get(rest.slice(0, dot));
  return parent?.sub?.get(rest.slice(dot + 1));
}

/** The RFC 7643 definition of the attribute at `path` (see findAttribute), if any. */
export function attributeDefinition(
  type: ResourceTypeName,
  path: string,
): AttributeDefinition | undefined {
  return findAttribute(type, path)?.def;
}

/** A sub-attribute of a complex attribute, case-insensitively. */
export function findSubAttribute(parent: AttrNode, name: string): AttrNode | undefined {
  return parent.sub?.get(name.toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// Discovery documents (RFC 7644 §4, RFC 7643 §5-7)

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export interface SchemaRepresentation {
  schemas: string[];
  id: string;
  name: string;
  description: string;
  attributes: AttributeDefinition[];
  meta: { resourceType: 'Schema'; location: string };
}

/** The /Schemas resources. Fresh objects on every call, so callers may not corrupt the defs. */
export function schemaResources(baseUrl: string): SchemaRepresentation[] {
  const one = (
    id: string,
    name: string,
    description: string,
    attributes: AttributeDefinition[],
  ) => ({
    schemas: [SCHEMA_SCHEMA],
    id,
    name,
    description,
    attributes: clone(attributes),
    meta: { resourceType: 'Schema' as const, location: `${baseUrl}/Schemas/${id}` },
  });
  return [
    one(USER_SCHEMA, 'User', 'User Account', USER_ATTRIBUTES),
    one(ENTERPRISE_USER_SCHEMA, 'EnterpriseUser', 'Enterprise User', ENTERPRISE_USER_ATTRIBUTES),
    one(GROUP_SCHEMA, 'Group', 'Group', GROUP_ATTRIBUTES),
  ];
}

export interface ResourceTypeRepresentation {
  schemas: string[];
  id: string;
  name: string;
  endpoint: string;
  description: string;
  schema: string;
  schemaExtensions: { schema: string; required: boolean }[];
  meta: { resourceType: 'ResourceType'; location: string };
}

export function resourceTypes(baseUrl: string): ResourceTypeRepresentation[] {
  const meta = (id: string) => ({
    resourceType: 'ResourceType' as const,
    location: `${baseUrl}/ResourceTypes/${id}`,
  });
  return [
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User Account',
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: false }],
      meta: meta('User'),
    },
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'Group',
      schema: GROUP_SCHEMA,
      schemaExtensions: [],
      meta: meta('Group'),
    },
  ];
}

export function serviceProviderConfig(
  baseUrl: string,
  opts: { maxResults: number; maxPayloadSize: number },
) {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: opts.maxPayloadSize },
    filter: { supported: true, maxResults: opts.maxResults },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'Authentication scheme using the OAuth Bearer Token Standard (RFC 6750).',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: {
      resourceType: 'ServiceProviderConfig',
      location: `${baseUrl}/ServiceProviderConfig`,
    },
  };
}
