/**
 * Talking to a PostgreSQL server as its administrator (creating and dropping databases): for the
 * `postgres` test project's templates and the benchmarks, which load nothing of the cloud for it.
 */
import pg from 'pg';

/** The URL of `database` on the server `server` names. */
export function databaseUrl(server: string, database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withClient<T>(server: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
