import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../../electron/cloud/scim/patch.js';
import {
  admins,
  babs,
  ENT,
  expectScimError,
  GROUP_SCHEMA,
  PATCH_OP_SCHEMA,
  patchOf,
  USER_SCHEMA,
} from './fixtures.js';

const patchUser = (...ops: unknown[]) => applyPatch(babs(), patchOf(...ops), 'User');
const patchGroup = (...ops: unknown[]) => applyPatch(admins(), patchOf(...ops), 'Group');
const memberIds = (g: Record<string, unknown>) =>
  ((g.members as { value: string }[] | undefined) ?? []).map((m) => m.value);

describe('applyPatch: the PatchOp message', () => {
  it.each([
    ['not an object', null],
    ['an array', [patchOf({ op: 'add', path: 'title', value: 'x' })]],
    ['no schemas', { Operations: [{ op: 'add', path: 'title', value: 'x' }] }],
    [
      'wrong schemas',
      { schemas: [USER_SCHEMA], Operations: [{ op: 'add', path: 'title', value: 'x' }] },
    ],
    ['no Operations', { schemas: [PATCH_OP_SCHEMA] }],
    ['empty Operations', patchOf()],
    ['Operations not an array', { schemas: [PATCH_OP_SCHEMA], Operations: { op: 'add' } }],
    ['an operation that is not an object', patchOf('replace')],
    ['an unknown op', patchOf({ op: 'copy', path: 'title', value: 'x' })],
    ['no op', patchOf({ path: 'title', value: 'x' })],
    ['add without value', patchOf({ op: 'add', path: 'title' })],
    ['replace without value', patchOf({ op: 'replace', path: 'title' })],
  ])('refuses %s with invalidSyntax', (_name, body) => {
    expectScimError(() => applyPatch(babs(), body, 'User'), 'invalidSyntax');
  });

  it('accepts "operations" and other key spellings, and op names in any case', () => {
    const out = applyPatch(
      babs(),
      {
        SCHEMAS: [PATCH_OP_SCHEMA.toLowerCase()],
        operations: [
          { OP: 'Replace', PATH: 'title', VALUE: 'Boss' },
          { Op: 'ADD', Path: 'nickName', Value: 'Babs' },
          { op: 'REMOVE', path: 'displayName' },
        ],
      },
      'User',
    );
    expect(out).toMatchObject({ title: 'Boss', nickName: 'Babs' });
    expect(out).not.toHaveProperty('displayName');
  });

  it('refuses a non-string path with invalidPath', () => {
    expectScimError(() => patchUser({ op: 'replace', path: 5, value: 'x' }), 'invalidPath');
  });
});

