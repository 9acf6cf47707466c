/**
 * A queued provisioning item is claimed by one instance (store.provisioning.claim): on SQLite
 * (project unit) and on PostgreSQL (project postgres), where two stores on one database stand
 * for two cloud instances.
 */
import { afterEach, expect, it } from 'vitest';
import { openStore } from '../../../electron/cloud/store/open-store.js';
import type { Store } from '../../../electron/cloud/store/types.js';
import { freshTestDb } from '../../postgres/test-db.js';

const opened: Store[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});

/** Two stores on one database where the database can be shared (PostgreSQL), else one. */
async function twoStores(): Promise<[Store, Store]> {
  const db = await freshTestDb();
  const a = openStore(db);
  opened.push(a);
  if (db === ':memory:') return [a, a];
  const b = openStore(db);
  opened.push(b);
  return [a, b];
}

const NOW = 1_700_000_000_000;
const LEASE = NOW + 60_000;

it('gives each item to one owner, leaves out the others’ items, and frees released or expired ones', async () => {
  const [a, b] = await twoStores();
  expect(a.provisioning.claim('idp', ['user:1', 'user:2'], 'A', NOW, LEASE)).toEqual([
    'user:1',
    'user:2',
  ]);
  // Order kept as asked, whatever order the claims are written in.
  expect(b.provisioning.claim('idp', ['user:3', 'user:2', 'group:1'], 'B', NOW, LEASE)).toEqual([
    'user:3',
    'group:1',
  ]);
  // The owner itself may claim again (an item queued once more while it pushes).
  expect(a.provisioning.claim('idp', ['user:2'], 'A', NOW, LEASE)).toEqual(['user:2']);
  // Another IdP's item of the same name is another item.
  expect(b.provisioning.claim('other', ['user:2'], 'B', NOW, LEASE)).toEqual(['user:2']);

  b.provisioning.release('idp', 'user:2', 'B'); // not B's: nothing changes
  expect(b.provisioning.claim('idp', ['user:2'], 'B', NOW, LEASE)).toEqual([]);
  a.provisioning.release('idp', 'user:2', 'A');
  expect(b.provisioning.claim('idp', ['user:2'], 'B', NOW, LEASE)).toEqual(['user:2']);

  // A claim of an owner that died (never released) lapses at its expiry.
  expect(b.provisioning.claim('idp', ['user:1'], 'B', LEASE - 1, LEASE + 60_000)).toEqual([]);
  expect(b.provisioning.claim('idp', ['user:1'], 'B', LEASE + 1, LEASE + 60_000)).toEqual([
    'user:1',
  ]);
});

it('frees every claim of an owner that stops, and the claims of a deleted IdP', async () => {
  const [a, b] = await twoStores();
  a.provisioning.claim('idp', ['user:1', 'user:2'], 'A', NOW, LEASE);
  a.provisioning.claim('gone', ['user:1'], 'A', NOW, LEASE);
  b.provisioning.claim('idp', ['user:3'], 'B', NOW, LEASE);
  a.provisioning.releaseAll('A');
  expect(b.provisioning.claim('idp', ['user:1', 'user:2'], 'C', NOW, LEASE)).toHaveLength(2);
  expect(a.provisioning.claim('idp', ['user:3'], 'A', NOW, LEASE)).toEqual([]);
  b.provisioning.claim('gone', ['user:1'], 'B', NOW, LEASE);
  a.provisioning.removeAllOfIdp('gone');
  expect(a.provisioning.claim('gone', ['user:1'], 'A', NOW, LEASE)).toEqual(['user:1']);
});
