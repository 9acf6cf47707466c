import Database from 'better-sqlite3';
import type { Db } from './database.js';
import type { AuthStore, StoredSession } from './types.js';

interface SessionRow {
  id: string;
  token_hash: string;
  idp_id: string;
  user_name: string;
  device_id: string;
  created_at: number;
  revoked_at: number | null;
  doc: string;
}

const SESSION_COLUMNS =
  "id, token_hash, idp_id, json_extract(doc, '$.userName') AS user_name, device_id, created_at, revoked_at, doc";

const toSession = (r: SessionRow): StoredSession => ({
  id: r.id,
  tokenHash: r.token_hash,
  idpId: r.idp_id,
  userName: r.user_name,
  deviceId: r.device_id,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  doc: JSON.parse(r.doc) as Record<string, unknown>,
});

export class SqliteAuthStore implements AuthStore {
  private readonly s;
  /** SQLite: a store transaction holds the write lock until it commits (liveSessionAtCommit). */
  private readonly writerExclusive: boolean;

  constructor(private readonly db: Db) {
    this.writerExclusive = db instanceof Database;
    this.s = {
      putRequest: db.prepare(
        'INSERT INTO saml_requests (id, idp_id, created_at, expires_at, doc) VALUES (?, ?, ?, ?, ?)',
      ),
      // A take is one statement, so two instances on one database cannot both take the same.
      takeRequest: db.prepare<
        [string],
        { id: string; idp_id: string; created_at: number; expires_at: number; doc: string }
      >('DELETE FROM saml_requests WHERE id = ? RETURNING id, idp_id, created_at, expires_at, doc'),
      useAssertion: db.prepare(
        'INSERT OR IGNORE INTO saml_used_assertions (assertion_id, idp_id, expires_at) VALUES (?, ?, ?)',
      ),
      putCode: db.prepare('INSERT INTO login_codes (code_hash, expires_at, doc) VALUES (?, ?, ?)'),
      takeCode: db.prepare<[string], { expires_at: number; doc: string }>(
        'DELETE FROM login_codes WHERE code_hash = ? RETURNING expires_at, doc',
      ),
      insertSession: db.prepare(
        `INSERT INTO connector_sessions (id, token_hash, idp_id, user_name_lc, device_id, created_at, revoked_at, doc)
         VALUES (@id, @tokenHash, @idpId, @userNameLc, @deviceId, @createdAt, @revokedAt, @doc)`,
      ),
      updateSession: db.prepare(
        `UPDATE connector_sessions SET user_name_lc = @userNameLc, revoked_at = @revokedAt, doc = @doc WHERE id = @id`,
      ),
      byToken: db.prepare<[string], SessionRow>(
        `SELECT ${SESSION_COLUMNS} FROM connector_sessions WHERE token_hash = ?`,
      ),
      byId: db.prepare<[string], SessionRow>(
        `SELECT ${SESSION_COLUMNS} FROM connector_sessions WHERE id = ?`,
      ),
      ofUser: db.prepare<[string, string], SessionRow>(
        `SELECT ${SESSION_COLUMNS} FROM connector_sessions WHERE idp_id = ? AND user_name_lc = ? ORDER BY seq`,
      ),
      anyLive: db.prepare<[string, string], { one: number }>(
        'SELECT 1 AS one FROM connector_sessions WHERE idp_id = ? AND user_name_lc = ? AND revoked_at IS NULL LIMIT 1',
      ),
      pruneRequests: db.prepare<[number]>('DELETE FROM saml_requests WHERE expires_at < ?'),
      pruneAssertions: db.prepare<[number]>(
        'DELETE FROM saml_used_assertions WHERE expires_at < ?',
      ),
      pruneCodes: db.prepare<[number]>('DELETE FROM login_codes WHERE expires_at < ?'),
    };
  }

  putSamlRequest(r: {
    id: string;
    idpId: string;
    createdAt: number;
    expiresAt: number;
    doc: unknown;
  }) {
    this.s.putRequest.run(r.id, r.idpId, r.createdAt, r.expiresAt, JSON.stringify(r.doc));
  }

  takeSamlRequest(id: string) {
    const row = this.s.takeRequest.get(id);
    if (!row) return undefined;
    return {
      id: row.id,
      idpId: row.idp_id,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      doc: JSON.parse(row.doc) as unknown,
    };
  }

  markAssertionUsed(assertionId: string, idpId: string, expiresAt: number) {
    return this.s.useAssertion.run(assertionId, idpId, expiresAt).changes === 1;
  }

  putLoginCode(codeHash: string, expiresAt: number, doc: unknown) {
    this.s.putCode.run(codeHash, expiresAt, JSON.stringify(doc));
  }

  takeLoginCode(codeHash: string) {
    const row = this.s.takeCode.get(codeHash);
    if (!row) return undefined;
    return { expiresAt: row.expires_at, doc: JSON.parse(row.doc) as unknown };
  }

  private sessionParams(s: StoredSession) {
    return {
      id: s.id,
      tokenHash: s.tokenHash,
      idpId: s.idpId,
      userNameLc: s.userName.toLowerCase(),
      deviceId: s.deviceId,
      createdAt: s.createdAt,
      revokedAt: s.revokedAt,
      doc: JSON.stringify({ ...s.doc, userName: s.userName }),
    };
  }

  insertSession(s: StoredSession) {
    this.s.insertSession.run(this.sessionParams(s));
  }

  updateSession(s: StoredSession) {
    const { id, userNameLc, revokedAt, doc } = this.sessionParams(s);
    this.s.updateSession.run({ id, userNameLc, revokedAt, doc });
  }

  sessionByTokenHash(tokenHash: string) {
    const row = this.s.byToken.get(tokenHash);
    return row && toSession(row);
  }

  sessionById(id: string) {
    const row = this.s.byId.get(id);
    return row && toSession(row);
  }

  sessionsOfUser(idpId: string, userName: string) {
    return this.s.ofUser.all(idpId, userName.toLowerCase()).map(toSession);
  }

  liveSessionAtCommit(idpId: string, userName: string) {
    if (!this.writerExclusive || !this.db.inTransaction) return undefined;
    return this.s.anyLive.get(idpId, userName.toLowerCase()) !== undefined;
  }

  sessions(filter: { idpId?: string; includeRevoked?: boolean } = {}) {
    const where: string[] = [];
    if (filter.idpId !== undefined) where.push('idp_id = @idpId');
    if (!filter.includeRevoked) where.push('revoked_at IS NULL');
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    return (
      this.db
        .prepare(`SELECT ${SESSION_COLUMNS} FROM connector_sessions ${clause} ORDER BY seq`)
        .all(filter.idpId !== undefined ? { idpId: filter.idpId } : {}) as SessionRow[]
    ).map(toSession);
  }

  pruneExpired(now: number) {
    this.s.pruneRequests.run(now);
    this.s.pruneAssertions.run(now);
    this.s.pruneCodes.run(now);
  }
}
