/**
 * The part of better-sqlite3's API the stores (sqlite-*.ts) use, so that one set of stores runs
 * on SQLite (better-sqlite3 itself) and on PostgreSQL (postgres/pg-db.ts, which takes the same
 * SQLite-dialect SQL and the same calls). Signatures follow better-sqlite3's own typings.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- better-sqlite3's own bound
export type AnyFunction = (...params: any[]) => unknown;
export type ArgumentTypes<F extends AnyFunction> = F extends (...args: infer A) => unknown
  ? A
  : never;

export interface SqlStatement<P extends unknown[], R> {
  run(...params: P): { changes: number };
  get(...params: P): R | undefined;
  all(...params: P): R[];
}

export interface SqlDb {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- as better-sqlite3 types it
  prepare<P extends unknown[] | {} = unknown[], R = unknown>(
    sql: string,
  ): P extends unknown[] ? SqlStatement<P, R> : SqlStatement<[P], R>;
  /** True while a transaction (or savepoint) is open on this connection. */
  readonly inTransaction: boolean;
  /** Wraps fn: a call runs it in a transaction, or in a savepoint when one is open. */
  transaction<F extends AnyFunction>(fn: F): (...params: ArgumentTypes<F>) => ReturnType<F>;
}

/** better-sqlite3's code for a broken UNIQUE index; PgDb gives PostgreSQL's 23505 the same code. */
export const UNIQUE_VIOLATION_CODE = 'SQLITE_CONSTRAINT_UNIQUE';

/**
 * better-sqlite3's code for a database locked past its busy timeout; PgDb gives PostgreSQL's
 * lock and serialization failures the same code (the HTTP layers answer it 503, "send again").
 */
export const BUSY_CODE = 'SQLITE_BUSY';

/** A database locked past its busy timeout (SQLITE_BUSY and its extended codes), on either database. */
export function isDatabaseBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith(BUSY_CODE);
}

/** A write refused by a UNIQUE index, on either database. */
export const isUniqueViolation = (e: unknown): boolean =>
  e instanceof Error && (e as { code?: string }).code === UNIQUE_VIOLATION_CODE;
