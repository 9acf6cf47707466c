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
// Definitions

type Extra = Partial<AttributeDefinition>;

function attr(
  name: string,
  type: AttributeType,
  description: string,
  extra: Extra = {},
): AttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...extra,
  };
}
const str = (name: string, description: string, extra: Extra = {}) =>
  attr(name, 'string', description, extra);
const complex = (
  name: string,
  description: string,
  subAttributes: AttributeDefinition[],
  extra: Extra = {},
) => attr(name, 'complex', description, { subAttributes, ...extra });

/**
 * The shape shared by emails, phoneNumbers, ims, photos, entitlements, roles and
 * x509Certificates (RFC 7643 §2.4): value, display, type, primary.
 */
function multiValuedComplex(
  name: string,
  description: string,
  value: AttributeDefinition,
  types: string[] | undefined,
): AttributeDefinition {
  return complex(
    name,
    description,
    [
      value,
      str('display', 'A human-readable name, primarily used for display purposes.'),
      str('type', `A label indicating the attribute's function.`, {
        ...(types ? { canonicalValues: types } : {}),
      }),
      attr('primary', 'boolean', 'Whether this value is the preferred one (at most one is).'),
    ],
    { multiValued: true },
  );
}

const USER_ATTRIBUTES: AttributeDefinition[] = [
  str('userName', 'Unique identifier for the User, typically used to authenticate.', {
    required: true,
    uniqueness: 'server',
  }),
  complex('name', `The components of the user's real name.`, [
    str('formatted', 'The full name, formatted for display.'),
    str('familyName', 'The family name (last name).'),
    str('givenName', 'The given name (first name).'),
    str('middleName', 'The middle name(s).'),
    str('honorificPrefix', 'The honorific prefix(es), e.g. "Ms.".'),
    str('honorificSuffix', 'The honorific suffix(es), e.g. "III".'),
  ]),
  str('displayName', 'The name of the User, suitable for display to end-users.'),
  str('nickName', 'The casual way to address the user.'),
  attr('profileUrl', 'reference', `A fully qualified URL pointing to the user's online profile.`, {
    referenceTypes: ['external'],
  }),
  str('title', `The user's title, such as "Vice President".`),
  str('userType', 'The relationship between the organization and the user.'),
  str('preferredLanguage', `The user's preferred written or spoken language (RFC 7231).`),
  str('locale', `The user's default location for localization (language tag).`),
  str('timezone', `The User's time zone in IANA format, e.g. "America/Los_Angeles".`),
  attr('active', 'boolean', `The User's administrative status.`),
  str('password', `The User's cleartext password; write-only, never returned.`, {
    mutability: 'writeOnly',
    returned: 'never',
  }),
  multiValuedComplex(
    'emails',
    'Email addresses for the user.',
    str('value', 'Email address for the user.'),
    ['work', 'home', 'other'],
  ),
  multiValuedComplex(
    'phoneNumbers',
    'Phone numbers for the User.',
    str('value', 'Phone number of the User.'),
    ['work', 'home', 'mobile', 'fax', 'pager', 'other'],
  ),
  multiValuedComplex(
    'ims',
    'Instant messaging addresses for the User.',
    str('value', 'Instant messaging address for the User.'),
    ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'],
  ),
  multiValuedComplex(
    'photos',
    'URLs of photos of the User.',
    attr('value', 'reference', 'URL of a photo of the User.', { referenceTypes: ['external'] }),
    ['photo', 'thumbnail'],
  ),
  complex(
    'addresses',
    'A physical mailing address for this User.',
    [
      str('formatted', 'The full mailing address, formatted for display.'),
      str('streetAddress', 'The full street address component.'),
      str('locality', 'The city or locality component.'),
      str('region', 'The state or region component.'),
      str('postalCode', 'The zip code or postal code component.'),
      str('country', 'The country name component (ISO 3166-1 alpha-2).'),
      str('type', `A label indicating the attribute's function.`, {
        canonicalValues: ['work', 'home', 'other'],
      }),
      // Not in the §8.7.1 JSON, but §4.1.2 gives addresses a "primary" like every other
      // multi-valued attribute, and IdPs send it.
      attr('primary', 'boolean', 'Whether this is the preferred mailing address.'),
    ],
    { multiValued: true },
  ),
  complex(
    'groups',
    'The groups the user belongs to, either directly or indirectly (computed, read-only).',
    [
      str('value', "The identifier of the User's group.", { mutability: 'readOnly' }),
      attr('$ref', 'reference', 'The URI of the corresponding Group resource.', {
        referenceTypes: ['User', 'Group'],
        mutability: 'readOnly',
      }),
      str('display', 'A human-readable name of the group.', { mutability: 'readOnly' }),
      str('type', 'Whether the membership is direct or indirect.', {
        canonicalValues: ['direct', 'indirect'],
        mutability: 'readOnly',
      }),
    ],
    { multiValued: true, mutability: 'readOnly' },
  ),
  multiValuedComplex(
    'entitlements',
    'A list of entitlements for the User.',
    str('value', 'The value of an entitlement.'),
    undefined,
  ),
  multiValuedComplex(
    'roles',
    'A list of roles for the User.',
    str('value', 'The value of a role.'),
    undefined,
  ),
  multiValuedComplex(
    'x509Certificates',
    'A list of certificates issued to the User.',
    attr('value', 'binary', 'The value of an X.509 certificate (base64 DER).'),
    undefined,
  ),
];

