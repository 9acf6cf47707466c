import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../electron/cloud/scim/filter.js';
import { admins, babs, ENT, expectScimError, jim } from './fixtures.js';

const users = [babs(), jim()];
/** ids of the fixture users a filter matches */
const matches = (filter: string) =>
  users.filter((u) => compileFilter(filter, 'User').test(u)).map((u) => u.userName);
const BABS = 'Babs.Jensen@example.com';

describe('compileFilter: comparison operators', () => {
  it.each([
    ['userName eq "babs.jensen@example.com"', [BABS]],
    ['userName ne "jim"', [BABS]],
    ['userName co "JENSEN"', [BABS]],
    ['userName sw "babs"', [BABS]],
    ['userName ew "@EXAMPLE.com"', [BABS]],
    ['userName gt "jim"', []],
    ['userName gt "J"', ['jim']],
    ['userName ge "jim"', ['jim']],
    ['userName lt "c"', [BABS]],
    ['userName le "JIM"', [BABS, 'jim']],
    ['title pr', [BABS]],
    ['active eq true', [BABS]],
    ['active eq false', ['jim']],
    ['active ne true', ['jim']],
  ])('%s', (filter, expected) => {
    expect(matches(filter)).toEqual(expected);
  });

  it('keywords and operators are case-insensitive', () => {
    expect(matches('userName EQ "jim" OR title Pr')).toEqual([BABS, 'jim']);
    expect(matches('NOT (userName Eq "jim")')).toEqual([BABS]);
  });

  it('attribute names are case-insensitive', () => {
    expect(matches('USERNAME eq "jim"')).toEqual(['jim']);
    expect(matches('Name.GivenName eq "barbara"')).toEqual([BABS]);
    expect(matches('EMAILS.VALUE eq "JIM@HOME.ORG"')).toEqual(['jim']);
  });

  it('compares caseExact attributes exactly (id, externalId) and others case-insensitively', () => {
    expect(matches('externalId eq "Ext-Babs"')).toEqual([BABS]);
    expect(matches('externalId eq "ext-babs"')).toEqual([]);
    expect(matches('id eq "2819C223-7F76-453A-919D-413861904646"')).toEqual([]);
    expect(matches('id sw "2819c223"')).toEqual([BABS]);
    expect(matches('displayName eq "BABS JENSEN"')).toEqual([BABS]);
    expect(matches('meta.resourceType eq "user"')).toEqual([]);
    expect(matches('meta.resourceType eq "User"')).toEqual([BABS, 'jim']);
  });

  it('ne is the negation of eq: unassigned attributes are "not equal"', () => {
    expect(matches('title ne "Tour Guide"')).toEqual(['jim']);
    expect(matches('title ne "x"')).toEqual([BABS, 'jim']);
    // multi-valued: true only when no value equals
    expect(matches('emails.value ne "jim@home.org"')).toEqual([BABS]);
  });

  it('pr is false for unassigned, empty string and empty array', () => {
    const f = compileFilter('title pr', 'User');
    expect(f.test({ title: '' })).toBe(false);
    expect(f.test({ title: null })).toBe(false);
    expect(f.test({})).toBe(false);
    expect(f.test({ title: 'x' })).toBe(true);
    const e = compileFilter('emails pr', 'User');
    expect(e.test({ emails: [] })).toBe(false);
    expect(e.test({ emails: [{ value: 'a' }] })).toBe(true);
    expect(compileFilter('active pr', 'User').test({ active: false })).toBe(true);
  });

  it('eq null means unassigned, ne null means assigned', () => {
    expect(matches('title eq null')).toEqual(['jim']);
    expect(matches('title ne null')).toEqual([BABS]);
  });
});

describe('compileFilter: logic, precedence and grouping', () => {
  it('and binds tighter than or', () => {
    // a or (b and c)
    expect(matches('userName eq "jim" or title pr and active eq false')).toEqual(['jim']);
    // (a or b) and c
    expect(matches('(userName eq "jim" or title pr) and active eq false')).toEqual(['jim']);
    expect(matches('title pr and active eq false or userName eq "jim"')).toEqual(['jim']);
  });

  it('not applies to the following group only', () => {
    expect(matches('not (title pr) and active eq false')).toEqual(['jim']);
    expect(matches('not (title pr and active eq false)')).toEqual([BABS, 'jim']);
    expect(matches('not (not (title pr))')).toEqual([BABS]);
  });

  it('handles long chains and nesting', () => {
    expect(
      matches('userName eq "a" or userName eq "b" or userName eq "jim" or userName eq "c"'),
    ).toEqual(['jim']);
    expect(matches('((userName eq "jim") and ((active eq false)))')).toEqual(['jim']);
    expect(matches('title pr and active eq true and emails pr and id pr')).toEqual([BABS]);
  });
});

