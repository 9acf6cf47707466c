import { describe, expect, it } from 'vitest';
import { normalizeGroupInput, normalizeUserInput } from '../../../electron/cloud/scim/resource.js';
import { ENT, expectScimError, GROUP_SCHEMA, USER_SCHEMA } from './fixtures.js';

const user = (extra: Record<string, unknown> = {}) => ({
  schemas: [USER_SCHEMA],
  userName: 'bjensen',
  ...extra,
});

/** What Okta sends to create a user (developer.okta.com SCIM 2.0 reference). */
const oktaCreate = () => ({
  schemas: [USER_SCHEMA],
  userName: 'test.user@okta.local',
  name: { givenName: 'Test', familyName: 'User' },
  emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
  displayName: 'Test User',
  locale: 'en-US',
  externalId: '00ujl29u0le5T6Aj10h7',
  groups: [],
  password: '1mz050nq',
  active: true,
});

/** What Entra ID sends (learn.microsoft.com "SCIM: Known issues / request examples"). */
const entraCreate = () => ({
  schemas: [USER_SCHEMA, ENT],
  externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
  userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1',
  active: 'True',
  emails: [{ primary: 'true', type: 'work', value: 'Test_User_fd0ea19b@testuser.com' }],
  meta: { resourceType: 'User' },
  name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
  roles: [],
  [ENT]: { employeeNumber: '1234', department: 'Eng', manager: '26118915-6090-4610' },
});

