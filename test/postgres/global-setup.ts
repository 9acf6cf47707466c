/**
 * Global setup of the `postgres` test project: one real PostgreSQL for the whole run (embedded,
 * from the npm registry), or the server CLOUD_TEST_POSTGRES_URL names. The cloud's migrations run
 * once, into a template database, and a second template has the demo tenant seeded; each store
 * or cloud a test opens gets a copy of one (test-db.ts), as fresh as SQLite's :memory:, without
 * migrating or seeding again.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from './embedded.js';
import { createMigratedTemplate, createSeededTemplate, dropRunDatabases } from './template-db.js';

export default async function setup(project: TestProject) {
  const given = process.env.CLOUD_TEST_POSTGRES_URL;
  let server = given;
  let stopServer = async () => {};
  if (!server) {
    const dir = mkdtempSync(join(tmpdir(), 'ccs-pg-'));
    chmodSync(dir, 0o755); // the server runs as the user postgres, who must reach data/
    const started = performance.now();
    const pg = await startEmbeddedPostgres(join(dir, 'data'), 0, { throwaway: true });
    console.log(
      `PostgreSQL for the tests on port ${pg.port} (${Math.round(performance.now() - started)} ms to start)`,
    );
    server = pg.url;
    stopServer = async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const template = await createMigratedTemplate(server);
  project.provide('postgresUrl', server);
  project.provide('postgresTemplate', template);
  project.provide('postgresSeededTemplate', await createSeededTemplate(server, template));
  return async () => {
    // A server of its own goes with its folder; on a given one, this run's databases are dropped.
    if (given) await dropRunDatabases(server, template);
    await stopServer();
  };
}
