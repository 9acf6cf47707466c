import type { Db } from './database.js';
import type {
  NewProvisioningLogEntry,
  ProvisioningLogEntry,
  ProvisioningLogQuery,
  ProvisioningObject,
  ProvisioningObjectType,
  ProvisioningSettings,
  ProvisioningStore,
} from './provisioning-types.js';

/** The provisioning, provisioning_objects and provisioning_log tables (migration 2). */
export class SqliteProvisioningStore implements ProvisioningStore {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      settings: db.prepare<[string], { doc: string }>(
        'SELECT doc FROM provisioning WHERE idp_id = ?',
      ),
      putSettings: db.prepare<[string, string]>(
        `INSERT INTO provisioning (idp_id, doc) VALUES (?, ?)
         ON CONFLICT (idp_id) DO UPDATE SET doc = excluded.doc`,
      ),
      // Settings are written only by JSON.stringify and read by JSON.parse, so the text of what
      // was read is the text stored, unless someone wrote since.
      replaceSettings: db.prepare<[string, string, string]>(
        'UPDATE provisioning SET doc = ? WHERE idp_id = ? AND doc = ?',
      ),
      idpIds: db.prepare<[], { idp_id: string }>('SELECT idp_id FROM provisioning ORDER BY idp_id'),
      object: db.prepare<[string, string, string], { doc: string }>(
        'SELECT doc FROM provisioning_objects WHERE idp_id = ? AND object_type = ? AND object_id = ?',
      ),
      objects: db.prepare<[string], { doc: string }>(
        'SELECT doc FROM provisioning_objects WHERE idp_id = ? ORDER BY rowid',
      ),
      objectsOfType: db.prepare<[string, string], { doc: string }>(
        'SELECT doc FROM provisioning_objects WHERE idp_id = ? AND object_type = ? ORDER BY rowid',
      ),
      putObject: db.prepare<[string, string, string, string]>(
        `INSERT INTO provisioning_objects (idp_id, object_type, object_id, doc) VALUES (?, ?, ?, ?)
         ON CONFLICT (idp_id, object_type, object_id) DO UPDATE SET doc = excluded.doc`,
      ),
      removeObject: db.prepare<[string, string, string]>(
        'DELETE FROM provisioning_objects WHERE idp_id = ? AND object_type = ? AND object_id = ?',
      ),
      appendLog: db.prepare<[string, number, string]>(
        'INSERT INTO provisioning_log (idp_id, at, doc) VALUES (?, ?, ?)',
      ),
      pruneLog: db.prepare<[number]>('DELETE FROM provisioning_log WHERE at < ?'),
      // Sorted, so two instances claiming overlapping batches lock rows in the same order.
      claim: db.prepare<
        [{ idpId: string; items: string; owner: string; now: number; expiresAt: number }],
        { item: string }
      >(
        `INSERT INTO provisioning_claims (idp_id, item, claimed_by, expires_at)
         SELECT @idpId, value, @owner, CAST(@expiresAt AS BIGINT) FROM json_each(@items) WHERE true ORDER BY value
         ON CONFLICT (idp_id, item) DO UPDATE
           SET claimed_by = excluded.claimed_by, expires_at = excluded.expires_at
           WHERE provisioning_claims.claimed_by = excluded.claimed_by
              OR provisioning_claims.expires_at < @now
         RETURNING item`,
      ),
      release: db.prepare<[string, string, string]>(
        'DELETE FROM provisioning_claims WHERE idp_id = ? AND item = ? AND claimed_by = ?',
      ),
      releaseAll: db.prepare<[string]>('DELETE FROM provisioning_claims WHERE claimed_by = ?'),
      removeClaimsOfIdp: db.prepare<[string]>('DELETE FROM provisioning_claims WHERE idp_id = ?'),
      removeSettingsOfIdp: db.prepare<[string]>('DELETE FROM provisioning WHERE idp_id = ?'),
      removeObjectsOfIdp: db.prepare<[string]>('DELETE FROM provisioning_objects WHERE idp_id = ?'),
      removeLogOfIdp: db.prepare<[string]>('DELETE FROM provisioning_log WHERE idp_id = ?'),
    };
  }

  settings(idpId: string): ProvisioningSettings | undefined {
    const row = this.s.settings.get(idpId);
    return row && (JSON.parse(row.doc) as ProvisioningSettings);
  }

  putSettings(idpId: string, settings: ProvisioningSettings): void {
    this.s.putSettings.run(idpId, JSON.stringify(settings));
  }

  replaceSettings(idpId: string, expected: ProvisioningSettings, next: ProvisioningSettings) {
    const changed = this.s.replaceSettings.run(
      JSON.stringify(next),
      idpId,
      JSON.stringify(expected),
    ).changes;
    return changed === 1;
  }

  idpIds(): string[] {
    return this.s.idpIds.all().map((r) => r.idp_id);
  }

  object(idpId: string, type: ProvisioningObjectType, id: string) {
    const row = this.s.object.get(idpId, type, id);
    return row && (JSON.parse(row.doc) as ProvisioningObject);
  }

  objects(idpId: string, type?: ProvisioningObjectType): ProvisioningObject[] {
    const rows = type ? this.s.objectsOfType.all(idpId, type) : this.s.objects.all(idpId);
    return rows.map((r) => JSON.parse(r.doc) as ProvisioningObject);
  }

  putObject(idpId: string, object: ProvisioningObject): void {
    this.s.putObject.run(idpId, object.type, object.id, JSON.stringify(object));
  }

  removeObject(idpId: string, type: ProvisioningObjectType, id: string): boolean {
    return this.s.removeObject.run(idpId, type, id).changes === 1;
  }

  appendLog(idpId: string, entries: readonly NewProvisioningLogEntry[]): void {
    if (entries.length === 0) return;
    if (entries.length === 1) {
      this.s.appendLog.run(idpId, entries[0]!.at, JSON.stringify(entries[0]));
      return;
    }
    this.db.transaction(() => {
      for (const e of entries) this.s.appendLog.run(idpId, e.at, JSON.stringify(e));
    })();
  }

  log(idpId: string, q: ProvisioningLogQuery): { total: number; entries: ProvisioningLogEntry[] } {
    const where = ['idp_id = ?'];
    const params: (string | number)[] = [idpId];
    if (q.objectId !== undefined) {
      where.push("json_extract(doc, '$.objectId') = ?");
      params.push(q.objectId);
    }
    if (q.kind !== undefined) {
      where.push("json_extract(doc, '$.kind') = ?");
      params.push(q.kind);
    }
    if (q.since !== undefined) {
      where.push('at >= ?');
      params.push(q.since);
    }
    const clause = where.join(' AND ');
    const total = this.db
      .prepare<(string | number)[], { n: number }>(
        `SELECT count(*) AS n FROM provisioning_log WHERE ${clause}`,
      )
      .get(...params)!.n;
    const entries = this.db
      .prepare<(string | number)[], { seq: number; doc: string }>(
        `SELECT seq, doc FROM provisioning_log WHERE ${clause} ORDER BY seq DESC LIMIT ? OFFSET ?`,
      )
      .all(...params, q.limit, q.offset)
      .map((r) => ({ seq: r.seq, ...(JSON.parse(r.doc) as NewProvisioningLogEntry) }));
    return { total, entries };
  }

  pruneLogBefore(at: number): number {
    return this.s.pruneLog.run(at).changes;
  }

  claim(idpId: string, items: readonly string[], owner: string, now: number, expiresAt: number) {
    if (items.length === 0) return [];
    const params = { idpId, items: JSON.stringify(items), owner, now, expiresAt };
    const claimed = new Set(this.s.claim.all(params).map((r) => r.item));
    return items.filter((item) => claimed.has(item));
  }

  release(idpId: string, item: string, owner: string): void {
    this.s.release.run(idpId, item, owner);
  }

  releaseAll(owner: string): void {
    this.s.releaseAll.run(owner);
  }

  removeAllOfIdp(idpId: string): void {
    this.db.transaction(() => {
      this.s.removeClaimsOfIdp.run(idpId);
      this.s.removeLogOfIdp.run(idpId);
      this.s.removeObjectsOfIdp.run(idpId);
      this.s.removeSettingsOfIdp.run(idpId);
    })();
  }
}
