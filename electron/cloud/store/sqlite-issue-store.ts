import type { Db } from './database.js';
import type { IssueReportStore } from './types.js';

export class SqliteIssueStore implements IssueReportStore {
  private readonly insertStmt;
  private readonly listStmt;
  private readonly countStmt;
  private readonly logsStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      'INSERT INTO issue_reports (id, created_at, user_name, doc, logs) VALUES (?, ?, ?, ?, ?)',
    );
    this.listStmt = db.prepare<
      [number, number],
      { id: string; created_at: number; user_name: string | null; doc: string; logs_bytes: number }
    >(
      `SELECT id, created_at, user_name, doc, coalesce(length(logs), 0) AS logs_bytes
         FROM issue_reports ORDER BY seq DESC LIMIT ? OFFSET ?`,
    );
    this.countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM issue_reports');
    this.logsStmt = db.prepare<[string], { logs: Buffer | null }>(
      'SELECT logs FROM issue_reports WHERE id = ?',
    );
  }

  insert(r: {
    id: string;
    createdAt: number;
    userName: string | null;
    doc: unknown;
    logs: Buffer | null;
  }) {
    this.insertStmt.run(r.id, r.createdAt, r.userName, JSON.stringify(r.doc), r.logs);
  }

  list(limit: number, offset: number) {
    return {
      total: this.countStmt.get()!.n,
      reports: this.listStmt.all(limit, offset).map((r) => ({
        id: r.id,
        createdAt: r.created_at,
        userName: r.user_name,
        doc: JSON.parse(r.doc) as unknown,
        logsBytes: r.logs_bytes,
      })),
    };
  }

  logs(id: string) {
    return this.logsStmt.get(id)?.logs ?? undefined;
  }
}
