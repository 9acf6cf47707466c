/**
 * Two stores on one database, as two cloud instances have them, where the database can be
 * shared (PostgreSQL in the `postgres` project), else one store twice (SQLite's :memory:).
 * Every store opened is closed after each test.
 */
import { afterEach } from 'vitest';
import { openStore } from '../../../electron/cloud/store/open-store.js';
import type { Store } from '../../../electron/cloud/store/types.js';
import { freshTestDb } from '../../postgres/test-db.js';

const opened: Store[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});

export async function twoStores(): Promise<[Store, Store]> {
  const db = await freshTestDb();
  const a = openStore(db);
  opened.push(a);
  if (db === ':memory:') return [a, a];
  const b = openStore(db);
  opened.push(b);
  return [a, b];
}
