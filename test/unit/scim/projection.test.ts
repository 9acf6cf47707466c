import { describe, expect, it } from 'vitest';
import { projectResource, sortComparator } from '../../../electron/cloud/scim/projection.js';
import { admins, babs, ENT, expectScimError, jim, USER_SCHEMA } from './fixtures.js';

const project = (params: { attributes?: string; excludedAttributes?: string }) =>
  projectResource({ ...babs(), password: 'should-never-show' }, params, 'User');

describe('projectResource', () => {
  it('by default shows everything but returned:never attributes, meta included', () => {
    const out = project({});
    const { password: _p, ...expected } = { ...babs(), password: 'x' };
    expect(out).toEqual(expected);
    expect(out).toHaveProperty('meta');
  });

  it('attributes narrows to the listed ones plus id and schemas', () => {
    expect(project({ attributes: 'userName' })).toEqual({
      schemas: [USER_SCHEMA, ENT],
      id: babs().id,
      userName: 'Babs.Jensen@example.com',
    });
  });

  it('is case-insensitive, trims, ignores empty items and unknown names', () => {
    expect(project({ attributes: ' USERNAME , ,Title,nope,name.nope' })).toEqual({
      schemas: [USER_SCHEMA, ENT],
      id: babs().id,
      userName: 'Babs.Jensen@example.com',
      title: 'Tour Guide',
    });
  });

  it('selects sub-attributes of complex and multi-valued attributes', () => {
    expect(project({ attributes: 'name.givenName,emails.value' })).toEqual({
      schemas: [USER_SCHEMA, ENT],
      id: babs().id,
      name: { givenName: 'Barbara' },
      emails: [{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }],
    });
  });

  it('selects the whole attribute when both it and a sub-attribute are listed', () => {
    const out = project({ attributes: 'name.givenName,name' });
    expect(out.name).toEqual(babs().name);
    const out2 = project({ attributes: 'name,name.givenName' });
    expect(out2.name).toEqual(babs().name);
  });

  it('understands URN-qualified paths and whole extensions', () => {
    expect(project({ attributes: `${ENT}:department` })).toMatchObject({
      [ENT]: { department: 'Tour Operations' },
    });
    expect(project({ attributes: `${ENT}:manager.value` })[ENT]).toEqual({
      manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' },
    });
    expect(project({ attributes: ENT.toLowerCase() })[ENT]).toEqual(babs()[ENT]);
    expect(
      project({ attributes: 'urn:ietf:params:scim:schemas:core:2.0:User:userName' }),
    ).toHaveProperty('userName');
  });

  it('meta only when asked for, once attributes is given', () => {
    expect(project({ attributes: 'userName' })).not.toHaveProperty('meta');
    expect(project({ attributes: 'meta.created' }).meta).toEqual({
      created: '2024-01-23T04:56:22Z',
    });
  });

  it('never shows password, even when asked for', () => {
    expect(project({ attributes: 'password,userName' })).not.toHaveProperty('password');
  });

  it('excludedAttributes removes attributes and sub-attributes, never id or schemas', () => {
    const out = project({ excludedAttributes: 'emails,name.formatted,ID,schemas,meta' });
    expect(out).not.toHaveProperty('emails');
    expect(out).not.toHaveProperty('meta');
    expect(out.name).toEqual({ givenName: 'Barbara', familyName: 'Jensen' });
    expect(out.id).toBe(babs().id);
    expect(out.schemas).toEqual([USER_SCHEMA, ENT]);
    expect(out.userName).toBe('Babs.Jensen@example.com');
  });

  it('excludes sub-attributes of every value of a multi-valued attribute', () => {
    expect(project({ excludedAttributes: 'emails.type,emails.primary' }).emails).toEqual([
      { value: 'bjensen@example.com' },
      { value: 'babs@jensen.org' },
    ]);
    expect(project({ excludedAttributes: `${ENT}:manager` })[ENT]).toEqual({
      employeeNumber: '701984',
      department: 'Tour Operations',
    });
  });

  it('applies both parameters when both are given', () => {
    expect(project({ attributes: 'name', excludedAttributes: 'name.formatted' }).name).toEqual({
      givenName: 'Barbara',
      familyName: 'Jensen',
    });
  });

  it('an empty parameter is no parameter', () => {
    expect(project({ attributes: '' })).toEqual(project({}));
    expect(project({ excludedAttributes: ' , ' })).toEqual(project({}));
  });

  it('for groups, members can be excluded (the common "excludedAttributes=members")', () => {
    const out = projectResource(admins(), { excludedAttributes: 'members' }, 'Group');
    expect(out).not.toHaveProperty('members');
    expect(out.displayName).toBe('Admins');
    expect(projectResource(admins(), { attributes: 'displayName' }, 'Group')).toEqual({
      schemas: admins().schemas,
      id: 'g-1',
      displayName: 'Admins',
    });
    expect(projectResource(admins(), { attributes: 'members.value' }, 'Group').members).toEqual([
      { value: 'u-1' },
      { value: 'u-2' },
      { value: 'g-9' },
    ]);
  });

  it('does not mutate the resource', () => {
    const r = babs();
    const before = structuredClone(r);
    projectResource(r, { attributes: 'name.givenName', excludedAttributes: 'emails.type' }, 'User');
    projectResource(r, { excludedAttributes: 'emails.type,name.givenName' }, 'User');
    expect(r).toEqual(before);
  });
});

