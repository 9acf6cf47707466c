/**
 * PATCH paths (patch-target.ts): where a value filter ends (quotes, escapes, brackets), which
 * attributes take one, and the invalidPath / noTarget / invalidValue texts an IdP admin reads.
 */
import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../../electron/cloud/scim/patch.js';
import { closingBracket, parsePath } from '../../../electron/cloud/scim/patch-target.js';
import { babs, expectScimError, patchOf } from './fixtures.js';

const pathError = (text: string) =>
  expectScimError(() => parsePath('User', text), 'invalidPath').message;

describe('closingBracket', () => {
  it('skips brackets and escaped quotes inside quoted strings', () => {
    expect(closingBracket('emails[value eq "a]b"]', 6)).toBe(21);
    expect(closingBracket('emails[value eq "a\\"]"]', 6)).toBe(22);
    expect(closingBracket('emails[value eq "[x"].value', 6)).toBe(20);
    expect(closingBracket('a[b]', 1)).toBe(3);
  });

  it('refuses an opening bracket inside the filter, or none closing it', () => {
    for (const text of ['emails[type eq "x" and addresses[type eq "y"]]', 'emails[value eq "a]"']) {
      expect(expectScimError(() => closingBracket(text, 6), 'invalidPath').message, text).toBe(
        `Invalid path "${text}": unbalanced "[...]" value filter.`,
      );
    }
  });
});

describe('parsePath', () => {
  it('resolves attr[filter] and attr[filter].sub, the sub-attribute in any case', () => {
    const t = parsePath('User', 'emails[type eq "work"].VALUE');
    expect([t.node.path, t.sub?.name, t.filter?.text]).toEqual([
      'emails',
      'value',
      'type eq "work"',
    ]);
    expect(t.filter!.test({ type: 'work' })).toBe(true);
    expect(t.filter!.equalities).toEqual({ type: 'work' });
    expect(parsePath('User', 'emails[type eq "work"]')).not.toHaveProperty('sub');
  });

  it('explains what is wrong with a path', () => {
    expect(pathError('[type eq "x"')).toBe(
      'Invalid path "[type eq "x"": unbalanced "[...]" value filter.',
    );
    expect(pathError('nickname2')).toBe(
      'Invalid path "nickname2": no such attribute on a User (this service provider has no custom attributes).',
    );
    expect(pathError('nope[type eq "x"]')).toContain('no such attribute on a User');
    expect(pathError('name[givenName eq "x"]')).toBe(
      'Invalid path "name[givenName eq "x"]": "name" is not a multi-valued complex attribute, so it takes no [filter].',
    );
    expect(pathError('emails[type eq]')).toMatch(
      /^Invalid path "emails\[type eq\]": Invalid filter "type eq": expected a comparison value/,
    );
    expect(pathError('emails[type eq "work"]xvalue')).toBe(
      'Invalid path "emails[type eq "work"]xvalue": "xvalue" is not a sub-attribute of "emails".',
    );
    expect(pathError('emails[type eq "work"].nope')).toContain(
      '".nope" is not a sub-attribute of "emails"',
    );
  });
});

describe('the refusals of a targeted PATCH', () => {
  it('noTarget names the path whose filter matched nothing', () => {
    const e = expectScimError(
      () => applyPatch(babs(), patchOf({ op: 'remove', path: 'emails[type eq "other"]' }), 'User'),
      'noTarget',
    );
    expect(e.message).toBe(
      'The filter in "emails[type eq "other"]" matches no value of the resource.',
    );
  });

  it('a whole-value target needs an object', () => {
    const e = expectScimError(
      () =>
        applyPatch(
          babs(),
          patchOf({ op: 'replace', path: 'emails[type eq "work"]', value: 'x' }),
          'User',
        ),
      'invalidValue',
    );
    expect(e.message).toBe(
      '"emails[type eq "work"]" selects whole values of "emails", so "value" must be an object.',
    );
  });
});