describe('applyPatch: add', () => {
  it('sets a single-valued attribute, replacing any value', () => {
    expect(patchUser({ op: 'add', path: 'title', value: 'Boss' }).title).toBe('Boss');
    expect(patchUser({ op: 'add', path: 'nickName', value: 'B' }).nickName).toBe('B');
  });

  it('merges sub-attributes into a complex attribute', () => {
    const out = patchUser({
      op: 'add',
      path: 'name',
      value: { middleName: 'J', GIVENNAME: 'Bab' },
    });
    expect(out.name).toEqual({
      givenName: 'Bab',
      familyName: 'Jensen',
      formatted: 'Ms. Barbara J Jensen',
      middleName: 'J',
    });
  });

  it('appends values to a multi-valued attribute, skipping exact duplicates', () => {
    const out = patchUser({
      op: 'add',
      path: 'emails',
      value: [
        { value: 'new@x.org', type: 'other' },
        { value: 'babs@jensen.org', type: 'home' },
      ],
    });
    expect(out.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
      { value: 'new@x.org', type: 'other' },
    ]);
  });

  it('takes a lone value for a multi-valued attribute as a one-element array', () => {
    const out = patchUser({
      op: 'add',
      path: 'phoneNumbers',
      value: { value: '1', type: 'mobile' },
    });
    expect(out.phoneNumbers).toHaveLength(2);
  });

  it('a new primary value clears "primary" on the others (RFC 7644 §3.5.2)', () => {
    const out = patchUser({
      op: 'add',
      path: 'emails',
      value: [{ value: 'p@x.org', type: 'other', primary: 'True' }],
    });
    expect(out.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work', primary: false },
      { value: 'babs@jensen.org', type: 'home' },
      { value: 'p@x.org', type: 'other', primary: true },
    ]);
  });

  it('without a path, adds each attribute of the value (Okta/Entra)', () => {
    const out = patchUser({
      op: 'add',
      value: {
        nickName: 'Babs',
        'name.middleName': 'J',
        [`${ENT}:costCenter`]: 'CC1',
        emails: [{ value: 'x@y.z', type: 'other' }],
      },
    });
    expect(out.nickName).toBe('Babs');
    expect((out.name as Record<string, unknown>).middleName).toBe('J');
    expect((out.name as Record<string, unknown>).givenName).toBe('Barbara');
    expect(out[ENT]).toMatchObject({ costCenter: 'CC1', department: 'Tour Operations' });
    expect(out.emails).toHaveLength(3);
  });

  it('with a value filter and a sub-attribute, sets it on the matching values', () => {
    const out = patchUser({
      op: 'add',
      path: 'emails[type eq "WORK"].display',
      value: 'Work mail',
    });
    expect((out.emails as unknown[])[0]).toEqual({
      value: 'bjensen@example.com',
      type: 'work',
      primary: true,
      display: 'Work mail',
    });
  });

  it('with a value filter that matches nothing, creates the value it describes (Entra)', () => {
    const out = patchUser(
      { op: 'Add', path: 'emails[type eq "other"].value', value: 'o@x.org' },
      { op: 'Add', path: 'addresses[type eq "home"].streetAddress', value: '1 Home St' },
      { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555' },
    );
    expect((out.emails as unknown[])[2]).toEqual({ type: 'other', value: 'o@x.org' });
    expect((out.addresses as unknown[])[1]).toEqual({ type: 'home', streetAddress: '1 Home St' });
    expect(out.phoneNumbers).toContainEqual({ type: 'mobile', value: '+1 555' });
  });

  it('with a non-equality filter that matches nothing, is noTarget', () => {
    expectScimError(
      () => patchUser({ op: 'add', path: 'emails[type co "xyz"].value', value: 'o@x.org' }),
      'noTarget',
    );
  });

  it('with a value filter and no sub-attribute, merges the object into the matching values', () => {
    const out = patchUser({
      op: 'add',
      path: 'emails[value eq "babs@jensen.org"]',
      value: { display: 'Home', primary: true },
    });
    expect(out.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work', primary: false },
      { value: 'babs@jensen.org', type: 'home', display: 'Home', primary: true },
    ]);
  });

  it('adds to the enterprise extension by URN path, creating it', () => {
    const out = applyPatch(
      { schemas: [USER_SCHEMA], id: 'u', userName: 'u', active: true },
      patchOf({ op: 'add', path: `${ENT}:department`, value: 'Sales' }),
      'User',
    );
    expect(out.schemas).toEqual([USER_SCHEMA, ENT]);
    expect(out[ENT]).toEqual({ department: 'Sales' });
  });

  it('accepts the manager as a bare id (Entra) or an object', () => {
    const a = patchUser({ op: 'Add', path: `${ENT}:manager`, value: 'boss-id' });
    expect((a[ENT] as Record<string, unknown>).manager).toEqual({ value: 'boss-id' });
    const b = patchUser({ op: 'replace', path: `${ENT}:manager.value`, value: 'other' });
    expect((b[ENT] as Record<string, unknown>).manager).toEqual({
      value: 'other',
      $ref: '../Users/26118915',
    });
  });

  it('adds a whole extension object by its URN, merging attributes', () => {
    const out = patchUser({ op: 'add', path: ENT, value: { division: 'D', Department: 'Dep' } });
    expect(out[ENT]).toMatchObject({ division: 'D', department: 'Dep', employeeNumber: '701984' });
  });
});

