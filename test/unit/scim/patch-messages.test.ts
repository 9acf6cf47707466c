/**
 * PATCH's refusals as an IdP admin reads them (patch.ts): each names the operation and what is
 * wrong, in SCIM's error format; and the path-less and extension cases the main suite
 * (patch.test.ts) reaches only through their happy paths.
 */
import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../../electron/cloud/scim/patch.js';
import type { ScimType } from '../../../electron/cloud/scim/errors.js';
import { admins, babs, ENT, expectScimError, PATCH_OP_SCHEMA, patchOf } from './fixtures.js';

const refusal = (body: unknown, scimType: ScimType, type: 'User' | 'Group' = 'User') =>
  expectScimError(() => applyPatch(type === 'User' ? babs() : admins(), body, type), scimType)
    .message;
const op = (...ops: unknown[]) => patchOf(...ops);

describe('applyPatch: what a refusal says', () => {
  it('about the message', () => {
    expect(refusal([], 'invalidSyntax')).toBe(
      'The PATCH body must be a JSON object (a PatchOp message).',
    );
    expect(refusal({ schemas: ['x'], Operations: [] }, 'invalidSyntax')).toBe(
      `"schemas" must contain "${PATCH_OP_SCHEMA}".`,
    );
    expect(
      refusal({ schemas: [5, PATCH_OP_SCHEMA.toUpperCase()], Operations: [] }, 'invalidSyntax'),
    ).toBe('"Operations" must be a non-empty array.');
  });

  it('about an operation, with its index', () => {
    const title = { op: 'add', path: 'title', value: 'x' };
    expect(refusal(op(title, 'replace'), 'invalidSyntax')).toBe(
      'Operations[1] must be an object with "op", "path", "value".',
    );
    expect(refusal(op({ op: 'copy', path: 'title' }), 'invalidSyntax')).toBe(
      'Operations[0]: "op" must be "add", "replace" or "remove", got "copy".',
    );
    expect(refusal(op({ path: 'title', value: 'x' }), 'invalidSyntax')).toBe(
      'Operations[0]: "op" must be "add", "replace" or "remove", got null.',
    );
    expect(refusal(op({ op: 5, path: 'title', value: 'x' }), 'invalidSyntax')).toContain('got 5.');
    expect(refusal(op({ op: 'add', path: ['title'], value: 'x' }), 'invalidPath')).toBe(
      'Operations[0]: "path" must be a string.',
    );
    expect(refusal(op({ op: 'replace', path: 'title' }), 'invalidSyntax')).toBe(
      'Operations[0]: "replace" needs a "value".',
    );
    expect(refusal(op({ op: 'remove', path: '  ' }), 'noTarget')).toBe(
      'Operations[0]: "remove" needs a "path" naming what to remove.',
    );
    expect(refusal(op({ op: 'add', value: 'x' }), 'invalidValue')).toBe(
      'Operations[0]: without a "path", "value" must be an object of attributes to add.',
    );
  });

  it('about what may not change', () => {
    expect(refusal(op({ op: 'replace', path: 'meta.created', value: 'x' }), 'mutability')).toBe(
      '"meta.created" is read-only (meta.created is managed by the service provider).',
    );
    expect(
      refusal(
        op({ op: 'replace', path: 'members[value eq "u-2"].value', value: 'u-3' }),
        'mutability',
        'Group',
      ),
    ).toBe('"members[value eq "u-2"].value" is immutable: it cannot be replaced.');
    expect(refusal(op({ op: 'remove', path: 'members.type' }), 'mutability', 'Group')).toBe(
      '"members.type" is immutable: it cannot be removed.',
    );
  });

  it('about the extension', () => {
    expect(refusal(op({ op: 'add', path: ENT, value: 'x' }), 'invalidValue')).toBe(
      `Extension "${ENT}" must be an object.`,
    );
    expect(refusal(op({ op: 'add', value: { [ENT]: 'x' } }), 'invalidValue')).toBe(
      `Extension "${ENT}" must be an object.`,
    );
    expect(refusal(op({ op: 'add', path: ENT, value: { badge: 1 } }), 'invalidPath')).toContain(
      `Invalid path "${ENT}:badge"`,
    );
    expect(refusal(op({ op: 'add', value: { [ENT]: { badge: 1 } } }), 'invalidPath')).toContain(
      `Invalid path "${ENT}:badge"`,
    );
  });
});

