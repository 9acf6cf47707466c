/** store.scim.snapshot: a request's reads as one SQLite read transaction (sqlite-scim-store.ts). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/cloud/store/open-store.js';
import type { Store } from '../../../electron/cloud/store/types.js';
import { storedUser } from './stored-user.js';

let store: Store;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(async () => {
  await store.close();
});

describe('store.scim.snapshot', () => {
  it('runs the reads inside one read transaction and returns what they return', () => {
    store.scim.insert('User', 'idp', storedUser('u1', 'ada@example.com'));
    expect(store.scim.readStamp('idp')).not.toBeNull();
    const seen = store.scim.snapshot(() => ({
      // readStamp is null inside a transaction: the snapshot's reads share one.
      stamp: store.scim.readStamp('idp'),
      found: store.scim.findByName('User', 'idp', 'ADA@example.com').map((r) => r.id),
      groups: store.scim.groupsOf('idp', 'u1'),
    }));
    expect(seen).toEqual({ stamp: null, found: ['u1'], groups: [] });
    expect(store.scim.readStamp('idp')).not.toBeNull();
  });

  it('inside a write transaction, reads that transaction (no nesting error, its own writes seen)', () => {
    const found = store.transaction(() => {
      store.scim.insert('User', 'idp', storedUser('u2', 'grace@example.com'));
      return store.scim.snapshot(() => store.scim.get('User', 'idp', 'u2')?.name);
    });
    expect(found).toBe('grace@example.com');
  });

  it('lets an error out and ends its transaction', () => {
    expect(() =>
      store.scim.snapshot(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.scim.readStamp('idp')).not.toBeNull();
  });
});
