/**
 * The `postgres` project's template database: the cloud's migrations applied once per run, so a
 * test's fresh database is a file copy (CREATE DATABASE … TEMPLATE) instead of ~40 statements of
 * DDL through the bridge. Test databases are named after the template, so a run can drop its own.
 */
import { randomBytes } from 'node:crypto';
import { startCloud } from '../../electron/cloud/cloud.js';
import { openPostgresStore } from '../../electron/cloud/store/postgres/postgres-store.js';
import { databaseUrl, withClient } from './server-admin.js';

/** Creates this run's template database, migrated by the store itself; returns its name. */
export async function createMigratedTemplate(server: string): Promise<string> {
  const name = `ccs_run_${randomBytes(4).toString('hex')}`;
  await withClient(server, (c) => c.query(`CREATE DATABASE ${name}`));
  const store = openPostgresStore(databaseUrl(server, name)); // migrates
  await store.close();
  return name;
}

/**
 * A copy of the migrated template with the demo tenant seeded, as a cloud seeds a new database:
 * most test clouds start from it, so each does not seed again (~100 statements). Returns its name.
 */
export async function createSeededTemplate(server: string, migrated: string): Promise<string> {
  const name = `${migrated}_seeded`;
  await withClient(server, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${migrated}`));
  const cloud = await startCloud({ port: 0, db: databaseUrl(server, name), seed: true });
  await cloud.close();
  return name;
}

/** A new database, a copy of the template (which no connection may hold while it is copied). */
export async function copyOfTemplate(server: string, template: string): Promise<string> {
  const name = `${template}_${randomBytes(5).toString('hex')}`;
  await withClient(server, (c) =>
    c.query(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY`),
  );
  return databaseUrl(server, name);
}

/** Drops the template and every copy of it (their connections are closed by force). */
export async function dropRunDatabases(server: string, template: string): Promise<void> {
  await withClient(server, async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $1 || '\\_%'`,
      [template],
    );
    for (const { datname } of rows) await c.query(`DROP DATABASE ${datname} WITH (FORCE)`);
  });
}
