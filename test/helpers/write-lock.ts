import Database from 'better-sqlite3';

/**
 * Runs `fn` while a second connection holds the SQLite file's write lock, as another process
 * (or the checkpointer's RESTART) would: the cloud's writes meet SQLITE_BUSY until it is released.
 */
export async function whileWriteLocked<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const locker = new Database(file);
  try {
    locker.exec('BEGIN IMMEDIATE');
    return await fn();
  } finally {
    locker.exec('ROLLBACK');
    locker.close();
  }
}
