/**
 * profileChanged decides whether an update is a profile update (the broker's reauthOnUserUpdate):
 * it must answer exactly what comparing the two resources' JSON (without active and password)
 * answered, key order included, without serialising them.
 */
import { describe, expect, it } from 'vitest';
import {
  profileChanged,
  sameJson,
  splitExternalId,
} from '../../../electron/cloud/scim/stored-resource.js';
import type { StoredResource } from '../../../electron/cloud/store/types.js';

const stored = (attributes: Record<string, unknown>): StoredResource => ({
  id: 'u1',
  name: 'ada',
  externalId: null,
  active: true,
  version: 1,
  created: 0,
  lastModified: 0,
  attributes,
});

const SAMPLES: unknown[] = [
  null,
  true,
  false,
  0,
  1,
  'a',
  'A',
  '',
  [],
  [1, 2],
  [2, 1],
  [[1], { a: 1 }],
  {},
  { a: 1 },
  { a: '1' },
  { a: 1, b: 2 },
  { b: 2, a: 1 },
  { a: [1, { c: true }] },
  { a: [1, { c: false }] },
  { a: { b: { c: null } } },
  { a: { b: {} } },
];

describe('sameJson', () => {
  it('agrees with comparing JSON.stringify on every pair of JSON values', () => {
    for (const a of SAMPLES) {
      for (const b of SAMPLES) {
        expect(sameJson(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(
          JSON.stringify(a) === JSON.stringify(b),
        );
      }
    }
  });
});

describe('profileChanged', () => {
  const name = { givenName: 'Ada', familyName: 'Lovelace' };
  const base = { schemas: ['s'], userName: 'ada', name, active: true };

  it('ignores active and the password', () => {
    expect(profileChanged(stored(base), stored({ ...base, active: false }))).toBe(false);
    expect(profileChanged(stored(base), stored({ ...base, password: 'x' }))).toBe(false);
    const { active: _active, ...withoutActive } = base;
    expect(profileChanged(stored(base), stored(withoutActive))).toBe(false);
  });

  it('sees a changed, added or removed attribute, at any depth', () => {
    const renamed = { ...base, name: { ...name, givenName: 'Augusta' } };
    expect(profileChanged(stored(base), stored(renamed))).toBe(true);
    expect(profileChanged(stored(base), stored({ ...base, locale: 'en' }))).toBe(true);
    const { name: _name, ...unnamed } = base;
    expect(profileChanged(stored(base), stored(unnamed))).toBe(true);
  });

  it('counts a new key order as a change, as comparing the JSON did', () => {
    const reordered = { ...base, name: { familyName: 'Lovelace', givenName: 'Ada' } };
    expect(profileChanged(stored(base), stored(reordered))).toBe(true);
  });
});

describe('splitExternalId', () => {
  it('gives the document without externalId, in its order, and the column value, leaving its argument as it was', () => {
    for (const [input, externalId, document] of [
      [{ userName: 'a', externalId: 'x-1', active: true }, 'x-1', { userName: 'a', active: true }],
      [{ externalId: 7, userName: 'b' }, null, { userName: 'b' }],
      [
        { userName: 'c', name: { givenName: 'C' } },
        null,
        { userName: 'c', name: { givenName: 'C' } },
      ],
    ] as const) {
      const given = JSON.stringify(input);
      const split = splitExternalId(input);
      expect(split).toEqual({ externalId, attributes: document });
      // The same keys in the same order: the stored document's JSON is as before.
      expect(JSON.stringify(split.attributes)).toBe(JSON.stringify(document));
      expect(JSON.stringify(input)).toBe(given);
    }
  });
});
