/**
 * compileFilter compiles each text on its own (filter.ts; it once kept compiled filters by text):
 * IdPs send `userName eq "x"` with a new value each time, and each text gets its own tree and
 * hint; JSON escapes in a value are decoded, and a raw control character is refused (RFC 7644
 * §3.4.2.2: values are JSON strings).
 */
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../electron/cloud/scim/filter.js';
import { ScimError } from '../../../electron/cloud/scim/errors.js';
import { babs, jim } from './fixtures.js';

describe('compileFilter: one compiled filter per text', () => {
  it('a new value of the same form gets its own tree, hint and matches', () => {
    compileFilter('userName eq "first@example.com"', 'User');
    const f = compileFilter('userName eq "jim"', 'User');
    expect(f.ast).toEqual({ op: 'eq', attrPath: 'userName', compValue: 'jim' });
    expect(f.hint).toEqual({ attr: 'userName', value: 'jim', caseExact: false });
    expect([babs(), jim()].map((r) => f.test(r))).toEqual([false, true]);
  });

  it('decodes JSON escapes in a value', () => {
    const value = (text: string) => compileFilter(text, 'User').ast as { compValue: unknown };
    expect(value('userName eq "a\\"b"').compValue).toBe('a"b');
    expect(value('userName eq "\\""').compValue).toBe('"');
    expect(value('userName eq "a\\\\b"').compValue).toBe('a\\b');
    expect(value('userName eq "a\\u0041"').compValue).toBe('aA');
  });

  it.each(['userName eq "tab\there"', 'userName eq "\t"', 'userName eq "\u0007\u0007"'])(
    'refuses a raw control character in a value: %j',
    (text) => {
      expect(() => compileFilter(text, 'User')).toThrow(ScimError);
      expect(() => compileFilter(text, 'User')).toThrow(/expected a comparison value/);
    },
  );
});
