/**
 * Workshop mode on PostgreSQL: a tenant per attendee, each in a schema of its own in one database,
 * every tenant's store (and the trainer's) on one shared connection pair. Tenants are isolated,
 * and the workshop holds two connections however many attendees it has.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PostgresConnection } from '../../electron/cloud/store/postgres/postgres-store.js';
import type { Store } from '../../electron/cloud/store/types.js';
import { startWorkshop, type RunningWorkshop } from '../../electron/cloud/workshop/workshop.js';
import { spawnCloudCli, waitForLine } from '../helpers/cli.js';
import {
  admin,
  enableScim,
  expectList,
  expectStatus,
  scim,
  USER_SCHEMA,
} from '../helpers/cloud.js';
import { freshPostgresUrl } from './test-db.js';

const ATTENDEES = 3;
let w: RunningWorkshop;
let db: string;
let client: pg.Client;

/** The connections to the workshop's database, but this test's own. */
async function connections(): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return rows[0]!.n;
}

const tenant = (k: number) => {
  const t = w.tenants.find((x) => x.attendee === k)!;
  return { baseUrl: `${w.baseUrl}${t.prefix}`, adminToken: t.adminToken };
};

beforeAll(async () => {
  db = (await freshPostgresUrl({ seeded: true }))!;
  client = new pg.Client({ connectionString: db });
  await client.connect();
  w = await startWorkshop({ attendees: ATTENDEES, db, port: 0, adminToken: 'trainer' });
}, 60_000);

afterAll(async () => {
  await w?.close();
  await client?.end();
});

it('keeps each tenant in its own schema: a SCIM user of attendee 1 is not in attendee 2', async () => {
  const one = await enableScim(tenant(1), 'Okta');
  const two = await enableScim(tenant(2), 'Okta');
  const created = await scim(one.endpoint, one.token).post('/Users', {
    schemas: [USER_SCHEMA],
    userName: 'only-in-one@acme-1.example',
    active: true,
  });
  expectStatus(created, 201);

  const filter = `/Users?filter=${encodeURIComponent('userName eq "only-in-one@acme-1.example"')}`;
  expect(expectList(await scim(one.endpoint, one.token).get(filter)).totalResults).toBe(1);
  expect(expectList(await scim(two.endpoint, two.token).get(filter)).totalResults).toBe(0);
  // Attendee 1's token is no key to attendee 2's endpoint either.
  expect((await scim(two.endpoint, one.token).get(filter)).status).toBe(401);

  const { rows } = await client.query<{ schemaname: string }>(
    `SELECT schemaname FROM pg_tables WHERE tablename = 'scim_users' ORDER BY schemaname`,
  );
  expect(rows.map((r) => r.schemaname)).toEqual([
    'attendee_1',
    'attendee_2',
    'attendee_3',
    'public',
  ]);
  const where = async (schema: string) =>
    (
      await client.query(`SELECT 1 FROM ${schema}.scim_users WHERE user_name = $1`, [
        'only-in-one@acme-1.example',
      ])
    ).rowCount;
  expect(await where('attendee_1')).toBe(1);
  expect(await where('attendee_2')).toBe(0);
  expect(await where('public')).toBe(0);
});

it('holds two connections for the whole workshop (one for statements, one that listens)', async () => {
  // With a connection pair per tenant it would be 2 × (3 attendees + the trainer) = 8.
  expect(await connections()).toBe(2);
});

it('refuses a store used inside another store’s transaction on the shared connection', async () => {
  const shared = new PostgresConnection(db);
  const stores: Store[] = [shared.openStore('shared_a'), shared.openStore('shared_b')];
  const [a, b] = stores as [Store, Store];
  try {
    a.settings.set('k', 'a');
    b.settings.set('k', 'b');
    expect(() => a.transaction(() => b.settings.get('k'))).toThrow(/inside another store/);
    // Each in turn is fine, and each reads its own schema's row.
    expect([a.settings.get('k'), b.settings.get('k')]).toEqual(['a', 'b']);
    expect(a.transaction(() => a.settings.get('k'))).toBe('a');
  } finally {
    for (const s of stores) await s.close();
  }
});

it('lets go of every connection when the workshop closes', async () => {
  await w.close();
  await expect.poll(connections).toBe(0);
});

it('runs from the command line: npm run cloud -- --attendees 2 --db postgres://…', async () => {
  const url = (await freshPostgresUrl())!;
  const cli = await spawnCloudCli(
    ['--attendees', '2', '--port', '0', '--db', url, '--admin-token', 'trainer'],
    60_000,
  );
  try {
    const [database] = await waitForLine(cli, /^Database: .*/);
    expect(database).toContain('(attendee k: schema attendee_k)');
    expect(database).toContain(':***@'); // the password is not printed
    expect(database).not.toContain(`:${new URL(url).password}@`);
    const idps = await admin({ baseUrl: `${cli.baseUrl}/t/2`, adminToken: 'trainer' }).idps();
    expect(idps.flatMap((i) => i.domains).sort()).toEqual(['acme-2.example', 'globex-2.example']);
    cli.signal('SIGTERM');
    expect(await cli.exited).toEqual({ code: 0, signal: null });
  } finally {
    await cli.dispose();
  }
}, 90_000);
