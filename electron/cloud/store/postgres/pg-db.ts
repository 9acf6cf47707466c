import {
  BUSY_CODE,
  UNIQUE_VIOLATION_CODE,
  type AnyFunction,
  type ArgumentTypes,
  type SqlDb,
  type SqlStatement,
} from '../sql-db.js';
import { toPostgresQuery, type PgQuery } from './dialect.js';
import { PgError, SyncBridge, type BridgeRequest } from './sync-bridge.js';

/**
 * better-sqlite3's calls (sql-db.ts) over one PostgreSQL connection, so the SQLite stores run on
 * PostgreSQL unchanged: SQL is translated once per statement text (dialect.ts); a transaction
 * is BEGIN ... COMMIT, and one inside another a savepoint, as better-sqlite3 nests them; a
 * uniqueness violation carries better-sqlite3's error code, which is how the stores tell it.
 *
 * One difference remains: in PostgreSQL a failed statement spoils the transaction it ran in
 * until that is rolled back (to its savepoint), where SQLite undoes only the statement. The
 * stores and services let such an error leave the transaction, so both behave the same.
 */
export class PgDb implements SqlDb {
  private readonly queries = new Map<string, PgQuery>();
  /** Open transaction levels: 0 none, 1 BEGIN, 2+ savepoints. */
  private depth = 0;
  /**
   * Transaction control not sent yet: it travels with the next statement, so a SCIM write in
   * the group commit (BEGIN, SAVEPOINT, INSERT, RELEASE, COMMIT) crosses to the worker twice,
   * not five times, and a transaction that ran no statement is never sent at all.
   */
  private pending: string[] = [];

  /**
   * searchPath: the schema this store's tables are in, as stores in several schemas may share
   * the bridge's connection (PostgresConnection, postgres-store.ts); the worker sets it before a
   * statement when the last one was another store's.
   */
  constructor(
    readonly bridge: SyncBridge,
    readonly searchPath?: string,
  ) {}

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  prepare<P extends unknown[] | object = unknown[], R = unknown>(sql: string) {
    let query = this.queries.get(sql);
    if (!query) this.queries.set(sql, (query = toPostgresQuery(sql)));
    return new PgStatement<R>(this, query) as unknown as P extends unknown[]
      ? SqlStatement<P, R>
      : SqlStatement<[P], R>;
  }

  /** Runs statements as they are (the simple protocol: several at once, no parameters). */
  exec(sql: string): void {
    try {
      this.send({ op: 'exec', text: [...this.takePending(), sql].join('; ') });
    } catch (e) {
      throw asStoreError(e); // a COMMIT can fail on a serialization failure
    }
  }

  query(text: string, values: unknown[]) {
    try {
      const before = this.takePending().join('; ');
      const reply = this.send({ op: 'query', before, text, values });
      return { rows: reply.rows.map(withBuffers), rowCount: reply.rowCount };
    } catch (e) {
      throw asStoreError(e);
    }
  }

  /**
   * NOTIFY on this connection: inside a transaction it travels with the next statement (at the
   * latest the COMMIT) and PostgreSQL delivers it at the commit, or never if it rolls back.
   */
  notify(channel: string, payload: string): void {
    const sql = `NOTIFY ${channel}, ${stringLiteral(payload)}`;
    if (this.depth > 0) this.pending.push(sql);
    else this.exec(sql);
  }

  transaction<F extends AnyFunction>(fn: F) {
    return (...params: ArgumentTypes<F>): ReturnType<F> => {
      if (this.depth === 0) this.holdConnection();
      try {
        return this.nest(fn, params);
      } finally {
        if (this.depth === 0) this.bridge.transactionOf = undefined;
      }
    };
  }

  private nest<F extends AnyFunction>(fn: F, params: ArgumentTypes<F>): ReturnType<F> {
    const level = ++this.depth;
    const open = level === 1 ? 'BEGIN' : `SAVEPOINT sp${level}`;
    this.pending.push(open);
    let result: ReturnType<F>;
    try {
      result = fn(...params) as ReturnType<F>;
      if (result instanceof Promise) {
        throw new TypeError('Transaction function cannot return a promise');
      }
    } catch (e) {
      this.depth--;
      this.end(open, level === 1 ? 'ROLLBACK' : `ROLLBACK TO sp${level}; RELEASE sp${level}`);
      throw e;
    }
    this.depth--;
    this.end(open, level === 1 ? 'COMMIT' : `RELEASE sp${level}`);
    return result;
  }

