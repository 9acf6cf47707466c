import type { IdpChange } from '../../../shared/model/idp.js';
import { isoTime } from '../clock/clock.js';
import type { Db } from './database.js';
import type { IdpStore, PeerChannel, StoredIdp } from './types.js';

interface IdpRow {
  doc: string;
  scim_token_hash: string | null;
}

const toIdp = (row: IdpRow): StoredIdp => ({
  config: JSON.parse(row.doc) as StoredIdp['config'],
  scimTokenHash: row.scim_token_hash,
});

/**
 * IdP configurations, read on every SCIM request (token and SCIM Sync checks), so reads are cached.
 * Every write drops the cached entry, and a failed transaction drops them all (see sqlite-store),
 * so the cache never serves a state the database does not hold. Other instances on the database
 * (peers) are told of each write after it, and drop their entry; while they may miss that,
 * nothing is cached.
 */
export class SqliteIdpStore implements IdpStore {
  private readonly cache = new Map<string, StoredIdp | undefined>();
  private readonly listStmt;
  private readonly getStmt;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly removeStmt;
  private readonly changeStmt;
  private readonly changesStmt;

  constructor(
    db: Db,
    private readonly peers: PeerChannel,
  ) {
    peers.on('idp', (id) => this.cache.delete(id));
    peers.onResync(() => this.invalidate());
    this.listStmt = db.prepare<[], IdpRow>('SELECT doc, scim_token_hash FROM idps ORDER BY seq');
    this.getStmt = db.prepare<[string], IdpRow>(
      'SELECT doc, scim_token_hash FROM idps WHERE id = ?',
    );
    this.insertStmt = db.prepare('INSERT INTO idps (id, doc, scim_token_hash) VALUES (?, ?, ?)');
    this.updateStmt = db.prepare('UPDATE idps SET doc = ?, scim_token_hash = ? WHERE id = ?');
    this.removeStmt = db.prepare<[string]>('DELETE FROM idps WHERE id = ?');
    this.changeStmt = db.prepare(
      'INSERT INTO idp_changes (idp_id, at, field, old_value, new_value) VALUES (?, ?, ?, ?, ?)',
    );
    this.changesStmt = db.prepare<
      [string],
      {
        idp_id: string;
        at: number;
        field: string;
        old_value: string | null;
        new_value: string | null;
      }
    >(
      'SELECT idp_id, at, field, old_value, new_value FROM idp_changes WHERE idp_id = ? ORDER BY seq',
    );
  }

  list() {
    return this.listStmt.all().map(toIdp);
  }

  get(id: string) {
    if (this.cache.has(id)) return this.cache.get(id);
    const row = this.getStmt.get(id);
    const idp = row && toIdp(row);
    if (this.peers.inSync) this.cache.set(id, idp);
    return idp;
  }

  invalidate() {
    this.cache.clear();
  }

  insert(idp: StoredIdp) {
    this.cache.delete(idp.config.id);
    this.insertStmt.run(idp.config.id, JSON.stringify(idp.config), idp.scimTokenHash);
    this.peers.publish('idp', idp.config.id);
  }

  update(idp: StoredIdp) {
    this.cache.delete(idp.config.id);
    this.updateStmt.run(JSON.stringify(idp.config), idp.scimTokenHash, idp.config.id);
    this.peers.publish('idp', idp.config.id);
  }

  remove(id: string) {
    this.cache.delete(id);
    const removed = this.removeStmt.run(id).changes > 0;
    if (removed) this.peers.publish('idp', id);
    return removed;
  }

  recordChange(c: { idpId: string; at: number; field: string; from: unknown; to: unknown }) {
    this.changeStmt.run(
      c.idpId,
      c.at,
      c.field,
      JSON.stringify(c.from ?? null),
      JSON.stringify(c.to ?? null),
    );
  }

  changes(idpId: string): IdpChange[] {
    return this.changesStmt.all(idpId).map((r) => ({
      idpId: r.idp_id,
      at: isoTime(r.at),
      field: r.field,
      from: r.old_value === null ? null : (JSON.parse(r.old_value) as unknown),
      to: r.new_value === null ? null : (JSON.parse(r.new_value) as unknown),
    }));
  }
}
