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
  return new PostgresConnection(url).openStore();
}

/**
 * One bridge to a PostgreSQL database (one connection for statements, one that LISTENs, one
 * worker thread) for one store, or for several, each in a schema of its own: a workshop's
 * tenants (workshop/tenant-databases.ts). Closing the last store closes the bridge.
 *
 * Why the tenants share one: a workshop runs a whole cloud per attendee in one process, and with
 * a bridge each, 100 attendees would hold 202 connections (PostgreSQL's default max_connections
 * is 100) and 101 threads. Sharing costs nothing: the bridge blocks the calling thread for every
 * statement, so the stores of one process never ran two statements at once anyway; and a store's
 * transaction is synchronous (it cannot span an await), so two stores' statements never meet
 * inside one transaction (pg-db.ts refuses the one way they could: one store called from inside
 * another's transaction). A schema per tenant, not a tenant column in every table: the stores and
 * their SQL stay as they are and know nothing of tenants (as with SQLite's file per attendee), no
 * forgotten WHERE can show one tenant another's rows, and the peer channel is per schema already.
 */
export class PostgresConnection {
  private readonly bridge: SyncBridge;
  /** The search_path the URL gives (its own schema): the store opened without a schema uses it. */
  private readonly ownSearchPath: string;
  private stores = 0;

  constructor(private readonly url: string) {
    this.bridge = new SyncBridge(url);
    try {
      this.ownSearchPath = this.bridge.call({
        op: 'query',
        text: "SELECT current_setting('search_path') AS p",
        values: [],
      }).rows[0]!.p as string;
    } catch (e) {
      void this.bridge.close().catch(() => undefined);
      throw new Error(`PostgreSQL ${redacted(url)}: ${(e as Error).message}`, { cause: e });
    }
  }

  /** A store in `schema` (created and migrated when new), or in the URL's own schema. */
  openStore(schema?: string): Store {
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new RangeError(`"${schema}" is not a schema name this store uses.`);
    }
    const db = new PgDb(this.bridge, schema === undefined ? this.ownSearchPath : `"${schema}"`);
    this.stores++;
    let peers: PgPeers;
    try {
      migrate(db, schema);
      peers = PgPeers.open(db);
    } catch (e) {
      void this.release().catch(() => undefined);
      const where = schema === undefined ? '' : ` (schema ${schema})`;
      throw new Error(`PostgreSQL ${redacted(this.url)}${where}: ${(e as Error).message}`, {
        cause: e,
      });
    }
    const inTransaction = db.transaction(<T>(fn: () => T): T => fn());
    return storeOver(
      db,
      <T>(fn: () => T) => inTransaction(fn) as T,
      () => {
        peers.close();
        return this.release();
      },
      // Other instances announce their writes (peers), which keep the caches true instead.
      () => 0,
      peers,
    );
  }

  private async release(): Promise<void> {
    if (--this.stores === 0) await this.bridge.close();
  }
}

/**
 * MIGRATIONS in PostgreSQL's dialect, tracked in schema_version (SQLite: user_version), into
 * `schema` (created if missing) when one is given, else into the connection's own.
 */
export function migrate(db: PgDb, schema?: string): void {
  db.exec(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
  try {
    // Under the lock: two instances creating one schema at once would collide.
    if (schema !== undefined) db.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
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