  /**
   * Takes the connection for this store's transaction. A store's transaction is synchronous, so
   * on a connection shared by stores in several schemas another store can only speak inside it
   * if called from within it: its statements would join this transaction (and its search_path
   * change be undone with a rollback). That is refused, loudly, rather than done wrong.
   */
  private holdConnection(): void {
    if (this.bridge.transactionOf !== undefined && this.bridge.transactionOf !== this) {
      throw new Error(
        'A store on a shared connection was used inside another store’s transaction.',
      );
    }
    this.bridge.transactionOf = this;
  }

  private send(request: BridgeRequest) {
    const holder = this.bridge.transactionOf;
    if (holder !== undefined && holder !== this) this.holdConnection(); // throws
    return this.bridge.call({ ...request, searchPath: this.searchPath } as BridgeRequest);
  }

  /** Ends a level: nothing if it ran no statement; a savepoint's end waits for the next one. */
  private end(open: string, close: string): void {
    if (this.pending.at(-1) === open) {
      this.pending.pop();
    } else if (this.depth > 0) {
      this.pending.push(close);
    } else if (close === 'COMMIT') {
      this.exec(close); // committed before the call returns
    } else {
      try {
        this.exec(close);
      } catch {
        // The connection is gone, and with it the transaction: the first error is the news.
      }
    }
  }

  private takePending(): string[] {
    const taken = this.pending;
    this.pending = [];
    return taken;
  }
}

class PgStatement<R> {
  constructor(
    private readonly db: PgDb,
    private readonly query: PgQuery,
  ) {}

  run(...params: unknown[]) {
    return { changes: this.execute(params).rowCount };
  }

  get(...params: unknown[]): R | undefined {
    return this.execute(params).rows[0] as R | undefined;
  }

  all(...params: unknown[]): R[] {
    return this.execute(params).rows as R[];
  }

  private execute(params: unknown[]) {
    return this.db.query(this.query.text, bind(this.query, params));
  }
}

/** Positional values as given; named ones (@name) from the one object, in $n order. */
function bind(query: PgQuery, params: unknown[]): unknown[] {
  const [first] = params;
  const isNamed = params.length === 1 && first?.constructor === Object;
  if (!query.names && !isNamed) return params.map((v) => v ?? null);
  const named = (first ?? {}) as Record<string, unknown>;
  return (query.names ?? []).map((name) => {
    if (!(name in named)) throw new RangeError(`Missing named parameter "${name}"`);
    return named[name] ?? null;
  });
}

/** bytea values cross the worker boundary as Uint8Array; the stores expect Buffers. */
function withBuffers(row: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(row)) {
    if (value instanceof Uint8Array && !Buffer.isBuffer(value)) {
      row[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    }
  }
  return row;
}

/** A string constant whatever standard_conforming_strings says (E'' escapes backslashes). */
export function stringLiteral(text: string): string {
  if (text.includes('\0')) throw new RangeError('A NUL character cannot be sent to PostgreSQL.');
  return `E'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * PostgreSQL gave up on a lock: the statement, and the transaction it ran in, were rolled back,
 * so nothing was written and the request can be sent again, as after SQLITE_BUSY. Read committed
 * (the stores' level) still meets a deadlock between two instances' transactions (40P01), and a
 * lock_timeout set on the server or in PGOPTIONS ends a wait behind another's lock (55P03);
 * 40001 comes from a stricter isolation level set on the server.
 */
const BUSY_SQLSTATES = new Set([
  '55P03', // lock_not_available
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

/** SQLSTATEs the stores (or the HTTP layers) tell apart, as better-sqlite3's codes. */
export function asStoreError(e: unknown): unknown {
  if (!(e instanceof PgError) || e.pgCode === undefined) return e;
  if (e.pgCode === '23505') return Object.assign(e, { code: UNIQUE_VIOLATION_CODE });
  if (BUSY_SQLSTATES.has(e.pgCode)) return Object.assign(e, { code: BUSY_CODE });
  return e;
}