describe('compileFilter: multi-valued, complex, value paths', () => {
  it('a multi-valued attribute matches if any value matches', () => {
    expect(matches('emails.value eq "babs@jensen.org"')).toEqual([BABS]);
    expect(matches('emails.type eq "work"')).toEqual([BABS]);
    expect(matches('emails.value co "example.com"')).toEqual([BABS, 'jim']);
  });

  it('a complex attribute compared directly compares its "value"', () => {
    expect(matches('emails eq "JIM@home.org"')).toEqual(['jim']);
    expect(matches(`${ENT}:manager eq "26118915-6090-4610-87e4-49d8ca9f808d"`)).toEqual([BABS]);
    const g = compileFilter('members eq "u-2"', 'Group');
    expect(g.test(admins())).toBe(true);
  });

  it('value paths apply the inner filter to one and the same element', () => {
    expect(matches('emails[type eq "work" and value co "@example.com"]')).toEqual([BABS]);
    // jim has a home email and an example.com email, but not in one element
    expect(matches('emails[type eq "home" and value co "@example.com"]')).toEqual([]);
    expect(matches('emails[type eq "HOME" or primary eq true]')).toEqual([BABS, 'jim']);
    expect(matches('emails[not (type eq "home")]')).toEqual([BABS, 'jim']);
    expect(matches('addresses[locality eq "hollywood"]')).toEqual([BABS]);
  });

  it('a sub-attribute after a value path must hold for the same element', () => {
    expect(matches('emails[type eq "work"].value eq "bjensen@example.com"')).toEqual([BABS]);
    // babs@jensen.org is her home email: not a match
    expect(matches('emails[type eq "work"].value eq "babs@jensen.org"')).toEqual([]);
    expect(matches('emails[type eq "home"].value co "example.com"')).toEqual([]);
    expect(matches('emails[type eq "other"].primary eq true and active eq false')).toEqual(['jim']);
    expect(matches('userName eq "x" or emails[type eq "home"].value sw "jim"')).toEqual(['jim']);
  });

  it('groups members by value path', () => {
    const f = compileFilter('members[value eq "g-9" and type eq "group"]', 'Group');
    expect(f.test(admins())).toBe(true);
    expect(compileFilter('members[value eq "u-9"]', 'Group').test(admins())).toBe(false);
    expect(compileFilter('members.display eq "alice"', 'Group').test(admins())).toBe(true);
  });

  it('accepts fully qualified URN paths for core and extension attributes', () => {
    expect(matches(`${ENT}:department eq "tour operations"`)).toEqual([BABS]);
    expect(matches(`${ENT.toUpperCase()}:DEPARTMENT eq "tour operations"`)).toEqual([BABS]);
    expect(matches(`${ENT}:manager.value pr`)).toEqual([BABS]);
    expect(matches('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "jim"')).toEqual([
      'jim',
    ]);
    expect(matches('urn:ietf:params:scim:schemas:core:2.0:User:name.givenName sw "B"')).toEqual([
      BABS,
    ]);
    expect(
      compileFilter(
        'urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq "admins"',
        'Group',
      ).test(admins()),
    ).toBe(true);
  });

  it('an attribute the schema does not define matches nothing', () => {
    expect(matches('nickname2 eq "x"')).toEqual([]);
    expect(matches('foo pr')).toEqual([]);
    expect(matches('name.nope eq "x"')).toEqual([]);
    expect(matches('urn:example:custom:1.0:User:costCenter eq "x"')).toEqual([]);
    expect(matches('foo[bar eq "x"]')).toEqual([]);
    expect(matches('emails[nope eq "x"]')).toEqual([]);
    expect(matches('not (foo eq "x")')).toEqual([BABS, 'jim']);
    // department is an enterprise attribute: it must be URN-qualified
    expect(matches('department eq "Tour Operations"')).toEqual([]);
    // a User attribute is not a Group one
    expect(compileFilter('userName eq "Admins"', 'Group').test(admins())).toBe(false);
  });
});