describe('applyPatch: replace', () => {
  it("Okta's path-less deactivation", () => {
    const out = patchUser({ op: 'replace', value: { active: false } });
    expect(out.active).toBe(false);
    expect({ ...out, active: true }).toEqual(
      applyPatch(babs(), patchOf({ op: 'add', path: 'title', value: 'Tour Guide' }), 'User'),
    );
  });

  it("Okta's path-less value with dotted and URN keys, any case", () => {
    const out = patchUser({
      op: 'replace',
      value: {
        'NAME.givenName': 'Barb',
        [`${ENT}:DEPARTMENT`]: 'Sales',
        [ENT.toLowerCase()]: { division: 'West' },
        displayname: 'BJ',
      },
    });
    expect(out.displayName).toBe('BJ');
    expect((out.name as Record<string, unknown>).givenName).toBe('Barb');
    expect(out[ENT]).toMatchObject({
      department: 'Sales',
      division: 'West',
      employeeNumber: '701984',
    });
  });

  it("Entra's string booleans", () => {
    expect(patchUser({ op: 'Replace', path: 'active', value: 'False' }).active).toBe(false);
    expect(patchUser({ op: 'Replace', path: 'active', value: 'TRUE' }).active).toBe(true);
    expect(patchUser({ op: 'replace', value: { active: 'false' } }).active).toBe(false);
  });

  it('a sub-attribute path, in any case', () => {
    const out = patchUser({ op: 'replace', path: 'Name.FamilyName', value: 'Smith' });
    expect(out.name).toEqual({
      givenName: 'Barbara',
      familyName: 'Smith',
      formatted: 'Ms. Barbara J Jensen',
    });
  });

  it('a complex attribute: given sub-attributes replaced, others kept (RFC 7644 §3.5.2.3)', () => {
    const out = patchUser({ op: 'replace', path: 'name', value: { givenName: 'B' } });
    expect(out.name).toEqual({
      givenName: 'B',
      familyName: 'Jensen',
      formatted: 'Ms. Barbara J Jensen',
    });
  });

  it('an attribute that does not exist is added', () => {
    expect(patchUser({ op: 'replace', path: 'nickName', value: 'N' }).nickName).toBe('N');
    expect(patchUser({ op: 'replace', path: 'name.middleName', value: 'M' }).name).toMatchObject({
      middleName: 'M',
    });
  });

  it('a multi-valued attribute without filter: all values replaced', () => {
    const out = patchUser({ op: 'replace', path: 'emails', value: [{ value: 'only@x.org' }] });
    expect(out.emails).toEqual([{ value: 'only@x.org' }]);
    // a lone object is one value, not merged into every value
    const lone = patchUser({ op: 'replace', path: 'emails', value: { value: 'lone@x.org' } });
    expect(lone.emails).toEqual([{ value: 'lone@x.org' }]);
  });

  it('a filtered sub-attribute: only the matching values change', () => {
    const out = patchUser({
      op: 'replace',
      path: 'emails[type eq "work"].value',
      value: 'babs@corp.example',
    });
    expect(out.emails).toEqual([
      { value: 'babs@corp.example', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ]);
    const addr = patchUser({
      op: 'replace',
      path: 'addresses[type eq "work"].streetAddress',
      value: '1 New St',
    });
    expect(addr.addresses).toEqual([
      { type: 'work', streetAddress: '1 New St', locality: 'Hollywood' },
    ]);
  });

  it('a filtered value without sub-attribute: the matching values are replaced whole', () => {
    const out = patchUser({
      op: 'replace',
      path: 'emails[type eq "home"]',
      value: { value: 'h2@x.org', type: 'home' },
    });
    expect(out.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'h2@x.org', type: 'home' },
    ]);
  });

  it('setting primary via a filter clears it on the other values', () => {
    const out = patchUser({ op: 'replace', path: 'emails[type eq "home"].primary', value: true });
    expect(out.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work', primary: false },
      { value: 'babs@jensen.org', type: 'home', primary: true },
    ]);
  });

  it('a filter that matches nothing is noTarget', () => {
    expectScimError(
      () => patchUser({ op: 'replace', path: 'emails[type eq "other"].value', value: 'x' }),
      'noTarget',
    );
    expectScimError(
      () => patchUser({ op: 'replace', path: 'ims[type eq "aim"]', value: { value: 'x' } }),
      'noTarget',
    );
  });

  it('null means unassigned: the attribute is removed', () => {
    expect(patchUser({ op: 'replace', path: 'title', value: null })).not.toHaveProperty('title');
    expect(patchUser({ op: 'replace', value: { title: null } })).not.toHaveProperty('title');
  });

  it('externalId can be replaced', () => {
    expect(patchUser({ op: 'Replace', path: 'externalId', value: 'new-ext' }).externalId).toBe(
      'new-ext',
    );
  });
});

