/**
 * PATCH on multi-valued attributes (patch-multivalued.ts) beyond the main suite: a resource
 * without the attribute yet, null values, "primary" moving to a new value, whole-value
 * replacement, and remove-by-value in each of its matching rules.
 */
import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../../electron/cloud/scim/patch.js';
import { admins, babs, expectScimError, jim, patchOf } from './fixtures.js';

const WORK = { value: 'bjensen@example.com', type: 'work', primary: true };
const HOME = { value: 'babs@jensen.org', type: 'home' };
const noEmails = () => {
  const user = jim();
  delete user.emails;
  return user;
};
const emailsAfter = (user: Record<string, unknown>, ...ops: unknown[]) =>
  applyPatch(user, patchOf(...ops), 'User').emails;
const membersAfter = (...ops: unknown[]) =>
  (applyPatch(admins(), patchOf(...ops), 'Group').members as { value: string }[]).map(
    (m) => m.value,
  );

describe('a sub-attribute of every value (no filter)', () => {
  it('creates the first value when there is none, and nothing for null', () => {
    const add = (value: unknown) => ({ op: 'add', path: 'emails.value', value });
    expect(emailsAfter(noEmails(), add('a@b.c'))).toEqual([{ value: 'a@b.c' }]);
    expect(emailsAfter(noEmails(), add(null))).toBeUndefined();
  });

  it('sets it on every value', () => {
    expect(emailsAfter(babs(), { op: 'replace', path: 'emails.type', value: 'other' })).toEqual([
      { ...WORK, type: 'other' },
      { ...HOME, type: 'other' },
    ]);
    expect(emailsAfter(babs(), { op: 'add', path: 'emails.display', value: 'B' })).toEqual([
      { ...WORK, display: 'B' },
      { ...HOME, display: 'B' },
    ]);
  });
});

describe('a value filter', () => {
  it('creates the value it describes when the attribute is not there yet', () => {
    expect(
      emailsAfter(noEmails(), { op: 'add', path: 'emails[type eq "work"].value', value: 'w@x' }),
    ).toEqual([{ type: 'work', value: 'w@x' }]);
  });

  it('a new primary value takes "primary" from the others', () => {
    expect(
      emailsAfter(babs(), {
        op: 'add',
        path: 'emails[type eq "other"]',
        value: { value: 'o@x', primary: true },
      }),
    ).toEqual([{ ...WORK, primary: false }, HOME, { type: 'other', value: 'o@x', primary: true }]);
  });

  it('replace without a sub-attribute replaces the matching values whole', () => {
    const path = 'emails[type eq "work"]';
    expect(
      emailsAfter(babs(), { op: 'replace', path, value: { value: 'n@x', type: 'work' } }),
    ).toEqual([{ value: 'n@x', type: 'work' }, HOME]);
    expect(
      emailsAfter(babs(), { op: 'replace', path: 'emails[type eq "home"]', value: {} }),
    ).toEqual([WORK]);
  });

  it('a whole-value target takes an object, matched or not', () => {
    for (const path of ['emails[type eq "other"]', 'emails[type eq "work"]']) {
      expectScimError(() => emailsAfter(babs(), { op: 'add', path, value: 'x' }), 'invalidValue');
    }
  });
});

describe('the whole attribute', () => {
  it('null removes it on remove and replace, and adds nothing', () => {
    expect(emailsAfter(babs(), { op: 'remove', path: 'emails', value: null })).toBeUndefined();
    expect(emailsAfter(babs(), { op: 'replace', path: 'emails', value: null })).toBeUndefined();
    expect(emailsAfter(babs(), { op: 'add', path: 'emails', value: null })).toEqual([WORK, HOME]);
  });
});

describe('remove with a value', () => {
  it('of an attribute that is not there changes nothing', () => {
    expect(
      emailsAfter(noEmails(), { op: 'remove', path: 'emails', value: [{ value: 'x' }] }),
    ).toBeUndefined();
  });

  it('takes one value, bare ids, and matches members on their value alone', () => {
    const remove = (value: unknown) => ({ op: 'remove', path: 'members', value });
    expect(membersAfter(remove({ value: 'u-1' }))).toEqual(['u-2', 'g-9']);
    expect(membersAfter(remove(['u-2']))).toEqual(['u-1', 'g-9']);
    expect(membersAfter(remove([{ value: 'u-1', display: 'Someone else' }]))).toEqual([
      'u-2',
      'g-9',
    ]);
  });

  it('names the item with an unknown sub-attribute', () => {
    const e = expectScimError(
      () =>
        membersAfter({
          op: 'remove',
          path: 'members',
          value: [{ value: 'u-1' }, { value: 'u-2', bogus: 1 }],
        }),
      'invalidSyntax',
    );
    expect(e.message).toBe(
      'Unknown attribute "members[1].bogus": "members" has no such sub-attribute.',
    );
  });

  it('without a "value", matches every sub-attribute given, by its caseExact', () => {
    const remove = (value: unknown) => ({ op: 'remove', path: 'emails', value });
    expect(emailsAfter(babs(), remove([{ type: 'HOME' }]))).toEqual([WORK]);
    expect(emailsAfter(babs(), remove([{ type: 'home', primary: true }]))).toEqual([WORK, HOME]);
    expect(emailsAfter(babs(), remove([{ value: 'BABS@jensen.org' }]))).toEqual([WORK]);
    expect(emailsAfter(babs(), remove([5]))).toEqual([WORK, HOME]);
  });
});
