/**
 * The SCIM filter's edges that the main suite (filter.test.ts) left open under mutation testing:
 * the error texts an IdP admin reads, the grouping of three or more operands, value paths under
 * `not`, and PATCH's element filter.
 */
import { describe, expect, it } from 'vitest';
import { compileElementFilter, compileFilter } from '../../../electron/cloud/scim/filter.js';
import { findAttribute } from '../../../electron/cloud/scim/schemas.js';
import { babs, ENT, expectScimError, jim } from './fixtures.js';

const users = [babs(), jim()];
const matches = (filter: string) =>
  users.filter((u) => compileFilter(filter, 'User').test(u)).map((u) => u.userName);
const BABS = 'Babs.Jensen@example.com';
const refusal = (text: string) =>
  expectScimError(() => compileFilter(text, 'User'), 'invalidFilter').message;

describe('compileFilter: what a refusal says', () => {
  it.each([
    [
      'userName',
      '"userName" must be followed by an operator (eq ne co sw ew gt ge lt le pr) or a [filter], found the end of the filter',
    ],
    ['userName xx "a"', '"userName" must be followed by an operator', 'found "xx"'],
    ['userName eq "a" and', 'unexpected end of the filter'],
    ['userName eq bjensen', 'expected a comparison value', 'found "bjensen"'],
    ['userName @ "a"', 'unexpected character "@" at position 10'],
    ['userName eq "unterminated', 'unterminated string at position 13'],
    ['userName eq "bad \\x escape"', 'bad escape in the string "bad \\x escape"'],
    ['userName eq "a")', 'unexpected ")" after a complete filter'],
    ['userName gt null', '"gt" cannot compare with null'],
    ['emails.value co null', '"co" cannot compare with null'],
    ['emails[type eq "work"]. value eq "x"', 'a sub-attribute name must follow "]." directly'],
    ['emails[type eq "work"]."x" eq "x"', 'a sub-attribute name must follow "]."'],
    ['emails[type eq "work"].', 'a sub-attribute name must follow "]."'],
    ['title pr not (userName pr)', '"not" must start a filter or follow "and"/"or"'],
    ['emails[type eq "work"].value[primary eq true]', 'value paths do not nest'],
    ['emails[addresses[type eq "x"]]', 'value paths do not nest'],
    ['('.repeat(20000) + 'title pr' + ')'.repeat(20000), 'too deeply nested'],
  ])('%s', (text, ...parts) => {
    const message = refusal(text);
    expect(message.startsWith(`Invalid filter ${JSON.stringify(text)}: `)).toBe(true);
    for (const part of parts) expect(message).toContain(part);
  });

  it('shows the number it read, so a number typed for a string attribute is recognisable', () => {
    expect(refusal('userName eq 1.5e3')).toContain('compare it with a quoted string, not 1500');
    expect(refusal('userName eq -2.25E-1')).toContain('not -0.225');
    expect(refusal('userName eq 0')).toContain('not 0');
    expect(refusal('userName eq 12')).toContain('not 12');
    // a number must end where a word could not go on
    expect(refusal('userName eq 12a')).toContain('unexpected character "1"');
  });

  it('refuses order comparisons on every complex attribute and a [filter] on an extension', () => {
    for (const op of ['gt', 'ge', 'lt', 'le']) {
      expect(refusal(`emails ${op} "a"`)).toContain(
        `"${op}" cannot compare the complex attribute "emails"`,
      );
    }
    expect(refusal(`${ENT}[department eq "x"]`)).toContain('takes no [filter]');
  });
});

describe('compileFilter: three or more operands', () => {
  it('and needs every operand, or needs any', () => {
    expect(matches('title pr and active eq true and userName eq "jim"')).toEqual([]);
    expect(matches('userName eq "jim" and active eq false and title pr')).toEqual([]);
    expect(matches('active eq false and userName pr and userName eq "jim"')).toEqual(['jim']);
    expect(matches('userName eq "a" or userName eq "b" or title pr')).toEqual([BABS]);
  });

  it('a value path followed by a sub-attribute keeps the operands after it', () => {
    expect(
      matches('emails[type eq "work"].value eq "bjensen@example.com" and active eq false'),
    ).toEqual([]);
    expect(
      matches('active eq false and emails[type eq "other"].primary eq true and userName sw "j"'),
    ).toEqual(['jim']);
  });

  it('a value path with a sub-attribute under not is folded too', () => {
    expect(matches('not (emails[type eq "work"].value eq "bjensen@example.com")')).toEqual(['jim']);
  });
});

describe('compileFilter: inside a value path', () => {
  it('sub-attribute names are case-insensitive and pr applies to the element', () => {
    expect(matches('emails[TYPE eq "work"]')).toEqual([BABS]);
    expect(matches('emails[primary pr]')).toEqual([BABS, 'jim']);
    expect(matches('emails[display pr]')).toEqual([]);
    expect(matches('emails[value eq null]')).toEqual([]);
  });

  it('an element that is not an object matches no [filter], even a negated one', () => {
    const f = compileFilter('emails[not (type eq "home")]', 'User');
    expect(f.test({ emails: ['x@example.com'] })).toBe(false);
    expect(f.test({ emails: [null, { type: 'work' }] })).toBe(true);
  });

  it('a sub-attribute path through a value that is not an object finds nothing', () => {
    expect(compileFilter('emails.value pr', 'User').test({ emails: ['x@example.com'] })).toBe(
      false,
    );
    expect(compileFilter('name.givenName pr', 'User').test({ name: 'Babs' })).toBe(false);
    expect(compileFilter('name.givenName ne "x"', 'User').test({ name: 'Babs' })).toBe(true);
  });

  it('pr is false for a complex attribute with no sub-attribute', () => {
    expect(compileFilter('name pr', 'User').test({ name: {} })).toBe(false);
    expect(compileFilter('name pr', 'User').test({ name: { givenName: 'x' } })).toBe(true);
  });
});

describe('compileFilter: the hint is only there when the filter has one', () => {
  it('has no hint key for a filter without an indexed equality', () => {
    expect(Object.keys(compileFilter('title pr', 'User')).sort()).toEqual(['ast', 'test']);
  });
});

describe('compileElementFilter: a PATCH path filter', () => {
  const emails = findAttribute('User', 'emails')!;

  it('tests objects only', () => {
    const f = compileElementFilter('not (type eq "home")', 'User', emails);
    expect(f.test({ type: 'work' })).toBe(true);
    expect(f.test({ type: 'home' })).toBe(false);
    expect(f.test(null)).toBe(false);
    expect(f.test('work')).toBe(false);
  });

  it('lists the values pinned by eq when the filter is only eqs joined by and', () => {
    expect(
      compileElementFilter('type eq "work" and PRIMARY eq true', 'User', emails).equalities,
    ).toEqual({ type: 'work', primary: true });
    for (const text of [
      'type eq "work" or primary eq true',
      'type ne "work"',
      'type eq null',
      'type eq "work" and type eq "home"',
      'nope eq "x"',
      'type pr',
    ]) {
      expect(compileElementFilter(text, 'User', emails).equalities, text).toBeUndefined();
    }
  });
});

describe('compileFilter: hint', () => {
  it('is the top-level eq on id for groups too', () => {
    expect(compileFilter('id eq "g-1"', 'Group').hint).toEqual({
      attr: 'id',
      value: 'g-1',
      caseExact: true,
    });
  });
});