describe('applyPatch: remove', () => {
  it('a single-valued attribute or sub-attribute', () => {
    expect(patchUser({ op: 'remove', path: 'title' })).not.toHaveProperty('title');
    expect(patchUser({ op: 'remove', path: 'name.formatted' }).name).toEqual({
      givenName: 'Barbara',
      familyName: 'Jensen',
    });
    expect(patchUser({ op: 'remove', path: `${ENT}:manager` })[ENT]).toEqual({
      employeeNumber: '701984',
      department: 'Tour Operations',
    });
  });

  it('an attribute that is not there: nothing to do', () => {
    expect(patchUser({ op: 'remove', path: 'nickName' })).toEqual(babs());
    expect(patchUser({ op: 'remove', path: 'ims' })).toEqual(babs());
  });

  it('a whole multi-valued attribute', () => {
    expect(patchUser({ op: 'remove', path: 'emails' })).not.toHaveProperty('emails');
  });

  it('the values a filter matches; the attribute goes when none remain', () => {
    const out = patchUser({ op: 'remove', path: 'emails[type eq "home"]' });
    expect(out.emails).toEqual([{ value: 'bjensen@example.com', type: 'work', primary: true }]);
    expect(patchUser({ op: 'remove', path: 'emails[value co "@"]' })).not.toHaveProperty('emails');
  });

  it('a sub-attribute of the values a filter matches', () => {
    const out = patchUser({ op: 'remove', path: 'emails[type eq "work"].primary' });
    expect(out.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work' },
      { value: 'babs@jensen.org', type: 'home' },
    ]);
  });

  it('a sub-attribute of every value when no filter is given', () => {
    const out = patchUser({ op: 'remove', path: 'emails.type' });
    expect(out.emails).toEqual([
      { value: 'bjensen@example.com', primary: true },
      { value: 'babs@jensen.org' },
    ]);
  });

  it('a filter that matches nothing is noTarget', () => {
    expectScimError(() => patchUser({ op: 'remove', path: 'emails[type eq "other"]' }), 'noTarget');
    expectScimError(() => patchUser({ op: 'remove', path: 'ims[type eq "aim"]' }), 'noTarget');
  });

  it('without a path is noTarget', () => {
    expectScimError(() => patchUser({ op: 'remove' }), 'noTarget');
    expectScimError(() => patchUser({ op: 'remove', value: { title: 'x' } }), 'noTarget');
  });

  it('with a value on a multi-valued attribute removes those values', () => {
    const out = patchUser({ op: 'remove', path: 'emails', value: [{ value: 'BABS@jensen.org' }] });
    expect(out.emails).toEqual([{ value: 'bjensen@example.com', type: 'work', primary: true }]);
  });

  it('of a required attribute is refused (userName)', () => {
    expectScimError(() => patchUser({ op: 'remove', path: 'userName' }), 'invalidValue');
    expectScimError(
      () => patchUser({ op: 'replace', path: 'userName', value: '' }),
      'invalidValue',
    );
    expectScimError(
      () => patchUser({ op: 'replace', path: 'userName', value: null }),
      'invalidValue',
    );
  });
});