describe('normalizeUserInput', () => {
  it('accepts an Okta create body: drops password and readOnly groups, keeps externalId', () => {
    expect(normalizeUserInput(oktaCreate())).toEqual({
      schemas: [USER_SCHEMA],
      externalId: '00ujl29u0le5T6Aj10h7',
      userName: 'test.user@okta.local',
      name: { givenName: 'Test', familyName: 'User' },
      displayName: 'Test User',
      locale: 'en-US',
      active: true,
      emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
    });
  });

  it('accepts an Entra create body: string booleans, bare manager id, empty arrays', () => {
    const out = normalizeUserInput(entraCreate());
    expect(out.active).toBe(true);
    expect(out.emails).toEqual([
      { primary: true, type: 'work', value: 'Test_User_fd0ea19b@testuser.com' },
    ]);
    expect(out).not.toHaveProperty('meta');
    expect(out).not.toHaveProperty('roles');
    expect(out.schemas).toEqual([USER_SCHEMA, ENT]);
    expect(out[ENT]).toEqual({
      employeeNumber: '1234',
      department: 'Eng',
      manager: { value: '26118915-6090-4610' },
    });
  });

  it('maps attribute names case-insensitively at every level to the schema spelling', () => {
    const out = normalizeUserInput({
      SCHEMAS: [USER_SCHEMA.toLowerCase(), ENT.toUpperCase()],
      USERNAME: 'b',
      Name: { GIVENNAME: 'g', familyname: 'f' },
      Emails: [{ VALUE: 'a@b.c', Type: 'work', PRIMARY: 'TRUE' }],
      ExternalID: 'e',
      [ENT.toLowerCase()]: { DEPARTMENT: 'd', Manager: { VALUE: 'm', displayname: 'ignored' } },
    });
    expect(out).toEqual({
      schemas: [USER_SCHEMA, ENT],
      externalId: 'e',
      userName: 'b',
      name: { givenName: 'g', familyName: 'f' },
      active: true,
      emails: [{ value: 'a@b.c', type: 'work', primary: true }],
      [ENT]: { department: 'd', manager: { value: 'm' } },
    });
  });

  it('orders attributes canonically: schemas, externalId, core in schema order, extensions', () => {
    const out = normalizeUserInput({
      [ENT]: { department: 'd' },
      title: 't',
      schemas: [USER_SCHEMA, ENT],
      externalId: 'x',
      userName: 'u',
    });
    expect(Object.keys(out)).toEqual(['schemas', 'externalId', 'userName', 'title', 'active', ENT]);
  });

  it('silently ignores readOnly attributes (id, meta, groups) and password', () => {
    const out = normalizeUserInput(
      user({
        id: 'client-chosen',
        meta: { created: 'x' },
        groups: [{ value: 'g' }],
        password: 'secret',
      }),
    );
    expect(out).toEqual({ schemas: [USER_SCHEMA], userName: 'bjensen', active: true });
  });

  it('treats null as unassigned and drops empty values', () => {
    const out = normalizeUserInput(
      user({ title: null, name: { givenName: null }, emails: [], phoneNumbers: [null], [ENT]: {} }),
    );
    expect(out).toEqual({ schemas: [USER_SCHEMA], userName: 'bjensen', active: true });
  });

  it('keeps active: false and converts "false"/"False" strings', () => {
    expect(normalizeUserInput(user({ active: false })).active).toBe(false);
    expect(normalizeUserInput(user({ active: 'False' })).active).toBe(false);
    expect(normalizeUserInput(user({ active: 'false' })).active).toBe(false);
    expect(normalizeUserInput(user({ active: 'true' })).active).toBe(true);
  });

  it('sets schemas to core + enterprise only when the extension object is present', () => {
    expect(normalizeUserInput({ schemas: [USER_SCHEMA, ENT], userName: 'u' }).schemas).toEqual([
      USER_SCHEMA,
    ]);
    expect(
      normalizeUserInput({ schemas: [USER_SCHEMA], userName: 'u', [ENT]: { division: 'x' } })
        .schemas,
    ).toEqual([USER_SCHEMA, ENT]);
  });

  it('accepts URN-qualified attribute keys and merges them into the extension', () => {
    const out = normalizeUserInput({
      schemas: [USER_SCHEMA, ENT],
      userName: 'u',
      [ENT]: { department: 'd' },
      [`${ENT}:costCenter`]: 'c',
      [`${USER_SCHEMA}:title`]: 't',
    });
    expect(out.title).toBe('t');
    expect(out[ENT]).toEqual({ department: 'd', costCenter: 'c' });
  });

  it('refuses the same attribute twice under different spellings', () => {
    expectScimError(() => normalizeUserInput(user({ UserName: 'x' })), 'invalidSyntax');
    expectScimError(
      () => normalizeUserInput(user({ name: { givenName: 'a', GivenName: 'b' } })),
      'invalidSyntax',
    );
    expectScimError(
      () => normalizeUserInput(user({ [ENT]: { department: 'a' }, [`${ENT}:department`]: 'b' })),
      'invalidSyntax',
    );
  });

  describe('unknown attributes and schemas: 400 invalidSyntax naming them', () => {
    it.each([
      [{ nickname2: 'x' }, 'nickname2'],
      [{ name: { middle: 'x' } }, 'name.middle'],
      [{ emails: [{ value: 'a', label: 'x' }] }, 'emails[0].label'],
      [{ [ENT]: { badge: 'x' } }, `${ENT}.badge`],
      [{ [`${ENT}:badge`]: 'x' }, `${ENT}:badge`],
      [{ 'urn:okta:custom:1.0:User': { a: 1 } }, 'urn:okta:custom:1.0:User'],
      [{ [`${USER_SCHEMA}:emails.value`]: 'a@b.c' }, 'emails'],
      [{ 'name.givenName': 'x' }, 'name.givenName'],
    ])('%j', (extra, named) => {
      const e = expectScimError(() => normalizeUserInput(user(extra)), 'invalidSyntax');
      expect(e.message).toContain(named);
    });

    it("explains Okta's mangled urn_ietf_... namespace", () => {
      const key = 'urn_ietf_params_scim_schemas_extension_enterprise_2_0_User';
      const e = expectScimError(
        () => normalizeUserInput(user({ [key]: { department: 'x' } })),
        'invalidSyntax',
      );
      expect(e.message).toContain(key);
      expect(e.message).toContain(`Did you mean "${ENT}"`);
    });

    it('names an unknown schema extension as such', () => {
      const e = expectScimError(
        () => normalizeUserInput(user({ 'urn:example:ext:1.0:User': {} })),
        'invalidSyntax',
      );
      expect(e.message).toMatch(/Unknown schema extension/);
    });

    it('refuses unknown URNs in schemas', () => {
      const e = expectScimError(
        () => normalizeUserInput({ schemas: [USER_SCHEMA, 'urn:example:x'], userName: 'u' }),
        'invalidSyntax',
      );
      expect(e.message).toContain('urn:example:x');
    });

    it('refuses a body without schemas, or without the core schema', () => {
      expectScimError(() => normalizeUserInput({ userName: 'u' }), 'invalidSyntax');
      expectScimError(() => normalizeUserInput({ schemas: [ENT], userName: 'u' }), 'invalidSyntax');
      expectScimError(
        () => normalizeUserInput({ schemas: USER_SCHEMA, userName: 'u' }),
        'invalidSyntax',
      );
      expectScimError(
        () => normalizeUserInput({ schemas: [GROUP_SCHEMA], userName: 'u' }),
        'invalidSyntax',
      );
    });

    it('refuses a body that is not an object', () => {
      expectScimError(() => normalizeUserInput(null), 'invalidSyntax');
      expectScimError(() => normalizeUserInput([user()]), 'invalidSyntax');
      expectScimError(() => normalizeUserInput('{}'), 'invalidSyntax');
    });
  });

  describe('type errors: 400 invalidValue', () => {
    it.each([
      [{ userName: 5 }, 'userName'],
      [{ userName: '' }, 'userName'],
      [{ userName: '   ' }, 'userName'],
      [{ userName: null }, 'userName'],
      [{ active: 'yes' }, 'active'],
      [{ active: 1 }, 'active'],
      [{ title: ['a'] }, 'title'],
      [{ title: { a: 1 } }, 'title'],
      [{ name: 'Barbara' }, 'name'],
      [{ emails: { value: 'a@b.c' } }, 'emails'],
      [{ emails: ['a@b.c'] }, 'emails[0]'],
      [{ emails: [{ value: 1 }] }, 'emails[0].value'],
      [{ emails: [{ value: 'a', primary: 'maybe' }] }, 'emails[0].primary'],
      [{ profileUrl: 42 }, 'profileUrl'],
      [{ [ENT]: 'x' }, ENT],
      [{ [ENT]: { manager: 7 } }, 'manager'],
    ])('%j', (extra, named) => {
      const body = { schemas: [USER_SCHEMA], userName: 'u', ...extra };
      const e = expectScimError(() => normalizeUserInput(body), 'invalidValue');
      expect(e.message).toContain(named);
    });

    it('allows at most one primary value', () => {
      const e = expectScimError(
        () =>
          normalizeUserInput(
            user({
              emails: [
                { value: 'a', primary: true },
                { value: 'b', primary: 'true' },
              ],
            }),
          ),
        'invalidValue',
      );
      expect(e.message).toMatch(/primary/);
    });
  });

  it('does not mutate its input', () => {
    const body = entraCreate();
    const copy = structuredClone(body);
    normalizeUserInput(body);
    expect(body).toEqual(copy);
  });
});