const ENTERPRISE_USER_ATTRIBUTES: AttributeDefinition[] = [
  str('employeeNumber', 'Numeric or alphanumeric identifier assigned to a person.'),
  str('costCenter', 'Identifies the name of a cost center.'),
  str('organization', 'Identifies the name of an organization.'),
  str('division', 'Identifies the name of a division.'),
  str('department', 'Identifies the name of a department.'),
  complex('manager', `The User's manager.`, [
    str('value', 'The id of the SCIM resource representing the manager.'),
    attr('$ref', 'reference', 'The URI of the SCIM resource representing the manager.', {
      referenceTypes: ['User'],
    }),
    str('displayName', 'The displayName of the manager (set by the service provider).', {
      mutability: 'readOnly',
    }),
  ]),
];

const GROUP_ATTRIBUTES: AttributeDefinition[] = [
  str('displayName', 'A human-readable name for the Group.', { required: true }),
  complex(
    'members',
    'A list of members of the Group.',
    [
      str('value', 'Identifier of the member of this Group.', { mutability: 'immutable' }),
      attr('$ref', 'reference', 'The URI of the member resource.', {
        referenceTypes: ['User', 'Group'],
        mutability: 'immutable',
      }),
      str('display', 'A human-readable name of the member.'),
      str('type', 'The type of the member resource.', {
        canonicalValues: ['User', 'Group'],
        mutability: 'immutable',
      }),
    ],
    { multiValued: true },
  ),
];

/**
 * Common attributes of every resource (RFC 7643 §3.1). They belong to no schema, so /Schemas
 * does not list them, but filters, projection and validation need their characteristics.
 */
const COMMON_ATTRIBUTES: AttributeDefinition[] = [
  str('id', 'Unique, stable identifier issued by the service provider.', {
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
  }),
  str('externalId', 'Identifier of the resource as defined by the provisioning client.', {
    caseExact: true,
  }),
  complex(
    'meta',
    'Resource metadata maintained by the service provider.',
    [
      str('resourceType', 'The name of the resource type.', {
        caseExact: true,
        mutability: 'readOnly',
      }),
      attr('created', 'dateTime', 'When the resource was added.', { mutability: 'readOnly' }),
      attr('lastModified', 'dateTime', 'When the resource was last updated.', {
        mutability: 'readOnly',
      }),
      attr('location', 'reference', 'The URI of the resource.', {
        caseExact: true,
        referenceTypes: ['uri'],
        mutability: 'readOnly',
      }),
      str('version', 'The entity tag of the resource version.', {
        caseExact: true,
        mutability: 'readOnly',
      }),
    ],
    { mutability: 'readOnly' },
  ),
];

/** `schemas` is not an attribute of any schema, but filters and projection may name it. */
const SCHEMAS_PSEUDO_ATTRIBUTE = attr('schemas', 'reference', 'Schema URNs of the resource.', {
  multiValued: true,
  caseExact: true,
  mutability: 'readOnly',
  returned: 'always',
  referenceTypes: ['uri'],
});

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
