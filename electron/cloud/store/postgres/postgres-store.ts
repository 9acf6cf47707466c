import { MIGRATIONS, POSTGRES_AFTER } from '../migrations.js';
import { storeOver } from '../store-over.js';
import type { Store } from '../types.js';
import { toPostgresDdl } from './dialect.js';
import { PgDb } from './pg-db.js';
import { PgPeers } from './pg-peers.js';
import { SyncBridge } from './sync-bridge.js';

/** Any fixed number: the advisory lock instances starting together take to migrate one by one. */
const MIGRATION_LOCK = 7_131_300;

/**
 * The shared store: the cloud's tables in a PostgreSQL database, reached over one connection
 * held by a worker thread (sync-bridge.ts), and a second one there that hears the other instances
 * on the database (pg-peers.ts). Same stores, same migrations as SQLite.
 */
export function openPostgresStore(url: string): Store {
  const bridge = new SyncBridge(url);
  const db = new PgDb(bridge);
  let peers: PgPeers;
  try {
    migrate(db);
    peers = PgPeers.open(db, bridge);
  } catch (e) {
    void bridge.close().catch(() => undefined);
    throw new Error(`PostgreSQL ${redacted(url)}: ${(e as Error).message}`, { cause: e });
  }
  const inTransaction = db.transaction(<T>(fn: () => T): T => fn());
  return storeOver(
    db,
    <T>(fn: () => T) => inTransaction(fn) as T,
    () => bridge.close(),
    // Other instances announce their writes (peers), which keep the caches true instead.
    () => 0,
    peers,
  );
}

/** MIGRATIONS in PostgreSQL's dialect, tracked in schema_version (SQLite: user_version). */
export function migrate(db: PgDb): void {
  db.exec(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
  try {
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = db.prepare<[], { version: number }>('SELECT version FROM schema_version').get();
    const current = row?.version ?? 0;
    if (current > MIGRATIONS.length) {
      throw new Error(
        `Database schema version ${current} is newer than this build knows (${MIGRATIONS.length}).`,
      );
    }
    for (let version = current; version < MIGRATIONS.length; version++) {
      db.transaction(() => {
        db.exec(toPostgresDdl(MIGRATIONS[version]!));
        const after = POSTGRES_AFTER[version + 1];
        if (after) db.exec(after);
        db.exec('DELETE FROM schema_version');
        db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(version + 1);
      })();
    }
  } finally {
    db.exec(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
  }
}

/** The URL without its password, for messages. */
export function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}
