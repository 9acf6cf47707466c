import { openPostgresStore } from './postgres/postgres-store.js';
import { openSqliteStore } from './sqlite-store.js';
import type { Store } from './types.js';

/** A postgres:// (or postgresql://) URL: the shared store; anything else: a SQLite file. */
export const isPostgresUrl = (db: string): boolean => /^postgres(ql)?:\/\//i.test(db);

/** The cloud's store, as `--db` names it: a SQLite file, `:memory:`, or a PostgreSQL URL. */
export function openStore(db: string): Store {
  return isPostgresUrl(db) ? openPostgresStore(db) : openSqliteStore(db);
}
