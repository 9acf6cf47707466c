import type { Db } from './database.js';
import type { IdpKeyStore } from './types.js';

/** The idp_keys table (migration 2): one JSON doc per IdP and key kind. */
export class SqliteIdpKeyStore implements IdpKeyStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      get: db.prepare<[string, string], { doc: string }>(
        'SELECT doc FROM idp_keys WHERE idp_id = ? AND kind = ?',
      ),
      insert: db.prepare<[string, string, string]>(
        'INSERT OR IGNORE INTO idp_keys (idp_id, kind, doc) VALUES (?, ?, ?)',
      ),
      remove: db.prepare<[string, string]>('DELETE FROM idp_keys WHERE idp_id = ? AND kind = ?'),
    };
  }

  get(idpId: string, kind: string): unknown {
    const row = this.s.get.get(idpId, kind);
    return row ? (JSON.parse(row.doc) as unknown) : undefined;
  }

  putIfAbsent(idpId: string, kind: string, doc: unknown): unknown {
    this.s.insert.run(idpId, kind, JSON.stringify(doc));
    return this.get(idpId, kind);
  }

  remove(idpId: string, kind: string): boolean {
    return this.s.remove.run(idpId, kind).changes === 1;
  }
}
