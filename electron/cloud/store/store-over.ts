import { SqliteAuthStore } from './sqlite-auth-store.js';
import { SqliteIssueStore } from './sqlite-issue-store.js';
import type { Db } from './database.js';
import { SqliteIdpKeyStore } from './sqlite-idp-key-store.js';
import { SqliteIdpStore } from './sqlite-idp-store.js';
import { SqlitePolicyStore } from './sqlite-policy-store.js';
import { SqliteScimStore } from './sqlite-scim-store.js';
import { SqliteSyncLogStore } from './sqlite-sync-log-store.js';
import { SqliteDiagnosticsStore, SqliteTimelineStore } from './sqlite-timeline-store.js';
import { SqliteDirectoryStore } from './sqlite-directory-store.js';
import { SqliteProvisioningStore } from './sqlite-provisioning-store.js';
import type { PeerChannel, SettingsStore, Store } from './types.js';
import { SqliteClockStore } from './sqlite-clock-store.js';
import { SqliteOidcStore } from './sqlite-oidc-store.js';
import { SqliteRateLimitStore } from './sqlite-rate-limit-store.js';
import { SqlitePresenceStore } from './sqlite-presence-store.js';

class SqliteSettings implements SettingsStore {
  private readonly getStmt;
  private readonly setStmt;
  private readonly claimStmt;
  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { value: string }>(
      'SELECT value FROM settings WHERE key = ?',
    );
    this.setStmt = db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    // One statement, so that PostgreSQL's row lock decides between two instances claiming at once.
    this.claimStmt = db.prepare(
      `INSERT INTO settings (key, value) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE settings.value = ''`,
    );
  }
  get(key: string) {
    return this.getStmt.get(key)?.value;
  }
  set(key: string, value: string) {
    this.setStmt.run(key, value);
  }
  claim(key: string, value: string) {
    return this.claimStmt.run(key, value).changes === 1;
  }
}

/**
 * The whole store over one database, SQLite (sqlite-store.ts) or PostgreSQL
 * (postgres/postgres-store.ts): the same stores, given the database's own transaction (which
 * must nest), close, a stamp that changes when another connection commits (null where the
 * database cannot tell: then the readers that cache, scim.readStamp's, keep nothing), and the
 * channel to the other instances on the database (PostgreSQL) that keeps those caches true.
 */
export function storeOver(
  db: Db,
  inTransaction: <T>(fn: () => T) => T,
  close: () => Promise<void>,
  othersCommitted: () => number | null,
  peers: PeerChannel,
): Store {
  const idps = new SqliteIdpStore(db, peers);
  const timeline = new SqliteTimelineStore(db);
  return {
    settings: new SqliteSettings(db),
    timeline,
    diagnostics: new SqliteDiagnosticsStore(db),
    auth: new SqliteAuthStore(db),
    issues: new SqliteIssueStore(db),
    idpKeys: new SqliteIdpKeyStore(db),
    idps,
    scim: new SqliteScimStore(db, othersCommitted, peers),
    syncLog: new SqliteSyncLogStore(db),
    directory: new SqliteDirectoryStore(db),
    provisioning: new SqliteProvisioningStore(db),
    policy: new SqlitePolicyStore(db, peers),
    peers,
    clock: new SqliteClockStore(db),
    rateLimits: new SqliteRateLimitStore(db),
    oidc: new SqliteOidcStore(db),
    presence: new SqlitePresenceStore(db),
    transaction: <T>(fn: () => T): T => {
      try {
        return inTransaction(fn);
      } catch (e) {
        idps.invalidate(); // rolled back: cached reads taken inside it may be gone
        throw e;
      }
    },
    close: async () => {
      timeline.flush(); // its batched records are acknowledged: written before the database goes
      await close();
    },
  };
}
