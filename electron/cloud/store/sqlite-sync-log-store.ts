import type { ScimSyncLogEntry } from '../../../shared/model/scim-sync-log.js';
import { isoTime } from '../clock/clock.js';
import type { Db } from './database.js';
import type { NewSyncLogEntry, SyncLogQuery, SyncLogStore } from './types.js';

interface LogRow {
  seq: number;
  idp_id: string;
  at: number;
  method: string;
  path: string;
  entity_type: string;
  entity_name: string | null;
  idp_entity_id: string | null;
  internal_entity_id: string | null;
  status: number;
  duration_ms: number;
  user_agent: string | null;
  scim_type: string | null;
  detail: string | null;
  request: string | null;
}

const DURATION_SQL: Record<string, string> = {
  le200ms: 'duration_ms <= 200',
  le500ms: 'duration_ms <= 500',
  le1s: 'duration_ms <= 1000',
  le3s: 'duration_ms <= 3000',
  gt3s: 'duration_ms > 3000',
};

const toEntry = (r: LogRow): ScimSyncLogEntry => ({
  seq: r.seq,
  idpId: r.idp_id,
  at: isoTime(r.at),
  method: r.method,
  path: r.path,
  entityType: r.entity_type as ScimSyncLogEntry['entityType'],
  entityName: r.entity_name,
  idpEntityId: r.idp_entity_id,
  internalEntityId: r.internal_entity_id,
  status: r.status,
  durationMs: r.duration_ms,
  userAgent: r.user_agent,
  scimType: r.scim_type,
  detail: r.detail,
  request: r.request === null ? null : (JSON.parse(r.request) as unknown),
});

export class SqliteSyncLogStore implements SyncLogStore {
  private readonly insertStmt;
  private readonly pruneStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO scim_sync_log (idp_id, at, method, path, entity_type, entity_name, idp_entity_id,
         internal_entity_id, status, duration_ms, user_agent, scim_type, detail, request)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.pruneStmt = db.prepare<[number]>('DELETE FROM scim_sync_log WHERE at < ?');
  }

  /** One line per SCIM request: positional parameters bind a third faster than named ones. */
  append(entries: readonly NewSyncLogEntry[]) {
    for (const e of entries) {
      this.insertStmt.run(
        e.idpId,
        e.at,
        e.method,
        e.path,
        e.entityType,
        e.entityName,
        e.idpEntityId,
        e.internalEntityId,
        e.status,
        e.durationMs,
        e.userAgent,
        e.scimType,
        e.detail,
        e.request === undefined || e.request === null ? null : JSON.stringify(e.request),
      );
    }
  }

  query(q: SyncLogQuery) {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    const eq = (column: string, key: keyof SyncLogQuery) => {
      if (q[key] === undefined) return;
      where.push(`${column} = @${key}`);
      params[key] = q[key];
    };
    eq('idp_id', 'idpId');
    eq('entity_type', 'entityType');
    eq('idp_entity_id', 'idpEntityId');
    eq('internal_entity_id', 'internalEntityId');
    eq('status', 'status');
    eq('method', 'method');
    if (q.entityName !== undefined) {
      where.push("entity_name LIKE @entityName ESCAPE '\\'");
      params.entityName = `%${q.entityName.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    if (q.duration !== undefined) where.push(DURATION_SQL[q.duration]!);
    if (q.since !== undefined) {
      where.push('at >= @since');
      params.since = q.since;
    }
    if (q.until !== undefined) {
      where.push('at <= @until');
      params.until = q.until;
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM scim_sync_log ${clause}`).get(params) as {
        n: number;
      }
    ).n;
    const rows = this.db
      .prepare(
        `SELECT * FROM scim_sync_log ${clause} ORDER BY seq DESC LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit: q.limit, offset: q.offset }) as LogRow[];
    return { total, entries: rows.map(toEntry) };
  }

  pruneBefore(at: number) {
    return this.pruneStmt.run(at).changes;
  }
}
