import type { Db } from './database.js';
import type { FoundOidcRecord, OidcRecord, OidcRecordStore } from './instance-state-types.js';

type Key = { idp: string; model: string; id: string };

/**
 * The oidc_records table (migration 7): oidc-provider's records of each bundled OIDC IdP, so a
 * sign-in started on one cloud instance can finish on another. An expired record is never
 * found; pruneExpired deletes them.
 */
export class SqliteOidcStore implements OidcRecordStore {
  private readonly s;

  constructor(db: Db) {
    const live = '(expires_at IS NULL OR expires_at > @now)';
    this.s = {
      upsert: db.prepare<
        Key & {
          doc: string;
          expires: number | null;
          uid: string | null;
          userCode: string | null;
          grantId: string | null;
        }
      >(
        `INSERT INTO oidc_records (idp_id, model, id, doc, expires_at, uid, user_code, grant_id)
         VALUES (@idp, @model, @id, @doc, @expires, @uid, @userCode, @grantId)
         ON CONFLICT (idp_id, model, id) DO UPDATE SET doc = excluded.doc,
           expires_at = excluded.expires_at, uid = excluded.uid,
           user_code = excluded.user_code, grant_id = excluded.grant_id, consumed = NULL`,
      ),
      find: db.prepare<Key & { now: number }, FoundOidcRecord>(
        `SELECT doc, consumed FROM oidc_records
         WHERE idp_id = @idp AND model = @model AND id = @id AND ${live}`,
      ),
      byUid: db.prepare<
        { idp: string; model: string; value: string; now: number },
        FoundOidcRecord
      >(
        `SELECT doc, consumed FROM oidc_records
         WHERE idp_id = @idp AND model = @model AND uid = @value AND ${live}`,
      ),
      byUserCode: db.prepare<
        { idp: string; model: string; value: string; now: number },
        FoundOidcRecord
      >(
        `SELECT doc, consumed FROM oidc_records
         WHERE idp_id = @idp AND model = @model AND user_code = @value AND ${live}`,
      ),
      consume: db.prepare<Key & { at: number }>(
        `UPDATE oidc_records SET consumed = @at
         WHERE idp_id = @idp AND model = @model AND id = @id AND consumed IS NULL`,
      ),
      destroy: db.prepare<Key>(
        'DELETE FROM oidc_records WHERE idp_id = @idp AND model = @model AND id = @id',
      ),
      revoke: db.prepare<[string, string]>(
        'DELETE FROM oidc_records WHERE idp_id = ? AND grant_id = ?',
      ),
      removeIdp: db.prepare<[string]>('DELETE FROM oidc_records WHERE idp_id = ?'),
      prune: db.prepare<[number]>(
        'DELETE FROM oidc_records WHERE expires_at IS NOT NULL AND expires_at <= ?',
      ),
    };
  }

  upsert(
    idp: string,
    model: string,
    id: string,
    r: OidcRecord & { uid?: string; userCode?: string; grantId?: string },
  ): void {
    this.s.upsert.run({
      idp,
      model,
      id,
      doc: r.doc,
      expires: r.expiresAt,
      uid: r.uid ?? null,
      userCode: r.userCode ?? null,
      grantId: r.grantId ?? null,
    });
  }

  find(idp: string, model: string, id: string, now: number) {
    return this.s.find.get({ idp, model, id, now });
  }

  findBy(idp: string, model: string, key: 'uid' | 'userCode', value: string, now: number) {
    const stmt = key === 'uid' ? this.s.byUid : this.s.byUserCode;
    return stmt.get({ idp, model, value, now });
  }

  consume(idp: string, model: string, id: string, at: number): void {
    this.s.consume.run({ idp, model, id, at });
  }

  destroy(idp: string, model: string, id: string): void {
    this.s.destroy.run({ idp, model, id });
  }

  revokeByGrantId(idp: string, grantId: string): void {
    this.s.revoke.run(idp, grantId);
  }

  removeIdp(idp: string): void {
    this.s.removeIdp.run(idp);
  }

  pruneExpired(now: number): void {
    this.s.prune.run(now);
  }
}
