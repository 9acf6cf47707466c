/**
 * PostgreSQL giving up on a lock (lock_timeout, a deadlock) reaches the HTTP layers as a busy
 * database (SQLite's SQLITE_BUSY code), which they answer 503 with Retry-After: the statement's
 * transaction was rolled back, so the request can be sent again. Another connection holds the
 * table's lock; the store's connection waits 100 ms for it.
 */
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { isDatabaseBusy } from '../../electron/cloud/http/database-busy.js';
import { PgDb } from '../../electron/cloud/store/postgres/pg-db.js';
import { SyncBridge } from '../../electron/cloud/store/postgres/sync-bridge.js';
import { freshPostgresUrl } from './test-db.js';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  cleanup.push(() => client.end());
  return client;
}

function store(url: string): PgDb {
  const bridge = new SyncBridge(url);
  cleanup.push(() => bridge.close());
  return new PgDb(bridge);
}

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
};

it('a lock not granted within lock_timeout (55P03) is a busy database, and writes nothing', async () => {
  const url = (await freshPostgresUrl())!;
  const db = store(url);
  db.exec("SET lock_timeout = '100ms'");
  const other = await connect(url);
  await other.query('BEGIN');
  await other.query('LOCK TABLE settings IN ACCESS EXCLUSIVE MODE');
  const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  const e = thrown(() => db.transaction(() => insert.run('busy-test', 'x'))());
  expect(e).toMatchObject({ pgCode: '55P03' });
  expect(isDatabaseBusy(e)).toBe(true);
  await other.query('ROLLBACK');
  expect(db.prepare("SELECT count(*) AS n FROM settings WHERE key = 'busy-test'").get()).toEqual({
    n: 0,
  });
});

it('a deadlock (40P01) is a busy database', async () => {
  const url = (await freshPostgresUrl())!;
  const db = store(url);
  db.exec("INSERT INTO settings (key, value) VALUES ('a', '1'), ('b', '1')");
  const other = await connect(url);
  await other.query('BEGIN');
  await other.query("UPDATE settings SET value = '2' WHERE key = 'a'");
  // The other transaction then waits for 'b', which ours holds while it waits for 'a'.
  const update = db.prepare('UPDATE settings SET value = ? WHERE key = ?');
  const theirs = other.query(
    "SELECT pg_sleep(0.2); UPDATE settings SET value = '2' WHERE key = 'b'",
  );
  theirs.catch(() => undefined);
  const e = thrown(() =>
    db.transaction(() => {
      update.run('3', 'b');
      update.run('3', 'a');
    })(),
  );
  await theirs; // ours was rolled back: theirs goes on
  await other.query('ROLLBACK');
  // Ours waited first, so its deadlock check (deadlock_timeout) ran first and found the cycle.
  expect(e).toMatchObject({ pgCode: '40P01' });
  expect(isDatabaseBusy(e)).toBe(true);
});
