/**
 * The attribute definitions of core User, the Enterprise User extension and core Group, as
 * RFC 7643 §4 and §8.7.1 publish them (schemas.ts resolves and serves them).
 */
import type { AttributeDefinition, AttributeType } from './schemas.js';

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
export const complex = (
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

export const USER_ATTRIBUTES: AttributeDefinition[] = [
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

export const ENTERPRISE_USER_ATTRIBUTES: AttributeDefinition[] = [
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

export const GROUP_ATTRIBUTES: AttributeDefinition[] = [
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
export const COMMON_ATTRIBUTES: AttributeDefinition[] = [
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
export const SCHEMAS_PSEUDO_ATTRIBUTE = attr(
  'schemas',
  'reference',
  'Schema URNs of the resource.',
  {
    multiValued: true,
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    referenceTypes: ['uri'],
  },
);
