/**
 * The value side of a filter comparison (filter-values.ts), per attribute type and operator,
 * including the numeric types no attribute of the core schemas has yet (an extension may).
 */
import { describe, expect, it } from 'vitest';
import { valueTest, type CompValue } from '../../../electron/cloud/scim/filter-values.js';
import type { AttrNode } from '../../../electron/cloud/scim/schemas.js';
import { expectScimError } from './fixtures.js';

type AttrType = 'string' | 'boolean' | 'integer' | 'decimal' | 'dateTime' | 'binary';

/** A top-level attribute `x` of this type, as schemas.ts would resolve it. */
function node(type: AttrType, caseExact = false): AttrNode {
  return {
    def: { name: 'x', type, caseExact, multiValued: false, mutability: 'readWrite' },
    name: 'x',
    schema: 'urn:test',
    parent: undefined,
    keys: ['x'],
    path: 'x',
    isExtension: false,
    sub: undefined,
  } as unknown as AttrNode;
}

const TEXT = 'x op v';
const test = (type: AttrType, op: string, cv: CompValue, caseExact = false) =>
  valueTest(node(type, caseExact), op, cv, TEXT);
/** Which of `values` the comparison accepts. */
const accepted = (type: AttrType, op: string, cv: CompValue, values: unknown[], exact = false) =>
  values.filter(test(type, op, cv, exact));
const refusal = (type: AttrType, op: string, cv: CompValue) =>
  expectScimError(() => test(type, op, cv), 'invalidFilter').message;

describe('valueTest: booleans', () => {
  it('compares with true/false, or their strings in any case', () => {
    expect(accepted('boolean', 'eq', true, [true, false, 'true', 1])).toEqual([true]);
    expect(accepted('boolean', 'eq', false, [true, false, 'false', 0])).toEqual([false]);
    expect(accepted('boolean', 'eq', 'TRUE', [true, false])).toEqual([true]);
    expect(accepted('boolean', 'eq', 'False', [true, false])).toEqual([false]);
  });

  it('refuses other literals and operators', () => {
    expect(refusal('boolean', 'eq', 'yes')).toBe(
      'Invalid filter "x op v": "x" is a boolean attribute, so compare it with true or false, not "yes".',
    );
    expect(refusal('boolean', 'eq', 'truey')).toContain('not "truey"');
    expect(refusal('boolean', 'eq', 'xtrue')).toContain('not "xtrue"');
    expect(refusal('boolean', 'eq', 1)).toContain('with true or false, not 1');
    expect(refusal('boolean', 'gt', true)).toBe(
      'Invalid filter "x op v": "gt" cannot compare the boolean attribute "x".',
    );
  });
});

describe('valueTest: integers and decimals', () => {
  const values = [4, 5, 6, '5', undefined, null];
  it.each(['integer', 'decimal'] as const)('%s: eq gt ge lt le against numbers only', (type) => {
    expect(accepted(type, 'eq', 5, values)).toEqual([5]);
    expect(accepted(type, 'gt', 5, values)).toEqual([6]);
    expect(accepted(type, 'ge', 5, values)).toEqual([5, 6]);
    expect(accepted(type, 'lt', 5, values)).toEqual([4]);
    expect(accepted(type, 'le', 5, values)).toEqual([4, 5]);
    expect(accepted(type, 'lt', 5, ['4', true, {}])).toEqual([]);
    expect(accepted(type, 'le', 5, ['4', true, {}])).toEqual([]);
  });

  it('refuses a non-number and the string operators', () => {
    expect(refusal('integer', 'eq', '5')).toBe(
      'Invalid filter "x op v": "x" is a integer attribute, so compare it with a number, not "5".',
    );
    for (const op of ['co', 'sw', 'ew']) {
      expect(refusal('decimal', op, 5)).toBe(
        `Invalid filter "x op v": "${op}" cannot compare the numeric attribute "x".`,
      );
    }
  });
});

