/**
 * Which connector sessions are on a push channel (store.presence, broker/presence.ts): on SQLite
 * (project unit) and on PostgreSQL (project postgres), where two stores on one database stand
 * for two cloud instances.
 */
import { expect, it } from 'vitest';
import { twoStores } from './two-stores.js';

const NOW = 1_700_000_000_000;
const TTL = 45_000;

it('shows a session present while one instance holds it, once however many do', async () => {
  const [a, b] = await twoStores();
  a.presence.attached('s1', 'A', NOW + TTL);
  b.presence.attached('s1', 'B', NOW + TTL); // a reconnect reached B before A saw the old close
  b.presence.attached('s2', 'B', NOW + TTL);
  expect(a.presence.connected(NOW)).toEqual(['s1', 's2']);
  a.presence.detached('s1', 'A');
  expect(b.presence.connected(NOW)).toEqual(['s1', 's2']);
  b.presence.detached('s1', 'B');
  b.presence.detached('s1', 'A'); // not there any more: nothing changes
  expect(a.presence.connected(NOW)).toEqual(['s2']);
  b.presence.clear('B');
  expect(a.presence.connected(NOW)).toEqual([]);
});

it("lets a dead instance's sessions lapse while a live one's heartbeat keeps its own", async () => {
  const [a, b] = await twoStores();
  a.presence.attached('on-a', 'A', NOW + TTL);
  b.presence.attached('on-b', 'B', NOW + TTL);
  // A keeps beating; B was killed and never renews.
  a.presence.renew('A', NOW + 30_000, NOW + 30_000 + TTL);
  expect(b.presence.connected(NOW + TTL - 1)).toEqual(['on-a', 'on-b']);
  expect(b.presence.connected(NOW + TTL)).toEqual(['on-a']);
  // The next heartbeat also forgets B's lapsed row: gone even for a reader whose clock is behind.
  a.presence.renew('A', NOW + TTL + 1, NOW + 2 * TTL);
  expect(b.presence.connected(NOW)).toEqual(['on-a']);
});
