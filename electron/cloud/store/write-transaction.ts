import type Database from 'better-sqlite3';
import { isDatabaseBusy } from './sql-db.js';

/**
 * A write transaction on SQLite (BEGIN IMMEDIATE; a savepoint inside another transaction) whose
 * busy timeout is wall-clock time, as the connection's `busy_timeout` promises.
 *
 * Why: SQLite's busy handler counts the sleeps it asked for, not the time they took, and each
 * sleep is one `nanosleep()` that a signal ends early, the rest forgotten (unixSleep). V8's
 * sampling profiler (`node --cpu-prof`, an inspector's `Profiler.start`) sends the main thread
 * SIGPROF every millisecond, so the 5 s of BUSY_TIMEOUT_MS lasted 60–85 ms, and a BEGIN
 * IMMEDIATE that met the checkpointer's RESTART or TRUNCATE (the write lock held 10–50 ms, longer
 * on a loaded machine) failed at once with SQLITE_BUSY: the SCIM benchmark's 503s under
 * `--server-cpu-prof`.
 *
 * What: when BEGIN IMMEDIATE itself answers SQLITE_BUSY before the timeout has passed on the
 * clock, it runs again with the time left as its busy timeout. Safe: a BEGIN IMMEDIATE that
 * fails leaves the connection in autocommit (its OP_Transaction fails before OP_AutoCommit) and
 * `fn` has not been called, so nothing was read, written or done in JavaScript; trying again is
 * what SQLite's own busy handler does, for longer. A SQLITE_BUSY raised inside `fn` or by COMMIT
 * is never retried (`fn` ran), and a lock held past the timeout still fails with SQLITE_BUSY
 * (http/database-busy.ts answers 503).
 */
export function writeTransaction(db: Database.Database): <T>(fn: () => T) => T {
  const busyTimeoutMs = db.pragma('busy_timeout', { simple: true }) as number;
  /** Set when the transaction's body starts: the BEGIN before it succeeded. */
  let began = false;
  // One transaction function for every call (better-sqlite3 builds a wrapper per db.transaction).
  const immediate = db.transaction(<T>(fn: () => T): T => {
    began = true;
    return fn();
  }).immediate;

  /** Tries BEGIN again until the clock passes `since` + the timeout; then the last SQLITE_BUSY. */
  function retry<T>(fn: () => T, since: number, error: unknown): T {
    try {
      for (;;) {
        const leftMs = Math.ceil(since + busyTimeoutMs - performance.now());
        if (leftMs <= 0) throw error;
        db.pragma(`busy_timeout = ${leftMs}`);
        began = false;
        try {
          return immediate(fn) as T;
        } catch (e) {
          if (began || !isDatabaseBusy(e)) throw e;
          error = e;
        }
      }
    } finally {
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    }
  }

  return <T>(fn: () => T): T => {
    if (db.inTransaction) return immediate(fn) as T; // a savepoint: no lock to wait for
    const since = performance.now();
    began = false;
    try {
      return immediate(fn) as T;
    } catch (e) {
      if (began || !isDatabaseBusy(e)) throw e;
      return retry(fn, since, e);
    }
  };
}