describe('applyPatch: group membership', () => {
  it('add members, skipping members already there (whatever else the client sends)', () => {
    const out = patchGroup({
      op: 'add',
      path: 'members',
      value: [{ value: 'u-1', display: 'Alice A.' }, { value: 'u-3' }, { value: 'u-3' }],
    });
    expect(out.members).toEqual([
      { value: 'u-1', type: 'User', display: 'Alice' },
      { value: 'u-2', type: 'User' },
      { value: 'g-9', type: 'Group' },
      { value: 'u-3', type: 'User' },
    ]);
  });

  it('add members to a group without any (Okta)', () => {
    const g = { schemas: [GROUP_SCHEMA], id: 'g', displayName: 'Empty' };
    const out = applyPatch(
      g,
      patchOf({ op: 'add', path: 'members', value: [{ value: 'u-1', display: 'a@b.c' }] }),
      'Group',
    );
    expect(out.members).toEqual([{ value: 'u-1', display: 'a@b.c', type: 'User' }]);
  });

  it("Entra's remove with a value removes those members only", () => {
    const out = patchGroup({
      op: 'Remove',
      path: 'members',
      value: [{ value: 'u-1' }, { value: 'g-9' }, { value: 'not-a-member' }],
    });
    expect(memberIds(out)).toEqual(['u-2']);
    expect(memberIds(patchGroup({ op: 'Remove', path: 'members', value: ['u-2'] }))).toEqual([
      'u-1',
      'g-9',
    ]);
  });

  it('RFC remove by value filter (Okta)', () => {
    expect(memberIds(patchGroup({ op: 'remove', path: 'members[value eq "u-2"]' }))).toEqual([
      'u-1',
      'g-9',
    ]);
    expect(
      memberIds(patchGroup({ op: 'remove', path: 'members[type eq "group" or value eq "u-1"]' })),
    ).toEqual(['u-2']);
  });

  it('remove all members', () => {
    expect(patchGroup({ op: 'remove', path: 'members' })).not.toHaveProperty('members');
    expect(
      patchGroup({
        op: 'remove',
        path: 'members',
        value: [{ value: 'u-1' }, { value: 'u-2' }, { value: 'g-9' }],
      }),
    ).not.toHaveProperty('members');
  });

  it('replace members', () => {
    const out = patchGroup({ op: 'replace', path: 'members', value: [{ value: 'u-7' }] });
    expect(out.members).toEqual([{ value: 'u-7', type: 'User' }]);
    expect(patchGroup({ op: 'replace', path: 'members', value: [] })).not.toHaveProperty('members');
  });

  it('a filter value may contain ":" (the library splits paths on it)', () => {
    const g = {
      ...admins(),
      members: [
        { value: 'urn:x:1', type: 'User' },
        { value: 'u-2', type: 'User' },
      ],
    };
    const out = applyPatch(
      g,
      patchOf({ op: 'remove', path: 'members[value eq "urn:x:1"]' }),
      'Group',
    );
    expect(memberIds(out)).toEqual(['u-2']);
  });

  it("Okta's rename: path-less replace repeating the group's own id", () => {
    const out = patchGroup({ op: 'replace', value: { id: 'g-1', displayName: 'Administrators' } });
    expect(out.displayName).toBe('Administrators');
    expect(out.id).toBe('g-1');
    expectScimError(
      () => patchGroup({ op: 'replace', value: { id: 'other', displayName: 'X' } }),
      'mutability',
    );
  });

  it('the display of a member may change, its value and type may not', () => {
    const out = patchGroup({
      op: 'replace',
      path: 'members[value eq "u-2"].display',
      value: 'Bob',
    });
    expect(out.members).toContainEqual({ value: 'u-2', type: 'User', display: 'Bob' });
    expectScimError(
      () => patchGroup({ op: 'replace', path: 'members[value eq "u-2"].value', value: 'u-3' }),
      'mutability',
    );
    expectScimError(
      () => patchGroup({ op: 'replace', path: 'members.type', value: 'Group' }),
      'mutability',
    );
  });

  it('displayName is required', () => {
    expectScimError(() => patchGroup({ op: 'remove', path: 'displayName' }), 'invalidValue');
  });

  it('members must have a value', () => {
    expectScimError(
      () => patchGroup({ op: 'add', path: 'members', value: [{ display: 'x' }] }),
      'invalidValue',
    );
  });
});

