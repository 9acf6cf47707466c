/**
 * The peer channel (store.peers, LISTEN/NOTIFY): two stores on one database stand for two cloud
 * instances. A message arrives at the other instance, never at its sender, only if its
 * transaction commits, and not at a store on another schema (another tenant or test).
 */
import { afterEach, expect, it } from 'vitest';
import pg from 'pg';
import { openStore } from '../../electron/cloud/store/open-store.js';
import { peerChannelOf } from '../../electron/cloud/store/postgres/pg-peers.js';
import { PostgresConnection } from '../../electron/cloud/store/postgres/postgres-store.js';
import type { PeerTopic, Store } from '../../electron/cloud/store/types.js';
import { freshPostgresUrl } from './test-db.js';

const opened: Store[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});

function open(url: string): Store {
  const store = openStore(url);
  opened.push(store);
  return store;
}

/** Everything a store hears on a topic. */
function heard(store: Store, topic: PeerTopic): string[] {
  const messages: string[] = [];
  store.peers.on(topic, (m) => messages.push(m));
  return messages;
}

const settle = () => new Promise((r) => setTimeout(r, 300));

it('delivers to the other instance after the commit, never to the sender, not across schemas', async () => {
  const url = (await freshPostgresUrl())!;
  const [a, b, elsewhere] = [open(url), open(url), open((await freshPostgresUrl())!)];
  const atA = heard(a, 'scim');
  const atB = heard(b, 'scim');
  const atElsewhere = heard(elsewhere, 'scim');

  a.peers.publish('scim', 'outside a transaction');
  a.transaction(() => {
    a.peers.publish('scim', 'committed');
    // A savepoint rolled back takes its messages with it...
    expect(() =>
      a.transaction(() => {
        a.peers.publish('scim', 'rolled back to the savepoint');
        throw new Error('undo');
      }),
    ).toThrow('undo');
  });
  // ...as does a whole transaction.
  expect(() =>
    a.transaction(() => {
      a.settings.set('x', 'y');
      a.peers.publish('scim', 'rolled back');
      throw new Error('undo');
    }),
  ).toThrow('undo');
  await settle();

  expect(atB).toEqual(['outside a transaction', 'committed']);
  expect(atA).toEqual([]);
  expect(atElsewhere).toEqual([]);
  expect(b.peers.inSync).toBe(true);
});

it('gives each schema on a shared connection its own channel: two workshops, tenant to tenant', async () => {
  const url = (await freshPostgresUrl())!;
  // Two instances of one workshop, each with its tenants' stores on one connection pair.
  const [one, two] = [new PostgresConnection(url), new PostgresConnection(url)];
  const [one1, one2, two1, two2] = [
    one.openStore('attendee_1'),
    one.openStore('attendee_2'),
    two.openStore('attendee_1'),
    two.openStore('attendee_2'),
  ];
  opened.push(one1, one2, two1, two2);
  const [at1, at2, atOwnNeighbour] = [
    heard(two1, 'scim'),
    heard(two2, 'scim'),
    heard(one2, 'scim'),
  ];

  one1.peers.publish('scim', 'for attendee 1');
  two2.peers.publish('scim', 'for attendee 2');
  await expect.poll(() => at1).toEqual(['for attendee 1']);
  await expect.poll(() => atOwnNeighbour).toEqual(['for attendee 2']);
  await settle();
  expect(at1).toEqual(['for attendee 1']);
  expect(at2).toEqual([]); // its own instance sent it
  expect([one1, one2, two1, two2].every((s) => s.peers.inSync)).toBe(true);

  // A tenant that closes stops listening; its neighbour on the connection still hears.
  await opened.splice(opened.indexOf(two1), 1)[0]!.close();
  one1.peers.publish('scim', 'after the close');
  one2.peers.publish('scim', 'to the neighbour');
  await expect.poll(() => at2).toEqual(['to the neighbour']);
  expect(at1).toEqual(['for attendee 1']);
});

it('refuses a message over PostgreSQL’s NOTIFY limit, rather than losing it', async () => {
  const a = open((await freshPostgresUrl())!);
  expect(() => a.peers.publish('broker', 'x'.repeat(8_000))).toThrow(/8000 bytes/);
});

it('after losing its listening connection, hears again and drops what it kept meanwhile', async () => {
  const url = (await freshPostgresUrl())!;
  const [a, b] = [open(url), open(url)];
  const atB = heard(b, 'idp');
  let resyncs = 0;
  b.peers.onResync(() => resyncs++);
  await settle(); // the first 'up' of each store counts as a resync too
  const before = resyncs;

  // The listening connections of this schema's instances end, as a server restart ends them.
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ s: string }>('SELECT current_schema() AS s');
    const ended = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND query = $1`,
      [`LISTEN ${peerChannelOf(rows[0]!.s)}`],
    );
    expect(ended.rowCount).toBe(2);
  } finally {
    await admin.end();
  }
  await expect.poll(() => b.peers.inSync).toBe(false);
  await expect.poll(() => b.peers.inSync, { timeout: 5_000 }).toBe(true);
  expect(resyncs).toBe(before + 1);
  a.peers.publish('idp', 'heard again');
  await expect.poll(() => atB).toEqual(['heard again']);
});
