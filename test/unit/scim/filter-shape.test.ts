/**
 * compileFilter compiles `<attribute> <op> "<plain string>"` from a tree parsed once per shape
 * (filter.ts, compileByShape). Whatever the path, the result must be the parser's own: the same
 * tree, hint, matches and errors as compiling the text from scratch.
 */
import { describe, expect, it } from 'vitest';
import { compileFilter, compileUncached } from '../../../electron/cloud/scim/filter.js';
import { ScimError } from '../../../electron/cloud/scim/errors.js';
import { admins, babs, ENT, jim } from './fixtures.js';

const resources = { User: [babs(), jim()], Group: [admins()] };

/** What compiling gives, errors included, in a comparable form. */
function outcome(compile: () => ReturnType<typeof compileUncached>, type: 'User' | 'Group') {
  try {
    const f = compile();
    return { ast: f.ast, hint: f.hint, matches: resources[type].map((r) => f.test(r)) };
  } catch (e) {
    if (!(e instanceof ScimError)) throw e;
    return { status: e.status, scimType: e.scimType, message: e.message };
  }
}

describe('compileFilter: a simple comparison compiled by its shape', () => {
  it.each([
    ['userName eq "Babs.Jensen@example.com"', 'User'],
    ['userName eq "BABS.JENSEN@EXAMPLE.COM"', 'User'],
    ['USERNAME Eq "jim"', 'User'],
    ['  userName   eq   "jim"  ', 'User'],
    ['userName eq ""', 'User'],
    ['userName eq "a ) or ( b [x] and"', 'User'],
    ['userName sw "babs"', 'User'],
    ['userName ne "jim"', 'User'],
    ['userName gt "J"', 'User'],
    ['externalId eq "Ext-Babs"', 'User'],
    ['externalId eq "ext-babs"', 'User'],
    ['id eq "2819c223-7f76-453a-919d-413861904646"', 'User'],
    ['emails.value eq "JIM@HOME.ORG"', 'User'],
    ['emails eq "bjensen@example.com"', 'User'],
    ['name.givenName co "arb"', 'User'],
    [`${ENT}:employeeNumber eq "701984"`, 'User'],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', 'User'],
    ['noSuchAttribute eq "x"', 'User'],
    ['displayName eq "Tour Guides"', 'Group'],
    ['displayName eq "tour guides"', 'Group'],
    ['userName eq "José"', 'User'],
    ['userName eq "Jose\u0301"', 'User'],
    // Refused the same way: a type mismatch, an operator that is no operator, a bad shape.
    ['active eq "yes"', 'User'],
    ['meta.lastModified gt "not a date"', 'User'],
    ['name gt "x"', 'User'],
    ['userName zz "x"', 'User'],
    ['userName pr "x"', 'User'],
    ['not eq "x"', 'User'],
    ['and eq "x"', 'User'],
  ] as const)('%s (%s)', (text, type) => {
    const expected = outcome(() => compileUncached(text, type), type);
    expect(outcome(() => compileFilter(text, type), type)).toEqual(expected);
  });

  it('a new value of a known shape still gets its own tree and hint', () => {
    compileFilter('userName eq "first@example.com"', 'User');
    const f = compileFilter('userName eq "jim"', 'User');
    expect(f.ast).toEqual({ op: 'eq', attrPath: 'userName', compValue: 'jim' });
    expect(f.hint).toEqual({ attr: 'userName', value: 'jim', caseExact: false });
    expect(resources.User.map((r) => f.test(r))).toEqual([false, true]);
  });

  it('quotes, backslashes and control characters take the parser path', () => {
    for (const text of [
      'userName eq "a\\"b"',
      'userName eq "a\\\\b"',
      'userName eq "a\\u0041"',
      'userName eq "tab\there"',
      // values made of nothing else: no character the fast path may take verbatim
      'userName eq "\\""',
      'userName eq "\\\\"',
      'userName eq "\t"',
      'userName eq "\u0007\u0007"',
    ]) {
      expect(outcome(() => compileFilter(text, 'User'), 'User')).toEqual(
        outcome(() => compileUncached(text, 'User'), 'User'),
      );
    }
    expect(compileFilter('userName eq "a\\u0041"', 'User').ast).toMatchObject({
      compValue: 'aA',
    });
  });
});
