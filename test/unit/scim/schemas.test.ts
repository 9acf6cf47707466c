import { describe, expect, it } from 'vitest';
import { ScimError, scimErrorBody } from '../../../electron/cloud/scim/errors.js';
import {
  attributeDefinition,
  findAttribute,
  knownSchemaUrn,
  resourceTypes,
  schemaResources,
  serviceProviderConfig,
  type AttributeDefinition,
} from '../../../electron/cloud/scim/schemas.js';
import { ENT, GROUP_SCHEMA, USER_SCHEMA } from './fixtures.js';

const BASE = 'https://cloud.example/scim/t/idp/v2';

describe('scimErrorBody', () => {
  it('is the RFC 7644 §3.12 error body with a string status', () => {
    expect(scimErrorBody(new ScimError(400, 'bad', 'invalidFilter'))).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '400',
      scimType: 'invalidFilter',
      detail: 'bad',
    });
    expect(scimErrorBody(new ScimError(404, 'gone'))).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '404',
      detail: 'gone',
    });
    const e = new ScimError(409, 'taken', 'uniqueness');
    expect(e).toBeInstanceOf(Error);
    expect(e.detail).toBe('taken');
  });
});

describe('schemaResources', () => {
  const schemas = schemaResources(BASE);
  const byId = (id: string) => schemas.find((s) => s.id === id)!;
  const attr = (list: AttributeDefinition[], name: string) => list.find((a) => a.name === name)!;

  it('publishes User, EnterpriseUser and Group with meta', () => {
    expect(schemas.map((s) => s.id)).toEqual([USER_SCHEMA, ENT, GROUP_SCHEMA]);
    for (const s of schemas) {
      expect(s.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:Schema']);
      expect(s.meta).toEqual({ resourceType: 'Schema', location: `${BASE}/Schemas/${s.id}` });
      expect(s.name).toBeTruthy();
      expect(s.description).toBeTruthy();
    }
  });

  it('lists every RFC 7643 User attribute with its characteristics', () => {
    const user = byId(USER_SCHEMA).attributes;
    expect(user.map((a) => a.name)).toEqual([
      'userName',
      'name',
      'displayName',
      'nickName',
      'profileUrl',
      'title',
      'userType',
      'preferredLanguage',
      'locale',
      'timezone',
      'active',
      'password',
      'emails',
      'phoneNumbers',
      'ims',
      'photos',
      'addresses',
      'groups',
      'entitlements',
      'roles',
      'x509Certificates',
    ]);
    expect(attr(user, 'userName')).toMatchObject({
      type: 'string',
      required: true,
      caseExact: false,
      uniqueness: 'server',
      mutability: 'readWrite',
    });
    expect(attr(user, 'password')).toMatchObject({ mutability: 'writeOnly', returned: 'never' });
    expect(attr(user, 'groups')).toMatchObject({ mutability: 'readOnly', multiValued: true });
    expect(attr(user, 'active').type).toBe('boolean');
    expect(attr(user, 'profileUrl')).toMatchObject({
      type: 'reference',
      referenceTypes: ['external'],
    });
    expect(attr(user, 'name').subAttributes!.map((a) => a.name)).toEqual([
      'formatted',
      'familyName',
      'givenName',
      'middleName',
      'honorificPrefix',
      'honorificSuffix',
    ]);
    expect(attr(user, 'emails').subAttributes!.map((a) => a.name)).toEqual([
      'value',
      'display',
      'type',
      'primary',
    ]);
    expect(attr(attr(user, 'emails').subAttributes!, 'type').canonicalValues).toEqual([
      'work',
      'home',
      'other',
    ]);
    expect(attr(attr(user, 'x509Certificates').subAttributes!, 'value').type).toBe('binary');
    for (const a of user) {
      expect(Object.keys(a)).toEqual(
        expect.arrayContaining([
          'name',
          'type',
          'multiValued',
          'description',
          'required',
          'caseExact',
          'mutability',
          'returned',
          'uniqueness',
        ]),
      );
    }
  });

  it('lists the Enterprise User extension', () => {
    const ent = byId(ENT).attributes;
    expect(ent.map((a) => a.name)).toEqual([
      'employeeNumber',
      'costCenter',
      'organization',
      'division',
      'department',
      'manager',
    ]);
    expect(attr(ent, 'manager').subAttributes!.map((a) => a.name)).toEqual([
      'value',
      '$ref',
      'displayName',
    ]);
    expect(attr(attr(ent, 'manager').subAttributes!, 'displayName').mutability).toBe('readOnly');
  });

  it('lists the Group attributes', () => {
    const group = byId(GROUP_SCHEMA).attributes;
    expect(attr(group, 'displayName').required).toBe(true);
    const members = attr(group, 'members');
    expect(members.multiValued).toBe(true);
    expect(members.subAttributes!.map((a) => a.name)).toEqual(['value', '$ref', 'display', 'type']);
    expect(attr(members.subAttributes!, 'value').mutability).toBe('immutable');
    expect(attr(members.subAttributes!, 'type').canonicalValues).toEqual(['User', 'Group']);
  });

  it('returns fresh objects on every call', () => {
    const a = schemaResources(BASE);
    a[0]!.attributes[0]!.name = 'hacked';
    expect(schemaResources(BASE)[0]!.attributes[0]!.name).toBe('userName');
    expect(findAttribute('User', 'userName')?.name).toBe('userName');
  });
});

describe('resourceTypes and serviceProviderConfig', () => {
  it('describes /Users with the optional enterprise extension, and /Groups', () => {
    const [user, group] = resourceTypes(BASE);
    expect(user).toMatchObject({
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENT, required: false }],
      meta: { resourceType: 'ResourceType', location: `${BASE}/ResourceTypes/User` },
    });
    expect(group).toMatchObject({ id: 'Group', endpoint: '/Groups', schema: GROUP_SCHEMA });
  });

  it('advertises what the service provider supports', () => {
    const c = serviceProviderConfig(BASE, { maxResults: 1000, maxPayloadSize: 1048576 });
    expect(c).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false, maxPayloadSize: 1048576 },
      filter: { supported: true, maxResults: 1000 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      meta: { resourceType: 'ServiceProviderConfig', location: `${BASE}/ServiceProviderConfig` },
    });
    expect(c.authenticationSchemes).toEqual([
      expect.objectContaining({ type: 'oauthbearertoken', primary: true }),
    ]);
  });
});

