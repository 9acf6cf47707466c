import { startCheckpointer } from './checkpointer.js';
import { SqliteAuthStore } from './sqlite-auth-store.js';
import { SqliteIssueStore } from './sqlite-issue-store.js';
import { openDatabase, type Db } from './database.js';
import { SqliteIdpKeyStore } from './sqlite-idp-key-store.js';
import { SqliteIdpStore } from './sqlite-idp-store.js';
import { SqlitePolicyStore } from './sqlite-policy-store.js';
import { SqliteScimStore } from './sqlite-scim-store.js';
import { SqliteSyncLogStore } from './sqlite-sync-log-store.js';
import { SqliteDiagnosticsStore, SqliteTimelineStore } from './sqlite-timeline-store.js';
import { SqliteDirectoryStore } from './sqlite-directory-store.js';
import { SqliteProvisioningStore } from './sqlite-provisioning-store.js';
import type { SettingsStore, Store } from './types.js';

class SqliteSettings implements SettingsStore {
  private readonly getStmt;
  private readonly setStmt;
  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { value: string }>(
      'SELECT value FROM settings WHERE key = ?',
    );
    this.setStmt = db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }
  get(key: string) {
    return this.getStmt.get(key)?.value;
  }
  set(key: string, value: string) {
    this.setStmt.run(key, value);
  }
}

/** The embedded store: one SQLite file (or :memory:) holding the whole cloud. */
export function openSqliteStore(file: string): Store {
  const db = openDatabase(file);
  const idps = new SqliteIdpStore(db);
  const checkpointer = file === ':memory:' ? undefined : startCheckpointer(file);
  // One transaction function for every call (better-sqlite3 builds a wrapper per db.transaction);
  // called inside another, it runs as a savepoint. BEGIN IMMEDIATE takes the write lock up
  // front, waiting (busy_timeout) while the checkpointer truncates the WAL: a deferred
  // transaction that read first would instead fail at once with SQLITE_BUSY on its first write.
  const inTransaction = db.transaction(<T>(fn: () => T): T => fn()).immediate;
  const timeline = new SqliteTimelineStore(db);
  return {
    settings: new SqliteSettings(db),
    timeline,
    diagnostics: new SqliteDiagnosticsStore(db),
    auth: new SqliteAuthStore(db),
    issues: new SqliteIssueStore(db),
    idpKeys: new SqliteIdpKeyStore(db),
    idps,
    scim: new SqliteScimStore(db),
    syncLog: new SqliteSyncLogStore(db),
    directory: new SqliteDirectoryStore(db),
    provisioning: new SqliteProvisioningStore(db),
    policy: new SqlitePolicyStore(db),
    transaction: <T>(fn: () => T): T => {
      try {
        return inTransaction(fn) as T;
      } catch (e) {
        idps.invalidate(); // rolled back: cached reads taken inside it may be gone
        throw e;
      }
    },
    close: async () => {
      timeline.flush();
      await checkpointer?.close();
      db.close();
    },
  };
}
