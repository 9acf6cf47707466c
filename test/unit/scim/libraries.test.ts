/**
 * Pins the behaviour of the two SCIM libraries that our core works around (see the header
 * comments of filter.ts and patch.ts). If an upgrade fixes one of these, the test fails and the
 * workaround can be reconsidered; if an upgrade breaks what we rely on, it fails too.
 */
import { describe, expect, it } from 'vitest';
import { filter as libraryFilter, parse } from 'scim2-parse-filter';
import { scimPatch, type ScimPatchOperation, type ScimResource } from 'scim-patch';
import { compileFilter } from '../../../electron/cloud/scim/filter.js';
import { applyPatch } from '../../../electron/cloud/scim/patch.js';
import { admins, babs, ENT, patchOf } from './fixtures.js';

const libPatch = (doc: Record<string, unknown>, ...ops: unknown[]) =>
  scimPatch(structuredClone(doc) as unknown as ScimResource, ops as ScimPatchOperation[], {
    mutateDocument: true,
    treatMissingAsAdd: true,
  }) as unknown as Record<string, unknown>;

describe('scim2-parse-filter (what we reuse, what we replace)', () => {
  it('we rely on its parser: precedence, grouping, not, value paths', () => {
    expect(parse('a eq 1 or b eq 2 and c eq 3')).toEqual({
      op: 'or',
      filters: [
        { op: 'eq', attrPath: 'a', compValue: 1 },
        {
          op: 'and',
          filters: [
            { op: 'eq', attrPath: 'b', compValue: 2 },
            { op: 'eq', attrPath: 'c', compValue: 3 },
          ],
        },
      ],
    });
    expect(parse('not (a pr)')).toEqual({ op: 'not', filter: { op: 'pr', attrPath: 'a' } });
  });

  it('BUG: its tokenizer doubles backslashes in strings (we tokenize ourselves)', () => {
    expect(parse('a eq "x\\\\y"')).toEqual({ op: 'eq', attrPath: 'a', compValue: 'x\\\\y' });
    expect(() => parse('a eq "x\\\\"')).toThrow();
    expect(compileFilter('displayName eq "x\\\\y"', 'User').test({ displayName: 'x\\y' })).toBe(
      true,
    );
  });

  it('BUG: a negative number before a space or ")" does not tokenize', () => {
    expect(() => parse('a gt -5 and b pr')).toThrow();
    expect(() => compileFilter('title pr and (x gt -5)', 'User')).not.toThrow();
  });

  it('BUG: `a[f].s op v` loses "same element" (we fold it back into the value path)', () => {
    expect(parse('emails[type eq "work"].value eq "x"')).toEqual({
      op: 'and',
      filters: [
        {
          op: '[]',
          attrPath: 'emails',
          valFilter: { op: 'eq', attrPath: 'type', compValue: 'work' },
        },
        { op: 'eq', attrPath: 'emails.value', compValue: 'x' },
      ],
    });
    const r = babs(); // work: bjensen@example.com, home: babs@jensen.org
    const text = 'emails[type eq "work"].value eq "babs@jensen.org"';
    expect(libraryFilter(parse(text))(r)).toBe(true);
    expect(compileFilter(text, 'User').test(r)).toBe(false);
  });

  it('BUG: its evaluator is case-sensitive and ignores the schema (we do not use it)', () => {
    const r = babs();
    expect(libraryFilter(parse('userName eq "babs.jensen@example.com"'))(r)).toBe(false);
    expect(compileFilter('userName eq "babs.jensen@example.com"', 'User').test(r)).toBe(true);
    // pr is "key exists", so an empty string is present
    expect(libraryFilter(parse('title pr'))({ title: '' })).toBe(true);
    expect(compileFilter('title pr', 'User').test({ title: '' })).toBe(false);
  });
});

describe('scim-patch (what we delegate, what we replace)', () => {
  it('we rely on it for canonical single-valued paths, complex merges and whole replaces', () => {
    const out = libPatch(
      babs(),
      { op: 'replace', path: 'name.givenName', value: 'B' },
      { op: 'add', path: 'name', value: { middleName: 'M' } },
      { op: 'replace', path: `${ENT}:manager.value`, value: 'boss' },
      { op: 'replace', path: 'phoneNumbers', value: [{ value: '1' }] },
      { op: 'remove', path: 'title' },
      { op: 'remove', path: 'nickName' },
    );
    expect(out.name).toMatchObject({ givenName: 'B', middleName: 'M', familyName: 'Jensen' });
    expect((out[ENT] as { manager: unknown }).manager).toMatchObject({ value: 'boss' });
    expect(out.phoneNumbers).toEqual([{ value: '1' }]);
    expect(out).not.toHaveProperty('title');
  });

  it('BUG: value filters are case-sensitive; replace then appends a new value', () => {
    const out = libPatch(babs(), {
      op: 'replace',
      path: 'emails[type eq "Work"].value',
      value: 'new@x.org',
    });
    expect(out.emails).toHaveLength(3);
    const ours = applyPatch(
      babs(),
      patchOf({ op: 'replace', path: 'emails[type eq "Work"].value', value: 'new@x.org' }),
      'User',
    );
    expect(ours.emails).toHaveLength(2);
  });

  it("BUG: Entra's remove-with-value compares whole objects and removes nothing", () => {
    const op = { op: 'Remove', path: 'members', value: [{ value: 'u-1' }] };
    expect(libPatch(admins(), op).members).toHaveLength(3);
    expect(applyPatch(admins(), patchOf(op), 'Group').members).toHaveLength(2);
  });

  it('BUG: only add/Add/replace/Replace/remove/Remove are accepted as op names', () => {
    expect(() => libPatch(admins(), { op: 'REMOVE', path: 'members' })).toThrow();
  });

  it('BUG: attribute names in paths are case-sensitive', () => {
    expect(libPatch(babs(), { op: 'replace', path: 'UserName', value: 'x' })).toHaveProperty(
      'UserName',
    );
  });

  it('BUG: a ":" inside a filter value breaks its path splitting', () => {
    expect(() => libPatch(admins(), { op: 'remove', path: 'members[value eq "urn:a"]' })).toThrow();
  });

  it('BUG: an extension URN key in a path-less value nests under a truncated URN', () => {
    const out = libPatch(babs(), { op: 'replace', value: { [ENT]: { department: 'x' } } });
    expect(out).toHaveProperty(['urn:ietf:params:scim:schemas:extension:enterprise:2.0', 'User']);
  });

  it('BUG: re-adding a member with fewer sub-attributes duplicates it', () => {
    const out = libPatch(admins(), { op: 'add', path: 'members', value: [{ value: 'u-1' }] });
    expect(out.members).toHaveLength(4);
  });

  it('BUG: replacing a multi-valued attribute with one object merges it into every value', () => {
    const out = libPatch(babs(), { op: 'replace', path: 'emails', value: { value: 'z@z' } });
    expect(out.emails).toEqual([
      { value: 'z@z', type: 'work', primary: true },
      { value: 'z@z', type: 'home' },
    ]);
  });

  it('a remove whose filter matches nothing is ignored (RFC 7644 Table 9 says noTarget)', () => {
    const out = libPatch(admins(), { op: 'remove', path: 'members[value eq "nobody"]' });
    expect(out.members).toHaveLength(3);
  });
});
