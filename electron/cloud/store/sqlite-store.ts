import { startCheckpointer } from './checkpointer.js';
import { SqliteAuthStore } from './sqlite-auth-store.js';
import { openDatabase, type Db } from './database.js';
import { SqliteIdpStore } from './sqlite-idp-store.js';
import { SqliteScimStore } from './sqlite-scim-store.js';
import { SqliteSyncLogStore } from './sqlite-sync-log-store.js';
import type { DirectoryStore, DirectoryUser, SettingsStore, Store } from './types.js';

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

class SqliteDirectory implements DirectoryStore {
  private readonly listStmt;
  private readonly upsertStmt;
  private readonly countStmt;
  constructor(db: Db) {
    this.listStmt = db.prepare<[string], { doc: string }>(
      'SELECT doc FROM directory_users WHERE idp_id = ? ORDER BY seq',
    );
    this.upsertStmt = db.prepare(
      `INSERT INTO directory_users (idp_id, id, user_name_lc, doc) VALUES (?, ?, ?, ?)
       ON CONFLICT (idp_id, id) DO UPDATE SET user_name_lc = excluded.user_name_lc, doc = excluded.doc`,
    );
    this.countStmt = db.prepare<[string], { n: number }>(
      'SELECT count(*) AS n FROM directory_users WHERE idp_id = ?',
    );
  }
  list(idpId: string) {
    return this.listStmt.all(idpId).map((r) => JSON.parse(r.doc) as DirectoryUser);
  }
  upsert(idpId: string, user: DirectoryUser) {
    this.upsertStmt.run(idpId, user.id, user.userName.toLowerCase(), JSON.stringify(user));
  }
  count(idpId: string) {
    return this.countStmt.get(idpId)!.n;
  }
}

/** The embedded store: one SQLite file (or :memory:) holding the whole cloud. */
export function openSqliteStore(file: string): Store {
  const db = openDatabase(file);
  const idps = new SqliteIdpStore(db);
  const checkpointer = file === ':memory:' ? undefined : startCheckpointer(file);
  return {
    settings: new SqliteSettings(db),
    auth: new SqliteAuthStore(db),
    idps,
    scim: new SqliteScimStore(db),
    syncLog: new SqliteSyncLogStore(db),
    directory: new SqliteDirectory(db),
    transaction: <T>(fn: () => T): T => {
      try {
        return db.transaction(fn)();
      } catch (e) {
        idps.invalidate(); // rolled back: cached reads taken inside it may be gone
        throw e;
      }
    },
    close: async () => {
      await checkpointer?.close();
      db.close();
    },
  };
}
