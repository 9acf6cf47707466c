import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations.js';
import type { SqlDb } from './sql-db.js';

/** What the stores are given: better-sqlite3's API, or PostgreSQL behind the same calls. */
export type Db = SqlDb;

/** What a WAL file is cut back to when SQLite restarts it (journal_size_limit). */
export const WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;

/**
 * How long a statement waits for another connection's lock (the checkpointer's, the only other
 * connection) before SQLite answers SQLITE_BUSY, which the HTTP layers turn into a 503 with
 * Retry-After (http/database-busy.ts).
 */
export const BUSY_TIMEOUT_MS = 5000;

export interface DatabaseOptions {
  /** BUSY_TIMEOUT_MS unless given (tests that provoke SQLITE_BUSY wait less). */
  busyTimeoutMs?: number;
}

/**
 * How much of a database file SQLite reads through a memory map (mmap_size) instead of read()
 * into its page cache. At 100,000 SCIM users the file (~150 MB with the sync log) outgrows the
 * page cache (16 MB), so an indexed lookup's leaf pages were read from the file each time: a
 * `userName eq` lookup's reads cost 23.7 µs of CPU there, 18.2 µs mapped (about what they cost
 * at 5,000 users). Reads only: SQLite still writes with write(), so durability is unchanged. The
 * map costs address space, not memory (the pages are the kernel's file cache); past this size
 * the rest of the file is read as before.
 */
export const MMAP_SIZE_BYTES = 1024 * 1024 * 1024;

/**
 * Opens (creating if needed) the cloud database and brings its schema up to date.
 * WAL with synchronous=NORMAL: a committed transaction is in the WAL before the HTTP response is
 * written, so killing the process (even with SIGKILL) never loses an acknowledged write; only an
 * OS crash or power cut could lose the last few commits.
 */
export function openDatabase(file: string, options: DatabaseOptions = {}): Database.Database {
  if (file !== ':memory:') createPrivately(file);
  const db = file === ':memory:' ? openInMemory() : new Database(file);
  db.pragma('journal_mode = WAL');
  if (file !== ':memory:') keepPrivate(file);
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? BUSY_TIMEOUT_MS}`);
  db.pragma('foreign_keys = ON');
  // Checkpoints normally run in a worker (checkpointer.ts); this is only the fallback threshold.
  if (file !== ':memory:') db.pragma('wal_autocheckpoint = 20000');
  // A WAL that grew during a burst is cut back to this size each time it restarts from the top.
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  if (file !== ':memory:') db.pragma(`mmap_size = ${MMAP_SIZE_BYTES}`);
  migrate(db);
  return db;
}

/**
 * ':memory:' as an image in SQLite's memdb VFS rather than its MEMDB pager. The MEMDB pager keeps
 * every page in a page cache that can never evict, and SQLite's b-tree balancing parks a page on
 * the lock-byte page number (page 262,145) while it swaps two pages; the commit then truncates
 * the cache to the database size by walking its whole hash table, so every commit after a page
 * split costs time in proportion to the database (65 µs at 20,000 pushed users, 400 µs at 50,000:
 * the push benchmark's per-user cost doubled by 100,000). The memdb VFS holds the image apart
 * from the page cache, which keeps its usual bounded size, so a commit costs the same at any
 * size. Like every memdb image it is capped at 1 GiB (SQLITE_MEMDB_DEFAULT_MAXSIZE); past that
 * a write fails with SQLITE_FULL.
 */
function openInMemory(): Database.Database {
  return new Database(Buffer.alloc(0));
}

/**
 * The database holds the SAML IdP's private signing key, SCIM and admin token hashes and the
 * users' sessions: only its owner may read it. A folder this creates is 0700 (an existing one is
 * left as it is: it may be shared, such as /tmp); the file is created 0600 before SQLite opens it.
 */
function createPrivately(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
}

/**
 * 0600 for the database and its -wal and -shm (SQLite creates those with the database's mode;
 * this also tightens files an older build left 0644).
 */
function keepPrivate(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `Database schema version ${current} is newer than this build knows (${MIGRATIONS.length}).`,
    );
  }
  // One transaction for every pending step: a new database (a workshop creates one per
  // attendee) commits once, not once per migration; a failure still leaves the old version.
  db.transaction(() => {
    for (let version = current; version < MIGRATIONS.length; version++) {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }
  })();
}
