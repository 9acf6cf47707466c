/**
 * Where each cloud of a workshop keeps its data. SQLite: a file per attendee beside the
 * trainer's (`cloud.db` → `cloud.attendee-3.db`), each cloud opening its own. PostgreSQL: a schema
 * per attendee (`attendee_3`) in the one database, the trainer's tenant in the URL's own schema,
 * and every one of these stores on one shared connection pair (store/postgres/postgres-store.ts
 * says why): a workshop of 100 attendees holds two connections, not 202.
 */
import { isPostgresUrl } from '../store/open-store.js';
import { PostgresConnection, redacted } from '../store/postgres/postgres-store.js';
import type { Store } from '../store/types.js';
import { attendeeDb } from './tenant.js';

/** What startCloud needs for one cloud of the workshop: its `db`, and its store if opened here. */
export interface TenantData {
  db: string;
  store?: Store;
}

export interface TenantDatabases {
  /** Attendee k's, or the trainer's (null). */
  open(attendee: number | null): TenantData;
  /** Where the data is, for the trainer: `cloud.db (attendee k: cloud.attendee-k.db)`. */
  readonly description: string;
}

/** PostgreSQL's schema of attendee k. */
export const attendeeSchema = (attendee: number): string => `attendee_${attendee}`;

export function tenantDatabases(db: string): TenantDatabases {
  if (!isPostgresUrl(db)) {
    return {
      open: (attendee) => ({ db: attendee === null ? db : attendeeDb(db, attendee) }),
      description: `${db} (attendee k: ${attendeeDb(db, 1).replace('-1', '-k')})`,
    };
  }
  // Opened on the first store: describing the workshop's databases connects to nothing.
  let connection: PostgresConnection | undefined;
  return {
    open(attendee) {
      connection ??= new PostgresConnection(db);
      const schema = attendee === null ? undefined : attendeeSchema(attendee);
      return { db, store: connection.openStore(schema) };
    },
    description: `${redacted(db)} (attendee k: schema ${attendeeSchema(1).replace('1', 'k')})`,
  };
}