describe('applyPatch: errors', () => {
  it.each([
    ['an unknown attribute', 'nickname2'],
    ['an unknown sub-attribute', 'name.middle'],
    ['an unknown extension attribute', `${ENT}:badge`],
    ['an unknown schema', 'urn:example:1.0:User:foo'],
    ['an unbalanced filter', 'emails[type eq "work"'],
    ['a filter on a simple attribute', 'title[value eq "x"]'],
    ['an unparsable filter', 'emails[type eq]'],
    ['an unknown sub-attribute after a filter', 'emails[type eq "work"].nope'],
    ['junk after a filter', 'emails[type eq "work"]x'],
    ['a group attribute on a user', 'members'],
  ])('%s is invalidPath', (_name, path) => {
    expectScimError(() => patchUser({ op: 'replace', path, value: 'x' }), 'invalidPath');
  });

  it('an unknown key in a path-less value is invalidPath', () => {
    expectScimError(() => patchUser({ op: 'replace', value: { foo: 1 } }), 'invalidPath');
    expectScimError(
      () => patchUser({ op: 'replace', value: { [ENT]: { foo: 1 } } }),
      'invalidPath',
    );
  });

  it.each([
    ['id', 'x'],
    ['meta', { created: 'x' }],
    ['meta.created', '2020-01-01T00:00:00Z'],
    ['groups', [{ value: 'g' }]],
    ['schemas', [USER_SCHEMA]],
    [`${ENT}:manager.displayName`, 'X'],
  ])('modifying readOnly %s is mutability', (path, value) => {
    expectScimError(() => patchUser({ op: 'replace', path, value }), 'mutability');
    expectScimError(() => patchUser({ op: 'remove', path }), 'mutability');
  });

  it.each([
    [{ op: 'replace', path: 'active', value: 'yes' }],
    [{ op: 'replace', path: 'title', value: 5 }],
    [{ op: 'replace', path: 'name', value: 'Barbara' }],
    [{ op: 'add', path: 'emails', value: ['a@b.c'] }],
    [
      {
        op: 'add',
        path: 'emails',
        value: [
          { value: 'a', primary: true },
          { value: 'b', primary: true },
        ],
      },
    ],
    [{ op: 'replace', path: 'emails[type eq "work"].primary', value: 'maybe' }],
    [{ op: 'replace', path: 'emails[type eq "work"]', value: 'x' }],
    [{ op: 'replace', value: 'x' }],
    [{ op: 'replace', value: { active: 'nope' } }],
    [{ op: 'add', path: ENT, value: 'x' }],
  ])('type errors are invalidValue: %j', (op) => {
    expectScimError(() => patchUser(op), 'invalidValue');
  });

  it('an unknown sub-attribute inside a value is invalidSyntax, like on POST', () => {
    expectScimError(
      () => patchUser({ op: 'add', path: 'emails', value: [{ value: 'a', label: 'x' }] }),
      'invalidSyntax',
    );
  });
});