describe('sortComparator', () => {
  const u = (userName: string, extra: Record<string, unknown> = {}) => ({
    schemas: [USER_SCHEMA],
    id: userName,
    userName,
    ...extra,
  });
  const order = (
    list: Record<string, unknown>[],
    sortBy: string,
    sortOrder?: 'ascending' | 'descending',
  ) => [...list].sort(sortComparator(sortBy, sortOrder, 'User')).map((r) => r.userName);

  it('sorts strings case-insensitively, ascending by default', () => {
    const list = [u('bob'), u('Alice'), u('carol'), u('alice2')];
    expect(order(list, 'userName')).toEqual(['Alice', 'alice2', 'bob', 'carol']);
    expect(order(list, 'USERNAME', 'descending')).toEqual(['carol', 'bob', 'alice2', 'Alice']);
  });

  it('sorts caseExact strings exactly (code point order)', () => {
    const list = [
      u('a', { externalId: 'b' }),
      u('b', { externalId: 'B' }),
      u('c', { externalId: 'a' }),
    ];
    expect(order(list, 'externalId')).toEqual(['b', 'c', 'a']);
  });

  it('puts resources without a value last when ascending, first when descending', () => {
    const list = [u('x'), u('y', { title: 'b' }), u('z', { title: '' }), u('w', { title: 'a' })];
    expect(order(list, 'title')).toEqual(['w', 'y', 'x', 'z']);
    expect(order(list, 'title', 'descending')).toEqual(['x', 'z', 'y', 'w']);
  });

  it('sorts multi-valued attributes by the primary value, else the first', () => {
    const list = [
      u('p', { emails: [{ value: 'z@x' }, { value: 'a@x', primary: true }] }),
      u('q', { emails: [{ value: 'm@x' }, { value: 'b@x' }] }),
      u('r'),
    ];
    expect(order(list, 'emails.value')).toEqual(['p', 'q', 'r']);
    expect(order(list, 'emails')).toEqual(['p', 'q', 'r']);
    expect(order(list, 'emails', 'descending')).toEqual(['r', 'q', 'p']);
  });

  it('sorts sub-attributes, extension attributes, booleans and dates', () => {
    const list = [
      u('a', {
        name: { familyName: 'Zed' },
        active: true,
        meta: { created: '2024-01-02T00:00:00Z' },
      }),
      u('b', {
        name: { familyName: 'adams' },
        active: false,
        meta: { created: '2024-01-01T12:00:00+05:00' },
      }),
      u('c', { [ENT]: { department: 'B' }, meta: { created: '2023-12-31T00:00:00Z' } }),
      u('d', { [ENT]: { department: 'a' } }),
    ];
    expect(order(list, 'name.familyName')).toEqual(['b', 'a', 'c', 'd']);
    expect(order(list, `${ENT}:department`)).toEqual(['d', 'c', 'a', 'b']);
    expect(order(list, 'active')).toEqual(['b', 'a', 'c', 'd']);
    expect(order(list, 'meta.created')).toEqual(['c', 'b', 'a', 'd']);
  });

  it('is stable for ties', () => {
    const list = ['1', '2', '3', '4'].map((id) => ({ ...u('same'), id }));
    expect([...list].sort(sortComparator('userName', undefined, 'User')).map((r) => r.id)).toEqual([
      '1',
      '2',
      '3',
      '4',
    ]);
  });

  it('sorts groups by displayName', () => {
    const gs = ['b', 'C', 'a'].map((displayName) => ({ ...admins(), displayName }));
    expect(
      gs.sort(sortComparator('displayName', 'ascending', 'Group')).map((g) => g.displayName),
    ).toEqual(['a', 'b', 'C']);
  });

  it('refuses unknown attributes, complex attributes without "value", never-returned ones', () => {
    expectScimError(() => sortComparator('nope', undefined, 'User'), 'invalidValue');
    expectScimError(() => sortComparator('userName', undefined, 'Group'), 'invalidValue');
    expectScimError(() => sortComparator('name', undefined, 'User'), 'invalidValue');
    expectScimError(() => sortComparator(ENT, undefined, 'User'), 'invalidValue');
    expectScimError(() => sortComparator('password', undefined, 'User'), 'invalidValue');
    expectScimError(
      () => sortComparator('userName', 'sideways' as 'ascending', 'User'),
      'invalidValue',
    );
  });

  it('sorts the fixtures by userName', () => {
    expect(
      [jim(), babs()].sort(sortComparator('userName', undefined, 'User')).map((r) => r.id),
    ).toEqual([babs().id, 'a1b2']);
  });
});
