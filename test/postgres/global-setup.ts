/**
 * Global setup of the `postgres` test project: one real PostgreSQL for the whole run (embedded,
 * from the npm registry), or the server CLOUD_TEST_POSTGRES_URL names. Each cloud or store a
 * test opens gets a schema of its own in it (test-db.ts), as fresh as SQLite's :memory:.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from './embedded.js';

export default async function setup(project: TestProject) {
  const given = process.env.CLOUD_TEST_POSTGRES_URL;
  if (given) {
    project.provide('postgresUrl', given);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'ccs-pg-'));
  chmodSync(dir, 0o755); // the server runs as the user postgres, who must reach data/
  const started = performance.now();
  const pg = await startEmbeddedPostgres(join(dir, 'data'), 0, { throwaway: true });
  console.log(
    `PostgreSQL for the tests on port ${pg.port} (${Math.round(performance.now() - started)} ms to start)`,
  );
  project.provide('postgresUrl', pg.url);
  return async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