describe('compileFilter: dates, numbers and literals', () => {
  it('compares meta.created / meta.lastModified as instants', () => {
    expect(matches('meta.created gt "2024-01-01T00:00:00Z"')).toEqual([BABS]);
    expect(matches('meta.lastModified lt "2024-01-01T00:00:00+01:00"')).toEqual(['jim']);
    expect(matches('meta.created eq "2024-01-23T04:56:22.000Z"')).toEqual([BABS]);
    expect(matches('meta.created ge "2024-01-23T05:56:22+01:00"')).toEqual([BABS]);
    expect(matches('meta.created le "2023-06-01T00:00:00Z"')).toEqual(['jim']);
    expect(matches('meta.created sw "2023"')).toEqual(['jim']);
  });

  it('decodes JSON string escapes in values', () => {
    const f = compileFilter('displayName eq "a\\\\b \\"q\\" \\u00e9"', 'User');
    expect(f.test({ displayName: 'a\\b "q" é' })).toBe(true);
    expect(
      compileFilter('displayName eq "ends with \\\\"', 'User').test({
        displayName: 'ends with \\',
      }),
    ).toBe(true);
  });

  it('parses negative numbers and numbers next to parentheses', () => {
    const f = compileFilter('(title pr) and (userName eq "x" or userName eq "-5")', 'User');
    expect(f.test({ title: 't', userName: '-5' })).toBe(true);
    // numeric literal next to ")" against an unknown attribute is still valid syntax
    expect(compileFilter('(foo gt -5) or (foo lt 5)', 'User').test({})).toBe(false);
  });

  it('accepts "true"/"false" strings for booleans', () => {
    expect(matches('active eq "TRUE"')).toEqual([BABS]);
  });
});

describe('compileFilter: errors', () => {
  it.each([
    [''],
    ['userName'],
    ['userName eq'],
    ['userName xx "a"'],
    ['userName eq bjensen'],
    ['userName eq "a" extra'],
    ['(userName eq "a"'],
    ['userName eq "a")'],
    ['userName eq "unterminated'],
    ['userName eq "bad \\x escape"'],
    ['emails[type eq "work"'],
    ['emails[type eq "work"]. value eq "x"'],
    ['emails[type eq "work"].value[primary eq true]'],
    ['emails[type eq "work" and addresses[type eq "x"]]'],
    ['not'],
    ['userName eq "a" and'],
    ['userName @ "a"'],
    ['title pr not (userName pr)'],
    ['title pr and or userName pr'],
    ['"x" eq title'],
    ['title eq 01'],
    ['title eq -'],
    ['('.repeat(20000) + 'title pr' + ')'.repeat(20000)],
  ])('invalidFilter: %s', (text) => {
    const e = expectScimError(() => compileFilter(text, 'User'), 'invalidFilter');
    expect(e.message).toMatch(/^Invalid filter/);
  });

  it.each([
    ['active gt true', /boolean/],
    ['active co "t"', /boolean/],
    ['active eq 1', /boolean/],
    ['name gt "a"', /complex/],
    ['name eq "a"', /complex/],
    ['emails gt "a"', /complex/],
    [`${ENT} pr and ${ENT} eq "x"`, /complex/],
    ['userName eq 5', /string/],
    ['userName eq true', /string/],
    ['meta.created gt "yesterday"', /dateTime/],
    ['meta.created gt 5', /dateTime/],
    ['x509Certificates.value gt "a"', /binary/],
    ['userName gt null', /null/],
    ['title[value eq "x"]', /not a complex attribute/],
  ])('operator/type mismatch is invalidFilter: %s', (text, why) => {
    const e = expectScimError(() => compileFilter(text, 'User'), 'invalidFilter');
    expect(e.message).toMatch(why);
  });

  it('explains a missing comparison value in plain words', () => {
    const e = expectScimError(() => compileFilter('userName eq', 'User'), 'invalidFilter');
    expect(e.message).toContain('expected a comparison value');
    expect(e.message).toContain('end of the filter');
  });
});

describe('compileFilter: robustness', () => {
  it('either compiles or throws invalidFilter on random (mutated) filters; test never throws', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return (seed >>> 8) % n;
    };
    const pick = <T>(xs: T[]) => xs[rand(xs.length)]!;
    const attrs = [
      'userName',
      'emails',
      'emails.value',
      'name.givenName',
      'active',
      'meta.created',
      `${ENT}:manager`,
      'nope',
      'type',
      'value',
      'primary',
      'id',
      'x509Certificates.value',
    ];
    const ops = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];
    const values = [
      '"x"',
      '"2024-01-01T00:00:00Z"',
      'true',
      'false',
      'null',
      '-1',
      '3.5',
      '"a\\"b"',
    ];
    const atom = (depth: number): string => {
      const r = rand(5);
      if (r === 0) return `${pick(attrs)} pr`;
      if (r === 1 && depth < 2)
        return `${pick(attrs)}[${expr(depth + 1)}]${rand(2) ? '.value eq "x"' : ''}`;
      return `${pick(attrs)} ${pick(ops)} ${pick(values)}`;
    };
    const expr = (depth: number): string => {
      const r = rand(6);
      if (depth < 3 && r === 0) return `(${expr(depth + 1)})`;
      if (depth < 3 && r === 1) return `not (${expr(depth + 1)})`;
      if (depth < 3 && r === 2)
        return `${expr(depth + 1)} ${pick(['and', 'or'])} ${expr(depth + 1)}`;
      return atom(depth);
    };
    const mutate = (text: string) => {
      const tokens = text.split(' ');
      const i = rand(tokens.length);
      if (rand(2)) tokens.splice(i, 1);
      else tokens.splice(i, 0, pick(['and', 'not', '(', ')', '[', ']', '"', 'pr', 'eq']));
      return tokens.join(' ');
    };
    // Under Stryker every mutant of the compiler re-runs this test: a tenth of the rounds there.
    const rounds = process.env.STRYKER_MUTATOR_WORKER === undefined ? 5000 : 500;
    let compiled = 0;
    let refused = 0;
    for (let i = 0; i < rounds; i++) {
      const text = rand(3) === 0 ? mutate(expr(0)) : expr(0);
      let f;
      try {
        f = compileFilter(text, 'User');
      } catch (e) {
        expect((e as { scimType?: string }).scimType, text).toBe('invalidFilter');
        refused++;
        continue;
      }
      compiled++;
      for (const u of [babs(), jim(), {}]) expect(typeof f.test(u)).toBe('boolean');
    }
    expect(compiled).toBeGreaterThan(rounds / 10);
    expect(refused).toBeGreaterThan(rounds / 10);
  });
});