describe('findAttribute', () => {
  it.each([
    ['userName', 'userName'],
    ['USERNAME', 'userName'],
    ['name.givenName', 'name.givenName'],
    ['NAME.GIVENNAME', 'name.givenName'],
    ['emails.value', 'emails.value'],
    ['meta.lastModified', 'meta.lastModified'],
    ['id', 'id'],
    ['externalId', 'externalId'],
    [`${USER_SCHEMA}:userName`, 'userName'],
    [`${USER_SCHEMA.toLowerCase()}:name.familyName`, 'name.familyName'],
    [`${ENT}:department`, `${ENT}:department`],
    [`${ENT.toUpperCase()}:MANAGER.VALUE`, `${ENT}:manager.value`],
    [ENT.toLowerCase(), ENT],
  ])('resolves %s', (path, canonical) => {
    expect(findAttribute('User', path)?.path).toBe(canonical);
  });

  it.each([
    'nope',
    'name.nope',
    'name.givenName.x',
    'department',
    USER_SCHEMA,
    `${USER_SCHEMA}:nope`,
    `${GROUP_SCHEMA}:displayName`,
    'urn:example:1.0:User:x',
    `${ENT}:nope`,
    'members',
  ])('does not resolve %s for a User', (path) => {
    expect(findAttribute('User', path)).toBeUndefined();
  });

  it('knows Group paths and keys', () => {
    expect(findAttribute('Group', 'members.value')?.def.mutability).toBe('immutable');
    expect(findAttribute('Group', `${GROUP_SCHEMA}:displayName`)?.keys).toEqual(['displayName']);
    expect(findAttribute('User', `${ENT}:manager.value`)?.keys).toEqual([ENT, 'manager', 'value']);
    expect(findAttribute('Group', `${ENT}:department`)).toBeUndefined();
  });

  it('gives the definition of a path', () => {
    expect(attributeDefinition('User', 'EMAILS.VALUE')).toMatchObject({
      name: 'value',
      type: 'string',
    });
    expect(attributeDefinition('User', 'id')).toMatchObject({
      caseExact: true,
      mutability: 'readOnly',
      returned: 'always',
    });
    expect(attributeDefinition('User', 'externalId')?.caseExact).toBe(true);
    expect(attributeDefinition('User', 'meta')?.mutability).toBe('readOnly');
    expect(attributeDefinition('Group', 'nope')).toBeUndefined();
  });

  it('canonicalises schema URNs', () => {
    expect(knownSchemaUrn('User', ENT.toLowerCase())).toBe(ENT);
    expect(knownSchemaUrn('User', USER_SCHEMA.toUpperCase())).toBe(USER_SCHEMA);
    expect(knownSchemaUrn('Group', ENT)).toBeUndefined();
  });
});