describe('normalizeGroupInput', () => {
  it('accepts a group with members, defaulting type to User and de-duplicating', () => {
    const out = normalizeGroupInput({
      schemas: [GROUP_SCHEMA],
      displayName: 'Admins',
      externalId: 'x',
      members: [{ value: 'u1', display: 'Alice' }, { VALUE: 'g1', TYPE: 'group' }, { value: 'u1' }],
    });
    expect(out).toEqual({
      schemas: [GROUP_SCHEMA],
      externalId: 'x',
      displayName: 'Admins',
      members: [
        { value: 'u1', display: 'Alice', type: 'User' },
        { value: 'g1', type: 'Group' },
      ],
    });
  });

  it('needs displayName', () => {
    expectScimError(() => normalizeGroupInput({ schemas: [GROUP_SCHEMA] }), 'invalidValue');
    expectScimError(
      () => normalizeGroupInput({ schemas: [GROUP_SCHEMA], displayName: '' }),
      'invalidValue',
    );
  });

  it('needs a string value on each member and a User/Group type', () => {
    const g = (members: unknown) => ({ schemas: [GROUP_SCHEMA], displayName: 'G', members });
    expectScimError(() => normalizeGroupInput(g([{ display: 'x' }])), 'invalidValue');
    expectScimError(() => normalizeGroupInput(g([{ value: 5 }])), 'invalidValue');
    expectScimError(() => normalizeGroupInput(g([{ value: 'u', type: 'Device' }])), 'invalidValue');
    expectScimError(() => normalizeGroupInput(g({ value: 'u' })), 'invalidValue');
  });

  it('refuses User attributes and the enterprise extension on a group', () => {
    expectScimError(
      () => normalizeGroupInput({ schemas: [GROUP_SCHEMA], displayName: 'G', userName: 'x' }),
      'invalidSyntax',
    );
    expectScimError(
      () => normalizeGroupInput({ schemas: [GROUP_SCHEMA, ENT], displayName: 'G' }),
      'invalidSyntax',
    );
    expectScimError(
      () => normalizeGroupInput({ schemas: [USER_SCHEMA], displayName: 'G' }),
      'invalidSyntax',
    );
  });

  it('does not default active on groups', () => {
    expect(normalizeGroupInput({ schemas: [GROUP_SCHEMA], displayName: 'G' })).toEqual({
      schemas: [GROUP_SCHEMA],
      displayName: 'G',
    });
  });
});
