/**
 * Where a test's cloud or store keeps its data: SQLite's :memory: in every project but
 * `postgres`, where the global setup provides a server and a migrated template database, and
 * each call gets a new copy of that template.
 */
import { inject } from 'vitest';
import { copyOfTemplate } from './template-db.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL server of the `postgres` test project; absent elsewhere. */
    postgresUrl?: string;
    /** The migrated database every test database of the run is copied from. */
    postgresTemplate?: string;
    /** The same with the demo tenant seeded, for clouds that would seed it. */
    postgresSeededTemplate?: string;
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

/**
 * The next copy of each template, made while the current test runs: a copy takes a checkpoint
 * (~0.1–0.4 s), which a test then does not wait for. Left unused at the end, it goes with the
 * run's databases.
 */
const next = new Map<string, Promise<string>>();

/**
 * A fresh, migrated PostgreSQL database's URL in the `postgres` project, else undefined.
 * `seeded`: with the demo tenant already in it, as a cloud started with `seed` would make it.
 */
export async function freshPostgresUrl({ seeded = false } = {}): Promise<string | undefined> {
  const server = postgresServer();
  if (!server) return undefined;
  const template = inject(seeded ? 'postgresSeededTemplate' : 'postgresTemplate')!;
  const copy = () => copyOfTemplate(server, template);
  const taken = next.get(template) ?? copy();
  const following = copy();
  following.catch(() => undefined); // its failure is reported to the test that takes it
  next.set(template, following);
  return taken;
}

/** The database a test cloud or store opens: a fresh PostgreSQL database, or :memory:. */
export async function freshTestDb(options: { seeded?: boolean } = {}): Promise<string> {
  return (await freshPostgresUrl(options)) ?? ':memory:';
}
