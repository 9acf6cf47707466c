/**
 * A queued provisioning item is claimed by one instance (store.provisioning.claim), and so is a
 * due Entra cycle or PingFederate poll (due-run.ts over store.provisioning.replaceSettings): on SQLite
 * (project unit) and on PostgreSQL (project postgres), where two stores on one database stand
 * for two cloud instances.
 */
import { expect, it } from 'vitest';
import { takeDueRun } from '../../../electron/cloud/idp/provisioning/due-run.js';
import type { ProvisioningSettings } from '../../../electron/cloud/store/types.js';
import { twoStores } from './two-stores.js';

const NOW = 1_700_000_000_000;
const LEASE = NOW + 60_000;

it('gives each item to one owner, leaves out the others’ items, and frees released or expired ones', async () => {
  const [a, b] = await twoStores();
  expect(a.provisioning.claim('idp', ['user:1', 'user:2'], 'A', NOW, LEASE)).toEqual([
    'user:1',
    'user:2',
  ]);
  // Order kept as asked, whatever order the claims are written in.
  expect(b.provisioning.claim('idp', ['user:3', 'user:2', 'group:1'], 'B', NOW, LEASE)).toEqual([
    'user:3',
    'group:1',
  ]);
  // The owner itself may claim again (an item queued once more while it pushes).
  expect(a.provisioning.claim('idp', ['user:2'], 'A', NOW, LEASE)).toEqual(['user:2']);
  // Another IdP's item of the same name is another item.
  expect(b.provisioning.claim('other', ['user:2'], 'B', NOW, LEASE)).toEqual(['user:2']);

  b.provisioning.release('idp', 'user:2', 'B'); // not B's: nothing changes
  expect(b.provisioning.claim('idp', ['user:2'], 'B', NOW, LEASE)).toEqual([]);
  a.provisioning.release('idp', 'user:2', 'A');
  expect(b.provisioning.claim('idp', ['user:2'], 'B', NOW, LEASE)).toEqual(['user:2']);

  // A claim of an owner that died (never released) lapses at its expiry.
  expect(b.provisioning.claim('idp', ['user:1'], 'B', LEASE - 1, LEASE + 60_000)).toEqual([]);
  expect(b.provisioning.claim('idp', ['user:1'], 'B', LEASE + 1, LEASE + 60_000)).toEqual([
    'user:1',
  ]);
});

it('frees every claim of an owner that stops, and the claims of a deleted IdP', async () => {
  const [a, b] = await twoStores();
  a.provisioning.claim('idp', ['user:1', 'user:2'], 'A', NOW, LEASE);
  a.provisioning.claim('gone', ['user:1'], 'A', NOW, LEASE);
  b.provisioning.claim('idp', ['user:3'], 'B', NOW, LEASE);
  a.provisioning.releaseAll('A');
  expect(b.provisioning.claim('idp', ['user:1', 'user:2'], 'C', NOW, LEASE)).toHaveLength(2);
  expect(a.provisioning.claim('idp', ['user:3'], 'A', NOW, LEASE)).toEqual([]);
  b.provisioning.claim('gone', ['user:1'], 'B', NOW, LEASE);
  a.provisioning.removeAllOfIdp('gone');
  expect(a.provisioning.claim('gone', ['user:1'], 'A', NOW, LEASE)).toEqual(['user:1']);
});

const pushing = (vendorState: Record<string, unknown>): ProvisioningSettings => ({
  enabled: true,
  baseUrl: 'http://127.0.0.1:9/scim/v2',
  token: 'token',
  vendorOptions: {},
  enabledAt: NOW,
  updatedAt: NOW,
  vendorState,
});

it('starts a due cycle for one instance: one that read the settings before finds them changed', async () => {
  const [a, b] = await twoStores();
  a.provisioning.putSettings('entra', pushing({ nextCycleAt: NOW, cycles: 2 }));
  const readByB = b.provisioning.settings('entra')!;

  expect(takeDueRun(a.provisioning, 'entra', 'entra', NOW + 1)).toEqual({
    settings: readByB,
    mode: 'initial',
    startedAt: NOW + 1,
  });
  const claimed = a.provisioning.settings('entra')!.vendorState;
  expect(claimed).toMatchObject({
    nextCycleAt: null,
    cycles: 2,
    lastCycle: { outcome: 'running' },
  });
  // B's write from what it read before A's claim is refused; asked again, nothing is due.
  expect(b.provisioning.replaceSettings('entra', readByB, pushing({ nextCycleAt: null }))).toBe(
    false,
  );
  expect(takeDueRun(b.provisioning, 'entra', 'entra', NOW + 1)).toBeNull();
  expect(b.provisioning.settings('entra')!.vendorState).toEqual(claimed);
});

it('starts a poll only when due, enabled and connected, and never for Okta', async () => {
  const [a] = await twoStores();
  a.provisioning.putSettings('ping', pushing({ nextPollAt: NOW, initialSyncDone: true }));
  expect(takeDueRun(a.provisioning, 'ping', 'ping', NOW - 1)).toBeNull();
  expect(takeDueRun(a.provisioning, 'ping', 'okta', NOW)).toBeNull();
  a.provisioning.putSettings('off', { ...pushing({ nextPollAt: NOW }), enabled: false });
  expect(takeDueRun(a.provisioning, 'off', 'ping', NOW)).toBeNull();
  expect(takeDueRun(a.provisioning, 'none', 'ping', NOW)).toBeNull();
  expect(takeDueRun(a.provisioning, 'ping', 'ping', NOW)).toMatchObject({ mode: 'incremental' });
  expect(a.provisioning.settings('ping')!.vendorState).toEqual({
    nextPollAt: null,
    initialSyncDone: true,
  });
});
