/**
 * What the PATCH operations share (patch-helpers.ts), tested where PATCH alone cannot tell:
 * value equality by type and caseExact, containers, the library's refusals, re-validation of
 * a resource without schemas or meta, and the deep copy that keeps the input untouched.
 */
import { describe, expect, it } from 'vitest';
import {
  canonicalKeys,
  containerOf,
  deepClone,
  enforceSinglePrimary,
  libraryPatch,
  revalidate,
  sameValue,
} from '../../../electron/cloud/scim/patch-helpers.js';
import { applyPatch } from '../../../electron/cloud/scim/patch.js';
import { parsePath } from '../../../electron/cloud/scim/patch-target.js';
import { findAttribute } from '../../../electron/cloud/scim/schemas.js';
import { babs, ENT, expectScimError, jim, patchOf, USER_SCHEMA } from './fixtures.js';

describe('sameValue', () => {
  it('compares strings by caseExact, objects by content, the rest strictly', () => {
    expect(sameValue('Ab', 'Ab', true)).toBe(true);
    expect(sameValue('Ab', 'ab', true)).toBe(false);
    expect(sameValue('Ab', 'ab', false)).toBe(true);
    expect(sameValue('Ab', 'ac', false)).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1 }, true)).toBe(true);
    expect(sameValue({ a: 1 }, { a: 2 }, true)).toBe(false);
    expect(sameValue(null, 'null', false)).toBe(false);
    expect(sameValue('x', { x: 1 }, false)).toBe(false);
    expect(sameValue(5, 5, true)).toBe(true);
    expect(sameValue(5, '5', false)).toBe(false);
    expect(sameValue('5', 5, false)).toBe(false);
    expect(sameValue(true, false, false)).toBe(false);
  });
});

describe('enforceSinglePrimary', () => {
  it('clears primary on the untouched values when one touched value is primary', () => {
    const a = { value: 'a', primary: true };
    const b = { value: 'b' };
    const c = { value: 'c', primary: true };
    const all = [a, b, c];
    enforceSinglePrimary(all, [b, c]);
    expect(all).toEqual([{ value: 'a', primary: false }, { value: 'b' }, c]);
    expect(() => enforceSinglePrimary(undefined, [c])).not.toThrow();
  });
});

describe('containerOf', () => {
  const department = findAttribute('User', `${ENT}:department`)!;
  it('finds, or creates when asked, the object holding an attribute', () => {
    const doc: Record<string, unknown> = { [ENT]: 'not an object' };
    expect(containerOf(doc, department, false)).toBeUndefined();
    const created = containerOf(doc, department, true);
    expect(doc[ENT]).toBe(created);
    expect(created).toEqual({});
    expect(containerOf(doc, department, false)).toBe(created);
    expect(containerOf(doc, findAttribute('User', 'title')!, false)).toBe(doc);
  });
});

describe('canonicalKeys and libraryPatch', () => {
  it('names the unknown sub-attribute and where it was', () => {
    const e = expectScimError(
      () =>
        canonicalKeys(findAttribute('User', 'emails')!, { VALUE: 'x', label: 'y' }, 'emails[0]'),
      'invalidSyntax',
    );
    expect(e.message).toBe(
      'Unknown attribute "emails[0].label": "emails" has no such sub-attribute.',
    );
    expect(canonicalKeys(findAttribute('User', 'emails')!, { VALUE: 'x' }, 'emails')).toEqual({
      value: 'x',
    });
  });

  it("turns the library's refusal into invalidValue, naming the operation and path", () => {
    const e = expectScimError(
      () =>
        libraryPatch(
          jim(),
          { op: 'copy' as 'add', path: 'title', value: 'x' },
          parsePath('User', 'title'),
        ),
      'invalidValue',
    );
    expect(e.message).toMatch(/^Cannot copy "title": /);
  });
});

describe('subValues', () => {
  it('names the sub-attribute of a filtered value whose value is wrong', () => {
    const e = expectScimError(
      () =>
        applyPatch(
          babs(),
          patchOf({ op: 'add', path: 'emails[type eq "work"]', value: { primary: 'maybe' } }),
          'User',
        ),
      'invalidValue',
    );
    expect(e.message).toContain('"emails[type eq "work"].primary" must be a boolean');
  });
});

describe('revalidate', () => {
  it('gives a resource without schemas the core schema, and no meta when it had none', () => {
    const out = revalidate({}, { userName: 'x' }, 'User');
    expect(out).toEqual({ schemas: [USER_SCHEMA], userName: 'x', active: true });
    expect(Object.keys(out)).not.toContain('meta');
  });
});

describe('deepClone', () => {
  it('copies nested objects, arrays, nulls and dates', () => {
    const input = { a: [{ b: null }], d: new Date(5), s: 's' };
    const copy = deepClone(input);
    expect(copy).toEqual(input);
    expect(copy.a[0]).not.toBe(input.a[0]);
    expect(copy.d).toBeInstanceOf(Date);
    expect(copy.d).not.toBe(input.d);
    expect(copy.d.getTime()).toBe(5);
  });
});
