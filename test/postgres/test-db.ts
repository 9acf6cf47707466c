/**
 * Where a test's cloud or store keeps its data: SQLite's :memory: in every project but
 * `postgres`, where the global setup provides a server and each call gets a new schema in it.
 */
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL server of the `postgres` test project; absent elsewhere. */
    postgresUrl?: string;
  }
}

/**
 * The `postgres` project's server, if this is that project. The test helpers also serve the
 * benchmarks, which run outside vitest, where inject() throws: there it is SQLite.
 */
const postgresServer = (): string | undefined =>
  process.env.VITEST ? inject('postgresUrl') : undefined;

/** Whether this run's clouds and stores are on PostgreSQL (the `postgres` project). */
export const onPostgres = (): boolean => postgresServer() !== undefined;

/** A fresh PostgreSQL schema's URL in the `postgres` project, else undefined. */
export async function freshPostgresUrl(): Promise<string | undefined> {
  const server = postgresServer();
  if (!server) return undefined;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  const url = new URL(server);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** The database a test cloud or store opens: a fresh PostgreSQL schema, or :memory:. */
export async function freshTestDb(): Promise<string> {
  return (await freshPostgresUrl()) ?? ':memory:';
}