describe('compileFilter: hint', () => {
  const hint = (text: string, type: 'User' | 'Group' = 'User') => compileFilter(text, type).hint;

  it('is the top-level eq on userName / id / externalId for users', () => {
    expect(hint('userName eq "Bjensen"')).toEqual({
      attr: 'userName',
      value: 'Bjensen',
      caseExact: false,
    });
    expect(hint('ID eq "abc"')).toEqual({ attr: 'id', value: 'abc', caseExact: true });
    expect(hint('externalId eq "e"')).toEqual({ attr: 'externalId', value: 'e', caseExact: true });
    expect(hint('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "x"')?.attr).toBe(
      'userName',
    );
  });

  it('is found among the operands of top-level ands, recursively', () => {
    expect(hint('active eq true and userName eq "x"')?.value).toBe('x');
    expect(hint('(active eq true and (title pr and externalId eq "e"))')?.attr).toBe('externalId');
    expect(hint('emails[type eq "work"] and id eq "i"')?.attr).toBe('id');
  });

  it('is id / displayName / externalId for groups', () => {
    expect(hint('displayName eq "Admins"', 'Group')).toEqual({
      attr: 'displayName',
      value: 'Admins',
      caseExact: false,
    });
    expect(hint('externalId eq "x"', 'Group')?.attr).toBe('externalId');
    expect(hint('userName eq "x"', 'Group')).toBeUndefined();
    expect(hint('displayName eq "x"', 'User')).toBeUndefined();
  });

  it.each([
    'userName eq "x" or active eq true',
    'not (userName eq "x")',
    'userName ne "x"',
    'userName co "x"',
    'userName sw "x"',
    'userName pr',
    'userName eq null',
    'emails[value eq "x"]',
    'emails.value eq "x"',
    'name.givenName eq "x"',
    `${ENT}:employeeNumber eq "x"`,
    'active eq true and (userName eq "x" or userName eq "y")',
    'active eq true',
  ])('is absent for %s', (text) => {
    expect(hint(text)).toBeUndefined();
  });

  it('never excludes a match: the hinted value matches everything the filter matches', () => {
    const filter = compileFilter(
      'userName eq "BABS.JENSEN@EXAMPLE.COM" and active eq true',
      'User',
    );
    expect(filter.test(babs())).toBe(true);
    expect(filter.hint).toMatchObject({ attr: 'userName', caseExact: false });
  });
});

describe('compileFilter: ast and speed', () => {
  it('exposes the folded AST', () => {
    expect(compileFilter('emails[type eq "work"].value eq "x"', 'User').ast).toEqual({
      op: '[]',
      attrPath: 'emails',
      valFilter: {
        op: 'and',
        filters: [
          { op: 'eq', attrPath: 'type', compValue: 'work' },
          { op: 'eq', attrPath: 'value', compValue: 'x' },
        ],
      },
    });
  });

  // A speed figure means nothing under Stryker's instrumentation (every branch counts its hits).
  it.skipIf(process.env.STRYKER_MUTATOR_WORKER !== undefined)(
    'compiles a simple equality in microseconds',
    () => {
      const n = 20_000;
      const u = babs();
      const start = performance.now();
      for (let i = 0; i < n; i++) compileFilter(`userName eq "user${i}"`, 'User').test(u);
      const perOpUs = ((performance.now() - start) * 1000) / n;
      expect(perOpUs).toBeLessThan(50); // typically ~1-3 µs; generous for slow CI
    },
  );
});
