import type { Db } from './database.js';
import type { DiagnosticsStore, TimelineRecord, TimelineStore } from './types.js';
import { WriteBehind } from './write-behind.js';

/** How long appended records may wait to be written with the next ones. */
const FLUSH_MS = 50;

interface Row {
  at: number;
  user_name: string | null;
  idp_id: string | null;
  source: TimelineRecord['source'];
  code: string | null;
  text: string;
  error: number;
}

/**
 * The timeline's own append-only records (migration 5). Appends wait up to FLUSH_MS and are
 * written together in one transaction: every app open and every push adds a record, and a commit
 * each cost a busy cloud (a workshop's 1,000 connectors) a file write per request. Reads write
 * what waits first, so they always see every record appended; closing the store writes it too.
 */
export class SqliteTimelineStore implements TimelineStore {
  private readonly pending = new WriteBehind<TimelineRecord>(
    (records) => this.write(records),
    FLUSH_MS,
    'Timeline records',
  );
  private readonly insertStmt;
  private readonly forUserStmt;
  private readonly knowsStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO timeline_events (at, user_name_lc, idp_id, source, code, text, error)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.knowsStmt = db.prepare<[string], { n: number }>(
      'SELECT 1 AS n FROM timeline_events WHERE user_name_lc = ? LIMIT 1',
    );
    // The newest `limit` in the window, handed back oldest first. The IdP list is JSON so one
    // statement serves any number of IdPs.
    this.forUserStmt = db.prepare<[string, string, number, number, number], Row>(
      `SELECT * FROM (
         SELECT seq, at, user_name_lc AS user_name, idp_id, source, code, text, error
           FROM timeline_events
          WHERE (user_name_lc = ?
                 OR (user_name_lc IS NULL
                     AND (idp_id IS NULL OR idp_id IN (SELECT value FROM json_each(?)))))
            AND at >= ? AND at <= ?
          ORDER BY at DESC, seq DESC LIMIT ?)
        ORDER BY at, seq`,
    );
  }

  append(records: readonly TimelineRecord[]): void {
    this.pending.add(...records);
  }

  /** Writes the records waiting (before a read, and before the database closes). */
  flush(): void {
    this.pending.flush();
  }

  private write(records: readonly TimelineRecord[]): void {
    this.db.transaction(() => {
      for (const r of records) {
        this.insertStmt.run(
          r.at,
          r.userName?.toLowerCase() ?? null,
          r.idpId,
          r.source,
          r.code,
          r.text,
          r.error ? 1 : 0,
        );
      }
    })();
  }

  knowsUser(userName: string): boolean {
    this.flush();
    return this.knowsStmt.get(userName.toLowerCase()) !== undefined;
  }

  forUser(q: {
    userName: string;
    idpIds: readonly string[];
    since: number;
    until: number;
    limit: number;
  }): TimelineRecord[] {
    this.flush();
    return this.forUserStmt
      .all(q.userName.toLowerCase(), JSON.stringify(q.idpIds), q.since, q.until, q.limit)
      .map((r) => ({
        at: r.at,
        userName: r.user_name,
        idpId: r.idp_id,
        source: r.source,
        code: r.code,
        text: r.text,
        error: r.error === 1,
      }));
  }
}

/** Imported Export Logs ZIPs (migration 5). */
export class SqliteDiagnosticsStore implements DiagnosticsStore {
  private readonly insertStmt;
  private readonly getStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      'INSERT INTO diagnostics_imports (id, created_at, doc) VALUES (?, ?, ?)',
    );
    this.getStmt = db.prepare<[string], { doc: string }>(
      'SELECT doc FROM diagnostics_imports WHERE id = ?',
    );
  }

  insert(r: { id: string; createdAt: number; doc: unknown }): void {
    this.insertStmt.run(r.id, r.createdAt, JSON.stringify(r.doc));
  }

  get(id: string): unknown {
    const row = this.getStmt.get(id);
    return row ? (JSON.parse(row.doc) as unknown) : undefined;
  }
}