describe('applyPatch: guarantees', () => {
  it('never mutates its input', () => {
    const input = babs();
    const before = structuredClone(input);
    const body = patchOf(
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'x@y.z' },
      { op: 'add', path: 'emails', value: [{ value: 'n@y.z', primary: true }] },
      { op: 'remove', path: 'name.givenName' },
      { op: 'replace', value: { [`${ENT}:department`]: 'D' } },
    );
    const bodyBefore = structuredClone(body);
    const out = applyPatch(input, body, 'User');
    expect(input).toEqual(before);
    expect(body).toEqual(bodyBefore);
    expect(out).not.toEqual(before);
  });

  it('is all-or-nothing: a failing operation leaves the input untouched', () => {
    const input = babs();
    const before = structuredClone(input);
    expectScimError(
      () =>
        applyPatch(
          input,
          patchOf(
            { op: 'replace', path: 'title', value: 'Changed' },
            { op: 'remove', path: 'emails[type eq "work"]' },
            { op: 'replace', path: 'nope', value: 1 },
          ),
          'User',
        ),
      'invalidPath',
    );
    expect(input).toEqual(before);
  });

  it('keeps id, meta and groups from the input untouched', () => {
    const input: Record<string, unknown> = {
      ...babs(),
      groups: [{ value: 'g-1', display: 'Admins', type: 'direct' }],
    };
    const out = applyPatch(input, patchOf({ op: 'replace', path: 'title', value: 'T' }), 'User');
    expect(out.id).toBe(input.id);
    expect(out.meta).toEqual(input.meta);
    expect(out.groups).toEqual(input.groups);
    expect(Object.keys(out)[0]).toBe('schemas');
    expect(Object.keys(out).at(-1)).toBe('meta');
  });

  it('returns a re-validated resource: schemas follow the extension', () => {
    const out = patchUser({ op: 'remove', path: ENT });
    expect(out.schemas).toEqual([USER_SCHEMA]);
    expect(out).not.toHaveProperty(ENT);
    const emptied = patchUser(
      { op: 'remove', path: `${ENT}:employeeNumber` },
      { op: 'remove', path: `${ENT}:department` },
      { op: 'remove', path: `${ENT}:manager` },
    );
    expect(emptied.schemas).toEqual([USER_SCHEMA]);
  });

  it('ignores password changes (writeOnly, never stored)', () => {
    expect(patchUser({ op: 'replace', value: { password: 'p', title: 'T' } })).toEqual({
      ...babs(),
      title: 'T',
    });
    expect(patchUser({ op: 'replace', path: 'password', value: 'p' })).toEqual(babs());
  });

  it('applies operations in order', () => {
    const out = patchUser(
      { op: 'add', path: 'nickName', value: 'a' },
      { op: 'replace', path: 'nickName', value: 'b' },
      { op: 'remove', path: 'nickName' },
      { op: 'add', path: 'nickName', value: 'c' },
    );
    expect(out.nickName).toBe('c');
  });
});

describe('applyPatch: robustness', () => {
  it('random operations either apply or throw a 400 ScimError, never touching the input', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return (seed >>> 8) % n;
    };
    const pick = <T>(xs: T[]) => xs[rand(xs.length)]!;
    const paths = [
      undefined,
      'title',
      'NAME.givenName',
      'name',
      'emails',
      'emails.value',
      'emails[type eq "work"]',
      'emails[type eq "work"].value',
      'emails[value co "@"].primary',
      'addresses[type eq "home"].locality',
      `${ENT}:department`,
      `${ENT}:manager`,
      ENT,
      'members',
      'members[value eq "u-1"]',
      'members[value eq "u-1"].display',
      'id',
      'meta.created',
      'active',
      'userName',
      'displayName',
      'emails[type eq',
      'nope',
      '',
    ];
    const values = [
      'x',
      '',
      null,
      true,
      'False',
      5,
      [],
      [{ value: 'a@b.c', type: 'work' }],
      [{ value: 'u-5' }],
      { value: 'v', primary: true },
      { givenName: 'G' },
      { department: 'D', active: false },
      { active: false, 'name.familyName': 'F', [`${ENT}:division`]: 'V' },
      [{ value: 'u-1' }],
      ['u-2'],
    ];
    // Under Stryker every mutant of PATCH re-runs this test: a tenth of the rounds there.
    const rounds = process.env.STRYKER_MUTATOR_WORKER === undefined ? 3000 : 300;
    let ok = 0;
    let refused = 0;
    for (let i = 0; i < rounds; i++) {
      const type = rand(2) ? 'User' : 'Group';
      const input = type === 'User' ? babs() : admins();
      const before = structuredClone(input);
      const ops = Array.from({ length: 1 + rand(3) }, () => {
        const op: Record<string, unknown> = { op: pick(['add', 'Replace', 'remove', 'REMOVE']) };
        const path = pick(paths);
        if (path !== undefined) op.path = path;
        if (rand(4) !== 0) op.value = pick(values);
        return op;
      });
      try {
        const out = applyPatch(input, patchOf(...ops), type);
        expect(out.id).toBe(input.id);
        ok++;
      } catch (e) {
        const err = e as { name?: string; status?: number };
        expect(err.name, JSON.stringify(ops)).toBe('ScimError');
        expect(err.status).toBe(400);
        refused++;
      }
      expect(input).toEqual(before);
    }
    expect(ok).toBeGreaterThan(rounds / 15);
    expect(refused).toBeGreaterThan(rounds / 15);
  });
});
