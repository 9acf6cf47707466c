import { startCheckpointer } from './checkpointer.js';
import { openDatabase, type DatabaseOptions } from './database.js';
import { NO_PEERS } from './no-peers.js';
import { storeOver } from './store-over.js';
import type { Store } from './types.js';
import { writeTransaction } from './write-transaction.js';

/** The embedded store: one SQLite file (or :memory:) holding the whole cloud. */
export function openSqliteStore(file: string, options: DatabaseOptions = {}): Store {
  const db = openDatabase(file, options);
  const checkpointer = file === ':memory:' ? undefined : startCheckpointer(file);
  // Called inside another, it runs as a savepoint. BEGIN IMMEDIATE takes the write lock up
  // front, waiting (busy_timeout, on the clock: write-transaction.ts) while the checkpointer
  // truncates the WAL: a deferred transaction that read first would instead fail at once with
  // SQLITE_BUSY on its first write.
  const inTransaction = writeTransaction(db);
  // SQLite's data_version changes when another connection (process) commits to the file.
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  return storeOver(
    db,
    <T>(fn: () => T) => inTransaction(fn) as T,
    async () => {
      await checkpointer?.close();
      db.close();
    },
    () => dataVersion.get() as number,
    NO_PEERS,
  );
}