describe('valueTest: dateTimes', () => {
  const values = ['2024-01-01T00:00:00Z', '2024-01-01T01:00:00+01:00', '2025-06-01T00:00:00Z'];
  it('compares instants, whatever the offset', () => {
    expect(accepted('dateTime', 'eq', '2024-01-01T02:00:00+02:00', values)).toEqual(
      values.slice(0, 2),
    );
    expect(accepted('dateTime', 'gt', '2024-01-01T00:00:00Z', values)).toEqual([values[2]]);
    expect(accepted('dateTime', 'ge', '2024-01-01T00:00:00Z', values)).toEqual(values);
    expect(accepted('dateTime', 'lt', '2025-06-01T00:00:00Z', values)).toEqual(values.slice(0, 2));
    expect(accepted('dateTime', 'le', '2024-01-01T00:00:00Z', values)).toEqual(values.slice(0, 2));
    expect(accepted('dateTime', 'le', '2030-01-01T00:00:00Z', [5, 'not a date'])).toEqual([]);
  });

  it('compares the text exactly for co, sw and ew', () => {
    expect(accepted('dateTime', 'sw', '2024', values)).toEqual(values.slice(0, 2));
    expect(accepted('dateTime', 'co', 't00', values)).toEqual([]);
    expect(accepted('dateTime', 'ew', '+01:00', values)).toEqual([values[1]]);
  });

  it('refuses a number or a string that is no date', () => {
    expect(refusal('dateTime', 'gt', 5)).toContain('compare it with a dateTime string, not 5');
    expect(refusal('dateTime', 'gt', 'yesterday')).toContain(
      'compare it with a dateTime string, not "yesterday"',
    );
  });
});

describe('valueTest: binary values', () => {
  it('compares the text exactly', () => {
    expect(accepted('binary', 'eq', 'AbC=', ['AbC=', 'abc=', 5])).toEqual(['AbC=']);
    expect(accepted('binary', 'co', 'bC', ['AbC=', 'abc='])).toEqual(['AbC=']);
  });

  it('refuses the order operators and a non-string', () => {
    for (const op of ['gt', 'ge', 'lt', 'le']) {
      expect(refusal('binary', op, 'a')).toBe(
        `Invalid filter "x op v": "${op}" cannot compare the binary attribute "x".`,
      );
    }
    expect(refusal('binary', 'eq', 5)).toContain('compare it with a string, not 5');
  });
});

describe('valueTest: strings', () => {
  const values = ['Bob', 'bob', 'BOBBY', 'alice', 5, undefined];
  it('without caseExact, every operator ignores case', () => {
    expect(accepted('string', 'eq', 'BOB', values)).toEqual(['Bob', 'bob']);
    expect(accepted('string', 'co', 'OB', values)).toEqual(['Bob', 'bob', 'BOBBY']);
    expect(accepted('string', 'sw', 'bOBb', values)).toEqual(['BOBBY']);
    expect(accepted('string', 'ew', 'BY', values)).toEqual(['BOBBY']);
    expect(accepted('string', 'gt', 'BOB', values)).toEqual(['BOBBY']);
    expect(accepted('string', 'ge', 'BOB', values)).toEqual(['Bob', 'bob', 'BOBBY']);
    expect(accepted('string', 'lt', 'BOB', values)).toEqual(['alice']);
    expect(accepted('string', 'le', 'BOB', values)).toEqual(['Bob', 'bob', 'alice']);
  });

  it('with caseExact, every operator compares the text exactly', () => {
    const exact = (op: string, cv: string) => accepted('string', op, cv, values, true);
    expect(exact('eq', 'Bob')).toEqual(['Bob']);
    expect(exact('co', 'ob')).toEqual(['Bob', 'bob']);
    expect(exact('sw', 'B')).toEqual(['Bob', 'BOBBY']);
    expect(exact('ew', 'b')).toEqual(['Bob', 'bob']);
    expect(exact('gt', 'Bob')).toEqual(['bob', 'alice']);
    expect(exact('ge', 'Bob')).toEqual(['Bob', 'bob', 'alice']);
    expect(exact('lt', 'Bob')).toEqual(['BOBBY']);
    expect(exact('le', 'Bob')).toEqual(['Bob', 'BOBBY']);
  });

  it('finds NFC values with a literal typed with combining accents', () => {
    expect(accepted('string', 'eq', 'Rene\u0301', ['Ren\u00e9', 'Rene'])).toEqual(['Ren\u00e9']);
    expect(accepted('string', 'eq', 'Rene\u0301', ['Ren\u00e9'], true)).toEqual(['Ren\u00e9']);
    expect(accepted('string', 'co', 'E\u0301', ['Ren\u00e9'])).toEqual(['Ren\u00e9']);
  });

  it('refuses a non-string literal', () => {
    expect(refusal('string', 'eq', 5)).toBe(
      'Invalid filter "x op v": "x" is a string attribute, so compare it with a quoted string, not 5.',
    );
  });
});