describe('applyPatch: path-less values and the extension', () => {
  it('a path of blanks or null is no path; schemas in the value is ignored', () => {
    const out = applyPatch(
      babs(),
      op(
        { op: 'replace', path: '   ', value: { title: 'A', schemas: ['x'] } },
        { op: 'replace', path: null, value: { nickName: 'B' } },
      ),
      'User',
    );
    expect(out).toMatchObject({ title: 'A', nickName: 'B' });
    expect(out.schemas).toEqual(babs().schemas);
  });

  it("a path-less value may name the extension's attributes in any case", () => {
    const out = applyPatch(babs(), op({ op: 'add', value: { [ENT]: { DIVISION: 'D' } } }), 'User');
    expect(out[ENT]).toMatchObject({ division: 'D', department: 'Tour Operations' });
  });

  it('the extension: removed whole, by some attributes, or set to null', () => {
    expect(applyPatch(babs(), op({ op: 'remove', path: ENT }), 'User')).not.toHaveProperty(ENT);
    expect(
      applyPatch(babs(), op({ op: 'replace', path: ENT, value: null }), 'User'),
    ).not.toHaveProperty(ENT);
    // The same change without a path: the extension is a key of the value (RFC 7644 §3.5.2.3).
    expect(
      applyPatch(babs(), op({ op: 'replace', value: { [ENT]: null, title: 'T' } }), 'User'),
    ).not.toHaveProperty(ENT);
    const some = applyPatch(
      babs(),
      op({ op: 'remove', path: ENT, value: { Department: 'x', nope: 1 } }),
      'User',
    );
    expect(some[ENT]).toEqual({
      employeeNumber: '701984',
      manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d', $ref: '../Users/26118915' },
    });
    expect(
      applyPatch(babs(), op({ op: 'remove', path: ENT, value: 'all' }), 'User'),
    ).not.toHaveProperty(ENT);
  });
});

describe('applyPatch: keys and values it must not misread', () => {
  it('ignores keys of the message and of an operation that it does not know', () => {
    const body = {
      schemas: [PATCH_OP_SCHEMA],
      Operations: [{ op: 'add', path: 'title', value: 'T' }],
      id: 'x',
    };
    expect(applyPatch(babs(), body, 'User').title).toBe('T');
    const removeAll = { op: 'remove', path: 'emails', comment: 'all of them' };
    expect(applyPatch(babs(), op(removeAll), 'User')).not.toHaveProperty('emails');
  });

  it("skips only the group's own id in a path-less value, not another value equal to it", () => {
    const out = applyPatch(admins(), op({ op: 'replace', value: { displayName: 'g-1' } }), 'Group');
    expect(out.displayName).toBe('g-1');
  });

  it('replacing a complex attribute with an object merges it', () => {
    const out = applyPatch(
      babs(),
      op({ op: 'replace', path: 'name', value: { givenName: 'X' } }),
      'User',
    );
    expect(out.name).toEqual({
      givenName: 'X',
      familyName: 'Jensen',
      formatted: 'Ms. Barbara J Jensen',
    });
  });

  it('an immutable sub-attribute may be added with a new value', () => {
    const out = applyPatch(
      admins(),
      op({ op: 'add', path: 'members[value eq "u-9"].type', value: 'User' }),
      'Group',
    );
    expect(out.members).toContainEqual({ value: 'u-9', type: 'User' });
  });
});
